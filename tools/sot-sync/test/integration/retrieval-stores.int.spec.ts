// One result shape on every store (issue 12): the same queries through `runSearch` on SQLite, PostgreSQL and the
// Qdrant test server give documents with the same keys and types, the same provenance and the same freshness.
import { runSearch, type SearchFlags, type SearchResults } from '../../src/retrieval/search-entries';
import type { NormalizedSyncOptions } from '../../src/config/normalize-options';
import { describePostgres, freshSchema, PG_TEST_URL, type TestSchema } from '../support/postgres';
import { useQdrantSession } from '../support/qdrant/qdrant-spec-session';
import { lineOf, optionsFor, retrievalFixture, retrievalWorkspace, syncWith, withDeadline } from '../support/retrieval-workspace';
import type { TempWorkspace } from '../support/temp-workspace';

const qdrant = useQdrantSession();
let ws: TempWorkspace;
let stores: Record<'sqlite' | 'postgres' | 'qdrant', { options: NormalizedSyncOptions; target: 'sql' | 'qdrant' }>;

const search = (store: keyof typeof stores, query: string, flags: SearchFlags = {}): Promise<SearchResults> =>
  withDeadline((deadline) => runSearch(stores[store].options, query, { ...flags, target: stores[store].target }, deadline));

/** The type of every field of a search document and of its results ('a|b': either). */
const RESULT_TYPES: Record<string, string> = {
  fileType: 'string',
  entryId: 'string',
  title: 'string',
  score: 'number',
  snippet: 'string',
  status: 'string|null',
  lifecycle: 'string|null',
  supersededBy: 'string|null',
  file: 'string',
  lineStart: 'number',
  lineEnd: 'number',
  heading: 'string',
  createdAt: 'string|null',
  freshness: 'string',
};
const INDEX_TYPES: Record<string, string> = { fresh: 'boolean', behind: 'number', lastSync: 'string|null' };

/** Fields whose value does not have the type the shape gives (or that the shape lacks), as `key: got`. */
function offShape(value: Record<string, unknown>, types: Record<string, string>): string[] {
  const keys = [...new Set([...Object.keys(value), ...Object.keys(types)])];
  return keys
    .filter((key) => !(types[key] ?? '').split('|').includes(value[key] === null ? 'null' : typeof value[key]))
    .map((key) => `${key}: ${String(value[key])}`);
}

describePostgres('search gives one result shape on every store', () => {
  let pg: TestSchema;

  beforeAll(async () => {
    pg = await freshSchema();
    ws = retrievalWorkspace();
    const apiKey = qdrant.qdrant.apiKey;
    stores = {
      sqlite: { options: optionsFor(ws.root, { databaseUrl: 'sqlite:///shape.db' }), target: 'sql' },
      postgres: { options: optionsFor(ws.root, { databaseUrl: `${PG_TEST_URL}${PG_TEST_URL.includes('?') ? '&' : '?'}schema=${pg.schema}` }), target: 'sql' },
      qdrant: {
        options: optionsFor(
          ws.root,
          { qdrantHost: qdrant.qdrant.url, qdrantCollection: qdrant.qdrant.collectionName('shape') },
          apiKey ? { QDRANT_API_KEY: apiKey } : {},
        ),
        target: 'qdrant',
      },
    };
    await syncWith(stores.sqlite.options, 'db-only');
    await syncWith(stores.postgres.options, 'db-only');
    await syncWith(stores.qdrant.options, 'qdrant-only');
  });
  afterAll(async () => {
    await pg.drop();
    ws.cleanup();
  });

  it('answers DEC-012 with the same entry, location and lifecycle everywhere', async () => {
    const line = lineOf(retrievalFixture('ARCHITECTURE_DECISIONS.md'), 'DEC-012');
    for (const store of ['sqlite', 'postgres', 'qdrant'] as const) {
      const found = await search(store, 'DEC-012');
      expect({ store, first: found.results[0] }).toEqual({
        store,
        first: expect.objectContaining({
          fileType: 'architecture',
          entryId: 'DEC-012',
          title: 'PID files as sync locks',
          status: '⚠️ SUPERSEDED (2026-01-25)',
          lifecycle: 'superseded',
          supersededBy: 'DEC-031',
          file: 'docs/ARCHITECTURE_DECISIONS.md',
          lineStart: line,
          lineEnd: line + 5,
          heading: 'DEC-012 | 2026-01-10 | PID files as sync locks',
          createdAt: '2026-01-10',
          freshness: 'fresh',
        }),
      });
    }
  });

  it('returns documents and results of one shape on SQLite, PostgreSQL and Qdrant', async () => {
    for (const store of ['sqlite', 'postgres', 'qdrant'] as const) {
      for (const query of ['lease files for every writer', 'windows line endings', 'superseded']) {
        const found = await search(store, query);
        expect({ store, query, keys: Object.keys(found).sort() }).toEqual({ store, query, keys: ['index', 'query', 'results', 'store', 'target'] });
        expect({ store, query, off: offShape(found.index as unknown as Record<string, unknown>, INDEX_TYPES) }).toEqual({ store, query, off: [] });
        expect(found.results.length).toBeGreaterThan(0);
        const off = found.results.flatMap((result) => offShape(result as unknown as Record<string, unknown>, RESULT_TYPES));
        expect({ store, query, off }).toEqual({ store, query, off: [] });
      }
      expect((await search(store, 'lease')).index.lastSync).toBe('2026-02-01T12:00:00.000Z');
    }
  });

  it('judges freshness the same way on every store after the ledgers move on without a sync', async () => {
    const edited = retrievalFixture('DEBUG_LOG.md').replace('every content hash differed', 'every single content hash differed');
    ws.write('docs/DEBUG_LOG.md', edited);
    try {
      for (const store of ['sqlite', 'postgres', 'qdrant'] as const) {
        const found = await search(store, 'windows checkout crlf hashes');
        expect({ store, dbg041: found.results.find((r) => r.entryId === 'DBG-041')?.freshness, behind: found.index.behind }).toEqual({
          store,
          dbg041: 'changed',
          behind: 1,
        });
      }
    } finally {
      ws.write('docs/DEBUG_LOG.md', retrievalFixture('DEBUG_LOG.md'));
    }
  });
});
