// The parse phase: read every configured ledger and parse it; the ledger states decide how far pruning reaches.
// A ledger a target proved unchanged since its last sync (engine/plan-ledger-skips.ts) is read and hashed, not parsed.
import { createHash } from 'node:crypto';
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { LedgerRecord, LedgerSource, ParsedLedgerState } from '../engine/plan-ledger-skips';
import type { LedgerReadState } from '../engine/plan-sync';
import { parseLedger } from '../ledger/parse-ledger';
import type { Diagnostic, EntryMetadata, EntrySummary, LedgerEntry, LedgerSpec } from '../ledger/types';
import { summaryOf, type CachedEntry, type ParseCache } from '../io/parse-cache';
import { readLedgerFiles, type LedgerFile } from '../io/read-ledger-files';
import { readCodeVersion } from './read-code-version';

export interface LedgerSummary {
  fileType: string;
  file: string;
  entries: number;
  state: LedgerReadState['state'];
  /** True when the ledger was not parsed: its bytes are those the target last synced, and it still holds them. */
  skipped?: true;
  /** True when the ledger's summary came from the parse cache (its bytes unchanged since a run parsed them). */
  cached?: true;
}

export interface ParsedLedgers {
  /** The parsed entries, with their content (none of a ledger skipped or taken from the parse cache). */
  entries: LedgerEntry[];
  /** Every entry the report lists, in ledger order: those parsed and those of the parse cache. */
  summaries: EntrySummary[];
  diagnostics: Diagnostic[];
  ledgers: LedgerSummary[];
  /** The parsed ledgers with their keys, for the records a sync writes. */
  parsedStates: ParsedLedgerState[];
}

type LedgerOptions = Pick<NormalizedSyncOptions, 'root' | 'docsDir' | 'ledgers'>;

/** The configured ledgers read (not parsed), each with its key. */
export interface LedgerReads {
  files: LedgerFile[];
  sources: LedgerSource[];
}

export function readLedgerSources(options: LedgerOptions): LedgerReads {
  const prefixes = options.ledgers.map((spec) => spec.prefix);
  const files = readLedgerFiles(options.root, options.docsDir, options.ledgers);
  return { files, sources: files.map((read) => ({ fileType: read.spec.fileType, key: ledgerKey(read, prefixes) })) };
}

/**
 * What a ledger's rows depend on: its bytes, its spec and file name, the other ledgers' prefixes and the parser's
 * code. A read with diagnostics (e.g. invalid UTF-8) or no bytes has no key.
 */
function ledgerKey(read: LedgerFile, prefixes: readonly string[]): string | null {
  if (read.bytes === null || read.diagnostics.length > 0) return null;
  const context = JSON.stringify([readCodeVersion(), read.spec, read.file, prefixes]);
  return createHash('sha256').update(context).update('\0').update(read.bytes).digest('hex');
}

/**
 * Every configured ledger, parsed. With a `cache`, an unchanged ledger's entries come from its cached record and are
 * parsed only if something reads an entry's `content` (search, for a result whose text changed since the sync).
 */
export function readLedgers(options: LedgerOptions, cache: ParseCache | null = null): ParsedLedgers {
  if (cache === null) return parseLedgerReads(readLedgerFiles(options.root, options.docsDir, options.ledgers), options);
  const reads = readLedgerSources(options);
  return parseLedgerReads(reads.files, options, [], reads.sources, cache, true);
}

/**
 * Parses the ledgers read, except those in `skipped` (whose records stand in for them) and, with a `cache`, those whose
 * record the cache holds under the same key; a ledger it parses is put there. A cached ledger adds its summaries only,
 * or with `cachedEntries` also its entries, whose `content` parses the ledger when first read.
 */
