// Query behaviour of the Qdrant under test through the real client: scroll paging, dense and sparse scoring, RRF.
import { idsOf, useQdrantSession } from './qdrant-spec-session';

const UUID_A = '0a1b2c3d-0000-4000-8000-000000000001';
const UUID_B = 'ffffffff-0000-4000-8000-000000000002';

const session = useQdrantSession();

describe('scroll', () => {
  it('pages through every point exactly once, integers before UUIDs, honouring the filter', async () => {
    const name = await session.denseCollection('scroll');
    const all = [...Array.from({ length: 15 }, (_, i) => i + 1), UUID_A, UUID_B];
    await session.client.upsert(name, {
      points: all.map((id, i) => ({ id, vector: { dense: [1, i] }, payload: { even: i % 2 === 1 } })),
    });
    const seen: (string | number)[] = [];
    let offset: string | number | null | undefined;
    do {
      const page = await session.client.scroll(name, { limit: 4, offset: offset ?? undefined, with_payload: false });
      seen.push(...idsOf(page.points));
      offset = page.next_page_offset as string | number | null | undefined;
    } while (offset != null);
    expect(seen).toEqual(all);
    const evens = await session.client.scroll(name, { limit: 100, filter: { must: [{ key: 'even', match: { value: true } }] } });
    expect(idsOf(evens.points)).toEqual([2, 4, 6, 8, 10, 12, 14, UUID_A]);
    expect(evens.next_page_offset ?? null).toBeNull();
  });
});

describe('dense scoring', () => {
  const points = [
    { id: 1, vector: { dense: [1, 0] } },
    { id: 2, vector: { dense: [0, 1] } },
    { id: 3, vector: { dense: [1, 1] } },
  ];

  it('Cosine normalises stored vectors and ranks by angle', async () => {
    const name = await session.denseCollection('cosine');
    await session.client.upsert(name, { points });
    const { points: hits } = await session.client.query(name, { query: [1, 0], using: 'dense', with_vector: true });
    expect(idsOf(hits)).toEqual([1, 3, 2]);
    expect(hits[1]?.score).toBeCloseTo(Math.SQRT1_2, 4);
    expect((hits[1]?.vector as Record<string, number[]>)['dense']?.[0]).toBeCloseTo(Math.SQRT1_2, 4);
    const above = await session.client.query(name, { query: [1, 0], using: 'dense', score_threshold: 0.5 });
    expect(idsOf(above.points)).toEqual([1, 3]);
  });

  it('Dot ranks by raw dot product', async () => {
    const name = await session.denseCollection('dot', 'Dot');
    await session.client.upsert(name, { points });
    const { points: hits } = await session.client.query(name, { query: [2, 1], using: 'dense' });
    expect(hits.map((hit) => [hit.id, hit.score])).toEqual([
      [3, 3],
      [1, 2],
      [2, 1],
    ]);
  });

  it('Euclid reports the distance and ranks nearest first', async () => {
    const name = await session.denseCollection('euclid', 'Euclid');
    await session.client.upsert(name, { points });
    const { points: hits } = await session.client.query(name, { query: [1, 0], using: 'dense' });
    expect(idsOf(hits)).toEqual([1, 3, 2]);
    expect(hits.map((hit) => hit.score)).toEqual([0, 1, expect.closeTo(Math.SQRT2, 4)]);
  });
});

describe('sparse scoring', () => {
  async function sparseCollection(label: string, modifier: 'idf' | 'none'): Promise<string> {
    const name = session.qdrant.collectionName(label);
    await session.client.createCollection(name, { sparse_vectors: { bm25: { modifier } } });
    const common = Array.from({ length: 9 }, (_, i) => ({ id: i + 1, vector: { bm25: { indices: [1, 3], values: [1, 1] } } }));
    await session.client.upsert(name, { points: [...common, { id: 10, vector: { bm25: { indices: [7], values: [0.5] } } }] });
    return name;
  }
  const query = { query: { indices: [1, 7], values: [1, 1] }, using: 'bm25', limit: 3 };

  it('with the idf modifier ranks a rare matching term above a common one', async () => {
    const name = await sparseCollection('idf', 'idf');
    const { points: hits } = await session.client.query(name, query);
    const idf = (n: number) => Math.log((10 - n + 0.5) / (n + 0.5) + 1);
    expect(hits[0]).toMatchObject({ id: 10, score: expect.closeTo(0.5 * idf(1), 3) });
    expect(hits[1]?.score).toBeCloseTo(idf(9), 3);
  });

  it('without a modifier it is a plain dot product over shared indices', async () => {
    const name = await sparseCollection('plain', 'none');
    const { points: hits } = await session.client.query(name, { ...query, limit: 20 });
    expect(hits).toHaveLength(10);
    expect(hits[9]).toMatchObject({ id: 10, score: 0.5 });
    const none = await session.client.query(name, { query: { indices: [42], values: [1] }, using: 'bm25' });
    expect(none.points).toEqual([]);
  });
});

describe('hybrid query', () => {
  it('fuses prefetches with RRF (k = 2) and applies the root filter to every prefetch', async () => {
    const name = session.qdrant.collectionName('hybrid');
    await session.client.createCollection(name, { vectors: { dense: { size: 2, distance: 'Cosine' } }, sparse_vectors: { bm25: {} } });
    await session.client.upsert(name, {
      points: [
        { id: 1, vector: { dense: [1, 0], bm25: { indices: [1], values: [1] } }, payload: { lang: 'en' } },
        { id: 2, vector: { dense: [0.9, 0.1], bm25: { indices: [2], values: [1] } }, payload: { lang: 'en' } },
        { id: 3, vector: { dense: [0, 1], bm25: { indices: [1], values: [0.5] } }, payload: { lang: 'en' } },
        { id: 4, vector: { dense: [1, 0], bm25: { indices: [1], values: [9] } }, payload: { lang: 'de' } },
      ],
    });
    const { points: hits } = await session.client.query(name, {
      prefetch: [
        { query: [1, 0], using: 'dense', limit: 3 },
        { query: { indices: [1], values: [1] }, using: 'bm25', limit: 3 },
      ],
      query: { fusion: 'rrf' },
      filter: { must: [{ key: 'lang', match: { value: 'en' } }] },
      with_payload: true,
    });
    expect(hits.map((hit) => [hit.id, hit.score])).toEqual([
      [1, expect.closeTo(1 / 2 + 1 / 2, 4)],
      [3, expect.closeTo(1 / 4 + 1 / 3, 4)],
      [2, expect.closeTo(1 / 3, 4)],
    ]);
    expect(hits[0]?.payload).toEqual({ lang: 'en' });
  });
});
