// Pure: shapes stored points as Qdrant's Record and ScoredPoint JSON, honouring with_payload and with_vector.
import type { FilterablePoint } from './filter-match';
import { pickPayload } from './payload-path';
import type { StoredVectors, VectorConfig } from './point-vectors';
import type { Payload, SparseVector, WithPayload, WithVector } from './qdrant-api-types';

/** A point as the in-memory collection keeps it. */
export interface StoredPoint extends FilterablePoint {
  version: number;
  vectors: StoredVectors;
}

export interface RecordJson {
  id: number | string;
  payload: Payload | null;
  vector: number[] | Record<string, number[] | SparseVector> | null;
}

/** Record: `payload` / `vector` are null when not requested (Qdrant serialises them as null, not absent). */
export function formatRecord(point: StoredPoint, config: VectorConfig, withPayload: WithPayload, withVector: WithVector): RecordJson {
  return { id: point.id, payload: selectPayload(point.payload, withPayload), vector: selectVectors(point, config, withVector) };
}

/** ScoredPoint: a Record plus the operation version and the score. */
export function formatScoredPoint(
  point: StoredPoint,
  score: number,
  config: VectorConfig,
  withPayload: WithPayload,
  withVector: WithVector,
): RecordJson & { version: number; score: number } {
  return { ...formatRecord(point, config, withPayload, withVector), version: point.version, score };
}

function selectPayload(payload: Payload, selector: WithPayload): Payload | null {
  if (selector === true) return payload;
  if (selector === false || selector == null) return null;
  if (Array.isArray(selector)) return pickPayload(payload, selector);
  if ('include' in selector) return pickPayload(payload, selector.include);
  const excluded = new Set(selector.exclude);
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !excluded.has(key)));
}

// A collection with only the unnamed dense vector answers with a bare array, any other layout with a name map.
function selectVectors(point: StoredPoint, config: VectorConfig, selector: WithVector): RecordJson['vector'] {
  if (selector === false || selector == null) return null;
  const unnamedOnly = config.sparse.size === 0 && config.dense.size === 1 && config.dense.has('');
  if (unnamedOnly) return point.vectors.dense.get('') ?? null;
  const wanted = (name: string) => selector === true || selector.includes(name);
  const out: Record<string, number[] | SparseVector> = {};
  point.vectors.dense.forEach((vector, name) => wanted(name) && (out[name] = vector));
  point.vectors.sparse.forEach((vector, name) => wanted(name) && (out[name] = vector));
  return out;
}
