// Decides whether a lease found on disk still protects its holder. Pure, except the process probe passed in.
import type { LeaseFile } from './lease-file';
import { machineOfOwner, parseLeaseTime } from './lease-record';

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
  /** This process's machine identity (machine-identity.ts); null where none can be had. */
  machine: string | null;
}

/** A half-written file from an O_EXCL-then-write creator is normal for a moment; only an old one is debris. */
export const MALFORMED_SETTLE_MS = 2000;

/**
 * Stale means either
 * - the holder is provably dead: the lease names this machine, boot and pid namespace (its owner carries our machine
 *   identity) and its pid is gone here. In one boot and pid namespace a pid stays with its process until it exits,
 *   so no live holder can be mistaken for a dead one; a reused pid looks alive and is waited for (issue 11, D15); or
 * - it expired longer than the grace period ago AND its process is gone (or it names none): stricter than lease.py's
 *   own acquire, which ignores the pid, and as strict as its --break-stale-lock. This is the only rule for leases
 *   of the tidy tools, whose owner does not say where they ran.
 */
export function judgeLease(found: Exclude<LeaseFile, { kind: 'missing' }>, options: JudgeOptions): LeaseVerdict {
  if (found.kind === 'malformed') {
    const age = options.now - found.mtimeMs;
    return age > MALFORMED_SETTLE_MS
      ? { stale: true, reason: `the file is not a readable lease (unchanged for ${seconds(age)})` }
      : { stale: false, reason: 'the file is being written' };
  }
  const pid = validPid(found.record.pid);
  const state = pid === null ? null : options.probe(pid);
  const here = options.machine !== null && machineOfOwner(found.record.owner) === options.machine;
  if (here && state === 'dead') return { stale: true, reason: `process ${pid ?? '?'} that took it on this machine has exited` };
  const expiresAt = parseLeaseTime(found.record.expires_at) ?? 0;
  const overdue = options.now - expiresAt;
  const breakable = `; process ${pid ?? '?'} is not running on this machine, and the lease does not say it ran here, so it may be broken from ${new Date(expiresAt + options.graceMs).toISOString()} (expiry plus the ${seconds(options.graceMs)} grace period)`;
  if (overdue <= 0) return { stale: false, reason: `valid until ${String(found.record.expires_at)}${state === 'dead' ? breakable : ''}` };
  if (overdue <= options.graceMs) {
    return { stale: false, reason: `expired ${seconds(overdue)} ago, within the ${seconds(options.graceMs)} grace period${state === 'dead' ? breakable : ''}` };
  }
  if (pid === null) return { stale: true, reason: `expired ${seconds(overdue)} ago and names no process` };
  if (state === 'dead') return { stale: true, reason: `expired ${seconds(overdue)} ago and process ${pid} is gone` };
  const why = state === 'alive' ? 'is still running' : 'may still be running (no permission to check)';
  return { stale: false, reason: `expired ${seconds(overdue)} ago but process ${pid} ${why}` };
}

function validPid(pid: unknown): number | null {
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}
