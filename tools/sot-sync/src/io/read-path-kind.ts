// What a path names on disk, following symlinks: the gateway for "does this argument exist" checks.
import * as fs from 'node:fs';

export type PathKind = 'file' | 'directory' | 'other' | 'missing';

export function readPathKind(file: string): PathKind {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return 'missing'; // e.g. a path through a file (ENOTDIR) or one we may not look at (EACCES)
  }
  if (stats === undefined) return 'missing';
  if (stats.isFile()) return 'file';
  return stats.isDirectory() ? 'directory' : 'other';
}
