// The dense embedder over real HTTP against a local OpenAI-compatible server: batching, limits, faults, secrets.
import { startOpenAiCompatibleServer, fakeEmbedding, type OpenAiCompatibleServer } from '../../test/support/openai-compatible-server';
import { ConnectionError, DeadlineExceededError } from '../errors';
import { Deadline } from '../runtime/deadline';
import { embeddingsUrl, OpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder';

const KEY = 'sk-test-0123456789abcdefSECRET';
const fastRetry = { baseDelayMs: 10, maxDelayMs: 40 };
let server: OpenAiCompatibleServer;
let deadline: Deadline;

beforeEach(async () => {
  server = await startOpenAiCompatibleServer({ dimensions: 8, apiKey: KEY });
  deadline = new Deadline(20);
});
afterEach(async () => {
  deadline.dispose();
  await server.close();
});

const embedderFor = (options: Partial<OpenAiEmbedderOptions> = {}): OpenAiEmbedder =>
  new OpenAiEmbedder({ baseUrl: server.url, model: 'test-embed', dimensions: 8, apiKey: KEY, retry: fastRetry, ...options });
const texts = (n: number): string[] => Array.from({ length: n }, (_, i) => `entry text ${i}`);

describe('OpenAiEmbedder', () => {
  it('embeds in batches, keeps input order, and sends the key as a bearer token', async () => {
    const vectors = await embedderFor({ batchSize: 3 }).embed(texts(10), { deadline });
    expect(vectors).toEqual(texts(10).map((text) => fakeEmbedding(text, 8)));
    expect(server.requests.map((r) => r.inputs.length)).toEqual([3, 3, 3, 1]);
    expect(server.requests.every((r) => r.path === '/v1/embeddings' && r.model === 'test-embed' && r.auth === 'bearer')).toBe(true);
    expect(server.requests.every((r) => r.dimensions === null)).toBe(true);
  });

  it('has a fingerprint naming the model and dimension, and a Cosine dense vector', () => {
    expect(embedderFor()).toMatchObject({ kind: 'dense', vectorName: 'dense', fingerprint: 'openai:test-embed:8', dimensions: 8, distance: 'Cosine' });
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    server.faults.delay(60);
    await embedderFor({ batchSize: 1, maxConcurrency: 2 }).embed(texts(6), { deadline });
    expect(server.maxInFlight).toBe(2);
  });

  it('spreads requests over the window to respect requestsPerMinute', async () => {
    const started = Date.now();
    await embedderFor({ batchSize: 1, maxConcurrency: 6, requestsPerMinute: 2, rateWindowMs: 300 }).embed(texts(6), { deadline });
    const starts = server.requests.map((r) => r.startedAt - started);
    // Pairs go out 300 ms apart (measured where the server sees them, so allow for a little network skew).
    expect(starts[5]).toBeGreaterThanOrEqual(560);
    for (let i = 2; i < starts.length; i++) expect((starts[i] as number) - (starts[i - 2] as number)).toBeGreaterThanOrEqual(260);
  });

  it('respects tokensPerMinute with estimated tokens', async () => {
    const started = Date.now();
    const long = ['x'.repeat(400), 'y'.repeat(400)]; // about 101 tokens each
    await embedderFor({ batchSize: 1, tokensPerMinute: 150, rateWindowMs: 250 }).embed(long, { deadline });
    expect((server.requests[1]?.startedAt ?? 0) - started).toBeGreaterThanOrEqual(240);
  });

  it('retries a 429 after its Retry-After, and 500s and dropped connections with backoff', async () => {
    server.faults.rateLimit(1, '1').serverError(1).drop(1);
    const vectors = await embedderFor().embed(['a'], { deadline });
    expect(vectors).toEqual([fakeEmbedding('a', 8)]);
    expect(server.requests.map((r) => r.fault)).toEqual(['rate-limit', 'server-error', 'drop', null]);
    expect((server.requests[1]?.startedAt ?? 0) - (server.requests[0]?.startedAt ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('treats a 200 answer with an error body as an error, without retrying it', async () => {
    server.faults.errorBody(1);
    await expect(embedderFor().embed(['a'], { deadline })).rejects.toThrow(/error in the response body: .*model not loaded/);
    expect(server.requests).toHaveLength(1);
  });

  it('stops at the deadline when the endpoint is slow (DeadlineExceededError)', async () => {
    server.faults.delay(5000);
    const short = new Deadline(0.5);
    const started = Date.now();
    await expect(embedderFor().embed(['a'], { deadline: short })).rejects.toThrow(DeadlineExceededError);
    expect(Date.now() - started).toBeLessThan(900);
    short.dispose();
  });

  it('never puts the API key in a message, even when the server echoes it', async () => {
    const wrong = 'sk-wrong-key-9876543210ABCDEF';
    const error = await embedderFor({ apiKey: wrong })
      .embed(['a'], { deadline })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/HTTP 401/);
    expect((error as Error).message).not.toContain(wrong);
    expect((error as Error).message).not.toContain('9876543210');
  });

  it('reports a model answering with the wrong dimension', async () => {
    await expect(embedderFor({ dimensions: 4 }).embed(['a'], { deadline })).rejects.toThrow(/vectors of 8 dimensions, expected 4/);
  });

  it('speaks Azure-style URLs: api-version kept, key in the api-key header, dimensions sent when asked', async () => {
    const embedder = embedderFor({ baseUrl: `${server.url}/openai/deployments/emb?api-version=2024-02-01`, sendDimensions: true });
    await embedder.embed(['a'], { deadline });
    expect(server.requests[0]).toMatchObject({
      path: '/v1/openai/deployments/emb/embeddings',
      query: { 'api-version': '2024-02-01' },
      auth: 'api-key',
      dimensions: 8,
    });
    expect(embedder.label).not.toContain('api-version');
  });
});

describe('embeddingsUrl', () => {
  it('appends /embeddings once', () => {
    expect(embeddingsUrl('https://api.openai.com/v1')).toBe('https://api.openai.com/v1/embeddings');
    expect(embeddingsUrl('http://localhost:11434/v1/')).toBe('http://localhost:11434/v1/embeddings');
    expect(embeddingsUrl('http://tei:8080/v1/embeddings')).toBe('http://tei:8080/v1/embeddings');
  });
});
