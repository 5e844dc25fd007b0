// Checks incoming vectors against a collection's vector config the way Qdrant does: names, dimensions, sparse shape.
import type { PointId } from './point-id';
import type { DenseParams, IncomingPoint, Payload, SparseParams, SparseVector } from './qdrant-api-types';
import { notModelled, validationError, wrongInput } from './qdrant-http-error';
import { normalizeVector } from './vector-scoring';

/** The vector layout of a collection; the unnamed default vector is stored under the name "". */
export interface VectorConfig {
  dense: ReadonlyMap<string, DenseParams>;
  sparse: ReadonlyMap<string, SparseParams>;
}

export interface StoredVectors {
  dense: Map<string, number[]>;
  sparse: Map<string, SparseVector>;
}

/** Validates a point's `vector` field and returns it as stored (Cosine normalised, sparse sorted by index). */
export function parsePointVectors(config: VectorConfig, raw: unknown, where: string): StoredVectors {
  const stored: StoredVectors = { dense: new Map(), sparse: new Map() };
  if (Array.isArray(raw)) {
    addVector(config, stored, '', raw, where);
  } else if (raw !== null && typeof raw === 'object') {
    if (['text', 'image', 'object'].some((key) => key in raw)) throw notModelled('inference objects as vectors');
    for (const [name, value] of Object.entries(raw)) addVector(config, stored, name, value, `${where}.${name}`);
  } else {
    throw wrongInput(`${where}: expected a vector`);
  }
  return stored;
}

function addVector(config: VectorConfig, stored: StoredVectors, name: string, value: unknown, where: string): void {
  const dense = config.dense.get(name);
  const sparse = config.sparse.get(name);
  if (!dense && !sparse) throw wrongInput(`Not existing vector name error: ${name}`);
  const isSparse = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (dense) {
    if (isSparse) throw wrongInput('Conversion between sparse and regular vectors failed');
    stored.dense.set(name, checkDense(dense, value));
  } else {
    if (!isSparse) throw wrongInput('Conversion between sparse and regular vectors failed');
    stored.sparse.set(name, checkSparse(value as SparseVector, where));
  }
}

/** A dense vector of the configured dimension; Cosine collections keep it normalised, as Qdrant does. */
export function checkDense(params: DenseParams, value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number')) {
    throw notModelled('multi-vectors and inference inputs');
  }
  const vector = value as number[];
  if (vector.length !== params.size) {
    throw wrongInput(`Vector dimension error: expected dim: ${params.size}, got ${vector.length}`);
  }
  return params.distance === 'Cosine' ? normalizeVector(vector) : [...vector];
}

/** Indices unique and as many as values (Qdrant's validator, hence 422), stored sorted by index. */
export function checkSparse(vector: SparseVector, where: string): SparseVector {
  if (vector.indices.length !== vector.values.length) {
    throw validationError(`${where}: indices and values must be the same length`);
  }
  if (new Set(vector.indices).size !== vector.indices.length) {
    throw validationError(`${where}: indices must be unique`);
  }
  const order = vector.indices.map((_, i) => i).sort((a, b) => (vector.indices[a] ?? 0) - (vector.indices[b] ?? 0));
  return { indices: order.map((i) => vector.indices[i] ?? 0), values: order.map((i) => vector.values[i] ?? 0) };
}

/** The `batch` upsert form turned into the `points` form (column-wise vectors become per-point ones). */
export function batchToPoints(batch: { ids: PointId[]; vectors: unknown; payloads?: (Payload | null)[] | null }): IncomingPoint[] {
  const { ids, vectors, payloads } = batch;
  const vectorAt = (i: number): unknown => {
    if (Array.isArray(vectors)) return vectors[i];
    if (vectors !== null && typeof vectors === 'object') {
      return Object.fromEntries(Object.entries(vectors as Record<string, unknown[]>).map(([name, column]) => [name, column[i]]));
    }
    throw wrongInput('batch.vectors: expected an array or an object of named columns');
  };
  const columns = Array.isArray(vectors) ? [vectors] : Object.values((vectors ?? {}) as Record<string, unknown[]>);
  if (columns.some((column) => column.length !== ids.length) || (payloads && payloads.length !== ids.length)) {
    throw wrongInput('The number of ids, vectors and payloads in a batch must be the same');
  }
  return ids.map((id, i) => ({ id, vector: vectorAt(i), payload: payloads?.[i] ?? null }));
}
