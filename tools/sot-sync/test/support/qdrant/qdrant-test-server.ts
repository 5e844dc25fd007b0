// In-process HTTP server speaking Qdrant's REST API for tests; every exchange is checked against Qdrant's OpenAPI doc.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectionRoutes } from './collection-routes';
import { type FaultKind, QdrantFaults } from './fault-injection';
import { openContract } from './open-contract';
import type { ContractViolation, OpenApiContract, RequestUnderCheck } from './openapi-contract';
import { pointRoutes } from './point-routes';
import { formatError, notModelled, QdrantHttpError } from './qdrant-http-error';
import { elapsedSeconds, errorReply, injectFault, type Reply, send } from './qdrant-reply';
import type { QdrantRoute } from './qdrant-route';
import { QdrantStore } from './qdrant-store';
import { findTemplate } from './route-match';

export interface QdrantTestServerOptions {
  /** Qdrant's OpenAPI document. Default: the SOT_SYNC_QDRANT_OPENAPI environment variable. */
  openApiPath?: string;
  /** When set, every request must carry this `api-key` header, else 401 as in Qdrant. */
  apiKey?: string;
}

/** One request as the server saw it, for assertions such as "no upsert happened". */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  /** Qdrant's operationId ("upsert_points"), null for routes the server does not know. */
  operationId: string | null;
  fault: FaultKind | null;
  /** HTTP status sent; null while pending or when the connection was dropped. */
  status: number | null;
}

export interface QdrantTestServer {
  /** Base URL, e.g. http://127.0.0.1:41234, for `new QdrantClient({ url })`. */
  url: string;
  faults: QdrantFaults;
  requests: readonly RecordedRequest[];
  /** Requests the document forbids and responses of ours that it forbids (the latter are server bugs). */
  violations: readonly ContractViolation[];
  contractChecked: boolean;
  /** Forgets collections, aliases, requests, faults and violations. */
  reset(): void;
  close(): Promise<void>;
}

const routes: QdrantRoute[] = [...collectionRoutes, ...pointRoutes];

/** Starts a server on 127.0.0.1 with a random port. Throws under CI=true when the contract cannot be loaded. */
export async function startQdrantTestServer(options: QdrantTestServerOptions = {}): Promise<QdrantTestServer> {
  const timers = new Set<NodeJS.Timeout>();
  const state: ServerState = {
    contract: openContract(options.openApiPath ?? process.env['SOT_SYNC_QDRANT_OPENAPI']),
    store: new QdrantStore(),
    faults: new QdrantFaults(),
    requests: [],
    apiKey: options.apiKey,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
        timers.add(timer);
      }),
  };
  const server = createServer((req, res) => void handleRequest(state, req, res).catch(() => req.socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults: state.faults,
    requests: state.requests,
    violations: state.contract.violations,
    contractChecked: state.contract.enabled,
    reset() {
      state.store.reset();
      state.faults.clear();
      state.requests.length = 0;
      state.contract.violations.length = 0;
    },
    async close() {
      timers.forEach((timer) => clearTimeout(timer));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

interface ServerState {
  contract: OpenApiContract;
  store: QdrantStore;
  faults: QdrantFaults;
  requests: RecordedRequest[];
  apiKey: string | undefined;
  sleep(ms: number): Promise<void>;
}

// Log first, then planned faults, then the key check, then routing, contract and the handler.
async function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = process.hrtime.bigint();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const text = await readBody(req);
  const body = parseBody(text);
  const found = findTemplate(
    routes.filter((route) => route.method === method),
    url.pathname,
  );
  const entry: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: 'json' in body ? body.json : text,
    operationId: found?.match.operationId ?? null,
    fault: null,
    status: null,
  };
  state.requests.push(entry);
  const { delayMs, action } = state.faults.take(method, url.pathname);
  if (delayMs > 0) await state.sleep(delayMs);
  if (action && action.kind !== 'lose-answer') return injectFault(action, entry, req, res, started);
  const unauthorized = state.apiKey !== undefined && req.headers['api-key'] !== state.apiKey;
  const reply = unauthorized
    ? errorReply(new QdrantHttpError(401, 'Must provide an API key or an Authorization bearer token'), started)
    : answer({ store: state.store, contract: state.contract, started, entry, found, body });
  if (action) return injectFault(action, entry, req, res, started);
  send(res, entry, reply);
}

interface Exchange {
  store: QdrantStore;
  contract: OpenApiContract;
  started: bigint;
  entry: RecordedRequest;
  found: { match: QdrantRoute; params: Record<string, string> } | null;
  body: ParsedBody;
}

function answer({ store, contract, started, entry, found, body }: Exchange): Reply {
  const { method, path, query } = entry;
  if (found === null) {
    const documented = contract.documentedTemplate(method, path);
    if (documented) return errorReply(notModelled(`${method} ${documented}`), started);
    const message = `${method} ${path} is not in the OpenAPI document`;
    contract.record({ direction: 'request', method, path, operationId: null, message });
    return errorReply(new QdrantHttpError(404, 'Not found'), started);
  }
  const { match: route, params } = found;
  if ('notJson' in body) {
    const rejection = formatError(body.notJson);
    contract.record({ direction: 'request', method, path, operationId: route.operationId, message: rejection.message });
    return errorReply(rejection, started);
  }
  const request: RequestUnderCheck = { method, template: route.template, path, params, query, body: body.json };
  const rejection = contract.checkRequest(request);
  const reply = rejection ? errorReply(rejection, started) : runRoute(route, { store, params, query, body: request.body }, started);
  const problem = contract.checkResponse(request, reply.status, reply.body);
  if (problem === null) return reply;
  process.stderr.write(`sot-sync Qdrant test server bug: ${method} ${path}: ${problem}\n`);
  const bug = new QdrantHttpError(500, `Service internal error: test server response broke the contract: ${problem}`);
  return errorReply(bug, started);
}

function runRoute(route: QdrantRoute, context: Parameters<QdrantRoute['handle']>[0], started: bigint): Reply {
  try {
    const result = route.handle(context);
    return { status: 200, body: route.raw ? result : { result, status: 'ok', time: elapsedSeconds(started) } };
  } catch (error) {
    if (error instanceof QdrantHttpError) return errorReply(error, started);
    const bug = new QdrantHttpError(500, `Service internal error: ${(error as Error).stack ?? String(error)}`);
    return errorReply(bug, started);
  }
}

// Parsed once for the log and the handler, which share the value: handlers never modify their body.
type ParsedBody = { json: unknown } | { notJson: string };

function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { json: undefined };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { notJson: (error as Error).message };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
