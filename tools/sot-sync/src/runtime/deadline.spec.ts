// Deadlines longer than Node's timers reach (2^31 - 1 ms): the timer is clamped and re-armed, the deadline is not
// (issue 11, D6). Short deadlines still fire on time.
import { DeadlineExceededError } from '../errors';
import { Deadline, MAX_TIMER_MS } from './deadline';

const DAY_MS = 86_400_000;

afterEach(() => jest.useRealTimers());

describe('Deadline', () => {
  it('does not fire early for a deadline beyond the timer limit, and prints no TimeoutOverflowWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    const deadline = new Deadline(2_592_000);
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(deadline.signal.aborted).toBe(false);
      expect(deadline.remainingMs()).toBe(MAX_TIMER_MS);
      await expect(deadline.sleep(5)).resolves.toBeUndefined();
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      deadline.dispose();
      process.off('warning', onWarning);
    }
  });

  it('fires at its exact time after re-arming its timer (30 days)', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const deadline = new Deadline(30 * 86_400);
    jest.advanceTimersByTime(25 * DAY_MS);
    expect(deadline.signal.aborted).toBe(false);
    jest.advanceTimersByTime(5 * DAY_MS - 1);
    expect(deadline.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceededError);
    deadline.dispose();
  });

  it('gives whole milliseconds left, for timers and drivers that take integers', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const deadline = new Deadline(0.0125);
    expect(deadline.remainingMs()).toBe(13);
    jest.advanceTimersByTime(13);
    expect(deadline.remainingMs()).toBe(0);
    expect(deadline.signal.aborted).toBe(true);
    deadline.dispose();
  });
});
