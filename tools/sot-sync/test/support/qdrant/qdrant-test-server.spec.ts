// The test server itself: contract enforcement, id rules, semantic errors, request log and startup rules.
import { QdrantClient } from '@qdrant/js-client-rest';
import { loadOpenApi, OpenApiContract } from './openapi-contract';
import { type QdrantTestServer, startQdrantTestServer } from './qdrant-test-server';

const OPENAPI = process.env['SOT_SYNC_QDRANT_OPENAPI'];
const withContract = OPENAPI ? describe : describe.skip;

let server: QdrantTestServer;
let client: QdrantClient;

beforeAll(async () => {
  server = await startQdrantTestServer();
  client = new QdrantClient({ url: server.url, checkCompatibility: false });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function createDocs(): Promise<void> {
  await client.createCollection('docs', {
    vectors: { dense: { size: 3, distance: 'Cosine' } },
    sparse_vectors: { bm25: { modifier: 'idf' } },
  });
}

interface RawReply {
  status: number;
  json: { status?: { error?: string }; time?: number } | null;
}

// Plain fetch, only for requests the client would never build.
async function raw(method: string, path: string, body?: unknown): Promise<RawReply> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as RawReply['json'];
  return { status: response.status, json };
}

withContract('a normal client session', () => {
  it('counts the points of each indexed field after every write (the counts are cached between writes only)', async () => {
    await createDocs();
    await client.createPayloadIndex('docs', { field_name: 'kind', field_schema: 'keyword', wait: true });
    const counted = async (): Promise<unknown> => (await client.getCollection('docs')).payload_schema['kind']?.points;
    await client.upsert('docs', {
      wait: true,
      points: [
        { id: 1, vector: { dense: [1, 0, 0] }, payload: { kind: 'DEC' } },
        { id: 2, vector: { dense: [0, 1, 0] } },
      ],
    });
    expect(await counted()).toBe(1);
    expect(await counted()).toBe(1);
    await client.setPayload('docs', { points: [2], payload: { kind: 'DBG' }, wait: true });
    expect(await counted()).toBe(2);
    await client.delete('docs', { points: [1], wait: true });
    expect(await counted()).toBe(1);
  });

  it('uses every supported operation without a single contract violation', async () => {
    expect(server.contractChecked).toBe(true);
    expect((await client.versionInfo()).version).toBe('1.19.0');
    await createDocs();
    await client.createPayloadIndex('docs', { field_name: 'kind', field_schema: 'keyword', wait: true });
    await client.upsert('docs', {
      wait: true,
      points: [
        { id: 1, vector: { dense: [1, 0, 0], bm25: { indices: [3, 1], values: [0.5, 1] } }, payload: { kind: 'DEC' } },
        { id: '550e8400e29b41d4a716446655440000', vector: { dense: [0, 1, 0] }, payload: { kind: 'BUILD' } },
      ],
    });
    await client.upsert('docs', {
      batch: {
        ids: [2, 3],
        vectors: {
          dense: [
            [0, 0, 1],
            [1, 1, 0],
          ],
        },
        payloads: [{ kind: 'DBG' }, null],
      },
    });
    const info = await client.getCollection('docs');
    expect(info).toMatchObject({ status: 'green', points_count: 4, payload_schema: { kind: { data_type: 'keyword', points: 3 } } });
    expect(info.config.params).toMatchObject({
      vectors: { dense: { size: 3, distance: 'Cosine' } },
      sparse_vectors: { bm25: { modifier: 'idf' } },
    });
    expect(await client.getCollections()).toEqual({ collections: [{ name: 'docs' }] });
    expect(await client.collectionExists('docs')).toEqual({ exists: true });
    const page = await client.scroll('docs', { limit: 2, with_payload: ['kind'], with_vector: ['bm25'] });
    expect(page).toEqual({
      points: [{ id: 1, payload: { kind: 'DEC' }, vector: { bm25: { indices: [1, 3], values: [1, 0.5] } } }, expect.objectContaining({ id: 2 })],
      next_page_offset: 3,
    });
    expect(await client.retrieve('docs', { ids: ['550e8400-e29b-41d4-a716-446655440000'] })).toEqual([
      { id: '550e8400-e29b-41d4-a716-446655440000', payload: { kind: 'BUILD' }, vector: null },
    ]);
    expect(await client.count('docs', { filter: { must: [{ key: 'kind', match: { any: ['DEC', 'DBG'] } }] } })).toEqual({ count: 2 });
    await client.setPayload('docs', { points: [3], payload: { kind: 'DEC' } });
    await client.overwritePayload('docs', { points: [2], payload: { kind: 'DBG', seen: true } });
    const point = await client.api().getPoint({ collection_name: 'docs', id: 2 });
    expect(point.data.result).toMatchObject({ id: 2, payload: { kind: 'DBG', seen: true }, vector: { dense: [0, 0, 1] } });
    const filter = { must: [{ key: 'kind', match: { value: 'DEC' } }] };
    const hits = await client.query('docs', { query: [1, 0, 0], using: 'dense', filter, with_payload: true });
    expect(hits.points.map((hit) => hit.id)).toEqual([1, 3]);
    await client.queryBatch('docs', { searches: [{ query: { indices: [1], values: [1] }, using: 'bm25' }] });
    await client.delete('docs', { points: [2], wait: true });
    await client.deletePayloadIndex('docs', 'kind', { wait: false });
    expect(await client.deleteCollection('docs')).toBe(true);
    expect(await client.deleteCollection('docs')).toBe(false);
    expect(server.violations).toEqual([]);
    expect(server.requests.every((request) => request.status === 200)).toBe(true);
    expect(server.requests.filter((request) => request.operationId === 'upsert_points')).toHaveLength(2);
  });
});

withContract('contract enforcement', () => {
  it('rejects an unknown field where the document forbids one, with a Qdrant error body, and records it', async () => {
    await createDocs();
    const reply = await raw('POST', '/collections/docs/points/scroll', { filter: { must: [], mustt: [] } });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ status: { error: expect.stringContaining('unknown field `mustt`') }, time: expect.any(Number) });
    expect(server.violations).toEqual([
      expect.objectContaining({ direction: 'request', operationId: 'scroll_points', path: '/collections/docs/points/scroll' }),
    ]);
  });

  it.each([
    ['a wrong type', 'PUT', '/collections/docs2', { vectors: { dense: { size: '3', distance: 'Cosine' } } }, 400],
    ['an unknown enum value', 'PUT', '/collections/docs2', { vectors: { dense: { size: 3, distance: 'Hamming' } } }, 400],
    ['a missing required field', 'POST', '/collections/docs/points', { with_payload: true }, 400],
    ['a value under the minimum', 'POST', '/collections/docs/points/scroll', { limit: 0 }, 422],
    ['a bad query parameter', 'PUT', '/collections/docs/points?wait=maybe', { points: [] }, 400],
    ['a body that is not JSON', 'POST', '/collections/docs/points/scroll', '{"limit": ', 400],
    ['an operation Qdrant does not have', 'POST', '/collections/docs/points/frobnicate', {}, 404],
  ])('rejects %s and records it', async (_label, method, path, body, status) => {
    await createDocs();
    const reply = await raw(method, path, body);
    expect(reply.status).toBe(status);
    expect(reply.json?.status?.error).toEqual(expect.any(String));
    expect(server.violations).toHaveLength(1);
    expect(server.requests.at(-1)?.status).toBe(status);
  });

  it('rejects string point ids that are not UUIDs, through the client too', async () => {
    await createDocs();
    const upsert = client.upsert('docs', { points: [{ id: 'DEC-012', vector: { dense: [1, 0, 0] } }] });
    await expect(upsert).rejects.toMatchObject({
      status: 400,
      data: { status: { error: expect.stringContaining('not a valid point ID') } },
    });
    expect(server.violations).toHaveLength(1);
    expect((await client.count('docs')).count).toBe(0);
  });

  it('flags a response of ours that the document forbids', () => {
    const contract = new OpenApiContract(loadOpenApi(OPENAPI ?? ''));
    const template = '/collections/{collection_name}/points/count';
    const request = { method: 'POST', template, path: '/collections/x/points/count', params: {}, query: {}, body: {} };
    expect(contract.checkResponse(request, 200, { result: { count: 1 }, status: 'ok', time: 0.001 })).toBeNull();
    expect(contract.checkResponse(request, 200, { result: { count: -1 }, status: 'ok', time: 0.001 })).toMatch(/count/);
    expect(contract.violations).toEqual([expect.objectContaining({ direction: 'response', operationId: 'count_points' })]);
  });
});

