// The one retry loop for HTTP calls (Qdrant and embedding endpoints): backoff with jitter, Retry-After, the Deadline.
import { DeadlineExceededError } from '../errors';
import type { Deadline } from '../runtime/deadline';

/** An HTTP answer the caller treats as a failure; `retryAfterMs` comes from `Retry-After` / `retry-after-ms`. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** One attempt took longer than `attemptTimeoutMs` (the run's deadline had not passed yet). */
export class AttemptTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

export interface RetryPolicy {
  /** Attempts in total, the first included (default 6). */
  maxAttempts: number;
  /** Backoff before retry n is drawn from [d/2, d] with d = min(maxDelayMs, baseDelayMs·2^(n−1)) (defaults 200 / 8000). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Cap on one attempt (default 30 s), always cut to the deadline's remaining time. */
  attemptTimeoutMs: number;
  /** Source of jitter, replaceable for tests (default Math.random). */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 8000, attemptTimeoutMs: 30_000, random: Math.random };

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  /** What is being called, for the message when a Retry-After reaches past the deadline (e.g. `Qdrant`). */
  label?: string;
  onRetry?: (notice: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Awaited before every attempt, outside its timeout (e.g. a rate limiter's `admit`). */
  beforeAttempt?: () => Promise<void>;
}

// Transport failures worth another try: the peer dropped or stalled the connection. A refused connection or an
// unknown host is not retried: it fails the same way again and `--full` must report it at once.
const RETRIABLE_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Runs `work` until it succeeds, fails for good, or the deadline passes. `work` gets an AbortSignal that fires at
 * the per-attempt timeout or the deadline, and every wait races the deadline, so nothing outlives it: when it
 * passes, this rejects with the deadline's DeadlineExceededError (exit 3).
 */
export async function withHttpRetry<T>(work: (signal: AbortSignal) => Promise<T>, deadline: Deadline, options: RetryOptions = {}): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const label = options.label ?? 'the server';
  for (let attempt = 1; ; attempt++) {
    deadline.check();
    await options.beforeAttempt?.();
    try {
      return await runAttempt(work, deadline, policy.attemptTimeoutMs, label);
    } catch (error) {
      if (error instanceof DeadlineExceededError) throw error;
      if (deadline.signal.aborted) throw deadline.signal.reason as Error;
      if (!isRetriable(error) || attempt >= policy.maxAttempts) throw error;
      const delayMs = retryDelayMs(error, attempt, policy);
      if (delayMs >= deadline.remainingMs()) throw noRoomToRetry(error, delayMs, label, deadline);
      options.onRetry?.({ attempt, delayMs, error });
      await deadline.sleep(delayMs);
    }
  }
}

/**
 * One attempt, cut at min(attempt timeout, time left). A request still unanswered when the deadline comes is
 * reported as just that (issue 11, D17): whichever of the two timers fires first, the words are the same.
 */
async function runAttempt<T>(work: (signal: AbortSignal) => Promise<T>, deadline: Deadline, attemptTimeoutMs: number, label: string): Promise<T> {
  const limitMs = Math.max(1, Math.min(attemptTimeoutMs, deadline.remainingMs()));
  const cutByDeadline = limitMs < attemptTimeoutMs;
  const timeout = AbortSignal.timeout(limitMs);
  try {
    return await deadline.race(deadline.waitFor(label, work(AbortSignal.any([deadline.signal, timeout]))));
  } catch (error) {
    const reason: unknown = deadline.signal.reason;
    if (reason instanceof DeadlineExceededError || (timeout.aborted && cutByDeadline && !deadline.signal.aborted)) throw unanswered(label, deadline);
    if (timeout.aborted && !deadline.signal.aborted) throw new AttemptTimeoutError(limitMs);
    throw error;
  }
}

function unanswered(label: string, deadline: Deadline): DeadlineExceededError {
  return deadline.signal.reason instanceof DeadlineExceededError ? deadline.signal.reason : deadline.noAnswer(label);
}

/** The last failure left too little time for the next try: say what failed, and who set the wait. */
function noRoomToRetry(error: unknown, delayMs: number, label: string, deadline: Deadline): DeadlineExceededError {
  const seconds = Math.ceil(delayMs / 1000);
  if (error instanceof HttpStatusError && error.retryAfterMs !== null) {
    return new DeadlineExceededError(`${label} asked to retry in ${seconds}s (${error.message}), past the time limit of ${deadline.seconds}s (--max-seconds)`);
  }
  if (error instanceof AttemptTimeoutError) return unanswered(label, deadline);
  const what = error instanceof Error ? error.message : String(error);
  return new DeadlineExceededError(`${label} failed (${what}) and the time limit of ${deadline.seconds}s (--max-seconds) leaves no time to try again`);
}

/** 429, 5xx except 501 (not implemented: retrying cannot help), attempt timeouts and dropped connections. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.status === 429 || (error.status >= 500 && error.status !== 501);
  if (error instanceof AttemptTimeoutError) return true;
  for (let cause = error, depth = 0; cause && depth < 4; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && RETRIABLE_CODES.has(code)) return true;
    const message = (cause as { message?: unknown }).message;
    // Only causes: fetch wraps socket failures, while our own errors (e.g. a bad body) carry none.
    if (depth > 0 && typeof message === 'string' && /other side closed|socket hang up|terminated/i.test(message)) return true;
  }
  return false;
}

/** Retry-After when the server sent one (plus up to 10% jitter), else exponential backoff with equal jitter. */
export function retryDelayMs(error: unknown, attempt: number, policy: RetryPolicy): number {
  const asked = error instanceof HttpStatusError ? error.retryAfterMs : null;
  if (asked !== null) return Math.round(asked * (1 + 0.1 * policy.random()));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** `retry-after-ms` (OpenAI), else `Retry-After` as delta-seconds (decimals allowed) or an HTTP date; null if absent. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
