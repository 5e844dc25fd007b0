// The retry loop: what is retried, how long it waits (Retry-After first), and that nothing outlives the Deadline.
import { DeadlineExceededError } from '../errors';
import { Deadline } from '../runtime/deadline';
import { AttemptTimeoutError, DEFAULT_RETRY_POLICY, HttpStatusError, isRetriable, retryAfterMs, retryDelayMs, withHttpRetry } from './http-retry';

const fast = { baseDelayMs: 5, maxDelayMs: 20 };

/** A work function failing with the given errors first, then answering 'ok'; records its calls. */
function failing(...errors: unknown[]): { work: (signal: AbortSignal) => Promise<string>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    work: () => {
      calls.push(Date.now());
      const error = errors.shift();
      return error === undefined ? Promise.resolve('ok') : Promise.reject(error);
    },
  };
}

let deadline: Deadline;
beforeEach(() => (deadline = new Deadline(10)));
afterEach(() => deadline.dispose());

describe('withHttpRetry', () => {
  it('retries 429, 5xx and dropped connections, then returns the answer', async () => {
    const dropped = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const { work, calls } = failing(new HttpStatusError(429, 'slow down'), new HttpStatusError(503, 'busy'), dropped);
    await expect(withHttpRetry(work, deadline, { policy: fast })).resolves.toBe('ok');
    expect(calls).toHaveLength(4);
  });

  it('does not retry a 400, a 401 or a refused connection', async () => {
    for (const error of [
      new HttpStatusError(400, 'bad'),
      new HttpStatusError(401, 'key'),
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    ]) {
      const { work, calls } = failing(error);
      await expect(withHttpRetry(work, deadline, { policy: fast })).rejects.toBe(error);
      expect(calls).toHaveLength(1);
    }
  });

  it('gives up after maxAttempts with the last error', async () => {
    const errors = Array.from({ length: 5 }, (_, i) => new HttpStatusError(500, `boom ${i}`));
    const { work, calls } = failing(...errors);
    await expect(withHttpRetry(work, deadline, { policy: { ...fast, maxAttempts: 3 } })).rejects.toThrow('boom 2');
    expect(calls).toHaveLength(3);
  });

  it('waits as long as Retry-After says', async () => {
    const { work, calls } = failing(new HttpStatusError(429, 'later', 300));
    await withHttpRetry(work, deadline, { policy: fast });
    expect((calls[1] as number) - (calls[0] as number)).toBeGreaterThanOrEqual(290);
  });

  it('fails at once with DeadlineExceededError when Retry-After reaches past the deadline', async () => {
    const short = new Deadline(1);
    const { work } = failing(new HttpStatusError(429, 'later', 30_000));
    const started = Date.now();
    await expect(withHttpRetry(work, short, { label: 'Qdrant' })).rejects.toThrow(DeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(500);
    short.dispose();
  });

  it('aborts a hanging attempt when the deadline passes, with the deadline error', async () => {
    const short = new Deadline(0.3);
    const started = Date.now();
    const hang = (signal: AbortSignal): Promise<string> =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    await expect(withHttpRetry(hang, short)).rejects.toThrow(DeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(800);
    short.dispose();
  });

  it('retries an attempt that outlives attemptTimeoutMs', async () => {
    let calls = 0;
    const slowOnce = (signal: AbortSignal): Promise<string> =>
      ++calls === 1 ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) : Promise.resolve('second');
    await expect(withHttpRetry(slowOnce, deadline, { policy: { ...fast, attemptTimeoutMs: 50 } })).resolves.toBe('second');
    expect(calls).toBe(2);
  });

  it('awaits beforeAttempt before every attempt', async () => {
    const order: string[] = [];
    const { work } = failing(new HttpStatusError(503, 'busy'));
    await withHttpRetry(async (signal) => (order.push('attempt'), work(signal)), deadline, {
      policy: fast,
      beforeAttempt: async () => void order.push('admit'),
    });
    expect(order).toEqual(['admit', 'attempt', 'admit', 'attempt']);
  });
});

describe('retry delays', () => {
  it('reads Retry-After as seconds, decimals, an HTTP date, or retry-after-ms', () => {
    const now = Date.parse('2026-01-08T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '12' }), now)).toBe(12_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 08 Jan 2026 12:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(retryAfterMs(new Headers(), now)).toBeNull();
  });

  it('backs off exponentially with equal jitter, capped, and adds at most 10% to Retry-After', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(new Error('x'), 1, { ...policy, random: () => 0 })).toBe(50);
    expect(retryDelayMs(new Error('x'), 3, { ...policy, random: () => 1 })).toBe(400);
    expect(retryDelayMs(new Error('x'), 10, { ...policy, random: () => 1 })).toBe(1000);
    expect(retryDelayMs(new HttpStatusError(429, 'x', 2000), 1, { ...policy, random: () => 1 })).toBe(2200);
  });

  it('classifies errors', () => {
    expect(isRetriable(new HttpStatusError(501, 'not implemented'))).toBe(false);
    expect(isRetriable(new HttpStatusError(502, 'bad gateway'))).toBe(true);
    expect(isRetriable(new AttemptTimeoutError(10))).toBe(true);
    expect(isRetriable(Object.assign(new Error('read'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetriable(new Error('something else'))).toBe(false);
  });
});

describe('a request that hangs until the deadline (issue 11, D17)', () => {
  const hang = (signal: AbortSignal): Promise<string> =>
    new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));

  it.each([0.3, 0.05, 1.2])('says it got no answer before the time limit (deadline of %ss), never that it was asked to retry', async (seconds) => {
    const short = new Deadline(seconds);
    const error = await withHttpRetry(hang, short, { label: 'Qdrant at http://q (GET /collections)', policy: fast }).catch((e: unknown) => e);
    short.dispose();
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).message).toBe(
      `Qdrant at http://q (GET /collections) got no answer before the time limit of ${seconds}s (--max-seconds): the run stopped and any open transaction was rolled back`,
    );
  });

  it('says who asked for a wait past the deadline, and what failed when the backoff would cross it', async () => {
    const short = new Deadline(0.2);
    const asked = await withHttpRetry(failing(new HttpStatusError(429, 'HTTP 429: slow down', 5000)).work, short, { label: 'Qdrant' }).catch((e: unknown) => e);
    expect((asked as Error).message).toMatch(/^Qdrant asked to retry in 6s \(HTTP 429: slow down\), past the time limit of 0.2s/);
    const busy = await withHttpRetry(failing(new HttpStatusError(503, 'HTTP 503: busy')).work, short, {
      label: 'Qdrant',
      policy: { baseDelayMs: 5000, maxDelayMs: 5000, random: () => 1 },
    }).catch((e: unknown) => e);
    expect((busy as Error).message).toMatch(/^Qdrant failed \(HTTP 503: busy\) and the time limit of 0.2s \(--max-seconds\) leaves no time to try again$/);
    short.dispose();
  });
});
