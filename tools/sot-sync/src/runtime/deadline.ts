// The run's hard time limit and its interruption by signals, as one AbortSignal every wait can honour.
import { DeadlineExceededError, InterruptedError, type SotSyncError } from '../errors';

/**
 * The longest delay Node's timers take (2^31 − 1 ms, about 24.8 days); a longer one fires after 1 ms with a
 * TimeoutOverflowWarning. Timers are clamped to it and re-armed; the deadline itself is never shortened (D6).
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A deadline for the whole run. Every wait (connect, query, lock, HTTP) races against `signal`,
 * so a peer that accepts a connection and then hangs cannot hang the tool.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  /** Requests in flight, named, so the deadline's error says what got no answer (issue 11, D17). */
  private readonly waiting: string[] = [];
  readonly expiresAt: number;

  constructor(
    readonly seconds: number,
    now: number = Date.now(),
  ) {
    this.expiresAt = now + seconds * 1000;
    this.arm(now);
  }

  /** One timer of at most MAX_TIMER_MS; when it fires early (a long deadline), the next one takes over. */
  private arm(now: number): void {
    const left = Math.max(0, this.expiresAt - now);
    this.timer = setTimeout(
      () => {
        if (Date.now() < this.expiresAt) return this.arm(Date.now());
        this.expire();
      },
      Math.min(left, MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  /** Aborts with the deadline's error, naming the request still in flight if there is one. */
  private expire(): void {
    const [what] = this.waiting;
    this.abort(
      what === undefined
        ? new DeadlineExceededError(`time limit of ${this.seconds}s exceeded (--max-seconds): the run stopped and any open transaction was rolled back`)
        : this.noAnswer(what),
    );
  }

  /** The error for a request (`what`: who and which call) still unanswered when the time limit came. */
  noAnswer(what: string): DeadlineExceededError {
    return new DeadlineExceededError(
      `${what} got no answer before the time limit of ${this.seconds}s (--max-seconds): the run stopped and any open transaction was rolled back`,
    );
  }

  /** `work`, named as a request in flight until it settles: should the deadline come first, its error names it. */
  waitFor<T>(what: string, work: Promise<T>): Promise<T> {
    this.waiting.push(what);
    const done = (): void => void this.waiting.splice(this.waiting.indexOf(what), 1);
    return work.finally(done);
  }

  /** Aborted when the deadline passes or the run is interrupted; `reason` is the SotSyncError to report. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Whole milliseconds left, at most MAX_TIMER_MS: callers pass it to timers and drivers (pg's connect timeout,
   * SQLite's busy timeout, AbortSignal.timeout), which take a 32-bit integer. A longer deadline still holds.
   */
  remainingMs(): number {
    return Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(this.expiresAt - Date.now())));
  }

  /** Abort the run with a reason (a deadline or a signal). The first reason wins. */
  abort(reason: SotSyncError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  interrupt(signal: 'SIGINT' | 'SIGTERM'): void {
    this.abort(new InterruptedError(signal));
  }

  /**
   * Throws the abort reason when the run is over, including when the time is up but the timer has not fired yet:
   * synchronous work (better-sqlite3's writes) never yields to the event loop, so it must look at the clock (D5).
   */
  check(): void {
    if (!this.controller.signal.aborted && Date.now() >= this.expiresAt) this.expire();
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
    return this.race(new Promise<void>((resolve) => setTimeout(resolve, Math.min(Math.max(0, ms), MAX_TIMER_MS))));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
