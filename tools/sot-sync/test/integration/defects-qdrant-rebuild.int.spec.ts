// `--rebuild` under faults injected at each of its steps, with a reader polling the name all along (issue 11, D10 and
// D11): the reader only ever sees the old complete index or the new complete one, the outcome reported is what the
// reader sees, and what a failure leaves is dropped at once or swept by the next rebuild.
import { Bm25Embedder } from '../../src/embed/bm25-embedder';
import { SotSyncError } from '../../src/errors';
import { QdrantTarget } from '../../src/targets/qdrant/qdrant-target';
import { manyEntries } from '../support/entries';
import type { FaultMatch } from '../support/qdrant/fault-injection';
import { useQdrantSession } from '../support/qdrant/qdrant-spec-session';
import { aContext, hasTestServer, syncEntries } from '../support/qdrant-target-harness';

const session = useQdrantSession();
const OLD = 12;
const NEW = 20;
const stamp = (day: string): string => `2026-03-${day}T00:00:00.000Z`;
const physical = (name: string, day: string): string => `${name}_202603${day}t000000000z`;

let name: string;
beforeEach(() => (name = session.qdrant.aliasName('rebuild')));
afterEach(async () => {
  session.qdrant.faults?.clear();
  const { collections } = await session.client.getCollections();
  for (const { name: leftover } of collections.filter((c) => c.name.startsWith(`${name}_`))) await session.client.deleteCollection(leftover);
});

const target = (rebuild: boolean): QdrantTarget =>
  new QdrantTarget({
    url: session.qdrant.url,
    collection: name,
    embedders: [new Bm25Embedder()],
    rebuild,
    batchSize: 8,
    retry: { baseDelayMs: 2, maxDelayMs: 5, maxAttempts: 3 },
  });

/** A reader of `name` polling its exact point count until stopped: every answer, status and count. */
function startReader(): { stop: () => Promise<{ status: number; count: number | null }[]> } {
  const seen: { status: number; count: number | null }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const response = await fetch(`${session.qdrant.url}/collections/${name}/points/count`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"exact":true}',
      });
      const body = (await response.json()) as { result?: { count: number } };
      seen.push({ status: response.status, count: body.result?.count ?? null });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  return { stop: async () => ((running = false), await loop, seen) };
}

async function servedBy(): Promise<string | undefined> {
  return (await session.client.getAliases()).aliases.find((alias) => alias.alias_name === name)?.collection_name;
}

async function exists(collection: string): Promise<boolean> {
  return (await session.client.collectionExists(collection)).exists;
}

/** Rebuilds NEW entries on day 02 over an alias serving OLD entries (built on day 01), with `fault` planned. */
async function rebuildUnder(
  fault: (match: (path: string, method: string) => FaultMatch) => void,
): Promise<{ error: unknown; seen: { status: number; count: number | null }[] }> {
  await syncEntries(target(true), manyEntries(OLD), aContext(stamp('01')));
  expect(await servedBy()).toBe(physical(name, '01'));
  fault((path, method) => ({ path, method }));
  const reader = startReader();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const error = await syncEntries(target(true), manyEntries(NEW), aContext(stamp('02'))).then(
    () => null,
    (e: unknown) => e,
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  const seen = await reader.stop();
  session.qdrant.faults?.clear();
  return { error, seen };
}

const FAILING_STEPS: [string, (name: string) => [string, string]][] = [
  ['reading what the name is', () => ['/aliases', 'GET']],
  ['creating the new collection', (n) => [`/collections/${physical(n, '02')}`, 'PUT']],
  ['creating its payload indexes', (n) => [`/collections/${physical(n, '02')}/index`, 'PUT']],
  ['copying the other projects', (n) => [`/collections/${physical(n, '01')}/points/scroll`, 'POST']],
  ['reading the new collection', (n) => [`/collections/${physical(n, '02')}/points/scroll`, 'POST']],
  ['writing the new points', (n) => [`/collections/${physical(n, '02')}/points`, 'PUT']],
  ['switching the alias', () => ['/collections/aliases', 'POST']],
];

describe('--rebuild over an alias, a fault at each step', () => {
  it.each(FAILING_STEPS)('fails %s: readers keep the old index throughout, the new collection is dropped', async (_step, where) => {
    if (!hasTestServer('the --rebuild fault-injection tests')) return;
    const { error, seen } = await rebuildUnder((match) => session.qdrant.faults!.unavailable(1000, match(...where(name))));
    expect(error).toBeInstanceOf(SotSyncError);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.filter((s) => s.status !== 200 || s.count !== OLD)).toEqual([]);
    expect(await servedBy()).toBe(physical(name, '01'));
    expect(await exists(physical(name, '02'))).toBe(false);
  });

  it('succeeds when the switch was applied but its answer lost, even if every retry then fails: the outcome is what readers see', async () => {
    if (!hasTestServer('the --rebuild fault-injection tests')) return;
    const { error, seen } = await rebuildUnder((match) =>
      session.qdrant.faults!.loseAnswer(1, match('/collections/aliases', 'POST')).unavailable(1000, match('/collections/aliases', 'POST')),
    );
    expect(error).toBeNull();
    expect(seen.filter((s) => s.status !== 200 || (s.count !== OLD && s.count !== NEW))).toEqual([]);
    expect(seen.at(-1)).toEqual({ status: 200, count: NEW });
    expect(await servedBy()).toBe(physical(name, '02'));
    expect(await exists(physical(name, '01'))).toBe(false);
  });

  it.each([
    ['listing the collections to sweep', (): [string, string] => ['/collections', 'GET']],
    ['deleting the old collection', (n: string): [string, string] => [`/collections/${physical(n, '01')}`, 'DELETE']],
  ])('succeeds when %s fails (the index is in step), and the next rebuild sweeps the leftover', async (_step, where) => {
    if (!hasTestServer('the --rebuild fault-injection tests')) return;
    const { error, seen } = await rebuildUnder((match) =>
      session.qdrant.faults!.unavailable(1000, { ...match(...where(name)), path: new RegExp(`^${where(name)[0]}$`) }),
    );
    expect(error).toBeNull();
    expect(seen.filter((s) => s.status !== 200 || (s.count !== OLD && s.count !== NEW))).toEqual([]);
    expect(await servedBy()).toBe(physical(name, '02'));
    expect(await exists(physical(name, '01'))).toBe(true);
    await syncEntries(target(true), manyEntries(NEW), aContext(stamp('03')));
    expect(await servedBy()).toBe(physical(name, '03'));
    expect(await exists(physical(name, '01'))).toBe(false);
    expect(await exists(physical(name, '02'))).toBe(false);
  });
});

