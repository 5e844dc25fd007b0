// The Qdrant target when things go wrong: 429/503/dropped connections retried, the deadline kept, an unreachable
// Qdrant reported as exit 4 before anything is written, a mismatched collection refused, the API key never shown.
import { Bm25Embedder } from '../../src/embed/bm25-embedder';
import { ConnectionError, DeadlineExceededError, ModeRequirementError } from '../../src/errors';
import { QdrantTarget } from '../../src/targets/qdrant/qdrant-target';
import { manyEntries } from '../support/entries';
import { startQdrantTestServer } from '../support/qdrant/qdrant-test-server';
import { useQdrantSession } from '../support/qdrant/qdrant-spec-session';
import { aContext, hasTestServer, pointsOf, requestsSince, syncEntries } from '../support/qdrant-target-harness';

const session = useQdrantSession();
const fastRetry = { baseDelayMs: 10, maxDelayMs: 50 };
const targetFor = (collection: string, url = session.qdrant.url): QdrantTarget =>
  new QdrantTarget({ url, apiKey: session.qdrant.apiKey, collection, embedders: [new Bm25Embedder()], batchSize: 10, retry: fastRetry });

describe('QdrantTarget under faults', () => {
  it('retries 429 (after its Retry-After), 503 and dropped connections, and converges', async () => {
    if (!hasTestServer('the 429/503/drop retry test')) return;
    const collection = session.qdrant.collectionName('faults');
    const faults = session.qdrant.faults!;
    faults.rateLimit(1, { retryAfterSeconds: 1, path: '/points' }).unavailable(2, { path: '/points' }).dropConnection(1, { method: 'PUT', path: '/points' });
    const mark = session.qdrant.requests!.length;
    const started = Date.now();
    const plan = await syncEntries(targetFor(collection), manyEntries(25), aContext());
    // The 429 said "Retry-After: 1": the client waited at least that (the other retries back off in milliseconds).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(plan.counts.inserted).toBe(25);
    expect(faults.pending).toBe(0);
    const seen = requestsSince(session.qdrant.requests!, mark);
    expect(seen.filter((r) => r.fault).map((r) => r.fault)).toEqual(['rate-limit', 'unavailable', 'unavailable', 'drop']);
    expect(await pointsOf(session.client, collection)).toHaveLength(25);
  });

  it('stops at the deadline when Qdrant hangs, with DeadlineExceededError (exit 3)', async () => {
    if (!hasTestServer('the hanging-server deadline test')) return;
    session.qdrant.faults!.delay(10_000, { path: '/points/scroll' });
    const ctx = aContext(undefined, 0.5);
    const started = Date.now();
    const error = await syncEntries(targetFor(session.qdrant.collectionName('slow')), manyEntries(3), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as DeadlineExceededError).exitCode).toBe(3);
    expect(Date.now() - started).toBeLessThan(900);
    session.qdrant.faults!.clear();
  });

  it('open() reports an unreachable Qdrant as ModeRequirementError (exit 4) at once', async () => {
    const dead = await startQdrantTestServer();
    const url = dead.url;
    await dead.close();
    const started = Date.now();
    const error = await targetFor('any', url)
      .open(aContext())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModeRequirementError);
    expect((error as ModeRequirementError).exitCode).toBe(4);
    expect((error as Error).message).toMatch(new RegExp(`^Qdrant unavailable at ${url.replace(/[.]/g, '\\.')}: ECONNREFUSED`));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('open() and sync() refuse a collection whose vectors differ, naming the mismatch and --rebuild', async () => {
    const collection = await session.denseCollection('mismatch');
    const mark = session.qdrant.requests?.length ?? 0;
    const target = targetFor(collection);
    const error = await target.open(aContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/it has a dense vector "dense" that no configured embedder fills; it has no sparse vector "bm25".*--rebuild/);
    await expect(syncEntries(target, manyEntries(2), aContext())).rejects.toThrow(ConnectionError);
    if (session.qdrant.requests) expect(requestsSince(session.qdrant.requests, mark, 'upsert_points', 'create_field_index')).toEqual([]);
  });

  it('never shows the API key, even when Qdrant refuses it', async () => {
    const secret = 'qdrant-secret-key-42';
    const guarded = await startQdrantTestServer({ apiKey: 'the-right-key' });
    try {
      const target = new QdrantTarget({ url: guarded.url, apiKey: secret, collection: 'c', embedders: [new Bm25Embedder()] });
      const error = await target.open(aContext()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/HTTP 401.*QDRANT_API_KEY/);
      expect(`${(error as Error).message} ${target.label}`).not.toContain(secret);
      expect(guarded.violations).toEqual([]);
    } finally {
      await guarded.close();
    }
  });
});
