// Retrieval on PostgreSQL (issue 12): tsvector search with ids, provenance in JSONB metadata, freshness, filters,
// `get`, and the migration of a version-1 schema, against the real server (each test in its own schema).
import { runGet } from '../../src/retrieval/get-entry';
import { formatSearchResults, runSearch, type SearchFlags, type SearchResults } from '../../src/retrieval/search-entries';
import type { NormalizedSyncOptions } from '../../src/config/normalize-options';
import { ModeRequirementError } from '../../src/errors';
import { describePostgres, freshSchema, PG_TEST_URL, type TestSchema } from '../support/postgres';
import { lineOf, optionsFor, retrievalFixture, retrievalWorkspace, syncWith, withDeadline } from '../support/retrieval-workspace';
import type { TempWorkspace } from '../support/temp-workspace';

let pg: TestSchema;
let ws: TempWorkspace;
let options: NormalizedSyncOptions;
const search = (query: string, flags: SearchFlags = {}): Promise<SearchResults> => withDeadline((deadline) => runSearch(options, query, flags, deadline));
const table = (): string => `"${pg.schema}".sot_entries`;
const decisions = (): string => retrievalFixture('ARCHITECTURE_DECISIONS.md');

describePostgres('retrieval on PostgreSQL', () => {
  beforeEach(async () => {
    pg = await freshSchema();
    ws = retrievalWorkspace();
    options = optionsFor(ws.root, { databaseUrl: `${PG_TEST_URL}${PG_TEST_URL.includes('?') ? '&' : '?'}schema=${pg.schema}` });
  });
  afterEach(async () => {
    await pg.drop();
    ws.cleanup();
  });

  describe('after a sync', () => {
    beforeEach(async () => {
      expect((await syncWith(options, 'db-only')).db).toMatchObject({ inserted: 44 });
    });

    it('finds ids as written, by their number and without leading zeros, the entry itself first', async () => {
      for (const [text, id] of [
        ['DEC-012', 'DEC-012'],
        ['dec-12', 'DEC-012'],
        ['012', 'DEC-012'],
        ['153.1', 'BUILD-153.1'],
        ['BUILD-153.1', 'BUILD-153.1'],
        ['BUILD-153', 'BUILD-153'],
      ]) {
        const found = await search(text as string);
        expect({ text, first: found.results[0]?.entryId }).toEqual({ text, first: id });
      }
    });

    it('stores provenance in the JSONB metadata and returns it located, superseded entries marked', async () => {
      const line = lineOf(decisions(), 'DEC-012');
      const { rows } = await pg.admin.query<{ metadata: Record<string, unknown> }>(`SELECT metadata FROM ${table()} WHERE entry_id = 'DEC-012'`);
      expect(rows[0]?.metadata).toMatchObject({
        file: 'docs/ARCHITECTURE_DECISIONS.md',
        lineStart: line,
        lineEnd: line + 5,
        lifecycle: 'superseded',
        supersededBy: 'DEC-031',
      });
      const found = await search('lock pid file leases');
      const ids = found.results.map((r) => r.entryId);
      expect(ids.indexOf('DEC-031')).toBeLessThan(ids.indexOf('DEC-012'));
      expect(formatSearchResults(found)).toContain(`docs/ARCHITECTURE_DECISIONS.md:${line}  [superseded by DEC-031]`);
      expect(found.index).toEqual({ fresh: true, behind: 0, lastSync: '2026-02-01T12:00:00.000Z' });
    });

    it('uses the GIN index over the generated column', async () => {
      await pg.admin.query(`SET enable_seqscan = off`);
      const plan = await pg.admin.query(`EXPLAIN SELECT entry_id FROM ${table()} WHERE search_vector @@ to_tsquery('english', 'lease')`);
      expect(JSON.stringify(plan.rows)).toMatch(/idx_sot_entries_search/);
      await pg.admin.query(`RESET enable_seqscan`);
    });

    it('filters by file type, status or lifecycle, and date range', async () => {
      expect((await search('lock', { fileType: 'debug_log' })).results.every((r) => r.fileType === 'debug_log')).toBe(true);
      expect((await search('lock leases pid', { status: 'superseded' })).results.map((r) => r.entryId)).toEqual(['DEC-012']);
      expect((await search('report names', { status: 'deprecated' })).results.map((r) => r.entryId)).toEqual(['DEC-033']);
      const window = await search('lock timeout writer', { since: '2026-01-16', until: '2026-01-18' });
      expect(window.results.length).toBeGreaterThan(0);
      expect(window.results.every((r) => r.createdAt !== null && r.createdAt >= '2026-01-16' && r.createdAt <= '2026-01-18')).toBe(true);
    });

    it('checks results against the ledgers: an edited entry is changed, a deleted one left out', async () => {
      const edited = decisions()
        .replace(/### DEC-031 [\s\S]*?(?=### DEC-029)/, '')
        .replace(/\| 2026-01-25 \| DEC-031 .*\n/, '')
        .replace('hashes exactly like one on Linux', 'hashes exactly like one on Linux or macOS');
      ws.write('docs/ARCHITECTURE_DECISIONS.md', edited);
      const found = await search('lease files for every writer', { includeStale: true });
      expect(found.results.find((r) => r.entryId === 'DEC-031')?.freshness).toBe('removed');
      expect(found.index).toMatchObject({ fresh: false, behind: 2 });
      expect((await search('lease files for every writer')).results.map((r) => r.entryId)).not.toContain('DEC-031');
      expect(await withDeadline((deadline) => runGet(options, 'DEC-031', deadline)).catch((error: Error) => error.message)).toMatch(/no entry DEC-031/);
      expect((await withDeadline((deadline) => runGet(options, 'DEC-010', deadline))).index.state).toBe('fresh');
      expect((await withDeadline((deadline) => runGet(options, 'DEC-008', deadline))).index.state).toBe('changed');
    });
  });

  it('migrates a version-1 schema once: the column is computed for the rows there, search works, the next run writes nothing', async () => {
    await syncWith(options, 'db-only');
    await pg.admin.query(`ALTER TABLE ${table()} DROP COLUMN search_vector`);
    await pg.admin.query(
      `UPDATE ${table()} SET metadata = metadata - 'file' - 'lineStart' - 'lineEnd' - 'heading' - 'lifecycle' - 'supersededBy' - 'supersedes'`,
    );
    await pg.admin.query(`UPDATE "${pg.schema}".sot_sync_meta SET value = '1' WHERE key = 'schema_version'`);
    const before = await pg.admin.query(`SELECT id, content_hash FROM ${table()} ORDER BY id`);
    await expect(search('lease')).rejects.toThrow(ModeRequirementError);
    expect((await syncWith(options, 'db-only')).db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 44 });
    expect((await pg.admin.query(`SELECT id, content_hash FROM ${table()} ORDER BY id`)).rows).toEqual(before.rows);
    expect((await pg.admin.query(`SELECT value FROM "${pg.schema}".sot_sync_meta WHERE key = 'schema_version'`)).rows).toEqual([{ value: '3' }]);
    expect((await search('DEC-012')).results[0]).toMatchObject({
      entryId: 'DEC-012',
      lineStart: lineOf(decisions(), 'DEC-012'),
      freshness: 'fresh',
      supersededBy: 'DEC-031',
    });
    const xmins = (await pg.admin.query(`SELECT xmin::text FROM ${table()} ORDER BY id`)).rows;
    expect((await syncWith(options, 'db-only')).db?.unchanged).toBe(44);
    expect((await pg.admin.query(`SELECT xmin::text FROM ${table()} ORDER BY id`)).rows).toEqual(xmins);
  });

  it('search explains a schema that holds no index yet', async () => {
    await expect(search('lease')).rejects.toThrow(/no index at .* yet: build it with sot-sync --db-only --execute/);
  });
});