describe('semantic errors (not contract violations)', () => {
  it.each([
    ['a wrong dense dimension', { dense: [1, 0] }, 'Vector dimension error: expected dim: 3, got 2'],
    ['an unknown vector name', { colour: [1, 0, 0] }, 'Not existing vector name error: colour'],
    ['a sparse vector under a dense name', { dense: { indices: [1], values: [1] } }, 'Conversion between sparse and regular vectors'],
  ])('answers 400 to %s', async (_label, vector, message) => {
    await createDocs();
    await expect(client.upsert('docs', { points: [{ id: 1, vector }] })).rejects.toMatchObject({
      status: 400,
      data: { status: { error: expect.stringContaining(message) } },
    });
    expect(server.violations).toEqual([]);
  });

  // Filters are compiled before the scan, so paging that stops early cannot hide an unsupported condition.
  it('answers 501 to a filter condition it does not model, whichever points the scan reaches', async () => {
    await createDocs();
    const geo = { key: 'where', geo_radius: { center: { lon: 0, lat: 0 }, radius: 1 } };
    const filter = { should: [{ has_id: [1] }, geo] };
    await expect(client.scroll('docs', { filter })).rejects.toMatchObject({ status: 501 });
    await client.upsert('docs', { wait: true, points: [{ id: 1, vector: { dense: [1, 0, 0] } }] });
    await expect(client.scroll('docs', { filter, limit: 1 })).rejects.toMatchObject({ status: 501 });
    await expect(client.count('docs', { filter })).rejects.toMatchObject({ status: 501 });
    expect(server.violations).toEqual([]);
  });

  it('answers 409 to creating a collection twice and 404 to a missing one', async () => {
    await createDocs();
    await expect(createDocs()).rejects.toMatchObject({ status: 409 });
    await expect(client.getCollection('nope')).rejects.toMatchObject({
      status: 404,
      data: { status: { error: "Not found: Collection `nope` doesn't exist!" } },
    });
  });
});

