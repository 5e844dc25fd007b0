// Bounded concurrency plus requests- and tokens-per-minute budgets over a sliding window. Every wait races the Deadline.
import type { Deadline } from '../runtime/deadline';

export interface RateLimits {
  /** Requests in flight at once (at least 1). */
  maxConcurrency: number;
  /** Requests started per window; unlimited when undefined. */
  requestsPerMinute?: number;
  /** Estimated tokens sent per window; unlimited when undefined. A single larger request still goes, alone. */
  tokensPerMinute?: number;
  /** The window, 60 000 ms unless a test shortens it. */
  windowMs?: number;
}

interface Waiter {
  resolve: () => void;
  cancelled: boolean;
}

/** One limiter per endpoint: a batch holds a slot (`acquireSlot`) and every attempt of it is `admit`ted first. */
export class RateLimiter {
  private readonly started: { at: number; tokens: number }[] = [];
  private readonly queue: Waiter[] = [];
  private active = 0;
  private readonly windowMs: number;

  constructor(private readonly limits: RateLimits) {
    this.windowMs = limits.windowMs ?? 60_000;
  }

  /** Waits for a concurrency slot; resolves to its release function (safe to call twice). Hold it across retries. */
  async acquireSlot(deadline: Deadline): Promise<() => void> {
    await this.takeSlot(deadline);
    let released = false;
    return () => {
      if (!released) this.release();
      released = true;
    };
  }

  /** Waits until one more request of `tokens` fits the window, and records it. Call before every attempt. */
  async admit(tokens: number, deadline: Deadline): Promise<void> {
    const { requestsPerMinute: rpm, tokensPerMinute: tpm } = this.limits;
    for (;;) {
      const now = Date.now();
      while (this.started.length > 0 && (this.started[0] as { at: number }).at <= now - this.windowMs) this.started.shift();
      const used = this.started.reduce((sum, entry) => sum + entry.tokens, 0);
      const overRequests = rpm !== undefined && this.started.length >= rpm;
      const overTokens = tpm !== undefined && this.started.length > 0 && used + tokens > tpm;
      if (!overRequests && !overTokens) {
        this.started.push({ at: now, tokens });
        return;
      }
      const oldest = this.started[0] as { at: number };
      await deadline.sleep(oldest.at + this.windowMs - now + 1);
    }
  }

  private async takeSlot(deadline: Deadline): Promise<void> {
    if (this.active < Math.max(1, this.limits.maxConcurrency)) {
      this.active++;
      return;
    }
    const waiter: Waiter = { resolve: () => undefined, cancelled: false };
    const turn = new Promise<void>((resolve) => (waiter.resolve = resolve));
    this.queue.push(waiter);
    try {
      await deadline.race(turn);
    } catch (error) {
      waiter.cancelled = true;
      throw error;
    }
  }

  // A freed slot passes straight to the next live waiter, so `active` never drops below the queue's need.
  private release(): void {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      if (!next.cancelled) return next.resolve();
    }
    this.active--;
  }
}
