// Retrieval quality and the Qdrant search over a realistic corpus: with local BM25 only, the query made of an
// entry's title must find that entry in the top 3 for at least 90% of the entries. (Freshness, provenance and the
// other stores: retrieval-*.int.spec.ts.)
import { normalizeOptions } from '../../src/config/normalize-options';
import { runSearch } from '../../src/retrieval/search-entries';
import { Bm25Embedder } from '../../src/embed/bm25-embedder';
import type { Embedder } from '../../src/embed/embedder';
import { OpenAiEmbedder } from '../../src/embed/openai-embedder';
import type { LedgerEntry } from '../../src/ledger/types';
import { Deadline } from '../../src/runtime/deadline';
import { makeSnippet } from '../../src/engine/make-snippet';
import type { IndexHit } from '../../src/engine/rank-hits';
import type { SearchFilters } from '../../src/engine/search-filters';
import { parseSearchTerms } from '../../src/engine/search-terms';
import { QdrantIndexReader } from '../../src/targets/qdrant/search-qdrant';
import { QdrantTarget } from '../../src/targets/qdrant/qdrant-target';
import { corpusEntries } from '../support/ledger-corpus';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../support/openai-compatible-server';
import { useQdrantSession } from '../support/qdrant/qdrant-spec-session';
import { aContext, longEntry, PROJECT, syncEntries } from '../support/qdrant-target-harness';

const session = useQdrantSession();
let entries: LedgerEntry[];
let dense: OpenAiCompatibleServer;
let collection: string;
let deadline: Deadline;
const denseEmbedder = (): OpenAiEmbedder => new OpenAiEmbedder({ baseUrl: dense.url, model: 'fake', dimensions: 8 });
const reader = (embedders: Embedder[] = [new Bm25Embedder()], name = collection): QdrantIndexReader =>
  new QdrantIndexReader({ url: session.qdrant.url, apiKey: session.qdrant.apiKey, collection: name, embedders });
/** The store's own answer (no ledgers on disk here): ranked hits, one per entry. */
const search = (text: string, options: SearchFilters & { limit?: number } = {}, embedders?: Embedder[]): Promise<IndexHit[]> => {
  const { limit = 10, ...filters } = options;
  return reader(embedders).search(PROJECT, { text, terms: parseSearchTerms(text), filters, limit }, deadline);
};

beforeAll(async () => {
  dense = await startOpenAiCompatibleServer({ dimensions: 8 });
  entries = [...corpusEntries(), longEntry('BUILD-999', 4)];
  collection = session.qdrant.collectionName('search');
  const target = new QdrantTarget({ url: session.qdrant.url, apiKey: session.qdrant.apiKey, collection, embedders: [new Bm25Embedder(), denseEmbedder()] });
  await syncEntries(target, entries, aContext());
});
afterAll(() => dense.close());
beforeEach(() => (deadline = new Deadline(20)));
afterEach(() => deadline.dispose());

describe('search over a realistic corpus', () => {
  it('finds an entry from its title in the top 3 for at least 90% of entries (BM25 only)', async () => {
    const corpus = entries.filter((entry) => entry.entryId !== 'BUILD-999');
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((entry) => entry.fileType))).toEqual(new Set(['build_history', 'architecture', 'debug_log']));
    const misses: string[] = [];
    let top1 = 0;
    for (const entry of corpus) {
      const results = await search(entry.title, { limit: 3 });
      const rank = results.findIndex((r) => r.entryId === entry.entryId && r.fileType === entry.fileType);
      if (rank === 0) top1++;
      if (rank < 0) misses.push(`${entry.entryId} "${entry.title}" -> ${results.map((r) => r.entryId).join(', ')}`);
    }
    const recall = (corpus.length - misses.length) / corpus.length;
    console.log(
      `BM25 title->entry retrieval: top-3 ${(recall * 100).toFixed(1)}% (${corpus.length - misses.length}/${corpus.length}), top-1 ${((top1 / corpus.length) * 100).toFixed(1)}%${misses.length ? `; misses: ${misses.join('; ')}` : ''}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('returns one result per entry even when several chunks match, with id, title, score, hash and snippet text', async () => {
    const results = await search('Long entry BUILD-999 retried the upsert', { limit: 5 });
    expect(results[0]).toMatchObject({
      fileType: 'build_history',
      entryId: 'BUILD-999',
      title: 'Long entry BUILD-999',
      contentHash: entries.at(-1)?.contentHash,
    });
    expect(results.filter((r) => r.entryId === 'BUILD-999')).toHaveLength(1);
    expect(makeSnippet(results[0]?.content ?? '', 'retried the upsert')).toMatch(/retried the upsert/);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('filters by file type, status and date range', async () => {
    const debugOnly = await search('lease heartbeat stale', { fileType: 'debug_log' });
    expect(debugOnly.length).toBeGreaterThan(0);
    expect(debugOnly.every((r) => r.fileType === 'debug_log')).toBe(true);
    const superseded = await search('policy decision', { status: 'superseded' });
    const supersededIds = entries.filter((e) => e.metadata.status === 'Superseded').map((e) => e.entryId);
    expect(superseded.length).toBeGreaterThan(0);
    expect(superseded.every((r) => supersededIds.includes(r.entryId))).toBe(true);
    const window = await search('storage optimizer scan', { since: '2025-11-10', until: '2025-11-20' });
    const inWindow = entries.filter((e) => e.createdAt !== null && e.createdAt >= '2025-11-10' && e.createdAt <= '2025-11-20').map((e) => e.entryId);
    expect(window.every((r) => inWindow.includes(r.entryId))).toBe(true);
  });

  it('fuses sparse and dense results with RRF when both embedders are configured', async () => {
    const found = await search('Qdrant Upsert Rejected String Point Ids', { limit: 5 }, [new Bm25Embedder(), denseEmbedder()]);
    expect(found).toHaveLength(5);
    expect(new Set(found.map((r) => `${r.fileType}/${r.entryId}`)).size).toBe(5);
    expect(found.map((r) => r.entryId)).toContain('DBG-068');
  });

  it('explains a missing collection and refuses an empty query', async () => {
    const missing = reader(undefined, `${collection}_missing`);
    await expect(missing.search(PROJECT, { text: 'x', terms: parseSearchTerms('x'), filters: {}, limit: 3 }, deadline)).rejects.toThrow(
      /does not exist: index the ledgers first/,
    );
    const options = normalizeOptions({ given: { qdrantHost: session.qdrant.url }, config: undefined, env: {}, root: __dirname });
    await expect(runSearch(options, '   ', {}, deadline)).rejects.toThrow(/needs a query/);
  });
});
