// Get, shared by `sot-sync get <ID | path:line>` and the MCP tool `get_entry`: one entry's current text, read from the
// ledgers (the source of truth, not the index), with its metadata, its location and whether the SQL index holds it.
// Returns data; never prints.
import * as path from 'node:path';
import type { NormalizedSyncOptions } from '../config/normalize-options';
import { closestIds, entriesOfFile, findEntryAtLine, findEntryById, parseEntryRef } from '../engine/find-entry';
import { EntryNotFoundError, SotSyncError } from '../errors';
import type { EntryMetadata, LedgerEntry, Lifecycle } from '../ledger/types';
import { Deadline } from '../runtime/deadline';
import { redactSecrets } from '../runtime/redact';
import { readLedgers } from '../sync/read-ledgers';
import { openIndexReader } from '../targets/open-index-reader';

/** `fresh`: the index holds this text; `changed`: it holds another; `missing`: it holds no row; `unavailable`: it could not be read. */
export type IndexState = 'fresh' | 'changed' | 'missing' | 'unavailable';

/** The `--json` document. */
export interface EntryDocument {
  fileType: string;
  entryId: string;
  title: string;
  /** Relative to the workspace root. */
  file: string;
  lineStart: number;
  lineEnd: number;
  heading: string;
  status: string | null;
  lifecycle: Lifecycle | null;
  supersededBy: string | null;
  supersedes: string[];
  metadata: EntryMetadata;
  /** The entry's markdown as the ledger has it now (normalized line endings, trailing spaces removed). */
  content: string;
  index: { state: IndexState; store: string | null; reason?: string };
}

/** How long `get` waits for the index before it reports it `unavailable`: the entry itself never needs it. */
const INDEX_WAIT_SECONDS = 5;

/** Reads the ledgers, finds the entry `ref` names (exit 1 with the closest ids when none), and asks the SQL index about it. */
export async function runGet(
  options: NormalizedSyncOptions,
  ref: string,
  deadline: Deadline,
  ledgersOf: typeof readLedgers = readLedgers,
): Promise<EntryDocument> {
  const { entries } = ledgersOf(options);
  const entry = findEntry(entries, ref, options);
  return { ...describeEntry(entry), index: await readIndexState(options, entry, deadline) };
}

function findEntry(entries: readonly LedgerEntry[], ref: string, options: Pick<NormalizedSyncOptions, 'root'>): LedgerEntry {
  const wanted = parseEntryRef(ref);
  if (wanted.kind === 'id') {
    const found = findEntryById(entries, wanted.id);
    if (found) return found;
    const closest = closestIds(entries, wanted.id);
    throw new EntryNotFoundError(`no entry ${wanted.id} in the ledgers${closest.length > 0 ? `; closest: ${closest.join(', ')}` : ''}`, closest);
  }
  const file = workspacePath(wanted.file, options.root);
  const found = findEntryAtLine(entries, file, wanted.line);
  if (found) return found;
  const inFile = entriesOfFile(entries, file);
  if (inFile.length === 0) {
    const files = [...new Set(entries.map((entry) => entry.file))];
    throw new EntryNotFoundError(`${wanted.file} is not a ledger with entries (ledgers: ${files.join(', ') || 'none'})`);
  }
  const before = inFile.filter((entry) => entry.line <= wanted.line).at(-1);
  const near = before
    ? `; the nearest entry before it is ${before.entryId} (lines ${before.line}-${before.lineEnd})`
    : `; its first entry starts at line ${inFile.reduce((first, e) => Math.min(first, e.line), Infinity)}`;
  throw new EntryNotFoundError(`no entry holds ${wanted.file}:${wanted.line}${near}`, before ? [before.entryId] : []);
}

/** A path as typed (absolute, or relative to the root), as the ledgers' `file` is written: root-relative, posix. */
function workspacePath(file: string, root: string): string {
  const native = file.replace(/[\\/]/g, path.sep);
  if (!path.isAbsolute(native)) return file.replace(/\\/g, '/');
  return path.relative(root, native).split(path.sep).join('/');
}

function describeEntry(entry: LedgerEntry): Omit<EntryDocument, 'index'> {
  const { metadata } = entry;
  return {
    fileType: entry.fileType,
    entryId: entry.entryId,
    title: entry.title,
    file: entry.file,
    lineStart: entry.line,
    lineEnd: entry.lineEnd,
    heading: entry.heading,
    status: metadata.status ?? null,
    lifecycle: metadata.lifecycle ?? null,
    supersededBy: metadata.supersededBy ?? null,
    supersedes: metadata.supersedes ?? [],
    metadata,
    content: entry.content,
  };
}

/** The SQL index's view of the entry; any failure to read it is `unavailable` with the reason, never an error. */
async function readIndexState(options: NormalizedSyncOptions, entry: LedgerEntry, deadline: Deadline): Promise<EntryDocument['index']> {
  const wait = new Deadline(Math.min(INDEX_WAIT_SECONDS, deadline.remainingMs() / 1000));
  let store: string | null = null;
  try {
    const reader = await openIndexReader(options, 'sql', wait);
    store = reader.label;
    try {
      const hash = await reader.readHash(options.projectId, entry.fileType, entry.entryId, wait);
      return { state: hash === null ? 'missing' : hash === entry.contentHash ? 'fresh' : 'changed', store };
    } finally {
      await reader.close();
    }
  } catch (error) {
    if (!(error instanceof SotSyncError)) throw error;
    return { state: 'unavailable', store, reason: redactSecrets(error.message) };
  } finally {
    wait.dispose();
  }
}

const STATE_TEXT: Record<IndexState, string> = {
  fresh: 'index: fresh',
  changed: 'index: behind (it holds an older text; sot-sync --db-only --execute syncs it)',
  missing: 'index: not indexed yet (sot-sync --db-only --execute indexes it)',
  unavailable: 'index: unavailable',
};

/** For people: id and title, location (`docs/DEBUG_LOG.md:120-160`), status and index state, then the text. */
export function formatEntry(found: EntryDocument): string {
  const facts = [`${found.file}:${found.lineStart}${found.lineEnd > found.lineStart ? `-${found.lineEnd}` : ''}`, found.fileType];
  if (found.status) facts.push(`status: ${found.status}`);
  facts.push(found.index.state === 'unavailable' && found.index.reason ? `${STATE_TEXT.unavailable} (${found.index.reason})` : STATE_TEXT[found.index.state]);
  const lines = [`${found.entryId}  ${found.title}`, facts.join('  ·  ')];
  if (found.supersededBy) lines.push(`SUPERSEDED by ${found.supersededBy}: read that entry for the current decision.`);
  else if (found.lifecycle === 'superseded' || found.lifecycle === 'deprecated' || found.lifecycle === 'rejected')
    lines.push(`This entry is ${found.lifecycle.toUpperCase()}.`);
  if (found.supersedes.length > 0) lines.push(`supersedes ${found.supersedes.join(', ')}`);
  return `${[...lines, '', found.content].join('\n')}\n`;
}
