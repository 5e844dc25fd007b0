// The one gate every file the tool reads passes: only a regular file is opened. A FIFO would block the read (and the
// whole event loop, so neither the deadline nor SIGTERM could end it), a device may never end, a directory fails
// with EISDIR: each is refused with what it is (issue 11, D2).
import * as fs from 'node:fs';

/** What a path held when it was read. `what` names a non-file for messages: "a FIFO", "a directory", ... */
export type RegularFileRead = { kind: 'file'; bytes: Buffer; mtimeMs: number } | { kind: 'missing' } | { kind: 'not-a-file'; what: string };

// O_NONBLOCK: should the path turn into a FIFO between the check and the open, the open returns at once instead of
// waiting for a writer; for a regular file it changes nothing. Not defined on Windows, where FIFOs are no files.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * Reads a regular file (symlinks followed). Checked before the open (stat) and again on the open descriptor (fstat),
 * so nothing but a regular file is ever read. Missing, and a path through a file (ENOTDIR), are `missing`; other
 * errors (EACCES, EIO) are thrown as they are.
 */
export function readRegularFile(file: string): RegularFileRead {
  const before = statOrNull(file);
  if (before === null) return { kind: 'missing' };
  if (!before.isFile()) return { kind: 'not-a-file', what: describeFileKind(before) };
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return { kind: 'not-a-file', what: describeFileKind(stats) };
    return { kind: 'file', bytes: fs.readFileSync(fd), mtimeMs: stats.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

/** "a directory", "a FIFO (named pipe)", "a socket", "a character device", "a block device". */
export function describeFileKind(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
