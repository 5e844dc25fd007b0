// The write side of the file gate: replaces the content of a regular file, creating it and its directory. Opening a
// FIFO for writing would wait for a reader forever, so only a regular file (or none) is accepted (issue 11, D2).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileKind } from './read-regular-file';

// O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of blocking; a regular file is unaffected.
const OPEN_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** Thrown for a path that exists and is no regular file; `what` says what it is. */
export class NotARegularFileError extends Error {
  constructor(
    readonly file: string,
    readonly what: string,
  ) {
    super(`${file} is ${what}, not a regular file, so it was not written: remove it or choose another path`);
    this.name = 'NotARegularFileError';
  }
}

/** Writes `text` to `file` (truncating it), after checking on the open descriptor that it is a regular file. */
export function writeRegularFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS, 0o666);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENXIO' || code === 'EISDIR') throw new NotARegularFileError(file, describeFileKind(fs.statSync(file)));
    throw error;
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw new NotARegularFileError(file, describeFileKind(stats));
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
