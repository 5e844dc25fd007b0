// `sot-sync mcp` on PostgreSQL (issue 13): the built server as a child process, the SDK's client over stdio, an index
// synced into a schema of its own on the test server.
import { startMcp, textOf, type McpSession } from '../support/mcp-session';
import { describePostgres, freshSchema, PG_TEST_URL, type TestSchema } from '../support/postgres';
import { optionsFor, retrievalWorkspace, syncWith } from '../support/retrieval-workspace';
import type { TempWorkspace } from '../support/temp-workspace';

describePostgres('sot-sync mcp on a PostgreSQL index', () => {
  let ws: TempWorkspace;
  let pg: TestSchema;
  let mcp: McpSession | undefined;
  let url: string;

  beforeEach(async () => {
    ws = retrievalWorkspace();
    pg = await freshSchema();
    url = `${PG_TEST_URL}${PG_TEST_URL.includes('?') ? '&' : '?'}schema=${pg.schema}`;
    expect((await syncWith(optionsFor(ws.root, { databaseUrl: url }), 'db-only')).db).toMatchObject({ inserted: 44 });
    mcp = await startMcp(ws.root, ['--database-url', url]);
  });

  afterEach(async () => {
    await mcp?.close();
    await pg.drop();
    ws.cleanup();
  });

  it('search_entries ranks the entries full-text search finds there, with provenance and freshness', async () => {
    const result = await mcp!.call('search_entries', { query: 'lease files stale lock', limit: 5 });
    expect(result.isError).toBeFalsy();
    const found = result.structuredContent as {
      target: string;
      store: string;
      index: { fresh: boolean };
      results: { entryId: string; file: string; lineStart: number; freshness: string }[];
    };
    expect(found).toMatchObject({ target: 'sql', index: { fresh: true } });
    expect(found.store).toMatch(/postgres/i);
    expect(found.results.length).toBeGreaterThan(0);
    expect(found.results.map((r) => r.entryId)).toContain('DEC-031');
    for (const r of found.results) expect(r).toMatchObject({ file: expect.stringMatching(/^docs\/.+\.md$/) as unknown, freshness: 'fresh' });
    expect(textOf(result)).toMatch(/DEC-031/);
    const byId = (await mcp!.call('search_entries', { query: 'DEC-012', limit: 1 })).structuredContent as typeof found;
    expect(byId.results[0]?.entryId).toBe('DEC-012');
  });

  it('index_status and get_entry read the same schema', async () => {
    expect((await mcp!.call('index_status')).structuredContent).toMatchObject({
      stores: [{ target: 'sql', fresh: true, behind: 0, command: 'npx sot-sync --db-only --execute' }],
    });
    expect((await mcp!.call('get_entry', { id: 'DBG-045' })).structuredContent).toMatchObject({ entryId: 'DBG-045', index: { state: 'fresh' } });
    await pg.admin.query(`DELETE FROM "${pg.schema}".sot_entries WHERE entry_id = 'DBG-045'`);
    expect((await mcp!.call('get_entry', { id: 'DBG-045' })).structuredContent).toMatchObject({ index: { state: 'missing' } });
    const status = (await mcp!.call('index_status')).structuredContent as { stores: { behind: number; ledgers: { fileType: string; missing: number }[] }[] };
    expect(status.stores[0]?.behind).toBe(1);
    expect(status.stores[0]?.ledgers.find((l) => l.fileType === 'debug_log')?.missing).toBe(1);
  });
});
