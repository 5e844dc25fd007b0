// `sot-sync mcp` (issue 13) as agents run it: the built CLI as a child process, spoken to by the SDK's own client over
// stdio, on real SQLite files. The tool list, each tool's answer, entries_for_files' reasons, bad arguments and an
// unreachable database (the server keeps serving).
import * as path from 'node:path';
import { startMcp, textOf, type McpSession } from '../support/mcp-session';
import { lineOf, optionsFor, retrievalFixture, retrievalWorkspace, syncWith } from '../support/retrieval-workspace';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const TOOLS = ['entries_for_files', 'get_entry', 'index_status', 'search_entries'];

let ws: TempWorkspace;
let mcp: McpSession;

afterEach(async () => {
  await mcp?.close();
  ws?.cleanup();
});

describe('sot-sync mcp on a synced SQLite index', () => {
  beforeEach(async () => {
    ws = retrievalWorkspace();
    ws.write('sot-sync.config.json', JSON.stringify({ databaseUrl: 'sqlite:///index.db' }));
    await syncWith(optionsFor(ws.root, { databaseUrl: 'sqlite:///index.db' }), 'db-only');
    mcp = await startMcp(ws.root);
  });

  it('lists exactly the four read-only tools, each with an input and an output schema', () => {
    expect(mcp.tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
    for (const tool of mcp.tools) {
      expect(tool).toMatchObject({ inputSchema: { type: 'object' }, outputSchema: { type: 'object' }, annotations: { readOnlyHint: true } });
      expect(tool.description?.length).toBeLessThan(160);
    }
    expect(mcp.tools.find((tool) => tool.name === 'search_entries')?.inputSchema).toMatchObject({ required: ['query'] });
    expect(Object.keys(mcp.tools.find((tool) => tool.name === 'search_entries')?.inputSchema.properties ?? {}).sort()).toEqual([
      'fileType',
      'limit',
      'query',
      'since',
      'status',
      'until',
    ]);
  });

  it('search_entries: ranked entries with provenance and freshness, as structured content and as text', async () => {
    const result = await mcp.call('search_entries', { query: 'DEC-012', limit: 3 });
    expect(result.isError).toBeFalsy();
    const found = result.structuredContent as { target: string; index: { fresh: boolean }; results: Record<string, unknown>[] };
    expect(found).toMatchObject({ target: 'sql', index: { fresh: true } });
    expect(found.results.length).toBeLessThanOrEqual(3);
    const line = lineOf(retrievalFixture('ARCHITECTURE_DECISIONS.md'), 'DEC-012');
    expect(found.results[0]).toMatchObject({
      entryId: 'DEC-012',
      file: 'docs/ARCHITECTURE_DECISIONS.md',
      lineStart: line,
      freshness: 'fresh',
      supersededBy: 'DEC-031',
    });
    expect(textOf(result)).toMatch(/DEC-012 +PID files as sync locks/);
    const filtered = (await mcp.call('search_entries', { query: 'lease', fileType: 'debug_log', since: '2026-01-22' })).structuredContent as typeof found;
    expect(filtered.results.length).toBeGreaterThan(0);
    expect(filtered.results.every((r) => r['fileType'] === 'debug_log' && String(r['createdAt']) >= '2026-01-22')).toBe(true);
  });

  it('search_entries shows the ledger as it is now: an entry edited after the sync is marked changed', async () => {
    ws.write(
      'docs/ARCHITECTURE_DECISIONS.md',
      retrievalFixture('ARCHITECTURE_DECISIONS.md').replace(
        '### DEC-012 | 2026-01-10 | PID files as sync locks',
        '### DEC-012 | 2026-01-10 | PID files as sync locks (edited)',
      ),
    );
    const found = (await mcp.call('search_entries', { query: 'DEC-012' })).structuredContent as {
      index: { fresh: boolean; behind: number };
      results: Record<string, unknown>[];
    };
    expect(found.index).toMatchObject({ fresh: false, behind: 1 });
    expect(found.results[0]).toMatchObject({ entryId: 'DEC-012', freshness: 'changed', title: 'PID files as sync locks (edited)' });
  });

  it('get_entry: by id and by location, the text from the ledger with its index state', async () => {
    const byId = await mcp.call('get_entry', { id: 'dec-12' });
    expect(byId.structuredContent).toMatchObject({
      entryId: 'DEC-012',
      file: 'docs/ARCHITECTURE_DECISIONS.md',
      supersededBy: 'DEC-031',
      index: { state: 'fresh' },
    });
    expect((byId.structuredContent as { content: string }).content).toMatch(/^### DEC-012 \| 2026-01-10 \| PID files as sync locks/);
    expect(textOf(byId)).toMatch(/SUPERSEDED by DEC-031/);
    const line = lineOf(retrievalFixture('DEBUG_LOG.md'), 'DBG-045') + 2;
    const byLocation = await mcp.call('get_entry', { location: `docs/DEBUG_LOG.md:${line}` });
    expect(byLocation.structuredContent).toMatchObject({ entryId: 'DBG-045', lineStart: line - 2 });
  });

  it('get_entry: an id that does not exist is a tool error naming the closest ids', async () => {
    const result = await mcp.call('get_entry', { id: 'DEC-013' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^get_entry: no entry DEC-013 in the ledgers; closest: .*DEC-012/);
  });

  it('index_status: per ledger, entries in the ledger and in the index, what is behind, the last sync and the command', async () => {
    ws.write(
      'docs/DEBUG_LOG.md',
      retrievalFixture('DEBUG_LOG.md')
        .replace(/\n### DBG-051[\s\S]*?(?=\n### DBG-050)/, '\n')
        .replace(/^\| 2026-01-27 \| DBG-051 .*\n/m, ''),
    );
    const status = (await mcp.call('index_status')).structuredContent as {
      stores: { target: string; fresh: boolean; behind: number; lastSync: string; command: string; ledgers: Record<string, unknown>[] }[];
    };
    expect(status.stores).toHaveLength(1);
    const [sql] = status.stores;
    expect(sql).toMatchObject({ target: 'sql', fresh: false, behind: 1, lastSync: '2026-02-01T12:00:00.000Z', command: 'npx sot-sync --db-only --execute' });
    const debug = sql?.ledgers.find((ledger) => ledger['fileType'] === 'debug_log');
    expect(debug).toMatchObject({ file: 'docs/DEBUG_LOG.md', state: 'ok', removed: 1, changed: 0, missing: 0, behind: 1 });
    expect(Number(debug?.['indexed'])).toBe(Number(debug?.['entries']) + 1);
    expect(sql?.ledgers.find((ledger) => ledger['fileType'] === 'architecture')).toMatchObject({ behind: 0 });
  });

  it('refuses bad arguments with a tool error naming the argument, and keeps serving', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['search_entries', {}, /query is required/],
      ['search_entries', { query: 12 }, /query must be a string/],
      ['search_entries', { query: '   ' }, /query must not be empty/],
      ['search_entries', { query: 'lease', limit: 0 }, /limit must be at least 1/],
      ['search_entries', { query: 'lease', limit: 'ten' }, /limit must be a whole number/],
      ['search_entries', { query: 'lease', since: 'yesterday' }, /since must be a date such as 2026-01-08/],
      ['get_entry', {}, /id or location is required/],
      ['get_entry', { id: 'DEC-012', location: 'docs/DEBUG_LOG.md:3' }, /either id or location, not both/],
      ['get_entry', { location: 'docs/DEBUG_LOG.md' }, /location must be file:line/],
      ['entries_for_files', { files: [] }, /files must name at least one path/],
      ['entries_for_files', { files: 'src/a.ts' }, /files must be a list of paths/],
      ['entries_for_files', {}, /files is required/],
    ];
    for (const [tool, args, message] of cases) {
      const result = await mcp.call(tool, args);
      expect({ tool, args, isError: result.isError, text: textOf(result) }).toEqual({
        tool,
        args,
        isError: true,
        text: expect.stringMatching(message) as unknown,
      });
    }
    expect(await mcp.call('delete_entries', {})).toMatchObject({
      isError: true,
      content: [{ text: expect.stringMatching(/delete_entries not found/) as unknown }],
    });
    expect((await mcp.call('search_entries', { query: 'lease' })).isError).toBeFalsy();
  });
});

describe('entries_for_files', () => {
  const DEBUG_LOG = [
    '# Debug Log',
    '',
    '## INDEX',
    '',
    '| Date | ID | Summary | Files Changed |',
    '|------|----|---------|---------------|',
    '| 2026-01-20 | DBG-045 | Lease broke on NFS | `tools/sot-sync/src/lock/lease-file.ts` |',
    '| 2026-01-05 | DBG-030 | Hook ran twice | .husky/pre-commit |',
    '',
    '### DBG-045 | 2026-01-20 | Lease broke on NFS',
    '',
    '**Status**: ✅ Resolved',
    '',
    'The rename was not atomic; `src/lock/lease-record.ts` now writes a temp file first.',
    '',
  ].join('\n');
  const DECISIONS = [
    '# Decisions',
    '',
    '### DEC-031 | 2026-01-25 | Lease files for every writer',
    '',
    '**Status**: Accepted',
    '',
    'Applies to `tools/sot-sync/src/lock/**`.',
    '',
  ].join('\n');

  beforeEach(async () => {
    ws = makeTempWorkspace({ 'DEBUG_LOG.md': DEBUG_LOG, 'ARCHITECTURE_DECISIONS.md': DECISIONS });
    mcp = await startMcp(ws.root);
  });

  it('finds the entries naming a file through the files-changed column, body mentions and globs, newest first, with why', async () => {
    const result = await mcp.call('entries_for_files', {
      files: ['tools/sot-sync/src/lock/lease-file.ts', path.join(ws.root, 'tools/sot-sync/src/lock/lease-record.ts')],
    });
    expect(result.isError).toBeFalsy();
    const found = result.structuredContent as {
      files: string[];
      total: number;
      entries: { entryId: string; file: string; matches: { file: string; why: string }[] }[];
    };
    expect(found.files).toEqual(['tools/sot-sync/src/lock/lease-file.ts', 'tools/sot-sync/src/lock/lease-record.ts']);
    expect(found.entries.map((entry) => entry.entryId)).toEqual(['DEC-031', 'DBG-045']);
    expect(found.entries[0]?.matches.map((match) => match.why)).toEqual([
      'glob tools/sot-sync/src/lock/** at line 7',
      'glob tools/sot-sync/src/lock/** at line 7',
    ]);
    expect(found.entries[1]).toMatchObject({
      file: 'docs/DEBUG_LOG.md',
      matches: [
        { file: 'tools/sot-sync/src/lock/lease-file.ts', why: 'files changed' },
        { file: 'tools/sot-sync/src/lock/lease-record.ts', why: 'mentioned at line 14' },
      ],
    });
    expect(textOf(result)).toMatch(/DBG-045 +Lease broke on NFS[\s\S]*lease-record\.ts: mentioned at line 14/);
    expect((await mcp.call('entries_for_files', { files: ['.husky/pre-commit'] })).structuredContent).toMatchObject({
      total: 1,
      entries: [{ entryId: 'DBG-030', matches: [{ why: 'files changed' }] }],
    });
    expect((await mcp.call('entries_for_files', { files: ['README.md'] })).structuredContent).toEqual({ files: ['README.md'], total: 0, entries: [] });
  });

  it('needs no index: it reads the ledgers, even when the database cannot be opened', async () => {
    await mcp.close();
    mcp = await startMcp(ws.root, ['--database-url', 'postgresql://sot:hunter2@127.0.0.1:1/none']);
    expect((await mcp.call('entries_for_files', { files: ['.husky/pre-commit'] })).structuredContent).toMatchObject({ total: 1 });
  });
});

describe('a database that cannot be reached', () => {
  beforeEach(async () => {
    ws = retrievalWorkspace();
    mcp = await startMcp(ws.root, ['--database-url', 'postgresql://sot:hunter2@127.0.0.1:1/none', '--max-seconds', '10']);
  });

  it('is a tool error saying which store and why, with no password, and the server keeps serving', async () => {
    for (const tool of ['search_entries', 'index_status'] as const) {
      const result = await mcp.call(tool, tool === 'search_entries' ? { query: 'lease' } : {});
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(new RegExp(`^${tool}: .*PostgreSQL.*127\\.0\\.0\\.1:1`));
      expect(textOf(result)).toMatch(/ECONNREFUSED|refused|connect/i);
      expect(textOf(result)).not.toMatch(/hunter2/);
    }
    const entry = await mcp.call('get_entry', { id: 'DEC-012' });
    expect(entry.structuredContent).toMatchObject({ entryId: 'DEC-012', index: { state: 'unavailable' } });
    expect(JSON.stringify(entry)).not.toMatch(/hunter2/);
    expect(mcp.stderr()).not.toMatch(/hunter2/);
  });
});
