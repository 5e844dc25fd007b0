// The Qdrant target end to end against the Qdrant-compatible test server (or a real Qdrant): change detection from
// the points themselves, so edits, removals, model changes, partial runs and wiped collections all converge.
import { Bm25Embedder } from '../../src/embed/bm25-embedder';
import type { Embedder } from '../../src/embed/embedder';
import { OpenAiEmbedder } from '../../src/embed/openai-embedder';
import { fingerprintRows } from '../../src/engine/fingerprint-rows';
import { QdrantTarget } from '../../src/targets/qdrant/qdrant-target';
import { anEntry, manyEntries } from '../support/entries';
import { startOpenAiCompatibleServer } from '../support/openai-compatible-server';
import { useQdrantSession } from '../support/qdrant/qdrant-spec-session';
import { aContext, hasTestServer, longEntry, pointsOf, PROJECT, requestsSince, syncEntries, upsertedIds } from '../support/qdrant-target-harness';

const session = useQdrantSession();
let bm25: Bm25Embedder;
let collection: string;
const targetWith = (embedders: Embedder[] = [bm25], extra: { onProgress?: (done: number, total: number) => void } = {}): QdrantTarget =>
  new QdrantTarget({ url: session.qdrant.url, apiKey: session.qdrant.apiKey, collection, embedders, batchSize: 16, ...extra });
const ledger = () => [...manyEntries(30), longEntry('BUILD-900', 4), anEntry({ entryId: 'DEC-001' }), anEntry({ entryId: 'DEC-002' })];

beforeEach(() => {
  bm25 = new Bm25Embedder();
  collection = session.qdrant.collectionName('target');
});

