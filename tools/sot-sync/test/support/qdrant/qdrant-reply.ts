// Writes Qdrant-shaped HTTP replies: errors as `{ status: { error }, time }`, and the injected faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultAction } from './fault-injection';
import { QdrantHttpError } from './qdrant-http-error';
import type { RecordedRequest } from './qdrant-test-server';

/** A reply before it is written: status, JSON body and extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

// Faults skip the contract on purpose, but their bodies are the ones Qdrant sends in those situations.
export function injectFault(action: FaultAction, entry: RecordedRequest, req: IncomingMessage, res: ServerResponse, started: bigint): void {
  entry.fault = action.kind;
  if (action.kind === 'drop' || action.kind === 'lose-answer') {
    req.socket.destroy();
    return;
  }
  if (action.kind === 'rate-limit') {
    const error = new QdrantHttpError(429, `Rate limiting exceeded: Retry after ${action.retryAfterSeconds}s`);
    send(res, entry, { ...errorReply(error, started), headers: { 'retry-after': String(action.retryAfterSeconds) } });
    return;
  }
  const error = new QdrantHttpError(503, 'Service unavailable: fault injected by the sot-sync Qdrant test server');
  send(res, entry, errorReply(error, started));
}

/** The body Qdrant sends with a non-2xx status. */
export function errorReply(error: QdrantHttpError, started: bigint): Reply {
  return { status: error.status, body: { status: { error: error.message }, time: elapsedSeconds(started) } };
}

/** Writes the reply as JSON and notes the status in the request log. */
export function send(res: ServerResponse, entry: RecordedRequest, reply: Reply): void {
  entry.status = reply.status;
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

/** Qdrant's `time` field: seconds spent on the request, as a float. */
export function elapsedSeconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
