// Takes one lease file: create it, or wait for its holder, or break it when stale; gives up at the lock timeout.
import { randomUUID } from 'node:crypto';
import { LockHeldError } from '../errors';
import type { Deadline } from '../runtime/deadline';
import { judgeLease, probeProcess, type ProcessState } from './judge-lease';
import { createLeaseFile, moveStaleLeaseAside, readLeaseFile, type LeaseFile } from './lease-file';
import { newLeaseRecord, type LeaseRecord } from './lease-record';

export interface AcquireLeaseOptions {
  name: string;
  path: string;
  /** Written as the lease's `owner`, e.g. `sot-sync:docs` (the tidy tools write `<owner>:<name>` too). */
  owner: string;
  deadline: Deadline;
  /** Epoch ms after which a live lease makes this throw LockHeldError. */
  giveUpAt: number;
  ttlMs: number;
  graceMs: number;
  pollMs: number;
  onMessage: (message: string) => void;
  probe?: (pid: number) => ProcessState;
  /** This process's machine identity (see machine-identity.ts); null where there is none. */
  machine: string | null;
}

export interface HeldLease {
  name: string;
  path: string;
  record: LeaseRecord;
}

/** Say that we wait at most this often, so a long wait is visible without flooding the output. */
const WAIT_NOTE_EVERY_MS = 5000;

export async function acquireLease(options: AcquireLeaseOptions): Promise<HeldLease> {
  const token = randomUUID();
  const startedAt = Date.now();
  let notedAt = 0;
  for (;;) {
    options.deadline.check();
    const record = newLeaseRecord({ owner: options.owner, token, pid: process.pid, now: Date.now(), ttlMs: options.ttlMs });
    if (createLeaseFile(options.path, record)) return { name: options.name, path: options.path, record };
    const found = readLeaseFile(options.path);
    if (found.kind === 'missing') continue;
    const verdict = judgeLease(found, { now: Date.now(), graceMs: options.graceMs, probe: options.probe ?? probeProcess, machine: options.machine });
    if (verdict.stale) {
      if (moveStaleLeaseAside(options.path, found)) {
        options.onMessage(`broke the stale ${options.name} lock ${options.path} (${holderOf(found)}): ${verdict.reason}`);
      }
      continue;
    }
    const left = options.giveUpAt - Date.now();
    if (left <= 0) throw new LockHeldError(heldMessage(options, found, verdict.reason, Date.now() - startedAt));
    if (Date.now() - notedAt >= WAIT_NOTE_EVERY_MS) {
      notedAt = Date.now();
      options.onMessage(`waiting for the ${options.name} lock, held by ${holderOf(found)} (${verdict.reason})`);
    }
    // The run's deadline interrupts the wait with its own error, which then wins over LockHeldError.
    await options.deadline.sleep(Math.min(options.pollMs, left));
  }
}

function holderOf(found: Exclude<LeaseFile, { kind: 'missing' }>): string {
  if (found.kind === 'malformed') return 'an unknown holder: the file is not a readable lease';
  const { owner, pid, created_at: since, expires_at: expires } = found.record;
  return `${String(owner ?? 'unknown owner')}, pid ${String(pid ?? '?')}, since ${String(since ?? '?')}, expires ${String(expires ?? '?')}`;
}

function heldMessage(options: AcquireLeaseOptions, found: Exclude<LeaseFile, { kind: 'missing' }>, reason: string, waitedMs: number): string {
  return (
    `the ${options.name} lock is held by ${holderOf(found)} (${reason}): ${options.path}. ` +
    `Waited ${(waitedMs / 1000).toFixed(1)}s (--lock-timeout). Try again when that run finishes; ` +
    'if no tidy or sot-sync run is active, delete the file.'
  );
}
