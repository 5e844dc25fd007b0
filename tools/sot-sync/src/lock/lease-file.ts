// The only fs gateway for lease files: exclusive create, read, renew by replace, delete-if-ours, and stale takeover.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode, SotSyncError } from '../errors';
import { explainFsError } from '../io/explain-fs-error';
import { readRegularFile, type RegularFileRead } from '../io/read-regular-file';
import { parseLease, serializeLease, type LeaseRecord } from './lease-record';

/** `<root>/.autonomous_runs/.locks/<name>.lock`, the path the tidy tools' `lock_path()` uses. */
export function leasePath(root: string, name: string): string {
  return join(root, '.autonomous_runs', '.locks', `${name}.lock`);
}

/** What is on disk: nothing, a file that is not a lease (yet), or a lease record with its exact text. */
export type LeaseFile =
  { kind: 'missing' } | { kind: 'malformed'; text: string; mtimeMs: number } | { kind: 'lease'; text: string; record: Partial<LeaseRecord>; mtimeMs: number };

export function readLeaseFile(path: string): LeaseFile {
  let read: RegularFileRead;
  try {
    read = readRegularFile(path);
  } catch (error) {
    throw lockFileError(error, 'read the lock file', path);
  }
  if (read.kind === 'missing') return { kind: 'missing' };
  if (read.kind === 'not-a-file') {
    // A FIFO would block the read forever; a directory is no lease either (issue 11, D2 and D8).
    throw new SotSyncError(
      `the lock file ${path} is ${read.what}, not a lease file, so no run can take this lock: remove it (no tidy or sot-sync run makes one) and run again`,
      ExitCode.lock,
    );
  }
  const text = read.bytes.toString('utf8');
  const record = parseLease(text);
  return record ? { kind: 'lease', text, record, mtimeMs: read.mtimeMs } : { kind: 'malformed', text, mtimeMs: read.mtimeMs };
}

/** An fs failure on a lock file as a lock that cannot be taken (exit 5), with what to do; other errors as they are. */
export function lockFileError(error: unknown, doing: string, path: string): unknown {
  const explained = explainFsError(error, doing, path);
  return explained === null ? error : new SotSyncError(`${explained}; the lock was not taken and nothing was written`, ExitCode.lock);
}

/**
 * Creates the lease file only if none exists. The record is written to a private temp file first and then hard-linked
 * into place: link(2) fails with EEXIST exactly like O_EXCL, but the file never appears empty, and the tidy tools
 * break an unreadable lease on sight. Filesystems without hard links fall back to `wx` + one write.
 */
export function createLeaseFile(path: string, record: LeaseRecord): boolean {
  const text = serializeLease(record);
  const temp = `${path}.${record.token}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text, { flag: 'wx' });
  } catch (error) {
    unlinkQuietly(temp);
    throw lockFileError(error, 'create the lock file', path);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(codeOf(error) ?? '')) throw lockFileError(error, 'create the lock file', path);
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
    throw lockFileError(error, 'create the lock file', path);
  }
  try {
    writeSync(fd, text);
  } catch (error) {
    // A half-written lease (a full disk) must not stay behind as a lock nobody holds.
    unlinkQuietly(path);
    throw lockFileError(error, 'write the lock file', path);
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
  let current: LeaseFile;
  try {
    current = readLeaseFile(path);
  } catch {
    return false; // Whatever is there now is not our lease: leave it.
  }
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
