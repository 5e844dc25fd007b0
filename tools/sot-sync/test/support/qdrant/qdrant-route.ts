// The shape of one REST operation of the test server; the tables live in collection-routes and point-routes.
import type { QdrantStore } from './qdrant-store';

export interface RouteContext {
  store: QdrantStore;
  /** Decoded path parameters, named as in the OpenAPI template. */
  params: Record<string, string>;
  /** Raw query string values. */
  query: Record<string, string>;
  /** The parsed JSON body; already checked against the document when contract checks are on. */
  body: unknown;
}

export interface QdrantRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** The OpenAPI path template, so the contract finds the operation by method + template. */
  template: string;
  /** Qdrant's operationId, also recorded in the request log. */
  operationId: string;
  /** True when the handler returns the whole body (GET /), not a `result` to wrap. */
  raw?: boolean;
  handle(context: RouteContext): unknown;
}

/** `wait=false` answers before the change is applied in Qdrant; here it is applied anyway, only the status differs. */
export function updateStatus<T extends { status: string }>(context: RouteContext, result: T): T {
  return context.query['wait'] === 'false' ? { ...result, status: 'acknowledged' } : result;
}

/** The collection name path parameter (every collection-scoped template has one). */
export function collectionParam(context: RouteContext): string {
  return context.params['collection_name'] ?? '';
}
