// Decides whether a lease found on disk still protects its holder. Pure, except the process probe passed in.
import type { LeaseFile } from './lease-file';
import { parseLeaseTime } from './lease-record';

export type ProcessState = 'alive' | 'dead' | 'unknown';

/** `kill(pid, 0)`: ESRCH means gone; EPERM means it exists under another user, so it counts as running. */
export function probeProcess(pid: number): ProcessState {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'ESRCH' ? 'dead' : 'unknown';
  }
}

export interface LeaseVerdict {
  stale: boolean;
  /** Why, in words for the waiting message, the LockHeldError or the "breaking" note. */
  reason: string;
}

export interface JudgeOptions {
  now: number;
  /** lease.py's grace_period_seconds (120 s): an expired lease is left alone this long, for a late renewal. */
  graceMs: number;
  probe: (pid: number) => ProcessState;
}

/** A half-written file from an O_EXCL-then-write creator is normal for a moment; only an old one is debris. */
export const MALFORMED_SETTLE_MS = 2000;

/**
 * Stale means: expired for longer than the grace period AND its process is gone (or it names none).
 * Stricter than lease.py's own acquire, which ignores the pid, and as strict as its --break-stale-lock.
 */
export function judgeLease(found: Exclude<LeaseFile, { kind: 'missing' }>, options: JudgeOptions): LeaseVerdict {
  if (found.kind === 'malformed') {
    const age = options.now - found.mtimeMs;
    return age > MALFORMED_SETTLE_MS
      ? { stale: true, reason: `the file is not a readable lease (unchanged for ${seconds(age)})` }
      : { stale: false, reason: 'the file is being written' };
  }
  const expiresAt = parseLeaseTime(found.record.expires_at) ?? 0;
  const overdue = options.now - expiresAt;
  if (overdue <= 0) return { stale: false, reason: `valid until ${String(found.record.expires_at)}` };
  if (overdue <= options.graceMs) {
    return { stale: false, reason: `expired ${seconds(overdue)} ago, within the ${seconds(options.graceMs)} grace period` };
  }
  const pid = found.record.pid;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) {
    return { stale: true, reason: `expired ${seconds(overdue)} ago and names no process` };
  }
  const state = options.probe(pid);
  if (state === 'dead') return { stale: true, reason: `expired ${seconds(overdue)} ago and process ${pid} is gone` };
  const why = state === 'alive' ? 'is still running' : 'may still be running (no permission to check)';
  return { stale: false, reason: `expired ${seconds(overdue)} ago but process ${pid} ${why}` };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}
