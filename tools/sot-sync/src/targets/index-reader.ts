// The read side of a store, for retrieval: ranked candidates for a query, the (key, hash) pairs it holds and when
// it was last synced. One implementation per store (search-sqlite.ts, search-postgres.ts, search-qdrant.ts); none
// of them writes, and none decides freshness or final ranking (engine/rank-hits.ts does, the same for every store).
import type { SyncCounts, TargetSnapshot } from '../engine/plan-types';
import type { SearchFilters } from '../engine/search-filters';
import type { IndexHit } from '../engine/rank-hits';
import type { SearchTerms } from '../engine/search-terms';
import type { StoredMetadata } from '../ledger/entry-provenance';
import type { Deadline } from '../runtime/deadline';

/** Which kind of store answers: the SQL table (SQLite or PostgreSQL) or the Qdrant collection. */
export type IndexRole = 'sql' | 'qdrant';

export interface IndexQuery {
  /** The query as typed (embedders read it whole). */
  text: string;
  terms: SearchTerms;
  filters: SearchFilters;
  /** Entries to return at most, best first (callers ask for more than they show: ranking and freshness drop some). */
  limit: number;
}

/** One entry as the store holds it, with the store's score (defined with the ranking that consumes it). */
export type { IndexHit } from '../engine/rank-hits';

export interface IndexReader {
  readonly role: IndexRole;
  /** `sqlite`, `postgres`, `qdrant`. */
  readonly kind: string;
  /** Where the store is, safe to print (credentials redacted). */
  readonly label: string;

  /** Ranked entries of the project matching the query and filters. Throws ModeRequirementError (exit 4) when the store has no searchable index yet. */
  search(projectId: string, query: IndexQuery, deadline: Deadline): Promise<IndexHit[]>;

  /** Every (key, hash) pair held for the project, in one read (as `--verify` reads it). */
  readSnapshot(projectId: string, deadline: Deadline): Promise<TargetSnapshot>;

  /** When a sync last changed the project's rows or points (ISO), or null when nothing was written. */
  readLastSync(projectId: string, deadline: Deadline): Promise<string | null>;

  /** The hash stored for one entry, or null when the store does not hold it. */
  readHash(projectId: string, fileType: string, entryId: string, deadline: Deadline): Promise<string | null>;

  close(): Promise<void>;
}

/** `metadata` as a store returns it (a JSON string, or an object from jsonb / a payload), or {} when unreadable. */
export function parseStoredMetadata(value: unknown): Partial<StoredMetadata> {
  if (value !== null && typeof value === 'object') return value as Partial<StoredMetadata>;
  if (typeof value !== 'string' || value === '') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Partial<StoredMetadata>) : {};
  } catch {
    // Metadata written by hand or by another tool that is not JSON: the row is still a result, without it.
    return {};
  }
}

/** The JSON every SQL store keeps under `last_sync:<projectId>` in sot_sync_meta: when, what, and the rows' fingerprint. */
export interface LastSyncRecord {
  at: string;
  counts: SyncCounts;
  fingerprint: string | null;
}

/** The time in a `last_sync:<projectId>` record (`time` in records PostgreSQL wrote before the shape was one). */
export function lastSyncTime(value: string | undefined): string | null {
  if (value === undefined) return null;
  const record = parseStoredMetadata(value) as { at?: unknown; time?: unknown };
  const time = record.at ?? record.time;
  return typeof time === 'string' ? time : null;
}
