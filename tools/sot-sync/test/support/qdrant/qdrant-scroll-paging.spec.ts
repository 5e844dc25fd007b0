// Scroll paging over a few thousand points after interleaved upserts and deletes, checked against a plain model.
import { idsOf, useQdrantSession } from './qdrant-spec-session';

type Id = string | number;
interface ModelPoint {
  id: Id;
  group: number;
}

const session = useQdrantSession();

// Reference order written independently of the server: integers numerically, then canonical UUIDs as text.
function sortedIds(ids: Iterable<Id>): Id[] {
  const all = [...ids];
  const numbers = all.filter((id): id is number => typeof id === 'number').sort((a, b) => a - b);
  const uuids = all.filter((id): id is string => typeof id === 'string').sort();
  return [...numbers, ...uuids];
}

/** The ids from `offset` on: Qdrant's scroll starts at the first id >= offset, present or not. */
const atOrAfter = (ids: readonly Id[], offset: Id) => ids.filter((id) => sortedIds([id, offset])[0] === offset);

// Deterministic pseudo-random numbers (mulberry32), so a failure replays.
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = randomSource(20240611);
const randomHex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const randomUuid = () => `${randomHex(8)}-${randomHex(4)}-4${randomHex(3)}-8${randomHex(3)}-${randomHex(12)}`;
// Sent as Qdrant also accepts it (simple, uppercase), stored and returned canonical.
const simpleUpper = (uuid: string) => uuid.replace(/-/g, '').toUpperCase();

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// Integers chosen so that text order and numeric order disagree (9 < 10 < 100), plus both ends of the range.
function integerIds(count: number): number[] {
  const ids = new Set<number>([0, 9, 10, 99, 100, 1000, Number.MAX_SAFE_INTEGER]);
  while (ids.size < count) ids.add(Math.floor(random() * 1_000_000));
  return [...ids];
}

function uuidIds(count: number): string[] {
  const ids = new Set<string>(['00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-8fff-ffffffffffff']);
  while (ids.size < count) ids.add(randomUuid());
  return [...ids];
}

