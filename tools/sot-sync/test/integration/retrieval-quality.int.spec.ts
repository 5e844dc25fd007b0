// Retrieval quality on the project's own fixtures (issue 12): the labelled queries of
// test/fixtures/ledgers/retrieval/queries.json (typed the way a person asks, not copied from titles), run through
// `runSearch` on SQLite (FTS5), PostgreSQL (tsvector) and Qdrant (local BM25). Prints recall@3 and MRR per path and
// fails below floors set from the first measurement (see docs-draft/retrieval.md for the figures).
import { runSearch } from '../../src/retrieval/search-entries';
import type { NormalizedSyncOptions } from '../../src/config/normalize-options';
import { describePostgres, freshSchema, PG_TEST_URL, type TestSchema } from '../support/postgres';
import { useQdrantSession } from '../support/qdrant/qdrant-spec-session';
import { labelledQueries, optionsFor, retrievalWorkspace, syncWith, withDeadline } from '../support/retrieval-workspace';
import type { TempWorkspace } from '../support/temp-workspace';

/**
 * Floors from the first measurement (recall@3 / MRR): SQLite 1.00 / 0.96, PostgreSQL 0.92 / 0.87, Qdrant BM25
 * 1.00 / 0.96, each lowered by about one query's worth, so losing any one query fails loudly.
 */
const FLOORS = {
  sqlite: { recallAt3: 0.95, mrr: 0.9 },
  postgres: { recallAt3: 0.875, mrr: 0.8 },
  qdrant: { recallAt3: 0.95, mrr: 0.9 },
} as const;

interface Quality {
  recallAt3: number;
  mrr: number;
  misses: string[];
}

/** recall@3: share of queries with a relevant entry in the top 3. MRR: mean of 1 / rank of the first relevant entry (0 beyond 10). */
async function measure(options: NormalizedSyncOptions, target: 'sql' | 'qdrant'): Promise<Quality> {
  const queries = labelledQueries();
  let found = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const { query, relevant } of queries) {
    const { results } = await withDeadline((deadline) => runSearch(options, query, { limit: 10, target }, deadline));
    const rank = results.findIndex((result) => relevant.includes(result.entryId)) + 1;
    if (rank >= 1 && rank <= 3) found++;
    if (rank >= 1) reciprocal += 1 / rank;
    if (rank === 0 || rank > 3)
      misses.push(
        `"${query}" -> ${rank === 0 ? 'not in top 10' : `rank ${rank}`} (top: ${results
          .slice(0, 3)
          .map((r) => r.entryId)
          .join(', ')})`,
      );
  }
  return { recallAt3: found / queries.length, mrr: reciprocal / queries.length, misses };
}

function report(path: string, quality: Quality): void {
  console.log(
    `retrieval quality, ${path}: recall@3 ${quality.recallAt3.toFixed(2)}, MRR ${quality.mrr.toFixed(2)} over ${labelledQueries().length} labelled queries` +
      (quality.misses.length > 0 ? `; not in the top 3: ${quality.misses.join('; ')}` : ''),
  );
}

let ws: TempWorkspace;
beforeAll(() => {
  ws = retrievalWorkspace();
});
afterAll(() => ws.cleanup());

describe('retrieval quality of the labelled queries', () => {
  const qdrant = useQdrantSession();

  it('has about 20 labelled queries over the 44 fixture entries, each naming entries that exist', async () => {
    const options = optionsFor(ws.root);
    const { readLedgers } = await import('../../src/sync/read-ledgers');
    const ids = new Set(readLedgers(options).entries.map((entry) => entry.entryId));
    expect(ids.size).toBe(44);
    const queries = labelledQueries();
    expect(queries.length).toBeGreaterThanOrEqual(20);
    expect(queries.flatMap((q) => q.relevant).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('SQLite (FTS5, bm25) stays above its floor', async () => {
    const options = optionsFor(ws.root, { databaseUrl: 'sqlite:///quality.db' });
    await syncWith(options, 'db-only');
    const quality = await measure(options, 'sql');
    report('SQLite FTS5', quality);
    expect(quality.recallAt3).toBeGreaterThanOrEqual(FLOORS.sqlite.recallAt3);
    expect(quality.mrr).toBeGreaterThanOrEqual(FLOORS.sqlite.mrr);
  });

  it('Qdrant (local BM25) stays above its floor', async () => {
    const apiKey = qdrant.qdrant.apiKey;
    const options = optionsFor(
      ws.root,
      { qdrantHost: qdrant.qdrant.url, qdrantCollection: qdrant.qdrant.collectionName('quality') },
      apiKey ? { QDRANT_API_KEY: apiKey } : {},
    );
    await syncWith(options, 'qdrant-only');
    const quality = await measure(options, 'qdrant');
    report('Qdrant BM25', quality);
    expect(quality.recallAt3).toBeGreaterThanOrEqual(FLOORS.qdrant.recallAt3);
    expect(quality.mrr).toBeGreaterThanOrEqual(FLOORS.qdrant.mrr);
  });
});

describePostgres('retrieval quality of the labelled queries on PostgreSQL', () => {
  let pg: TestSchema;
  beforeAll(async () => {
    pg = await freshSchema();
  });
  afterAll(() => pg.drop());

  it('PostgreSQL (tsvector, ts_rank_cd) stays above its floor', async () => {
    const options = optionsFor(ws.root, { databaseUrl: `${PG_TEST_URL}${PG_TEST_URL.includes('?') ? '&' : '?'}schema=${pg.schema}` });
    await syncWith(options, 'db-only');
    const quality = await measure(options, 'sql');
    report('PostgreSQL tsvector', quality);
    expect(quality.recallAt3).toBeGreaterThanOrEqual(FLOORS.postgres.recallAt3);
    expect(quality.mrr).toBeGreaterThanOrEqual(FLOORS.postgres.mrr);
  });
});
