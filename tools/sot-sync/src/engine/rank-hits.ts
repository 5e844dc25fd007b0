// Pure: what a store answered + what the ledgers say now -> the results people and agents see, the same way for
// every store. Each result is checked against the ledgers (no ghost results), located, and ranked with entries
// that are no longer current below the current ones.
import type { StoredMetadata } from '../ledger/entry-provenance';
import type { LedgerEntry, Lifecycle } from '../ledger/types';
import { idKeyOf } from './search-terms';
import { makeSnippet } from './make-snippet';

/** One entry as a store holds it, with the store's score (higher is better). */
export interface IndexHit {
  fileType: string;
  entryId: string;
  title: string;
  /** The text the snippet is cut from: the row's content, or the best-scoring chunk of a point. */
  content: string;
  /** The entry's hash when it was written, compared with the ledgers' for freshness. */
  contentHash: string;
  score: number;
  /** As stored: rows written before schema version 2 carry no provenance (`file`, `lineStart`, …). */
  metadata: Partial<StoredMetadata>;
  createdAt: string | null;
}

/**
 * `fresh`: the index holds what the ledger says. `changed`: the ledger's entry differs from what was indexed (the
 * result shows the ledger's current title and text). `removed`: the ledgers no longer have it (a ghost; left out
 * unless asked for).
 */
export type Freshness = 'fresh' | 'changed' | 'removed';

export interface SearchResult {
  fileType: string;
  entryId: string;
  title: string;
  score: number;
  snippet: string;
  status: string | null;
  lifecycle: Lifecycle | null;
  /** What replaced this entry, when it says (`DEC-031`). */
  supersededBy: string | null;
  /** Where the entry is now (where it was, for a removed one): relative to the workspace root. */
  file: string;
  lineStart: number;
  lineEnd: number;
  heading: string;
  createdAt: string | null;
  freshness: Freshness;
}

export interface RankOptions {
  /** The query as typed, for snippets. */
  query: string;
  /** Id tokens of the entry ids the query names (`dec12`): those entries come first. */
  idTokens: readonly string[];
  limit: number;
  /** List removed entries too (marked `removed`). */
  includeStale: boolean;
  /** Each ledger's path by file type, for rows written before the index stored provenance. */
  ledgerFiles: ReadonlyMap<string, string>;
}

/** Score factor of a superseded, deprecated or rejected entry: a current entry about as relevant ranks above it. */
export const INACTIVE_WEIGHT = 0.5;
const INACTIVE: ReadonlySet<Lifecycle> = new Set<Lifecycle>(['superseded', 'deprecated', 'rejected']);

export function entryKey(fileType: string, entryId: string): string {
  return `${fileType}\u0000${entryId}`;
}

/** The ledgers' entries by key, for `rankHits`. */
export function entriesByKey(entries: readonly LedgerEntry[]): Map<string, LedgerEntry> {
  const byKey = new Map<string, LedgerEntry>();
  for (const entry of entries) byKey.set(entryKey(entry.fileType, entry.entryId), entry);
  return byKey;
}

/**
 * Each hit checked against `current` (the ledgers as parsed now), best first: entries the query names by id, then
 * by score, an inactive entry's score halved. At most `limit`; removed entries only with `includeStale`.
 */
export function rankHits(hits: readonly IndexHit[], current: ReadonlyMap<string, LedgerEntry>, options: RankOptions): SearchResult[] {
  const named = new Set(options.idTokens);
  const ranked = hits
    .map((hit) => toResult(hit, current.get(entryKey(hit.fileType, hit.entryId)), options))
    .filter((result) => options.includeStale || result.freshness !== 'removed')
    .map((result) => ({ result, named: named.has(idKeyOf(result.entryId)) }));
  ranked.sort(
    (a, b) =>
      Number(b.named) - Number(a.named) ||
      b.result.score - a.result.score ||
      a.result.fileType.localeCompare(b.result.fileType) ||
      a.result.entryId.localeCompare(b.result.entryId),
  );
  return ranked.slice(0, options.limit).map(({ result }) => result);
}

function toResult(hit: IndexHit, entry: LedgerEntry | undefined, options: RankOptions): SearchResult {
  if (!entry) return removedResult(hit, options);
  const fresh = entry.contentHash === hit.contentHash;
  const { metadata } = entry;
  return {
    fileType: entry.fileType,
    entryId: entry.entryId,
    title: entry.title,
    score: weighted(hit.score, metadata.lifecycle),
    // A fresh hit's text is the ledger's; Qdrant's is the best chunk, which points closer to the match.
    snippet: makeSnippet(fresh ? hit.content : entry.content, options.query),
    status: metadata.status ?? null,
    lifecycle: metadata.lifecycle ?? null,
    supersededBy: metadata.supersededBy ?? null,
    file: entry.file,
    lineStart: entry.line,
    lineEnd: entry.lineEnd,
    heading: entry.heading,
    createdAt: entry.createdAt,
    freshness: fresh ? 'fresh' : 'changed',
  };
}

/** A hit the ledgers no longer have: everything as the store holds it. */
function removedResult(hit: IndexHit, options: RankOptions): SearchResult {
  const stored = hit.metadata;
  const lineStart = stored.lineStart ?? stored.line ?? 0;
  return {
    fileType: hit.fileType,
    entryId: hit.entryId,
    title: hit.title,
    score: weighted(hit.score, stored.lifecycle),
    snippet: makeSnippet(hit.content, options.query),
    status: stored.status ?? null,
    lifecycle: stored.lifecycle ?? null,
    supersededBy: stored.supersededBy ?? null,
    file: stored.file ?? options.ledgerFiles.get(hit.fileType) ?? '',
    lineStart,
    lineEnd: stored.lineEnd ?? lineStart,
    heading: stored.heading ?? hit.title,
    createdAt: hit.createdAt,
    freshness: 'removed',
  };
}

function weighted(score: number, lifecycle: Lifecycle | undefined): number {
  return lifecycle !== undefined && INACTIVE.has(lifecycle) ? score * INACTIVE_WEIGHT : score;
}
