// A small local server speaking the OpenAI `/v1/embeddings` protocol, with a request log and fault injection,
// so the dense embedder is tested over real HTTP (no mocks). Vectors are deterministic functions of the text.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type EmbeddingsFault = 'rate-limit' | 'server-error' | 'error-body' | 'drop';

/** One request as the server saw it. */
export interface EmbeddingsRequest {
  startedAt: number;
  endedAt: number | null;
  path: string;
  query: Record<string, string>;
  model: string | null;
  inputs: string[];
  dimensions: number | null;
  /** Which auth header came: `bearer`, `api-key` or none. */
  auth: 'bearer' | 'api-key' | null;
  status: number | null;
  fault: EmbeddingsFault | null;
}

interface PlannedFault {
  kind: EmbeddingsFault;
  remaining: number;
  retryAfter?: string;
  status?: number;
}

/** Faults are consumed in the order they were added, one per request. */
export class EmbeddingsFaults {
  planned: PlannedFault[] = [];
  delayMs = 0;
  delayTimes = 0;

  /** 429 with `Retry-After: <retryAfter>` (seconds or an HTTP date, as given). */
  rateLimit(times: number, retryAfter = '1'): this {
    return this.add({ kind: 'rate-limit', remaining: times, retryAfter });
  }
  serverError(times: number, status = 500): this {
    return this.add({ kind: 'server-error', remaining: times, status });
  }
  /** Status 200 with `{ "error": { ... } }` and no data, as some gateways answer. */
  errorBody(times: number): this {
    return this.add({ kind: 'error-body', remaining: times });
  }
  drop(times: number): this {
    return this.add({ kind: 'drop', remaining: times });
  }
  delay(ms: number, times = Number.POSITIVE_INFINITY): this {
    this.delayMs = ms;
    this.delayTimes = times;
    return this;
  }
  take(): PlannedFault | null {
    const fault = this.planned[0];
    if (!fault) return null;
    if (--fault.remaining <= 0) this.planned.shift();
    return fault;
  }
  private add(fault: PlannedFault): this {
    this.planned.push(fault);
    return this;
  }
}

export interface OpenAiCompatibleServer {
  /** Base URL as the SDKs take it, ending in `/v1`. */
  url: string;
  requests: EmbeddingsRequest[];
  faults: EmbeddingsFaults;
  /** Most requests in flight at once so far. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** A deterministic unit-ish vector for a text: equal texts, equal vectors. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: dimensions }, (_, i) => ((digest[i % digest.length] as number) - 127.5) / 127.5);
}

/** Starts on 127.0.0.1 with a random port. With `apiKey`, requests without it get OpenAI's 401 (echoing the key). */
export async function startOpenAiCompatibleServer(options: { dimensions?: number; apiKey?: string } = {}): Promise<OpenAiCompatibleServer> {
  const dimensions = options.dimensions ?? 8;
  const state = { requests: [] as EmbeddingsRequest[], faults: new EmbeddingsFaults(), inFlight: 0, maxInFlight: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => void handle(req, res).catch(() => req.socket.destroy()));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = parse(await readBody(req));
    const entry: EmbeddingsRequest = {
      startedAt: Date.now(),
      endedAt: null,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      model: typeof body?.model === 'string' ? body.model : null,
      inputs: Array.isArray(body?.input) ? (body.input as string[]) : typeof body?.input === 'string' ? [body.input] : [],
      dimensions: typeof body?.dimensions === 'number' ? body.dimensions : null,
      auth: req.headers.authorization ? 'bearer' : req.headers['api-key'] ? 'api-key' : null,
      status: null,
      fault: null,
    };
    state.requests.push(entry);
    state.maxInFlight = Math.max(state.maxInFlight, ++state.inFlight);
    try {
      if (state.faults.delayTimes > 0) {
        state.faults.delayTimes--;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (timers.delete(timer), resolve()), state.faults.delayMs);
          timers.add(timer);
        });
      }
      const given = req.headers.authorization?.replace(/^Bearer /, '') ?? (req.headers['api-key'] as string | undefined);
      if (options.apiKey !== undefined && given !== options.apiKey) {
        return send(res, entry, 401, {
          error: { message: `Incorrect API key provided: ${given ?? '(none)'}.`, type: 'invalid_request_error', code: 'invalid_api_key' },
        });
      }
      const fault = state.faults.take();
      if (fault) return injectFault(fault, entry, req, res);
      if (req.method !== 'POST' || !url.pathname.endsWith('/embeddings') || entry.model === null || entry.inputs.length === 0) {
        return send(res, entry, 400, { error: { message: 'expected POST /v1/embeddings with model and input', type: 'invalid_request_error' } });
      }
      const size = entry.dimensions ?? dimensions;
      const data = entry.inputs.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text, size) }));
      const tokens = entry.inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
      send(res, entry, 200, { object: 'list', data: data.reverse(), model: entry.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
    } finally {
      state.inFlight--;
      entry.endedAt = Date.now();
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: state.requests,
    faults: state.faults,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: async () => {
      timers.forEach((timer) => clearTimeout(timer));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function injectFault(fault: PlannedFault, entry: EmbeddingsRequest, req: IncomingMessage, res: ServerResponse): void {
  entry.fault = fault.kind;
  if (fault.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault.kind === 'rate-limit') {
    res.setHeader('retry-after', fault.retryAfter ?? '1');
    return send(res, entry, 429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } });
  }
  if (fault.kind === 'server-error') return send(res, entry, fault.status ?? 500, { error: { message: 'The server had an error', type: 'server_error' } });
  send(res, entry, 200, {
    error: { message: 'model not loaded: embeddings are not supported by this model', type: 'invalid_request_error', code: 'model_not_supported' },
  });
}

function send(res: ServerResponse, entry: EmbeddingsRequest, status: number, body: unknown): void {
  entry.status = status;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function parse(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