describe('request log and startup', () => {
  it('records requests so a test can assert that no upsert happened', async () => {
    await createDocs();
    await client.scroll('docs', {});
    expect(server.requests.map((r) => r.operationId)).toEqual(['create_collection', 'scroll_points']);
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      path: '/collections/docs',
      body: expect.objectContaining({ sparse_vectors: expect.any(Object) }),
    });
  });

  describe('without SOT_SYNC_QDRANT_OPENAPI', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
      jest.restoreAllMocks();
    });

    it('runs with contract checks off and says so once on stderr', async () => {
      delete process.env['SOT_SYNC_QDRANT_OPENAPI'];
      delete process.env['CI'];
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      // A fresh module copy, because the warning is printed once per process and an earlier server may have used it.
      let start: typeof startQdrantTestServer = startQdrantTestServer;
      jest.isolateModules(() => {
        ({ startQdrantTestServer: start } = jest.requireActual<typeof import('./qdrant-test-server')>('./qdrant-test-server'));
      });
      const servers = [await start(), await start()];
      await Promise.all(servers.map((unchecked) => unchecked.close()));
      expect(servers.map((unchecked) => unchecked.contractChecked)).toEqual([false, false]);
      expect(stderr.mock.calls).toEqual([[expect.stringContaining('CONTRACT CHECKS ARE OFF')]]);
    });

    it('refuses to start under CI=true, and with an unreadable document anywhere', async () => {
      delete process.env['SOT_SYNC_QDRANT_OPENAPI'];
      process.env['CI'] = 'true';
      await expect(startQdrantTestServer()).rejects.toThrow(/SOT_SYNC_QDRANT_OPENAPI/);
      await expect(startQdrantTestServer({ openApiPath: '/nonexistent/openapi.json' })).rejects.toThrow(/Cannot load/);
    });
  });
});