export function parseLedgerReads(
  files: readonly LedgerFile[],
  options: LedgerOptions,
  skipped: readonly LedgerRecord[] = [],
  sources: readonly LedgerSource[] = [],
  cache: ParseCache | null = null,
  cachedEntries = false,
): ParsedLedgers {
  const prefixes = options.ledgers.map((spec) => spec.prefix);
  const skips = new Map(skipped.map((record) => [record.fileType, record]));
  const keys = new Map(sources.map((source) => [source.fileType, source.key]));
  const result: ParsedLedgers = { entries: [], summaries: [], diagnostics: [], ledgers: [], parsedStates: [] };
  for (const read of files) {
    const skip = skips.get(read.spec.fileType);
    if (skip) {
      result.ledgers.push({
        fileType: read.spec.fileType,
        file: read.file,
        entries: skip.rowCount,
        state: skip.rowCount === 0 ? 'empty' : 'ok',
        skipped: true,
      });
      for (const diagnostic of skip.diagnostics) result.diagnostics.push(diagnostic);
      continue;
    }
    const key = keys.get(read.spec.fileType) ?? null;
    const hit = cache && key !== null ? (cachedEntries ? cache.getRecords(read.file, key) : cache.getSummary(read.file, key)) : null;
    if (hit) {
      // One push per item, never push(...items): a spread passes every item as an argument on the stack, and a
      // ledger of 150,000 entries (or diagnostics) overflows it. Stored summaries are already in the report's shape.
      if (cachedEntries) {
        const texts = lazyTexts(read, prefixes);
        for (const record of hit.entries as CachedEntry[]) {
          result.summaries.push(summaryOf(record));
          result.entries.push(entryOf(record, read.file, texts));
        }
      } else for (const summary of hit.entries) result.summaries.push(summary);
      for (const diagnostic of hit.diagnostics) result.diagnostics.push(diagnostic);
      result.ledgers.push({ fileType: read.spec.fileType, file: read.file, entries: hit.entries.length, state: hit.state, cached: true });
      result.parsedStates.push({ fileType: read.spec.fileType, state: hit.state, key, entries: hit.entries.length, diagnostics: hit.diagnostics });
      continue;
    }
    const parsed = read.bytes === null ? null : parseLedger(read.bytes, read.spec, { file: read.file, foreignPrefixes: prefixes });
    const diagnostics = read.diagnostics.concat(parsed?.diagnostics ?? []);
    const entries = parsed?.entries ?? [];
    const summaries = entries.map(summaryOf);
    for (const entry of entries) result.entries.push(entry);
    for (const summary of summaries) result.summaries.push(summary);
    for (const diagnostic of diagnostics) result.diagnostics.push(diagnostic);
    const state = stateOf(read.bytes, entries, diagnostics);
    result.ledgers.push({ fileType: read.spec.fileType, file: read.file, entries: entries.length, state });
    result.parsedStates.push({ fileType: read.spec.fileType, state, key, entries: entries.length, diagnostics });
    if (cache && key !== null) cache.put(read.file, key, { state, entries: entries.map(recordOf), diagnostics });
  }
  return result;
}

/** What the cache keeps of an entry: all but its text and the metadata no report or result shows. */
function recordOf(entry: LedgerEntry): CachedEntry {
  const { status, lifecycle, supersededBy } = entry.metadata;
  return {
    ...summaryOf(entry),
    lineEnd: entry.lineEnd,
    heading: entry.heading,
    createdAt: entry.createdAt,
    ...(status !== undefined ? { status } : {}),
    ...(lifecycle !== undefined ? { lifecycle } : {}),
    ...(supersededBy !== undefined ? { supersededBy } : {}),
  };
}

/** An entry from its cached record; `content` parses the ledger on first read (once for all its entries). */
function entryOf(record: CachedEntry, file: string, texts: (entryId: string) => string): LedgerEntry {
  const { status, lifecycle, supersededBy, lineEnd, heading, createdAt, ...summary } = record;
  const metadata: EntryMetadata = {
    source: summary.source,
    line: summary.line,
    ...(status !== undefined ? { status } : {}),
    ...(lifecycle !== undefined ? { lifecycle } : {}),
    ...(supersededBy !== undefined ? { supersededBy } : {}),
  };
  const entry = { ...summary, lineEnd, heading, createdAt, file, metadata } as LedgerEntry;
  Object.defineProperty(entry, 'content', { enumerable: true, get: () => texts(summary.entryId) });
  return entry;
}

/** The text of each entry of a ledger, parsed on the first call. */
function lazyTexts(read: { spec: LedgerSpec; file: string; bytes: Buffer | null }, prefixes: readonly string[]): (entryId: string) => string {
  let texts: Map<string, string> | undefined;
  return (entryId) => {
    if (texts === undefined) {
      const parsed = read.bytes === null ? [] : parseLedger(read.bytes, read.spec, { file: read.file, foreignPrefixes: prefixes }).entries;
      texts = new Map(parsed.map((entry) => [entry.entryId, entry.content]));
    }
    return texts.get(entryId) ?? '';
  };
}

function stateOf(bytes: Buffer | null, entries: LedgerEntry[], diagnostics: Diagnostic[]): LedgerReadState['state'] {
  if (bytes === null) return diagnostics.some((d) => d.rule === 'missing-ledger') ? 'missing' : 'invalid';
  if (diagnostics.some((d) => d.severity === 'error')) return 'invalid';
  return entries.length === 0 ? 'empty' : 'ok';
}
