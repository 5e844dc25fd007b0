// The Query API over one collection: nearest dense / sparse (with IDF), by point id, prefetch and RRF fusion.
import { compileFilter } from './filter-match';
import { comparePointIds, normalizePointId, pointIdKey } from './point-id';
import { checkDense, checkSparse } from './point-vectors';
import type { Filter, QueryBody, QueryNode, SparseVector } from './qdrant-api-types';
import type { QdrantCollection } from './qdrant-collection';
import { notFound, notModelled, wrongInput } from './qdrant-http-error';
import type { StoredPoint } from './record-format';
import { denseScore, idfFactors, largerIsBetter, normalizeVector, sparseScore } from './vector-scoring';

export interface ScoredStoredPoint {
  point: StoredPoint;
  score: number;
}

type ResolvedQuery =
  | { kind: 'none' }
  | { kind: 'dense'; vector: number[]; exclude: string | null }
  | { kind: 'sparse'; vector: SparseVector; exclude: string | null }
  | { kind: 'rrf'; k: number; weights: number[] | null };

/** Qdrant's DEFAULT_RRF_K: the top hit of one prefetch list contributes 1 / (1 + k - 1) = 0.5. */
export const DEFAULT_RRF_K = 2;

/** Runs a query request; `offset` and `limit` (default 10) apply to the final ranking. */
export function queryPoints(collection: QdrantCollection, request: QueryBody): ScoredStoredPoint[] {
  if (request.lookup_from != null) throw notModelled('lookup_from');
  const offset = request.offset ?? 0;
  return runNode(collection, request, []).slice(offset, offset + (request.limit ?? 10));
}

// A node's own filter is added to the ones it inherits: Qdrant applies the root filter to every prefetch.
function runNode(collection: QdrantCollection, node: QueryNode, inherited: Filter[]): ScoredStoredPoint[] {
  const filters = node.filter ? [...inherited, node.filter] : inherited;
  const prefetches = node.prefetch == null ? [] : Array.isArray(node.prefetch) ? node.prefetch : [node.prefetch];
  const query = resolveQuery(collection, node.query, node.using ?? '');
  let ranked: ScoredStoredPoint[];
  if (prefetches.length > 0) {
    const lists = prefetches.map((prefetch) => runNode(collection, prefetch, filters).slice(0, prefetch.limit ?? 10));
    if (query.kind === 'rrf') ranked = fuseRrf(lists, query.k, query.weights);
    else if (query.kind === 'none') throw notModelled('prefetch without a query');
    else ranked = score(collection, uniquePoints(lists), query, node.using ?? '');
  } else {
    if (query.kind === 'rrf') throw wrongInput('Fusion queries need at least one prefetch');
    const predicates = filters.map(compileFilter);
    const candidates = collection.allPoints().filter((point) => predicates.every((matches) => matches(point)));
    ranked = query.kind === 'none' ? candidates.map((point) => ({ point, score: 0 })) : score(collection, candidates, query, node.using ?? '');
  }
  const threshold = node.score_threshold;
  if (threshold == null) return ranked;
  const distance = collection.vectorConfig.dense.get(node.using ?? '')?.distance ?? 'Dot';
  const better = query.kind === 'dense' ? largerIsBetter(distance) : true;
  return ranked.filter((hit) => (better ? hit.score >= threshold : hit.score <= threshold));
}

function resolveQuery(collection: QdrantCollection, query: unknown, using: string): ResolvedQuery {
  if (query == null) return { kind: 'none' };
  if (typeof query === 'number' || typeof query === 'string') return byPointId(collection, query, using);
  if (Array.isArray(query)) {
    const params = collection.vectorConfig.dense.get(using);
    if (!params) throw vectorNameError(collection, using);
    return { kind: 'dense', vector: checkDense(params, query), exclude: null };
  }
  const object = query as Record<string, unknown>;
  if ('indices' in object) {
    if (!collection.vectorConfig.sparse.has(using)) throw vectorNameError(collection, using);
    return { kind: 'sparse', vector: checkSparse(object as unknown as SparseVector, 'query'), exclude: null };
  }
  if ('nearest' in object) {
    if (object['mmr'] != null) throw notModelled('mmr');
    return resolveQuery(collection, object['nearest'], using);
  }
  if (object['fusion'] === 'rrf') return { kind: 'rrf', k: DEFAULT_RRF_K, weights: null };
  const rrf = object['rrf'] as { k?: number | null; weights?: number[] | null } | undefined;
  if (rrf) return { kind: 'rrf', k: rrf.k ?? DEFAULT_RRF_K, weights: rrf.weights ?? null };
  throw notModelled(`query ${JSON.stringify(Object.keys(object))}`);
}

