// `--rebuild`: a new physical collection is filled, then the alias switches to it in one call; readers of the
// alias never see a half-built index; a legacy real collection is migrated to an alias; a mismatch is the way in.
import type { QdrantClient } from '@qdrant/js-client-rest';
import { Bm25Embedder } from '../../src/embed/bm25-embedder';
import { OpenAiEmbedder } from '../../src/embed/openai-embedder';
import type { Embedder } from '../../src/embed/embedder';
import { QdrantTarget } from '../../src/targets/qdrant/qdrant-target';
import { anEntry, manyEntries } from '../support/entries';
import { startOpenAiCompatibleServer } from '../support/openai-compatible-server';
import { useQdrantSession } from '../support/qdrant/qdrant-spec-session';
import { aContext, pointsOf, PROJECT, requestsSince, syncEntries } from '../support/qdrant-target-harness';

const session = useQdrantSession();
const physicalOf = async (client: QdrantClient, alias: string): Promise<string | undefined> =>
  (await client.getAliases()).aliases.find((entry) => entry.alias_name === alias)?.collection_name;

let name: string;
const leftovers: string[] = [];
beforeEach(() => {
  // Named as an alias, so a real Qdrant's clean-up removes it; physical collections are removed below.
  name = session.qdrant.aliasName('docs');
});
afterEach(async () => {
  for (const collection of leftovers.splice(0)) await session.client.deleteCollection(collection).catch(() => undefined);
});

const target = (rebuild: boolean, embedders: Embedder[] = [new Bm25Embedder()], onProgress?: (done: number, total: number) => void): QdrantTarget =>
  new QdrantTarget({ url: session.qdrant.url, apiKey: session.qdrant.apiKey, collection: name, embedders, rebuild, batchSize: 8, onProgress });

describe('QdrantTarget --rebuild', () => {
  it('migrates a real collection to an alias, keeping the other projects, then switches atomically', async () => {
    await syncEntries(target(false), manyEntries(20), aContext());
    await syncEntries(target(false), [anEntry({ entryId: 'DEC-5' })], aContext(), undefined, 'neighbour');
    await syncEntries(target(true), manyEntries(20), aContext('2026-03-01T00:00:00.000Z'));
    const first = await physicalOf(session.client, name);
    leftovers.push(first ?? '');
    expect(first).toBe(`${name}_20260301t000000000z`);
    expect(await pointsOf(session.client, name)).toHaveLength(20);
    expect(await pointsOf(session.client, name, 'neighbour')).toHaveLength(1);

    // Second rebuild: readers of the alias see the complete old index until one update_aliases call switches it.
    const mark = session.qdrant.requests?.length ?? 0;
    const readsDuringBuild: Promise<number>[] = [];
    const onProgress = (): void => void readsDuringBuild.push(pointsOf(session.client, name).then((points) => points.length));
    await syncEntries(target(true, [new Bm25Embedder()], onProgress), manyEntries(20), aContext('2026-03-02T00:00:00.000Z'));
    const second = await physicalOf(session.client, name);
    leftovers.push(second ?? '');
    expect(second).toBe(`${name}_20260302t000000000z`);
    expect(await Promise.all(readsDuringBuild)).toEqual(readsDuringBuild.map(() => 20));
    expect((await session.client.collectionExists(first ?? '')).exists).toBe(false);
    if (session.qdrant.requests) {
      const log = requestsSince(session.qdrant.requests, mark);
      const switchAt = log.findIndex((r) => r.operationId === 'update_aliases');
      expect(log[switchAt]?.body).toEqual({
        actions: [{ delete_alias: { alias_name: name } }, { create_alias: { collection_name: second, alias_name: name } }],
      });
      expect(log.slice(switchAt).some((r) => r.operationId === 'upsert_points')).toBe(false);
      const writesAfter = log.slice(switchAt + 1).filter((r) => r.method !== 'GET' && r.operationId !== 'scroll_points');
      expect(writesAfter.map((r) => `${r.operationId} ${r.path}`)).toEqual([`delete_collection /collections/${first}`]);
    }
  });

  it('is the way out of a mismatched collection: the new one gets the new vectors', async () => {
    const server = await startOpenAiCompatibleServer({ dimensions: 8 });
    try {
      await syncEntries(target(false), manyEntries(5), aContext());
      const withDense = [new Bm25Embedder(), new OpenAiEmbedder({ baseUrl: server.url, model: 'm', dimensions: 8 })];
      await expect(target(false, withDense).open(aContext())).rejects.toThrow(/--rebuild/);
      await target(true, withDense).open(aContext());
      await syncEntries(target(true, withDense), manyEntries(5), aContext('2026-03-03T00:00:00.000Z'));
      leftovers.push((await physicalOf(session.client, name)) ?? '');
      const info = await session.client.getCollection(name);
      expect(info.config.params.vectors).toEqual({ dense: { size: 8, distance: 'Cosine' } });
      expect(new Set((await pointsOf(session.client, name)).map((p) => p.embedder))).toEqual(new Set(['bm25-v1+openai:m:8']));
      await expect(target(false, withDense).open(aContext())).resolves.toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('leaves the alias untouched and drops the half-built collection when the rebuild fails', async () => {
    await syncEntries(target(true), manyEntries(5), aContext('2026-03-04T00:00:00.000Z'));
    const before = await physicalOf(session.client, name);
    leftovers.push(before ?? '');
    const failing = target(true);
    await expect(
      failing.sync(
        PROJECT,
        () => {
          throw new Error('refused plan');
        },
        aContext('2026-03-05T00:00:00.000Z'),
      ),
    ).rejects.toThrow('refused plan');
    expect(await physicalOf(session.client, name)).toBe(before);
    expect((await session.client.collectionExists(`${name}_20260305t000000000z`)).exists).toBe(false);
    expect(await pointsOf(session.client, name)).toHaveLength(5);
  });
});
