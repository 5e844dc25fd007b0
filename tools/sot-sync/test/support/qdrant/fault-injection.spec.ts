// Fault injection of the test server, seen through the real client: 429 + Retry-After, 503, drops, lost answers
// and delays.
import { QdrantClient, QdrantClientResourceExhaustedError, QdrantClientTimeoutError } from '@qdrant/js-client-rest';
import { type QdrantTestServer, startQdrantTestServer } from './qdrant-test-server';

let server: QdrantTestServer;
let client: QdrantClient;

beforeAll(async () => {
  server = await startQdrantTestServer();
  client = new QdrantClient({ url: server.url, checkCompatibility: false });
});
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(() => expect(server.violations).toEqual([]));

const createDocs = () => client.createCollection('docs', { vectors: { dense: { size: 3, distance: 'Cosine' } } });

describe('fault injection', () => {
  it('answers 429 with Retry-After the configured number of times, only where configured', async () => {
    await createDocs();
    server.faults.rateLimit(2, { retryAfterSeconds: 3, method: 'PUT', path: /\/points$/ });
    const upsert = () => client.upsert('docs', { points: [{ id: 1, vector: { dense: [1, 0, 0] } }] });
    expect(await client.collectionExists('docs')).toEqual({ exists: true });
    await expect(upsert()).rejects.toEqual(expect.any(QdrantClientResourceExhaustedError));
    // The client reads only the first character of Retry-After, so the header is checked on a plain fetch.
    const second = await fetch(`${server.url}/collections/docs/points`, { method: 'PUT', body: '{"points": []}' });
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '3']);
    expect(await second.json()).toEqual({
      status: { error: expect.stringContaining('Rate limiting exceeded') },
      time: expect.any(Number),
    });
    await expect(upsert()).resolves.toMatchObject({ status: 'completed' });
    expect(server.requests.filter((r) => r.fault === 'rate-limit')).toHaveLength(2);
    expect(server.faults.pending).toBe(0);
  });

  it('applies a request whose answer it then loses: the client sees a dropped connection, the store the change', async () => {
    server.faults.loseAnswer(1, { method: 'PUT', path: '/collections/docs' });
    await expect(createDocs()).rejects.toThrow(/fetch failed|socket|closed/i);
    expect(await client.collectionExists('docs')).toEqual({ exists: true });
    expect(server.requests.map((r) => [r.operationId, r.fault, r.status])).toEqual([
      ['create_collection', 'lose-answer', null],
      ['collection_exists', null, 200],
    ]);
  });

  it('drops the connection and answers 503 as configured', async () => {
    server.faults.dropConnection(1).unavailable(1);
    await expect(client.getCollections()).rejects.toThrow(/fetch failed|socket|closed/i);
    await expect(client.getCollections()).rejects.toMatchObject({ status: 503 });
    await expect(client.getCollections()).resolves.toEqual({ collections: [] });
    expect(server.requests.map((r) => [r.fault, r.status])).toEqual([
      ['drop', null],
      ['unavailable', 503],
      [null, 200],
    ]);
  });

  it('delays responses past a client deadline', async () => {
    const impatient = new QdrantClient({ url: server.url, checkCompatibility: false, timeout: 50 });
    server.faults.delay(300, { times: 1 });
    // Under jest the abort DOMException comes from another realm, so the client's `instanceof Error` check misses
    // it and the raw AbortError escapes; in plain Node it arrives as QdrantClientTimeoutError.
    await expect(impatient.getCollections()).rejects.toMatchObject({
      name: expect.stringMatching(new RegExp(`^(${QdrantClientTimeoutError.name}|AbortError)$`)),
    });
    await expect(impatient.getCollections()).resolves.toEqual({ collections: [] });
  });
});
