// Pure: a search (query vectors + filters) -> a Query API body, and scored chunks -> one hit per entry.
import type { Schemas } from '@qdrant/js-client-rest';
import type { SparseVector } from '../../embed/embedder';
import { dateRange, statusKey, type SearchFilters } from '../../engine/search-filters';
import { projectFilter } from './read-points';

export type { SearchFilters } from '../../engine/search-filters';

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
  /** The best-scoring chunk's payload (the entry's hash, metadata and date are the same in every chunk). */
  payload: Record<string, unknown>;
}

export const SEARCH_PAYLOAD_FIELDS = ['file_type', 'entry_id', 'title', 'content', 'content_preview', 'content_hash', 'metadata', 'created_at'];

/** The project's points, narrowed by the filters given. */
export function searchFilter(projectId: string, filters: SearchFilters): Schemas['Filter'] {
  const must = [...((projectFilter(projectId).must ?? []) as Schemas['Condition'][])];
  if (filters.fileType) must.push({ key: 'file_type', match: { value: filters.fileType } });
  if (filters.status) {
    const word = statusKey(filters.status) ?? filters.status;
    must.push({
      should: [
        { key: 'status', match: { value: word } },
        { key: 'metadata.status', match: { value: filters.status } },
        { key: 'metadata.lifecycle', match: { value: filters.status.trim().toLowerCase() } },
      ],
    });
  }
  const range: Schemas['DatetimeRange'] = dateRange(filters);
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
    hits.set(key, { fileType, entryId, title: String(payload['title'] ?? ''), score, content, payload });
  }
  return [...hits.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
