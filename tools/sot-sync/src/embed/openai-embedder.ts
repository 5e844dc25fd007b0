// Dense embedder over any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Azure, Ollama, vLLM, TEI).
import { ConnectionError, SotSyncError } from '../errors';
import { redactSecrets } from '../runtime/redact';
import type { DenseEmbedder, EmbedContext } from './embedder';
import { bodyExcerpt, fetchJson, transportReason } from '../http/fetch-json';
import { HttpStatusError, type RetryPolicy, retryAfterMs, withHttpRetry } from '../http/http-retry';
import { RateLimiter } from './rate-limiter';
import { readEmbeddings } from './read-embeddings';

export interface OpenAiEmbedderOptions {
  /** As the OpenAI SDKs take it: `https://api.openai.com/v1`, `http://localhost:11434/v1`, or Azure's
   * `https://<res>.openai.azure.com/openai/deployments/<name>?api-version=2024-02-01`. `/embeddings` is appended. */
  baseUrl: string;
  model: string;
  /** Size of the vectors the model returns; checked on every answer, and the collection's vector size. */
  dimensions: number;
  apiKey?: string;
  /** `bearer` (Authorization: Bearer) or `api-key` (Azure). Default: `api-key` for Azure-style URLs, else bearer. */
  authHeader?: 'bearer' | 'api-key';
  /** Send `dimensions` in the request, for models that can shorten vectors (text-embedding-3-*). Default false. */
  sendDimensions?: boolean;
  /** Inputs per request (default 64). */
  batchSize?: number;
  /** Requests in flight (default 4). */
  maxConcurrency?: number;
  requestsPerMinute?: number;
  /** Estimated at 4 characters per token. */
  tokensPerMinute?: number;
  /** Default 8000 characters (about 2000 tokens, far below the 8191-token limit of OpenAI's models). */
  maxInputChars?: number;
  retry?: Partial<RetryPolicy>;
  /** The rate window; 60 000 ms (per minute) unless a test shortens it. */
  rateWindowMs?: number;
}

export class OpenAiEmbedder implements DenseEmbedder {
  readonly name = 'openai-compatible';
  readonly kind = 'dense';
  readonly vectorName = 'dense';
  readonly distance = 'Cosine';
  readonly dimensions: number;
  readonly fingerprint: string;
  readonly maxInputChars: number;
  /** Where the endpoint is, safe to print. */
  readonly label: string;
  /** Calls of `embed` since construction ("zero embedding calls" in tests and reports). */
  calls = 0;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly limiter: RateLimiter;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.dimensions = options.dimensions;
    this.fingerprint = `openai:${options.model}:${options.dimensions}`;
    this.maxInputChars = options.maxInputChars ?? 8000;
    this.url = embeddingsUrl(options.baseUrl);
    this.headers = authHeaders(options);
    this.label = this.redact(this.url.split('?')[0] as string);
    const { maxConcurrency = 4, requestsPerMinute, tokensPerMinute, rateWindowMs: windowMs } = options;
    this.limiter = new RateLimiter({ maxConcurrency, requestsPerMinute, tokensPerMinute, windowMs });
  }

  /** Batches run concurrently up to `maxConcurrency`; the vectors come back in input order. */
  async embed(texts: string[], ctx: EmbedContext): Promise<number[][]> {
    this.calls++;
    const size = Math.max(1, this.options.batchSize ?? 64);
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size));
    const failed = { value: false };
    const results = await Promise.all(batches.map((batch) => this.embedBatch(batch, ctx, failed)));
    return results.flat();
  }

  async embedQuery(text: string, ctx: EmbedContext): Promise<number[]> {
    return (await this.embed([text], ctx))[0] as number[];
  }

  // Once one batch has failed, queued batches stop instead of spending the rate budget for nothing.
  private async embedBatch(batch: string[], ctx: EmbedContext, failed: { value: boolean }): Promise<number[][]> {
    const release = await this.limiter.acquireSlot(ctx.deadline);
    try {
      if (failed.value) return [];
      const tokens = batch.reduce((sum, text) => sum + Math.ceil(text.length / 4) + 1, 0);
      return await withHttpRetry((signal) => this.request(batch, signal), ctx.deadline, {
        policy: this.options.retry,
        label: `the embedding endpoint ${this.label}`,
        beforeAttempt: () => this.limiter.admit(tokens, ctx.deadline),
      });
    } catch (error) {
      failed.value = true;
      throw this.translate(error);
    } finally {
      release();
    }
  }

  private async request(batch: string[], signal: AbortSignal): Promise<number[][]> {
    const { model, dimensions, sendDimensions } = this.options;
    const body = { model, input: batch, encoding_format: 'float', ...(sendDimensions ? { dimensions } : {}) };
    const response = await fetchJson(this.url, { method: 'POST', headers: this.headers, body, signal });
    if (response.status < 200 || response.status > 299) {
      throw new HttpStatusError(response.status, `HTTP ${response.status}: ${bodyExcerpt(response.body)}`, retryAfterMs(response.headers));
    }
    return readEmbeddings(response.body, batch.length, dimensions);
  }

  private translate(error: unknown): unknown {
    if (error instanceof SotSyncError) return error; // the deadline's own error, worded by us
    const reason = error instanceof HttpStatusError ? error.message : transportReason(error);
    return new ConnectionError(this.redact(`embedding endpoint ${this.label} failed: ${reason}`));
  }

  // The key never reaches a message: the known value, URL credentials, and OpenAI's partly masked echo of it.
  private redact(text: string): string {
    return redactSecrets(text, [this.options.apiKey]).replace(/\bsk-[\w*-]{4,}/g, 'sk-***');
  }
}

/** `<base>/embeddings`, keeping query parameters such as Azure's `api-version`. */
export function embeddingsUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!url.pathname.endsWith('/embeddings')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/embeddings`;
  return url.toString();
}

function authHeaders({ apiKey, authHeader, baseUrl }: OpenAiEmbedderOptions): Record<string, string> {
  if (!apiKey) return {};
  const url = new URL(baseUrl);
  const azure = url.searchParams.has('api-version') || url.hostname.endsWith('.azure.com');
  return (authHeader ?? (azure ? 'api-key' : 'bearer')) === 'api-key' ? { 'api-key': apiKey } : { authorization: `Bearer ${apiKey}` };
}
