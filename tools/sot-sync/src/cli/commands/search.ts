// `sot-sync search "<query>"`: ranked entries from the Qdrant collection (sparse, dense, or both fused with RRF).
// Returns data and formats text; it never prints and never sets the exit code.
import type { Schemas } from '@qdrant/js-client-rest';
import type { Embedder } from '../../embed/embedder';
import { ModeRequirementError, SotSyncError, ExitCode, UsageError } from '../../errors';
import type { Deadline } from '../../runtime/deadline';
import { QdrantHttp, QdrantRequestError } from '../../targets/qdrant/qdrant-http';
import { DEFAULT_COLLECTION } from '../../targets/qdrant/qdrant-target';
import { collapseChunks, queryBody, type QueryVector, searchFilter, type SearchFilters } from '../../targets/qdrant/search-query';

export interface SearchConnection {
  url: string;
  apiKey?: string;
  /** Default `autopack_sot_docs`. */
  collection?: string;
  projectId: string;
  /** The embedders the collection was synced with (the same options as the sync). */
  embedders: readonly Embedder[];
}

export interface SearchOptions extends SearchFilters {
  /** Entries to return (default 10). */
  limit?: number;
}

export interface SearchResult {
  fileType: string;
  entryId: string;
  title: string;
  score: number;
  snippet: string;
}

/** The `--json` document: one result per entry, best first. */
export interface SearchResults {
  query: string;
  results: SearchResult[];
}

const SNIPPET_CHARS = 200;

/** Embeds `query` with every embedder, runs one Query API request within `deadline`, and collapses chunks per entry. */
export async function runSearch(connection: SearchConnection, query: string, options: SearchOptions, deadline: Deadline): Promise<SearchResults> {
  const text = query.trim();
  if (text === '') throw new UsageError('search needs a query, e.g. sot-sync search "qdrant retry backoff"');
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got ${limit}`);
  const collection = connection.collection ?? DEFAULT_COLLECTION;
  const vectors: QueryVector[] = [];
  for (const embedder of connection.embedders) {
    vectors.push({ using: embedder.vectorName, query: await embedder.embedQuery(text, { deadline }) });
  }
  const body = queryBody(vectors, searchFilter(connection.projectId, options), Math.min(limit * 4, limit + 200));
  const http = new QdrantHttp(connection.url, connection.apiKey);
  const path = `/collections/${encodeURIComponent(collection)}/points/query`;
  const answer = await http.call<Schemas['QueryResponse']>('POST', path, deadline, body).catch((error: unknown) => {
    throw explain(error, http.label, collection);
  });
  const chunks = answer.points.map((point) => ({ score: point.score, payload: (point.payload ?? {}) as Record<string, unknown> }));
  const results = collapseChunks(chunks, limit).map(({ fileType, entryId, title, score, content }) => ({
    fileType, entryId, title, score, snippet: snippetOf(content, text),
  }));
  return { query: text, results };
}

/** For people: rank, id, title, score, and the snippet on the next line. */
export function formatSearchResults(found: SearchResults): string {
  if (found.results.length === 0) return `No results for "${found.query}".\n`;
  const lines = [`${found.results.length} result${found.results.length === 1 ? '' : 's'} for "${found.query}":`, ''];
  const width = Math.max(...found.results.map((result) => result.entryId.length));
  found.results.forEach((result, i) => {
    const rank = String(i + 1).padStart(String(found.results.length).length);
    lines.push(`${rank}. ${result.entryId.padEnd(width)}  ${result.title}  (${result.fileType}, score ${formatScore(result.score)})`);
    if (result.snippet) lines.push(`${' '.repeat(rank.length + 2)}${result.snippet}`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * About SNIPPET_CHARS of `content` around the first query word (3+ letters) it contains, on one line; the start
 * of the content when none occurs.
 */
export function snippetOf(content: string, query: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
  const hits = words.map((word) => lower.indexOf(word)).filter((at) => at >= 0);
  const first = hits.length > 0 ? Math.min(...hits) : 0;
  let start = Math.max(0, first - Math.floor(SNIPPET_CHARS / 4));
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  const end = Math.min(flat.length, start + SNIPPET_CHARS);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

function formatScore(score: number): string {
  return Math.abs(score) >= 100 ? score.toFixed(1) : score.toPrecision(4);
}

function explain(error: unknown, label: string, collection: string): unknown {
  if (!(error instanceof QdrantRequestError)) return error;
  if (error.status === null || error.status >= 500) return new ModeRequirementError(`Qdrant unavailable at ${label}: ${error.reason}`);
  if (error.status === 404) {
    return new SotSyncError(`Qdrant collection "${collection}" at ${label} does not exist: index the ledgers first with sot-sync --qdrant-only --execute`, ExitCode.connection);
  }
  return error;
}