describe('scroll paging after interleaved writes', () => {
  let name: string;
  const model = new Map<string, ModelPoint>();
  const keyOf = (id: Id) => (typeof id === 'number' ? `#${id}` : id);

  async function upsert(points: readonly ModelPoint[]): Promise<void> {
    for (let i = 0; i < points.length; i += 128) {
      const batch = points.slice(i, i + 128);
      await session.client.upsert(name, {
        wait: true,
        points: batch.map(({ id, group }, k) => ({
          id: typeof id === 'string' && k % 5 === 0 ? simpleUpper(id) : id,
          vector: { dense: [1, k + 1] },
          payload: { group },
        })),
      });
      batch.forEach((point) => model.set(keyOf(point.id), point));
    }
  }

  async function deleteIds(ids: readonly Id[]): Promise<void> {
    await session.client.delete(name, { wait: true, points: [...ids] });
    ids.forEach((id) => model.delete(keyOf(id)));
  }

  async function scrollAll(limit: number, group?: number, from?: Id): Promise<Id[]> {
    const filter = group === undefined ? undefined : { must: [{ key: 'group', match: { value: group } }] };
    const seen: Id[] = [];
    let offset: Id | undefined = from;
    do {
      const page = await session.client.scroll(name, { limit, offset, filter, with_payload: false, with_vector: false });
      expect(page.points.length).toBeLessThanOrEqual(limit);
      seen.push(...idsOf(page.points));
      offset = (page.next_page_offset ?? undefined) as Id | undefined;
    } while (offset !== undefined);
    return seen;
  }

  const modelIds = (group?: number) => sortedIds([...model.values()].filter((p) => group === undefined || p.group === group).map((p) => p.id));

  beforeAll(async () => {
    name = await session.denseCollection('paging');
    const ids = shuffled<Id>([...integerIds(1500), ...uuidIds(1500)]);
    const points = ids.map((id, i) => ({ id, group: i % 3 }));
    // Upserts alternate with short scrolls, so writes land on an order that has already been read.
    for (let i = 0; i < points.length; i += 512) {
      await upsert(points.slice(i, i + 512));
      await session.client.scroll(name, { limit: 7, with_payload: false });
    }
    const present = [...model.values()];
    await deleteIds(
      shuffled(present)
        .slice(0, 300)
        .map((p) => p.id),
    );
    await session.client.delete(name, { wait: true, filter: { must: [{ key: 'group', match: { value: 2 } }] } });
    [...model.values()].filter((p) => p.group === 2).forEach((p) => model.delete(keyOf(p.id)));
    // Deleted ids come back (some in a new group), existing ones are overwritten, new ones join.
    const revived = shuffled(present.filter((p) => !model.has(keyOf(p.id)))).slice(0, 400);
    const overwritten = shuffled([...model.values()]).slice(0, 200);
    const fresh = [...integerIds(1600).slice(1500), ...uuidIds(1600).slice(1500)].filter((id) => !model.has(keyOf(id)));
    await upsert(
      shuffled([
        ...revived.map((p, i) => ({ id: p.id, group: i % 2 })),
        ...overwritten.map((p) => ({ id: p.id, group: (p.group + 1) % 2 })),
        ...fresh.map((id, i) => ({ id, group: i % 3 })),
      ]),
    );
  });

  it('returns every point exactly once, in id order, whatever the page size', async () => {
    const expected = modelIds();
    expect(expected.length).toBeGreaterThan(2000);
    expect(expected.some((id) => typeof id === 'number') && expected.some((id) => typeof id === 'string')).toBe(true);
    for (const limit of [1000, 333, 64]) expect(await scrollAll(limit)).toEqual(expected);
    expect((await session.client.count(name, { exact: true })).count).toBe(expected.length);
  });

  it('pages a filtered scroll and counts the same points', async () => {
    for (const group of [0, 1, 2]) {
      expect(await scrollAll(250, group)).toEqual(modelIds(group));
      const filter = { must: [{ key: 'group', match: { value: group } }] };
      expect((await session.client.count(name, { filter, exact: true })).count).toBe(modelIds(group).length);
    }
  });

  it('starts at the first id >= an offset that is not a point', async () => {
    let missingInteger = 500_000;
    while (model.has(keyOf(missingInteger))) missingInteger += 1;
    const missingUuid = '80000000-0000-4000-8000-000000000000';
    for (const offset of [missingInteger, missingUuid]) {
      expect(model.has(keyOf(offset))).toBe(false);
      const rest = await scrollAll(300, undefined, offset);
      expect(rest.length).toBeGreaterThan(0);
      expect(rest).toEqual(atOrAfter(modelIds(), offset));
    }
  });

  it('continues correctly when points ahead of and behind the cursor change between pages', async () => {
    const first = await session.client.scroll(name, { limit: 700, with_payload: false });
    const cursor = first.next_page_offset as Id;
    const expectedHead = modelIds().slice(0, 700);
    expect(idsOf(first.points)).toEqual(expectedHead);
    const ahead = modelIds()
      .slice(701, 1400)
      .filter((_, i) => i % 4 === 0);
    // The cursor's own point goes too: the next page then starts at the first id after it.
    await deleteIds([cursor, ...ahead]);
    const joining = [
      { id: 5, group: 0 },
      { id: 999_999_999, group: 1 },
      { id: randomUuid(), group: 0 },
    ];
    await upsert(joining.filter((p) => !model.has(keyOf(p.id))));
    const rest = await scrollAll(400, undefined, cursor);
    expect(rest).toEqual(atOrAfter(modelIds(), cursor));
    expect(rest).toEqual(expect.arrayContaining([999_999_999, joining[2]?.id]));
    expect(rest).not.toContain(cursor);
  });
});
