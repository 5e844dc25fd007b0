// The Qdrant target's only network gateway: JSON over HTTP with retries, the api-key header and the run's Deadline.
import { SotSyncError, ExitCode, UsageError } from '../../errors';
import { bodyExcerpt, fetchJson, type JsonRequest, transportReason } from '../../http/fetch-json';
import { HttpStatusError, type RetryPolicy, retryAfterMs, withHttpRetry } from '../../http/http-retry';
import type { Deadline } from '../../runtime/deadline';
import { redactSecrets } from '../../runtime/redact';

/**
 * A Qdrant call that failed for good: `status` is the HTTP status, or null when no answer came (refused, dropped
 * after every retry). Exit 2, as every "target could not be reached or understood".
 */
export class QdrantRequestError extends SotSyncError {
  constructor(
    message: string,
    readonly status: number | null,
    /** The failure alone (`HTTP 503: ...`, `ECONNREFUSED`), already redacted. */
    readonly reason: string,
  ) {
    super(message, ExitCode.connection);
  }
}

/**
 * Hand-written over fetch rather than through @qdrant/js-client-rest: the client reads only the first character
 * of Retry-After, replaces a caller's AbortSignal with its own timeout, and exposes no fetch hook; its types are
 * still used for request bodies. 429, 5xx and dropped connections are retried (see http-retry.ts).
 */
export class QdrantHttp {
  /** The URL, safe to print. */
  readonly label: string;
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(
    url: string,
    private readonly apiKey: string | undefined,
    private readonly retry: Partial<RetryPolicy> = {},
  ) {
    this.base = url.replace(/\/+$/, '');
    this.label = this.redact(this.base);
    this.headers = apiKey ? { 'api-key': apiKey } : {};
  }

  /** Sends one request (with retries) and resolves to Qdrant's `result`. */
  async call<T>(method: JsonRequest['method'], path: string, deadline: Deadline, body?: unknown): Promise<T> {
    refuseDotSegments(path);
    const url = `${this.base}${path}`;
    const what = `${method} ${path.split('?')[0] as string}`;
    try {
      return await withHttpRetry(
        async (signal) => {
          const response = await fetchJson(url, { method, headers: this.headers, body, signal });
          if (response.status >= 200 && response.status < 300) return (response.body as { result: T }).result;
          throw new HttpStatusError(response.status, errorText(response.status, response.body), retryAfterMs(response.headers));
        },
        deadline,
        { policy: this.retry, label: `Qdrant at ${this.label} (${what})` },
      );
    } catch (error) {
      throw this.translate(error, what);
    }
  }

  redact(text: string): string {
    return redactSecrets(text, [this.apiKey]);
  }

  private translate(error: unknown, what: string): unknown {
    if (error instanceof SotSyncError) return error;
    const status = error instanceof HttpStatusError ? error.status : null;
    const raw = error instanceof HttpStatusError ? error.message : transportReason(error);
    const reason = this.redact(raw);
    return new QdrantRequestError(`Qdrant at ${this.label}: ${what} failed: ${reason}`, status, reason);
  }
}

/**
 * A collection named `.` or `..` (or `%2e`, which URL parsing decodes first) would be a dot segment: fetch would
 * resolve `/collections/../exists` to another endpoint (issue 11, D16). No Qdrant name is one, so it is refused.
 */
function refuseDotSegments(path: string): void {
  const segments = (path.split('?')[0] as string).split('/');
  const dot = segments.find((segment) => /^(\.|%2e){1,2}$/i.test(segment));
  if (dot !== undefined)
    throw new UsageError(`"${decodeURIComponent(dot)}" is not a Qdrant collection name (it is a path segment): pick another --qdrant-collection`);
}

/** Qdrant words errors as `{ "status": { "error": "..." } }`. */
function errorText(status: number, body: unknown): string {
  const error = (body as { status?: { error?: unknown } } | undefined)?.status?.error;
  return `HTTP ${status}: ${typeof error === 'string' ? error : bodyExcerpt(body)}`;
}
