// The limiter: slots pass in order, a waiter that gave up never takes a slot, the window holds rpm and tpm.
import { DeadlineExceededError } from '../errors';
import { Deadline } from '../runtime/deadline';
import { RateLimiter } from './rate-limiter';

let deadline: Deadline;
beforeEach(() => (deadline = new Deadline(5)));
afterEach(() => deadline.dispose());

describe('RateLimiter', () => {
  it('hands a released slot to the next waiter', async () => {
    const limiter = new RateLimiter({ maxConcurrency: 1 });
    const release = await limiter.acquireSlot(deadline);
    let second = false;
    const waiting = limiter.acquireSlot(deadline).then((r) => ((second = true), r));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(second).toBe(false);
    release();
    release(); // twice is harmless
    (await waiting)();
    expect(second).toBe(true);
  });

  it('does not leak the slot of a waiter whose deadline passed', async () => {
    const limiter = new RateLimiter({ maxConcurrency: 1 });
    const release = await limiter.acquireSlot(deadline);
    const short = new Deadline(0.05);
    await expect(limiter.acquireSlot(short)).rejects.toThrow(DeadlineExceededError);
    release();
    const next = await Promise.race([limiter.acquireSlot(deadline), new Promise((resolve) => setTimeout(() => resolve('stuck'), 200))]);
    expect(typeof next).toBe('function');
    short.dispose();
  });

  it('admits at most requestsPerMinute per window and waits for the oldest to leave it', async () => {
    const limiter = new RateLimiter({ maxConcurrency: 9, requestsPerMinute: 2, windowMs: 150 });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await limiter.admit(1, deadline);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(Date.now() - started).toBeLessThan(290 + 100);
  });

  it('lets one request larger than the whole token budget through when the window is empty', async () => {
    const limiter = new RateLimiter({ maxConcurrency: 1, tokensPerMinute: 10, windowMs: 10_000 });
    const started = Date.now();
    await limiter.admit(500, deadline);
    expect(Date.now() - started).toBeLessThan(50);
  });
});
