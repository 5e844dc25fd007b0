// Pure: an `/embeddings` answer -> vectors in input order, or an error saying what is wrong with it.
import { bodyExcerpt } from '../http/fetch-json';
import { HttpStatusError } from '../http/http-retry';

interface EmbeddingItem {
  embedding?: unknown;
  index?: unknown;
}

// Error codes some gateways send with status 200 for conditions that pass: retried like a 429 / 503.
const TRANSIENT_CODES = /rate_limit|overloaded|server_error|timeout|unavailable/i;

/**
 * Checks the answer the way the tool relies on it: an `error` member is an error even with status 200, there is
 * one vector per input, and every vector has `dimensions` finite numbers.
 */
export function readEmbeddings(body: unknown, count: number, dimensions: number): number[][] {
  if (body === null || typeof body !== 'object') throw new Error(`expected a JSON object, got: ${bodyExcerpt(body)}`);
  const error = (body as { error?: unknown }).error;
  if (error !== undefined && error !== null) throw errorBody(error);
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length !== count) {
    throw new Error(`expected ${count} embeddings in "data", got ${Array.isArray(data) ? data.length : 'none'}`);
  }
  const ordered = [...(data as EmbeddingItem[])].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
  return ordered.map((item, i) => checkVector(item.embedding, i, dimensions));
}

function checkVector(vector: unknown, position: number, dimensions: number): number[] {
  if (!Array.isArray(vector) || !vector.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new Error(`embedding ${position} is not a list of numbers (is encoding_format "float" supported?)`);
  }
  if (vector.length !== dimensions) {
    throw new Error(`the model returned vectors of ${vector.length} dimensions, expected ${dimensions} (check the configured dimensions)`);
  }
  return vector as number[];
}

function errorBody(error: unknown): Error {
  const { message, code, type } = (typeof error === 'object' ? error : { message: error }) as { message?: unknown; code?: unknown; type?: unknown };
  const text = `error in the response body: ${bodyExcerpt(message ?? error)}`;
  const kind = `${String(code ?? '')} ${String(type ?? '')}`;
  if (TRANSIENT_CODES.test(kind)) return new HttpStatusError(/rate_limit/i.test(kind) ? 429 : 503, text);
  return new Error(text);
}
