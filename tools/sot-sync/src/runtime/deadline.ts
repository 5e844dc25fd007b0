// The run's hard time limit and its interruption by signals, as one AbortSignal every wait can honour.
import { DeadlineExceededError, InterruptedError, type SotSyncError } from '../errors';

/**
 * A deadline for the whole run. Every wait (connect, query, lock, HTTP) races against `signal`,
 * so a peer that accepts a connection and then hangs cannot hang the tool.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  readonly expiresAt: number;

  constructor(readonly seconds: number, now: number = Date.now()) {
    this.expiresAt = now + seconds * 1000;
    this.timer = setTimeout(() => {
      this.abort(new DeadlineExceededError(`time limit of ${seconds}s exceeded (--max-seconds): the run stopped and any open transaction was rolled back`));
    }, Math.max(0, this.expiresAt - now));
    this.timer.unref();
  }

  /** Aborted when the deadline passes or the run is interrupted; `reason` is the SotSyncError to report. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.expiresAt - Date.now());
  }

  /** Abort the run with a reason (a deadline or a signal). The first reason wins. */
  abort(reason: SotSyncError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  interrupt(signal: 'SIGINT' | 'SIGTERM'): void {
    this.abort(new InterruptedError(signal));
  }

  /** Throws the abort reason when the run is already over. */
  check(): void {
    if (this.controller.signal.aborted) throw this.controller.signal.reason as Error;
  }

  /** Resolves or rejects with `work`, or rejects with the abort reason as soon as the run is aborted. */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          // Passed on untouched: errors from another realm fail `instanceof Error` but carry codes we need.
          reject(error as Error);
        },
      );
    });
  }

  /**
   * Waits `ms`, cut short (with a rejection) when the run is aborted. The timer keeps the process alive: a run
   * that is waiting (for a lock, before a retry) must not end just because nothing else is pending.
   */
  sleep(ms: number): Promise<void> {
    return this.race(new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