// Query by id uses that point's stored vector and leaves the point itself out of the results.
function byPointId(collection: QdrantCollection, raw: number | string, using: string): ResolvedQuery {
  const id = normalizePointId(raw);
  const point = collection.get(id);
  if (!point) throw notFound(`No point with id ${String(raw)} found`);
  const dense = point.vectors.dense.get(using);
  const sparse = point.vectors.sparse.get(using);
  if (dense) return { kind: 'dense', vector: dense, exclude: pointIdKey(id) };
  if (sparse) return { kind: 'sparse', vector: sparse, exclude: pointIdKey(id) };
  throw wrongInput(`Point ${String(raw)} has no vector \`${using}\``);
}

function vectorNameError(collection: QdrantCollection, using: string): Error {
  const { dense, sparse } = collection.vectorConfig;
  return dense.has(using) || sparse.has(using)
    ? wrongInput('Conversion between sparse and regular vectors failed')
    : wrongInput(`Not existing vector name error: ${using}`);
}

function score(
  collection: QdrantCollection,
  candidates: StoredPoint[],
  query: Extract<ResolvedQuery, { kind: 'dense' | 'sparse' }>,
  using: string,
): ScoredStoredPoint[] {
  const hits: ScoredStoredPoint[] = [];
  const keep = (point: StoredPoint, value: number | null) => {
    if (value !== null && pointIdKey(point.id) !== query.exclude) hits.push({ point, score: value });
  };
  if (query.kind === 'dense') {
    const distance = collection.vectorConfig.dense.get(using)?.distance ?? 'Dot';
    const vector = distance === 'Cosine' ? normalizeVector(query.vector) : query.vector;
    for (const point of candidates) {
      const stored = point.vectors.dense.get(using);
      keep(point, stored ? denseScore(distance, vector, stored) : null);
    }
    return sortHits(hits, largerIsBetter(distance));
  }
  // IDF statistics come from the whole collection, not from the filtered candidates.
  const idf =
    collection.vectorConfig.sparse.get(using)?.modifier === 'idf'
      ? idfFactors(
          query.vector.indices,
          collection.allPoints().flatMap((p) => p.vectors.sparse.get(using) ?? []),
        )
      : undefined;
  for (const point of candidates) {
    const stored = point.vectors.sparse.get(using);
    keep(point, stored ? sparseScore(query.vector, stored, idf) : null);
  }
  return sortHits(hits, true);
}

/** Qdrant's RRF: each list adds 1 / (rank / weight + k - 1) with rank 1-based, i.e. 1 / (k + position) by default. */
function fuseRrf(lists: ScoredStoredPoint[][], k: number, weights: number[] | null): ScoredStoredPoint[] {
  if (weights && weights.length !== lists.length) throw wrongInput('The number of weights must match the number of prefetches');
  const fused = new Map<string, ScoredStoredPoint>();
  lists.forEach((list, i) => {
    const weight = weights?.[i] ?? 1;
    list.forEach(({ point }, position) => {
      const key = pointIdKey(point.id);
      const entry = fused.get(key) ?? { point, score: 0 };
      entry.score += 1 / ((position + 1) / weight + k - 1);
      fused.set(key, entry);
    });
  });
  return sortHits([...fused.values()], true);
}

function uniquePoints(lists: ScoredStoredPoint[][]): StoredPoint[] {
  const seen = new Map<string, StoredPoint>();
  for (const { point } of lists.flat()) seen.set(pointIdKey(point.id), point);
  return [...seen.values()];
}

// Ties break by id so results are deterministic (Qdrant's tie order is unspecified).
function sortHits(hits: ScoredStoredPoint[], larger: boolean): ScoredStoredPoint[] {
  return hits.sort((a, b) => (larger ? b.score - a.score : a.score - b.score) || comparePointIds(a.point.id, b.point.id));
}
