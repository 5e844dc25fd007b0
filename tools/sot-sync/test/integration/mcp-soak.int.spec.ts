// `sot-sync mcp` over a long session and beside a running sync (issue 13): 1,000 calls leave its memory and its
// open files where they were, and a sync running while calls are made breaks neither the calls nor the sync.
import { processUsage, startMcp, type McpSession } from '../support/mcp-session';
import { startCli } from '../support/run-cli';
import { optionsFor, retrievalWorkspace, syncWith } from '../support/retrieval-workspace';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
let mcp: McpSession | undefined;

afterEach(async () => {
  await mcp?.close();
  ws.cleanup();
});

const CALLS: [string, Record<string, unknown>][] = [
  ['search_entries', { query: 'lease timeout' }],
  ['get_entry', { id: 'DEC-012' }],
  ['entries_for_files', { files: ['tools/sot-sync/src/lock/lease-file.ts'] }],
  ['index_status', {}],
  ['get_entry', { id: 'DEC-999' }],
];

it('answers 1,000 calls with stable memory and no file left open', async () => {
  ws = retrievalWorkspace();
  ws.write('sot-sync.config.json', JSON.stringify({ databaseUrl: 'sqlite:///index.db' }));
  await syncWith(optionsFor(ws.root, { databaseUrl: 'sqlite:///index.db' }), 'db-only');
  mcp = await startMcp(ws.root);
  const session = mcp;
  const callMany = async (from: number, to: number): Promise<void> => {
    for (let i = from; i < to; i++) {
      const [tool, args] = CALLS[i % CALLS.length] as [string, Record<string, unknown>];
      const result = await session.call(tool, args);
      // Every fifth call asks for an entry that does not exist: failures must not leak either.
      expect(Boolean(result.isError)).toBe(tool === 'get_entry' && args['id'] === 'DEC-999');
    }
  };
  await callMany(0, 200);
  const warm = processUsage(session.pid);
  await callMany(200, 1000);
  const after = processUsage(session.pid);
  expect(after.fds).toBeLessThanOrEqual(warm.fds + 2);
  // A leak of a reader, a parse or a result per call would add well over this over 800 calls.
  expect(after.rssKiB - warm.rssKiB).toBeLessThan(40 * 1024);
}, 240_000);

it('keeps answering while a sync writes the index, and the sync completes', async () => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3000) });
  ws.write('sot-sync.config.json', JSON.stringify({ databaseUrl: 'sqlite:///index.db' }));
  mcp = await startMcp(ws.root);
  const sync = startCli(['--db-only', '--execute'], ws.root);
  let running = true;
  void sync.done.then(() => (running = false));
  let during = 0;
  while (running) {
    for (const [tool, args] of [
      ['search_entries', { query: 'Decision number 42' }],
      ['index_status', {}],
      ['get_entry', { id: 'DEC-042' }],
    ] as const) {
      const result = await mcp.call(tool, args);
      // Before the sync commits there may be no index yet: that is an answer (a tool error saying so), not a failure to serve.
      if (result.isError) expect(JSON.stringify(result.content)).toMatch(/no index at .*index\.db yet|no full-text index yet/);
      if (running) during++;
    }
  }
  const done = await sync.done;
  expect({ code: done.code, stderr: done.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/lock|lease/i) as unknown });
  expect(during).toBeGreaterThan(0);
  const status = (await mcp.call('index_status')).structuredContent as {
    stores: { fresh: boolean; ledgers: { fileType: string; entries: number; indexed: number }[] }[];
  };
  expect(status.stores[0]?.fresh).toBe(true);
  expect(status.stores[0]?.ledgers.find((ledger) => ledger.fileType === 'architecture')).toMatchObject({ entries: 3000, indexed: 3000 });
  const found = (await mcp.call('search_entries', { query: 'DEC-042' })).structuredContent as { results: { entryId: string }[] };
  expect(found.results[0]?.entryId).toBe('DEC-042');
}, 120_000);
