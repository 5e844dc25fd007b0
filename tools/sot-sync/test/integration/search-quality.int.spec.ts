// Retrieval quality and `search` behaviour over a realistic corpus: with local BM25 only, the query made of an
// entry's title must find that entry in the top 3 for at least 90% of the entries.
import { formatSearchResults, runSearch, type SearchConnection } from '../../src/cli/commands/search';
import { Bm25Embedder } from '../../src/embed/bm25-embedder';
import type { Embedder } from '../../src/embed/embedder';
import { OpenAiEmbedder } from '../../src/embed/openai-embedder';
import type { LedgerEntry } from '../../src/ledger/types';
import { Deadline } from '../../src/runtime/deadline';
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
const connection = (embedders: Embedder[] = [new Bm25Embedder()]): SearchConnection => ({
  url: session.qdrant.url, apiKey: session.qdrant.apiKey, collection, projectId: PROJECT, embedders,
});

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
      const { results } = await runSearch(connection(), entry.title, { limit: 3 }, deadline);
      const rank = results.findIndex((r) => r.entryId === entry.entryId && r.fileType === entry.fileType);
      if (rank === 0) top1++;
      if (rank < 0) misses.push(`${entry.entryId} "${entry.title}" -> ${results.map((r) => r.entryId).join(', ')}`);
    }
    const recall = (corpus.length - misses.length) / corpus.length;
    console.log(`BM25 title->entry retrieval: top-3 ${(recall * 100).toFixed(1)}% (${corpus.length - misses.length}/${corpus.length}), top-1 ${((top1 / corpus.length) * 100).toFixed(1)}%${misses.length ? `; misses: ${misses.join('; ')}` : ''}`);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('returns one result per entry even when several chunks match, with id, title, score and snippet', async () => {
    const found = await runSearch(connection(), 'Long entry BUILD-999 retried the upsert', { limit: 5 }, deadline);
    expect(found.query).toBe('Long entry BUILD-999 retried the upsert');
    expect(found.results[0]).toMatchObject({ fileType: 'build_history', entryId: 'BUILD-999', title: 'Long entry BUILD-999' });
    expect(found.results.filter((r) => r.entryId === 'BUILD-999')).toHaveLength(1);
    expect(found.results[0]?.snippet).toMatch(/retried the upsert/);
    expect(found.results.map((r) => r.score)).toEqual([...found.results.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('filters by file type, status and date range', async () => {
    const debugOnly = await runSearch(connection(), 'lease heartbeat stale', { fileType: 'debug_log' }, deadline);
    expect(debugOnly.results.length).toBeGreaterThan(0);
    expect(debugOnly.results.every((r) => r.fileType === 'debug_log')).toBe(true);
    const superseded = await runSearch(connection(), 'policy decision', { status: 'superseded' }, deadline);
    const supersededIds = entries.filter((e) => e.metadata.status === 'Superseded').map((e) => e.entryId);
    expect(superseded.results.length).toBeGreaterThan(0);
    expect(superseded.results.every((r) => supersededIds.includes(r.entryId))).toBe(true);
    const window = await runSearch(connection(), 'storage optimizer scan', { since: '2025-11-10', until: '2025-11-20' }, deadline);
    const inWindow = entries.filter((e) => e.createdAt !== null && e.createdAt >= '2025-11-10' && e.createdAt <= '2025-11-20').map((e) => e.entryId);
    expect(window.results.every((r) => inWindow.includes(r.entryId))).toBe(true);
  });

  it('fuses sparse and dense results with RRF when both embedders are configured', async () => {
    const found = await runSearch(connection([new Bm25Embedder(), denseEmbedder()]), 'Qdrant Upsert Rejected String Point Ids', { limit: 5 }, deadline);
    expect(found.results).toHaveLength(5);
    expect(new Set(found.results.map((r) => `${r.fileType}/${r.entryId}`)).size).toBe(5);
    expect(found.results.map((r) => r.entryId)).toContain('DBG-068');
  });

  it('formats results for people: rank, id, title, ledger, score and snippet', async () => {
    const text = formatSearchResults(await runSearch(connection(), 'SHA pinning guardrail', { limit: 2 }, deadline));
    expect(text).toMatch(/^2 results for "SHA pinning guardrail":\n\n1\. BUILD-150 +GitHub Actions SHA Pinning Guardrail +\(build_history, score [\d.]+\)\n {3}\S/);
    expect(formatSearchResults({ query: 'nothing', results: [] })).toBe('No results for "nothing".\n');
  });

  it('explains a missing collection and refuses an empty query', async () => {
    await expect(runSearch({ ...connection(), collection: `${collection}_missing` }, 'x', {}, deadline)).rejects.toThrow(/does not exist: index the ledgers first/);
    await expect(runSearch(connection(), '   ', {}, deadline)).rejects.toThrow(/needs a query/);
  });
});
