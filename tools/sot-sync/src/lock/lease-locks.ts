// Several named leases taken in the tidy tools' canonical order, renewed while held, released in reverse.
import type { Deadline } from '../runtime/deadline';
import { acquireLease, type HeldLease } from './acquire-lease';
import type { ProcessState } from './judge-lease';
import { leasePath, removeLeaseFileIfOurs, replaceLeaseFile } from './lease-file';
import { formatLeaseOwner, renewedLeaseRecord } from './lease-record';
import { readMachineIdentity } from './machine-identity';

/** The tidy tools' LOCK_ORDER (scripts/tidy/locks.py): everyone takes locks in this order, so nobody deadlocks. */
export const LOCK_ORDER = ['queue', 'runs', 'archive', 'docs'] as const;

export interface LeaseOptions {
  /** Workspace root: leases live in `<root>/.autonomous_runs/.locks/<name>.lock`. */
  root: string;
  /** Lock names in any order; sot-sync's write modes take `archive` and `docs`. */
  names: readonly string[];
  deadline: Deadline;
  /** Prefix of each lease's `owner` (`<owner>[@<machine>]:<name>`, see formatLeaseOwner). Default `sot-sync`. */
  owner?: string;
  /** How long to wait for a live lease before LockHeldError (exit 5). Default 30 000, as the tidy tools. */
  lockTimeoutMs?: number;
  /** Lease lifetime; renewed every ttl/3 while held. Default 60 000 (see DEFAULT_TTL_MS). */
  ttlMs?: number;
  /** How long past expiry a lease is still respected. Default 120 000, the tidy tools' grace period. */
  graceMs?: number;
  /** Default 200. */
  pollMs?: number;
  /** Waiting notes, stale-lease breaks and lost leases, for the run's output. */
  onMessage?: (message: string) => void;
  probe?: (pid: number) => ProcessState;
  /** This process's machine identity, written into each owner. Default: readMachineIdentity(); null for none. */
  machine?: string | null;
}

export interface LeaseHandle {
  /** Held leases in acquisition (canonical) order. */
  readonly held: readonly HeldLease[];
  /** Names of leases found taken over by someone else when renewing. */
  readonly lost: readonly string[];
  /** Renews every held lease now (the timer also does this every ttl/3). */
  renew(): void;
  /** Stops renewing and deletes, in reverse order, every lease file that still carries our token. Idempotent. */
  release(): void;
}

/**
 * The tidy tools default to 30 minutes because they renew only between phases. sot-sync renews on a timer, so a
 * short lease costs nothing while it runs, and a crashed run blocks runs on other machines for ttl + grace (3 min),
 * not 32; on its own machine its lease is broken at once (judge-lease.ts).
 */
export const DEFAULT_TTL_MS = 60_000;

/** Requested names, deduplicated, in LOCK_ORDER; unknown names last, alphabetically, so every process agrees. */
export function canonicalOrder(names: readonly string[]): string[] {
  const rank = (name: string): number => {
    const index = (LOCK_ORDER as readonly string[]).indexOf(name);
    return index === -1 ? LOCK_ORDER.length : index;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export async function acquireLeases(options: LeaseOptions): Promise<LeaseHandle> {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const onMessage = options.onMessage ?? (() => undefined);
  const giveUpAt = Date.now() + (options.lockTimeoutMs ?? 30_000);
  const held: HeldLease[] = [];
  const machine = options.machine === undefined ? readMachineIdentity() : options.machine;
  try {
    for (const name of canonicalOrder(options.names)) {
      const path = leasePath(options.root, name);
      const common = { deadline: options.deadline, giveUpAt, ttlMs, onMessage, probe: options.probe, machine };
      const owner = formatLeaseOwner(options.owner ?? 'sot-sync', name, machine);
      held.push(await acquireLease({ ...common, name, path, owner, graceMs: options.graceMs ?? 120_000, pollMs: options.pollMs ?? 200 }));
    }
  } catch (error) {
    releaseAll(held);
    throw error;
  }
  return startHandle(held, ttlMs, onMessage);
}

function startHandle(held: HeldLease[], ttlMs: number, onMessage: (message: string) => void): LeaseHandle {
  const lost: string[] = [];
  let released = false;
  const renew = (): void => {
    for (const lease of released ? [] : held) {
      if (!lost.includes(lease.name)) renewOne(lease, ttlMs, lost, onMessage);
    }
  };
  const timer = setInterval(renew, Math.max(10, Math.floor(ttlMs / 3)));
  // Renewal must never keep a finished run alive.
  timer.unref();
  return {
    held,
    lost,
    renew,
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      releaseAll(held);
    },
  };
}

/** A failed write is retried at the next tick; a lease carrying another token is lost for good. */
function renewOne(lease: HeldLease, ttlMs: number, lost: string[], onMessage: (message: string) => void): void {
  try {
    const next = renewedLeaseRecord(lease.record, Date.now(), ttlMs);
    if (replaceLeaseFile(lease.path, next)) {
      lease.record = next;
      return;
    }
    lost.push(lease.name);
    onMessage(`the ${lease.name} lock ${lease.path} was taken over by another process; this run no longer holds it`);
  } catch (error) {
    onMessage(`could not renew the ${lease.name} lock ${lease.path}: ${String(error)}; will retry`);
  }
}

function releaseAll(held: readonly HeldLease[]): void {
  for (const lease of [...held].reverse()) removeLeaseFileIfOurs(lease.path, lease.record.token);
}
