// `entries_for_files`: the entries that name the files about to change ("this file broke before, see DBG-045"),
// read from the ledgers themselves: no store is opened.
import * as path from 'node:path';
import type { NormalizedSyncOptions } from '../config/normalize-options';
import { entriesForFiles, normalizePath } from '../engine/entries-for-files';
import type { readLedgers } from '../sync/read-ledgers';
import { formatEntriesForFiles } from './format-tool-text';
import type { ToolAnswer } from './tool-answer';
import type { FilesArgs, FilesOutput } from './tool-schemas';

/** Entries listed at most: the newest; `total` says how many matched. */
export const MAX_ENTRIES_FOR_FILES = 50;

export async function findEntriesForFiles(
  options: Pick<NormalizedSyncOptions, 'root' | 'docsDir' | 'ledgers'>,
  args: FilesArgs,
  ledgersOf: typeof readLedgers,
): Promise<ToolAnswer<FilesOutput>> {
  const files = args.files.map((file) => workspacePath(file, options.root));
  const found = entriesForFiles(ledgersOf(options).entries, files);
  const structured: FilesOutput = {
    files,
    total: found.length,
    entries: found.slice(0, MAX_ENTRIES_FOR_FILES).map(({ entry, matches }) => ({
      entryId: entry.entryId,
      fileType: entry.fileType,
      title: entry.title,
      status: entry.metadata.status ?? null,
      lifecycle: entry.metadata.lifecycle ?? null,
      supersededBy: entry.metadata.supersededBy ?? null,
      createdAt: entry.createdAt,
      file: entry.file,
      lineStart: entry.line,
      lineEnd: entry.lineEnd,
      matches,
    })),
  };
  return { structured, text: formatEntriesForFiles(structured) };
}

/** An absolute path inside the root becomes root-relative; any other path is kept as written (posix). */
function workspacePath(file: string, root: string): string {
  const native = file.trim().replace(/[\\/]/g, path.sep);
  if (path.isAbsolute(native)) {
    const relative = path.relative(root, native);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return normalizePath(relative.split(path.sep).join('/'));
  }
  return normalizePath(file);
}
