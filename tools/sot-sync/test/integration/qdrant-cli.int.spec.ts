// Qdrant through the real CLI: --full checks both targets first, no-op resyncs write nothing, --verify, search.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { qdrantUnderTest, type QdrantUnderTest } from '../support/qdrant/qdrant-under-test';
import { startCli, type CliResult } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let qdrant: QdrantUnderTest;
let ws: TempWorkspace;
let collection: string;

/** Runs the CLI without blocking this process: the Qdrant test server answers from this event loop. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const withKey: Record<string, string> = qdrant.apiKey ? { QDRANT_API_KEY: qdrant.apiKey } : {};
  return startCli(args, ws.root, { ...withKey, ...env }).done;
}
const qdrantArgs = (): string[] => ['--qdrant-host', qdrant.url, '--qdrant-collection', collection];
const writes = (): number => (qdrant.requests ?? []).filter((r) => r.method === 'PUT' && r.path.endsWith('/points')).length;

beforeEach(async () => {
  qdrant = await qdrantUnderTest();
  collection = qdrant.collectionName('cli');
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(12) });
});
afterEach(async () => {
  expect(qdrant.violations ?? []).toEqual([]);
  await qdrant.close();
  ws.cleanup();
});

describe('Qdrant through the CLI', () => {
  it('--full writes both targets; a second run embeds and writes nothing', async () => {
    const first = await cli(['--full', '--execute', ...qdrantArgs(), '--json']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { db: unknown; qdrant: unknown };
    expect(report.db).toEqual({ inserted: 12, updated: 0, deleted: 0, unchanged: 0 });
    expect(report.qdrant).toEqual({ inserted: 12, updated: 0, deleted: 0, unchanged: 0 });
    const before = writes();
    const second = await cli(['--full', '--execute', ...qdrantArgs()]);
    expect(second.stdout).toMatch(/qdrant: 0 inserted, 0 updated, 0 deleted, 12 unchanged/);
    if (qdrant.requests) expect(writes()).toBe(before);
  });

  it('--full with Qdrant unreachable exits 4 and leaves the SQL table untouched', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const run = await cli(['--full', '--execute', '--qdrant-host', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(4);
    expect(run.stdout + run.stderr).toMatch(/Qdrant unavailable/);
    expect(fs.existsSync(path.join(ws.root, 'autopack.db'))).toBe(false);
  });

  it('--verify reports a collection that drifted, and search finds entries by their title', async () => {
    expect((await cli(['--qdrant-only', '--execute', ...qdrantArgs()])).code).toBe(0);
    expect((await cli(['--qdrant-only', '--verify', ...qdrantArgs()])).code).toBe(0);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(12, { 'DEC-004': 'A changed decision.' }));
    const drift = await cli(['--qdrant-only', '--verify', ...qdrantArgs()]);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/content differs: architecture\/DEC-004/);
    const search = await cli(['search', 'Decision number 7', '--limit', '3', '--json', ...qdrantArgs()]);
    expect(search.code).toBe(0);
    const found = JSON.parse(search.stdout) as { query: string; results: { entryId: string; fileType: string }[] };
    expect(found.query).toBe('Decision number 7');
    expect(found.results[0]).toMatchObject({ entryId: 'DEC-007', fileType: 'architecture' });
    expect(new Set(found.results.map((r) => r.entryId)).size).toBe(found.results.length);
  });

  it('fingerprint reads the collection: in sync after a sync, unique once the ledgers move on', async () => {
    expect((await cli(['--qdrant-only', '--execute', ...qdrantArgs()])).code).toBe(0);
    const synced = await cli(['fingerprint', '--qdrant-only', ...qdrantArgs()]);
    expect(synced.stdout.trim()).toMatch(/^code=[0-9a-f]{16} qdrant=[0-9a-f]{16}$/);
    expect((await cli(['fingerprint', '--qdrant-only', ...qdrantArgs()])).stdout).toBe(synced.stdout);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(13));
    expect((await cli(['fingerprint', '--qdrant-only', ...qdrantArgs()])).stdout.trim()).toMatch(/^code=[0-9a-f]{16} qdrant=stale:/);
  });

  it('never prints the Qdrant API key', async () => {
    const run = await cli(['--qdrant-only', '--execute', '--qdrant-host', 'http://127.0.0.1:1', '--qdrant-api-key', 'sekrit-key-123', '--max-seconds', '5']);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).not.toContain('sekrit-key-123');
  });
});
