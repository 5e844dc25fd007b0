// Pure: a search (query vectors + filters) -> a Query API body, and scored chunks -> one hit per entry.
import type { Schemas } from '@qdrant/js-client-rest';
import type { SparseVector } from '../../embed/embedder';
import { UsageError } from '../../errors';
import { statusKey } from './build-points';
import { projectFilter } from './read-points';

export interface SearchFilters {
  /** `build_history`, `architecture`, `debug_log`, … */
  fileType?: string;
  /** Matches the status word (`complete` matches `✅ Complete (100%)`) or the exact `metadata.status` text. */
  status?: string;
  /** Inclusive lower bound on `created_at`: a date (`2026-01-01`) or an ISO date-time. */
  since?: string;
  /** Inclusive upper bound: a date includes that whole day (UTC). */
  until?: string;
}

/** One vector to search with, and the named vector it is compared to. */
export interface QueryVector {
  using: string;
  query: SparseVector | number[];
}

/** A chunk as the Query API returned it. */
export interface ScoredChunk {
  score: number;
  payload: Record<string, unknown>;
}

export interface EntryHit {
  fileType: string;
  entryId: string;
  title: string;
  score: number;
  /** The best-scoring chunk's text, for the snippet. */
  content: string;
}

export const SEARCH_PAYLOAD_FIELDS = ['file_type', 'entry_id', 'title', 'content', 'content_preview'];

/** The project's points, narrowed by the filters given. */
export function searchFilter(projectId: string, filters: SearchFilters): Schemas['Filter'] {
  const must = [...((projectFilter(projectId).must ?? []) as Schemas['Condition'][])];
  if (filters.fileType) must.push({ key: 'file_type', match: { value: filters.fileType } });
  if (filters.status) {
    const word = statusKey(filters.status) ?? filters.status;
    must.push({ should: [{ key: 'status', match: { value: word } }, { key: 'metadata.status', match: { value: filters.status } }] });
  }
  const range: Schemas['DatetimeRange'] = {};
  if (filters.since) range.gte = boundary(filters.since, 'since');
  if (filters.until) range[isDate(filters.until) ? 'lt' : 'lte'] = boundary(filters.until, 'until');
  if (Object.keys(range).length > 0) must.push({ key: 'created_at', range });
  return { must };
}

/**
 * One vector: a plain nearest query. Several (sparse + dense): each becomes a prefetch, fused with RRF. `limit`
 * counts chunks; the caller asks for more than it shows, since chunks of one entry collapse into one hit.
 */
export function queryBody(vectors: readonly QueryVector[], filter: Schemas['Filter'], limit: number): Schemas['QueryRequest'] {
  const withPayload = { with_payload: SEARCH_PAYLOAD_FIELDS, with_vector: false };
  if (vectors.length === 1) {
    const [only] = vectors as [QueryVector];
    return { query: only.query, using: only.using, filter, limit, ...withPayload };
  }
  const prefetch = vectors.map((vector) => ({ query: vector.query, using: vector.using, filter, limit }));
  return { prefetch, query: { fusion: 'rrf' }, filter, limit, ...withPayload };
}

/** Chunks (best first) -> entries, each at its best chunk's score, at most `limit`. */
export function collapseChunks(chunks: readonly ScoredChunk[], limit: number): EntryHit[] {
  const hits = new Map<string, EntryHit>();
  for (const { score, payload } of chunks) {
    const fileType = String(payload['file_type'] ?? '');
    const entryId = String(payload['entry_id'] ?? '');
    const key = `${fileType}\u0000${entryId}`;
    const seen = hits.get(key);
    if (seen && seen.score >= score) continue;
    const content = String(payload['content'] ?? payload['content_preview'] ?? '');
    hits.set(key, { fileType, entryId, title: String(payload['title'] ?? ''), score, content });
  }
  return [...hits.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

// A bare date is midnight UTC; `until` with a bare date becomes "before the next midnight".
function boundary(text: string, flag: 'since' | 'until'): string {
  const value = text.trim();
  const millis = Date.parse(isDate(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(millis)) throw new UsageError(`--${flag} ${value} is not a date: expected e.g. 2026-01-08 or 2026-01-08T12:00:00Z`);
  const day = 24 * 60 * 60 * 1000;
  return new Date(flag === 'until' && isDate(value) ? millis + day : millis).toISOString();
}