describe('QdrantTarget', () => {
  it('first sync creates the collection and writes one point per chunk, with the payload search and sync need', async () => {
    const progress: [number, number][] = [];
    const ctx = aContext();
    const plan = await syncEntries(targetWith([bm25], { onProgress: (done, total) => progress.push([done, total]) }), ledger(), ctx);
    expect(plan.counts).toEqual({ inserted: 33, updated: 0, deleted: 0, unchanged: 0 });
    const points = await pointsOf(session.client, collection);
    const long = points.filter((p) => p.entryId === 'BUILD-900');
    expect(long.map((p) => p.chunkIndex)).toEqual([0, 1, 2, 3]);
    expect(points).toHaveLength(32 + long.length);
    expect(progress.at(-1)).toEqual([points.length, points.length]);
    const [record] = await session.client.retrieve(collection, { ids: [long[1]!.id], with_payload: true });
    expect(record?.payload).toMatchObject({
      project_id: PROJECT,
      file_type: 'build_history',
      entry_id: 'BUILD-900',
      chunk_count: 4,
      embedder: 'bm25-v1',
      updated_at: ctx.now,
    });
    const info = await session.client.getCollection(collection);
    expect(Object.keys(info.payload_schema)).toEqual(expect.arrayContaining(['project_id', 'file_type', 'entry_id', 'metadata.status', 'created_at']));
    ctx.deadline.dispose();
  });

  it('resyncing unchanged ledgers makes zero embedding calls and zero writes', async () => {
    const ctx = aContext();
    await syncEntries(targetWith(), ledger(), ctx);
    const calls = bm25.calls;
    const mark = session.qdrant.requests?.length ?? 0;
    const plan = await syncEntries(targetWith(), ledger(), ctx);
    expect(plan.operations).toEqual([]);
    expect(plan.counts.unchanged).toBe(33);
    expect(bm25.calls).toBe(calls);
    if (session.qdrant.requests) {
      expect(requestsSince(session.qdrant.requests, mark).map((r) => r.operationId)).toEqual(['scroll_points']);
    }
    ctx.deadline.dispose();
  });

  it('an edited entry rewrites only its own points, and a shorter entry drops its extra chunks', async () => {
    await syncEntries(targetWith(), ledger(), aContext());
    const before = await pointsOf(session.client, collection);
    const mark = session.qdrant.requests?.length ?? 0;
    const edited = ledger().map((entry) => (entry.entryId === 'BUILD-900' ? longEntry('BUILD-900', 2, ' (revised)') : entry));
    const plan = await syncEntries(targetWith(), edited, aContext('2026-02-02T10:00:00.000Z'));
    expect(plan.counts).toMatchObject({ updated: 1, unchanged: 32 });
    const after = await pointsOf(session.client, collection);
    expect(after.filter((p) => p.entryId === 'BUILD-900').map((p) => [p.chunkIndex, p.updatedAt])).toEqual([
      [0, '2026-02-02T10:00:00.000Z'],
      [1, '2026-02-02T10:00:00.000Z'],
    ]);
    const untouched = (points: typeof before) => points.filter((p) => p.entryId !== 'BUILD-900');
    expect(untouched(after)).toEqual(untouched(before));
    if (session.qdrant.requests) {
      const upserts = requestsSince(session.qdrant.requests, mark, 'upsert_points');
      expect(upsertedIds(upserts).sort()).toEqual(
        after
          .filter((p) => p.entryId === 'BUILD-900')
          .map((p) => p.id)
          .sort(),
      );
    }
  });

  it('a removed entry loses all its points; other projects are never touched', async () => {
    await syncEntries(targetWith(), [anEntry({ entryId: 'DEC-777' })], aContext(), undefined, 'other-project');
    await syncEntries(targetWith(), ledger(), aContext());
    const plan = await syncEntries(
      targetWith(),
      ledger().filter((e) => e.entryId !== 'BUILD-900'),
      aContext(),
      ['build_history', 'architecture'],
    );
    expect(plan.counts).toMatchObject({ deleted: 1, unchanged: 32 });
    expect((await pointsOf(session.client, collection)).some((p) => p.entryId === 'BUILD-900')).toBe(false);
    expect(await pointsOf(session.client, collection, 'other-project')).toHaveLength(1);
  });

  it('a changed embedding model re-embeds everything; points then carry both vectors', async () => {
    const server = await startOpenAiCompatibleServer({ dimensions: 8 });
    const dense = (model: string) => new OpenAiEmbedder({ baseUrl: server.url, model, dimensions: 8, batchSize: 32 });
    try {
      await syncEntries(targetWith([bm25, dense('model-a')]), ledger(), aContext());
      const mark = server.requests.length;
      const plan = await syncEntries(targetWith([bm25, dense('model-b')]), ledger(), aContext());
      expect(plan.counts).toMatchObject({ updated: 33, unchanged: 0 });
      expect(server.requests.slice(mark).every((r) => r.model === 'model-b')).toBe(true);
      const points = await pointsOf(session.client, collection);
      expect(new Set(points.map((p) => p.embedder))).toEqual(new Set(['bm25-v1+openai:model-b:8']));
      const [record] = await session.client.retrieve(collection, { ids: [points[0]!.id], with_vector: true });
      expect(Object.keys(record?.vector ?? {}).sort()).toEqual(['bm25', 'dense']);
    } finally {
      await server.close();
    }
  });

  it('a partial earlier run (points deleted by hand) converges on the next run, and then stays still', async () => {
    await syncEntries(targetWith(), ledger(), aContext());
    const points = await pointsOf(session.client, collection);
    const lost = [points.find((p) => p.entryId === 'BUILD-900' && p.chunkIndex === 1)!, points.find((p) => p.entryId === 'BUILD-7')!];
    await session.client.delete(collection, { wait: true, points: lost.map((p) => p.id) });
    const plan = await syncEntries(targetWith(), ledger(), aContext());
    expect(plan.operations.map((op) => (op.kind === 'delete' ? op.entryId : op.entry.entryId)).sort()).toEqual(['BUILD-7', 'BUILD-900']);
    expect((await pointsOf(session.client, collection)).map((p) => p.id).sort()).toEqual(points.map((p) => p.id).sort());
    expect((await syncEntries(targetWith(), ledger(), aContext())).operations).toEqual([]);
  });

  it('a wiped collection is recreated and refilled', async () => {
    await syncEntries(targetWith(), ledger(), aContext());
    await session.client.deleteCollection(collection);
    const target = targetWith();
    expect((await target.readSnapshot(PROJECT, aContext())).rows).toEqual([]);
    expect((await syncEntries(target, ledger(), aContext())).counts.inserted).toBe(33);
    expect((await syncEntries(target, ledger(), aContext())).operations).toEqual([]);
  });

  it('reads a fingerprint with the same recipe as the SQL targets, from the points themselves', async () => {
    const target = targetWith();
    expect(await target.readFingerprint(PROJECT, aContext())).toBeNull();
    await syncEntries(target, ledger(), aContext());
    const expected = fingerprintRows(ledger().map(({ fileType, entryId, contentHash }) => ({ fileType, entryId, contentHash })));
    expect(await target.readFingerprint(PROJECT, aContext())).toBe(expected);
  });

  it('writes nothing when the plan builder throws', async () => {
    if (!hasTestServer('the request log check of a refused plan')) return;
    const target = targetWith();
    const mark = session.qdrant.requests?.length ?? 0;
    await expect(
      target.sync(
        PROJECT,
        () => {
          throw new Error('refused');
        },
        aContext(),
      ),
    ).rejects.toThrow('refused');
    expect(requestsSince(session.qdrant.requests ?? [], mark).map((r) => r.operationId)).toEqual(['scroll_points']);
  });
});
