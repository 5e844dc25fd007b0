// Pure: Qdrant's similarity scores for dense vectors (Cosine, Dot, Euclid, Manhattan) and sparse vectors with IDF.
import type { Distance, SparseVector } from './qdrant-api-types';

/** Unit-length copy; Qdrant stores Cosine vectors normalised and returns them that way. Zero stays zero. */
export function normalizeVector(vector: readonly number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return norm === 0 ? [...vector] : vector.map((x) => x / norm);
}

/**
 * The score Qdrant reports. Cosine and Dot: larger is better. Euclid and Manhattan: Qdrant reports the
 * distance itself and orders ascending (smaller is better); see `largerIsBetter`.
 * Cosine expects both vectors already normalised (stored ones are normalised on upsert).
 */
export function denseScore(distance: Distance, query: readonly number[], stored: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < stored.length; i += 1) {
    const a = query[i] ?? 0;
    const b = stored[i] ?? 0;
    if (distance === 'Euclid') total += (a - b) ** 2;
    else if (distance === 'Manhattan') total += Math.abs(a - b);
    else total += a * b;
  }
  return distance === 'Euclid' ? Math.sqrt(total) : total;
}

/** Whether a larger score is a better match for this distance. */
export function largerIsBetter(distance: Distance): boolean {
  return distance === 'Cosine' || distance === 'Dot';
}

/**
 * Dot product over shared indices, each query weight optionally multiplied by a per-index factor (IDF).
 * Null when the vectors share no index: Qdrant's sparse search never returns such points.
 */
export function sparseScore(query: SparseVector, stored: SparseVector, factor?: ReadonlyMap<number, number>): number | null {
  const storedByIndex = new Map(stored.indices.map((index, i) => [index, stored.values[i] ?? 0]));
  let score = 0;
  let shared = false;
  query.indices.forEach((index, i) => {
    const value = storedByIndex.get(index);
    if (value === undefined) return;
    shared = true;
    score += (query.values[i] ?? 0) * value * (factor?.get(index) ?? 1);
  });
  return shared ? score : null;
}

/**
 * Qdrant's IDF for the `idf` modifier: idf = ln((N - n + 0.5) / (n + 0.5) + 1), where N is the number of points
 * that have this sparse vector and n the number of those whose vector contains the index.
 */
export function idfFactors(indices: readonly number[], corpus: readonly SparseVector[]): Map<number, number> {
  const total = corpus.length;
  const factors = new Map<number, number>();
  for (const index of indices) {
    const containing = corpus.filter((vector) => vector.indices.includes(index)).length;
    factors.set(index, Math.log((total - containing + 0.5) / (containing + 0.5) + 1));
  }
  return factors;
}