describe('--rebuild of a plain collection (made before aliases)', () => {
  /** `name` as a plain collection with OLD entries. */
  const legacy = (): Promise<unknown> => syncEntries(target(false), manyEntries(OLD), aContext(stamp('01')));

  it.each([
    ['writing the new points', (n: string): [string, string] => [`/collections/${physical(n, '02')}/points`, 'PUT']],
    ['deleting the plain collection', (n: string): [string, string] => [`/collections/${n}`, 'DELETE']],
  ])('fails %s: readers keep the plain collection, never a 404, and the new collection is dropped', async (_step, where) => {
    if (!hasTestServer('the --rebuild fault-injection tests')) return;
    await legacy();
    const [path, method] = where(name);
    session.qdrant.faults!.unavailable(1000, { path: new RegExp(`^${path}$`), method });
    const reader = startReader();
    const error = await syncEntries(target(true), manyEntries(NEW), aContext(stamp('02'))).then(
      () => null,
      (e: unknown) => e,
    );
    const seen = await reader.stop();
    expect(error).toBeInstanceOf(SotSyncError);
    expect(seen.filter((s) => s.status !== 200 || s.count !== OLD)).toEqual([]);
    expect(await servedBy()).toBeUndefined();
    expect(await exists(name)).toBe(true);
    expect(await exists(physical(name, '02'))).toBe(false);
  });

  it('migrates with a lost DELETE answer; a reader sees no partial count and a 404 only between the delete and the alias', async () => {
    if (!hasTestServer('the --rebuild fault-injection tests')) return;
    await legacy();
    session.qdrant.faults!.loseAnswer(1, { path: new RegExp(`^/collections/${name}$`), method: 'DELETE' });
    const mark = session.qdrant.requests!.length;
    const reader = startReader();
    await syncEntries(target(true), manyEntries(NEW), aContext(stamp('02')));
    const seen = await reader.stop();
    expect(seen.filter((s) => s.status === 200 && s.count !== OLD && s.count !== NEW)).toEqual([]);
    const log = session.qdrant.requests!.slice(mark);
    const deleted = log.findIndex((r) => r.method === 'DELETE' && r.path === `/collections/${name}`);
    const aliased = log.findIndex((r) => r.operationId === 'update_aliases' && r.status === 200);
    const reads = log.map((r, i) => ({ r, i })).filter(({ r }) => r.operationId === 'count_points');
    expect(reads.filter(({ r, i }) => r.status !== 200 && (i < deleted || i > aliased))).toEqual([]);
    expect(await servedBy()).toBe(physical(name, '02'));
  });

  it('names the complete new collection and the fix when the alias cannot be created after the delete; --rebuild again finishes and sweeps it', async () => {
    if (!hasTestServer('the --rebuild fault-injection tests')) return;
    await legacy();
    session.qdrant.faults!.unavailable(1000, { path: '/collections/aliases', method: 'POST' });
    const error = await syncEntries(target(true), manyEntries(NEW), aContext(stamp('02'))).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as SotSyncError).exitCode).toBe(2);
    expect((error as Error).message).toContain(`readers of "${name}" get 404 until it exists`);
    expect((error as Error).message).toContain(`"collection_name":"${physical(name, '02')}","alias_name":"${name}"`);
    expect(await exists(physical(name, '02'))).toBe(true);
    session.qdrant.faults!.clear();
    await syncEntries(target(true), manyEntries(NEW), aContext(stamp('03')));
    expect(await servedBy()).toBe(physical(name, '03'));
    expect(await exists(physical(name, '02'))).toBe(false);
  });
});
