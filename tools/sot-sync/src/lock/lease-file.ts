// The only fs gateway for lease files: exclusive create, read, renew by replace, delete-if-ours, and stale takeover.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseLease, serializeLease, type LeaseRecord } from './lease-record';

/** `<root>/.autonomous_runs/.locks/<name>.lock`, the path the tidy tools' `lock_path()` uses. */
export function leasePath(root: string, name: string): string {
  return join(root, '.autonomous_runs', '.locks', `${name}.lock`);
}

/** What is on disk: nothing, a file that is not a lease (yet), or a lease record with its exact text. */
export type LeaseFile =
  | { kind: 'missing' }
  | { kind: 'malformed'; text: string; mtimeMs: number }
  | { kind: 'lease'; text: string; record: Partial<LeaseRecord>; mtimeMs: number };

export function readLeaseFile(path: string): LeaseFile {
  try {
    const mtimeMs = statSync(path).mtimeMs;
    const text = readFileSync(path, 'utf8');
    const record = parseLease(text);
    return record ? { kind: 'lease', text, record, mtimeMs } : { kind: 'malformed', text, mtimeMs };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
}

/**
 * Creates the lease file only if none exists. The record is written to a private temp file first and then hard-linked
 * into place: link(2) fails with EEXIST exactly like O_EXCL, but the file never appears empty, and the tidy tools
 * break an unreadable lease on sight. Filesystems without hard links fall back to `wx` + one write.
 */
export function createLeaseFile(path: string, record: LeaseRecord): boolean {
  mkdirSync(dirname(path), { recursive: true });
  const text = serializeLease(record);
  const temp = `${path}.${record.token}.tmp`;
  writeFileSync(temp, text, { flag: 'wx' });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(codeOf(error) ?? '')) throw error;
    return createExclusive(path, text);
  } finally {
    unlinkQuietly(temp);
  }
}

function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Rewrites our own lease through a temp file and rename, as lease.py's renew does; false when it is no longer ours. */
export function replaceLeaseFile(path: string, record: LeaseRecord): boolean {
  const current = readLeaseFile(path);
  if (current.kind !== 'lease' || current.record.token !== record.token) return false;
  const temp = `${path}.${record.token}.tmp`;
  writeFileSync(temp, serializeLease(record));
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkQuietly(temp);
    throw error;
  }
  return true;
}

/** Deletes the file only while it still carries our token, so a lease someone else took over survives our release. */
export function removeLeaseFileIfOurs(path: string, token: string): boolean {
  const current = readLeaseFile(path);
  if (current.kind !== 'lease' || current.record.token !== token) return false;
  unlinkQuietly(path);
  return true;
}

/**
 * Moves a stale lease out of the way, atomically. Two contenders may judge the same file stale: rename lets only one
 * move it, and the one that finds it moved a *different* (fresh) lease than the one it judged puts that lease back.
 */
export function moveStaleLeaseAside(path: string, judged: LeaseFile): boolean {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
  const moved = readLeaseFile(aside);
  const same = moved.kind !== 'missing' && judged.kind !== 'missing' && moved.text === judged.text;
  if (!same) restore(aside, path);
  unlinkQuietly(aside);
  return same;
}

function restore(aside: string, path: string): void {
  try {
    linkSync(aside, path);
  } catch (error) {
    // EEXIST: a third contender created a lease meanwhile; its holder keeps it and the one we moved is lost.
    if (codeOf(error) !== 'EEXIST') throw error;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: the outcome we wanted.
  }
}

export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}
