// Filter semantics of the Qdrant under test through the real client: match, range, ids, emptiness, nesting.
import { idsOf, useQdrantSession } from './qdrant-spec-session';

const UUID_A = '0a1b2c3d-0000-4000-8000-000000000001';

const session = useQdrantSession();

describe('filters', () => {
  let name: string;
  const select = async (filter: Record<string, unknown>) => idsOf((await session.client.scroll(name, { filter, limit: 100, with_payload: false })).points);

  beforeAll(async () => {
    name = await session.denseCollection('filters');
    await session.client.createPayloadIndex(name, { field_name: 'status', field_schema: 'keyword', wait: true });
    await session.client.createPayloadIndex(name, { field_name: 'created', field_schema: 'datetime', wait: true });
    const payloads = [
      { status: 'active', tags: ['a', 'b'], n: 5, created: '2024-01-10T00:00:00Z', metadata: { status: 'draft' }, published: true },
      { status: 'archived', tags: ['b'], n: 10, created: '2024-03-01T12:00:00Z', metadata: { status: 'final' } },
      { status: 'active', tags: [], n: 15, created: '2024-06-01T00:00:00+02:00', metadata: { status: 'final' }, note: null },
      { status: 'draft', n: 20 },
    ];
    const points = payloads.map((payload, i) => ({ id: i < 3 ? i + 1 : UUID_A, vector: { dense: [1, 1] }, payload }));
    await session.client.upsert(name, { points });
  });

  it.each([
    ['keyword match', { must: [{ key: 'status', match: { value: 'active' } }] }, [1, 3]],
    ['integer match', { must: [{ key: 'n', match: { value: 10 } }] }, [2]],
    ['bool match', { must: [{ key: 'published', match: { value: true } }] }, [1]],
    ['array field match', { must: [{ key: 'tags', match: { value: 'b' } }] }, [1, 2]],
    ['match any', { must: [{ key: 'status', match: { any: ['archived', 'draft'] } }] }, [2, UUID_A]],
    ['match except', { must: [{ key: 'status', match: { except: ['active'] } }] }, [2, UUID_A]],
    ['numeric range', { must: [{ key: 'n', range: { gte: 10, lt: 20 } }] }, [2, 3]],
    ['datetime range', { must: [{ key: 'created', range: { gt: '2024-02-01T00:00:00Z', lte: '2024-05-31T23:00:00Z' } }] }, [2, 3]],
    ['has_id', { must: [{ has_id: [1, UUID_A] }] }, [1, UUID_A]],
    ['is_empty', { must: [{ is_empty: { key: 'tags' } }] }, [3, UUID_A]],
    ['is_null', { must: [{ is_null: { key: 'note' } }] }, [3]],
    ['nested key', { must: [{ key: 'metadata.status', match: { value: 'final' } }] }, [2, 3]],
    ['must_not', { must_not: [{ key: 'status', match: { value: 'active' } }] }, [2, UUID_A]],
    [
      'should',
      {
        should: [
          { key: 'status', match: { value: 'archived' } },
          { key: 'n', match: { value: 5 } },
        ],
      },
      [1, 2],
    ],
    ['nested filter', { must: [{ should: [{ has_id: [2] }, { key: 'n', range: { gt: 18 } }] }] }, [2, UUID_A]],
    [
      'min_should',
      {
        min_should: {
          min_count: 2,
          conditions: [
            { key: 'status', match: { value: 'active' } },
            { key: 'n', range: { gte: 10 } },
            { key: 'tags', match: { any: ['b'] } },
          ],
        },
      },
      [1, 2, 3],
    ],
  ])('%s', async (_label, filter, expected) => {
    expect(await select(filter)).toEqual(expected);
    expect((await session.client.count(name, { filter, exact: true })).count).toBe(expected.length);
  });

  it('delete by filter removes exactly the matching points', async () => {
    const copy = await session.denseCollection('delete-filter');
    const points = [1, 2, 3].map((id) => ({ id, vector: { dense: [1, 0] }, payload: { keep: id !== 2 } }));
    await session.client.upsert(copy, { points });
    await session.client.delete(copy, { filter: { must: [{ key: 'keep', match: { value: false } }] }, wait: true });
    expect(idsOf((await session.client.scroll(copy, {})).points)).toEqual([1, 3]);
  });
});
