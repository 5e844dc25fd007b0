// The only git gateway: what the index (the staging area) holds. Read-only: it never changes the index, HEAD or
// the working tree. git runs from the top level of the repository around the working directory, so it works from a
// subdirectory and in a linked worktree (each worktree has its own index).
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { readRegularFile } from './read-regular-file';

/** One staged change, index against HEAD (renames are split into a deletion and an addition). */
export interface StagedChange {
  /** git's name for it: relative to `top`, posix separators. */
  name: string;
  /** Absolute path in the working tree (under `top`). */
  path: string;
  /** git's status letter: A added, M modified, D deleted, T type changed (e.g. file -> symlink). */
  status: string;
  /** Mode in the index (`100644`, `120000` for a symlink); `000000` for a deletion. */
  mode: string;
  /** Object id of the index content; all zeros for a deletion. */
  oid: string;
}

/** One entry of the index (stage 0): what a path holds in the commit being made. */
export type IndexEntry = Pick<StagedChange, 'name' | 'path' | 'mode' | 'oid'>;

export interface StagedChanges {
  /** Top level of the repository (of this worktree), as git reports it. */
  top: string;
  changes: StagedChange[];
}

/**
 * Every staged change of the repository around `cwd` (`git diff --cached --raw -z`, NUL-separated so any file name
 * survives): two git processes however many files are staged. Works before the first commit (all additions). Inside a
 * hook git sets GIT_INDEX_FILE (e.g. the temporary index of `git commit <paths>`); it is inherited, so this reads
 * exactly the index being committed.
 */
export function readStagedChanges(cwd: string): StagedChanges {
  const top = git(cwd, ['rev-parse', '--show-toplevel'], 'find the repository (--staged reads the git index)').toString('utf8').trim();
  const raw = git(top, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff'], 'list the staged changes');
  return { top, changes: parseRawDiff(raw.toString('utf8'), top) };
}

/**
 * The index entries matching git pathspecs (relative to `top`; `:(glob)` magic works): one `git ls-files -s -z`,
 * staged and unchanged files alike. Entries of an unresolved merge (stages 1-3) are left out.
 */
export function readIndexEntries(top: string, pathspecs: readonly string[]): IndexEntry[] {
  const out = git(top, ['ls-files', '-s', '-z', '--', ...pathspecs], 'list the index').toString('utf8');
  const entries: IndexEntry[] = [];
  for (const record of out.split('\0')) {
    const match = /^(\d+) ([0-9a-f]+) 0\t(.+)$/s.exec(record);
    if (match) entries.push({ mode: match[1] as string, oid: match[2] as string, name: match[3] as string, path: path.join(top, match[3] as string) });
  }
  return entries;
}

/**
 * Index contents in one `git cat-file --batch`: each name is an object id (from a StagedChange) or `:<path>` with a
 * path relative to `top` (the index entry at that path). Null where the index has no such object.
 */
export function readIndexContents(top: string, names: readonly string[]): (Buffer | null)[] {
  if (names.length === 0) return [];
  if (names.some((name) => name.includes('\n'))) throw new UsageError('a path with a line break cannot be read from the git index');
  const out = git(top, ['cat-file', '--batch'], 'read staged content', `${names.join('\n')}\n`);
  return parseBatch(out, names.length);
}

/**
 * The working-tree bytes of a staged regular file when they are exactly what the index holds (the same git object
 * id, SHA-1 or SHA-256 as the repository uses), else null. Hashing the file is cheaper than piping the blob through
 * `git cat-file` (0.6 s for 50 MB of ledgers), and equal ids mean equal bytes. An unstaged edit or a clean filter
 * (autocrlf, LFS) makes the ids differ, and the caller reads the index instead.
 */
export function readWorkTreeIfStaged(change: IndexEntry): Buffer | null {
  const algorithm = change.oid.length === 64 ? 'sha256' : change.oid.length === 40 ? 'sha1' : null;
  if (algorithm === null || (change.mode !== '100644' && change.mode !== '100755')) return null;
  let bytes: Buffer;
  try {
    // Through the file gate: the work tree may hold a FIFO where the index has a file (issue 11, D2).
    const read = readRegularFile(change.path);
    if (read.kind !== 'file') return null;
    bytes = read.bytes;
  } catch {
    return null;
  }
  const id = crypto.createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  return id === change.oid ? bytes : null;
}

/** `path` relative to `top` with posix separators, as git names index entries; null when it lies outside. */
export function indexPath(top: string, file: string): string | null {
  const relative = path.relative(realpathOfParent(top), realpathOfParent(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

function git(cwd: string, args: string[], doing: string, input?: string): Buffer {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  if (result.error) throw new UsageError(`cannot ${doing}: git could not be started (${result.error.message})`);
  if (result.status !== 0) throw new UsageError(`cannot ${doing}: git ${args[0] ?? ''} failed: ${result.stderr.toString('utf8').trim()}`);
  return result.stdout;
}

/** `:<src mode> <dst mode> <src oid> <dst oid> <status>\0<path>\0` records. */
function parseRawDiff(text: string, top: string): StagedChange[] {
  const fields = text.split('\0');
  const changes: StagedChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, dstMode, , dstOid, status] = (fields[i] as string).slice(1).split(' ');
    const name = fields[i + 1] as string;
    changes.push({ name, path: path.join(top, name), status: (status ?? '').charAt(0), mode: dstMode ?? '', oid: dstOid ?? '' });
  }
  return changes;
}

/** `<oid> <type> <size>\n<bytes>\n` per found object, `<name> missing\n` otherwise. */
function parseBatch(out: Buffer, count: number): (Buffer | null)[] {
  const contents: (Buffer | null)[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) throw new UsageError('git cat-file --batch ended early');
    const header = out.subarray(at, end).toString('utf8');
    const size = /^[0-9a-f]+ \w+ (\d+)$/.exec(header)?.[1];
    if (size === undefined) {
      contents.push(null); // "<name> missing" or "<name> ambiguous"
      at = end + 1;
      continue;
    }
    const start = end + 1;
    contents.push(out.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return contents;
}

/** Resolves symlinks in the directories (the file itself may be gone: a staged deletion). */
function realpathOfParent(file: string): string {
  try {
    return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
  } catch {
    return path.resolve(file);
  }
}
