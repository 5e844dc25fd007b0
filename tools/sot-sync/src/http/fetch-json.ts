// The HTTP gateway of the Qdrant target and the embedders: one JSON request, no retries, no interpretation.
import { encodeJson } from './encode-json';

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  /** Serialized as JSON when given. */
  body?: unknown;
  /** Aborts the request and the body read (the retry helper passes deadline + per-attempt timeout). */
  signal: AbortSignal;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; the raw text when the body is not JSON; undefined when empty. */
  body: unknown;
}

/**
 * Sends one request and reads the whole answer. HTTP error statuses are returned, not thrown: callers know how
 * their server words errors. Transport failures (refused, dropped, aborted) reject as fetch rejects.
 */
export async function fetchJson(url: string, request: JsonRequest): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: request.method,
    headers,
    // As bytes: fetch would re-scan and re-encode a string body; encodeJson builds the bytes piece by piece.
    body: request.body === undefined ? undefined : encodeJson(request.body),
    signal: request.signal,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseBody(text) };
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A short, single-line excerpt of a body for error messages (never the request, which may carry secrets). */
export function bodyExcerpt(body: unknown, max = 300): string {
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * Why a request failed in transport terms (`ECONNREFUSED`, `UND_ERR_SOCKET`, …). Duck-typed: under jest, fetch's
 * errors come from another realm and fail `instanceof Error`.
 */
export function transportReason(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const detail = cause?.code ?? cause?.message;
  if (typeof detail === 'string') return detail;
  return typeof message === 'string' ? message : String(error);
}
