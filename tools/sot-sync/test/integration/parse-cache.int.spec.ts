// The parse cache of runs without a store (`--docs-only`): an unchanged ledger's summary is read instead of parsed,
// and the report is exactly what a parse gives; any change to a ledger, or a cache that is damaged, foreign or
// writable by others, is a parse.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeOptions } from '../../src/config/normalize-options';
import { openParseCache, type ParseCache } from '../../src/io/parse-cache';
import { Deadline } from '../../src/runtime/deadline';
import { runSync } from '../../src/sync/run-sync';
import type { SyncReport } from '../../src/sync/sync-report';
import { runCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
let cacheDir: string;
const ledger = 'docs/ARCHITECTURE_DECISIONS.md';
const cache = (): ParseCache | null => openParseCache(ws.root, { SOT_SYNC_CACHE_DIR: cacheDir });

async function docsOnly(parseCache: ParseCache | null = cache()): Promise<SyncReport> {
  const options = normalizeOptions({ given: { mode: 'docs-only' }, config: undefined, env: {}, root: ws.root });
  const deadline = new Deadline(options.maxSeconds);
  try {
    return await runSync(options, { deadline, parseCache });
  } finally {
    deadline.dispose();
  }
}

/** The report without what differs from run to run (timings) or says where the summary came from. */
function comparable(report: SyncReport): unknown {
  const { timings: _timings, ledgers, ...rest } = report;
  return { ...rest, ledgers: ledgers.map(({ cached: _cached, ...ledger }) => ledger) };
}

const cachedFiles = (report: SyncReport): string[] => report.ledgers.filter((l) => l.cached).map((l) => l.file);
const cacheFiles = (): string[] =>
  fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')) : [];

beforeEach(() => {
  ws = makeTempWorkspace({
    'ARCHITECTURE_DECISIONS.md': decisionsLedger(30),
    // An error (a stray fence hiding an entry) and a warning, so diagnostics and the exit code come from the cache too.
    'DEBUG_LOG.md': '# Debug Log\n\n## DBG-001 | 2026-01-02 | first\n\nbody\n\n```\n## DBG-002 | 2026-01-03 | hidden\n\n## Notes\n',
  });
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-parse-cache-'));
  fs.chmodSync(cacheDir, 0o700);
});
afterEach(() => {
  ws.cleanup();
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

describe('docs-only with the parse cache', () => {
  it('reports an unchanged ledger from the cache exactly as its parse: entries, diagnostics, exit code', async () => {
    const first = await docsOnly();
    expect(cachedFiles(first)).toEqual([]);
    expect(first.exitCode).toBe(1);
    expect(first.diagnostics.some((d) => d.file === 'docs/DEBUG_LOG.md' && d.severity === 'error')).toBe(true);
    const second = await docsOnly();
    expect(cachedFiles(second)).toEqual([ledger, 'docs/DEBUG_LOG.md']);
    expect(comparable(second)).toEqual(comparable(first));
    expect(comparable(second)).toEqual(comparable(await docsOnly(null)));
  });

  it('parses a ledger again after any change to its bytes, and only that ledger', async () => {
    await docsOnly();
    const text = fs.readFileSync(path.join(ws.root, ledger), 'utf8');
    // One byte: a title's letter changes case.
    ws.write(ledger, text.replace('| Decision number 7\n', '| decision number 7\n'));
    const edited = await docsOnly();
    expect(cachedFiles(edited)).toEqual(['docs/DEBUG_LOG.md']);
    expect(comparable(edited)).toEqual(comparable(await docsOnly(null)));
    expect(edited.entries.find((e) => e.entryId === 'DEC-007')?.title).toBe('decision number 7');
    // Touched without a change: still the cache.
    const now = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(ws.root, ledger), now, now);
    expect(cachedFiles(await docsOnly())).toEqual([ledger, 'docs/DEBUG_LOG.md']);
  });

  it('parses when a cached file is damaged or holds another key, and writes it anew', async () => {
    await docsOnly();
    // Two ledgers, each with its summary (docs-only) and its records (search).
    expect(cacheFiles()).toHaveLength(4);
    const files = cacheFiles().filter((f) => f.endsWith('.summary.json'));
    expect(files).toHaveLength(2);
    fs.writeFileSync(path.join(cacheDir, files[0] as string), '{"format":1,"key":"');
    const stored = JSON.parse(fs.readFileSync(path.join(cacheDir, files[1] as string), 'utf8')) as { key: string };
    fs.writeFileSync(path.join(cacheDir, files[1] as string), JSON.stringify({ ...stored, key: 'another' }));
    const report = await docsOnly();
    expect(cachedFiles(report)).toEqual([]);
    expect(comparable(report)).toEqual(comparable(await docsOnly(null)));
    expect(cachedFiles(await docsOnly())).toEqual([ledger, 'docs/DEBUG_LOG.md']);
  });

  it('does not use a cache directory that others may write', async () => {
    fs.chmodSync(cacheDir, 0o777);
    await docsOnly();
    expect(cacheFiles()).toEqual([]);
    expect(cachedFiles(await docsOnly())).toEqual([]);
  });

  it('is used by the CLI, kept out of the way by SOT_SYNC_PARSE_CACHE=off, and gives the same output', () => {
    const env = { SOT_SYNC_CACHE_DIR: cacheDir };
    const off = runCli(['--docs-only'], ws.root, { ...env, SOT_SYNC_PARSE_CACHE: 'off' });
    expect(cacheFiles()).toEqual([]);
    const filling = runCli(['--docs-only'], ws.root, env);
    expect(cacheFiles()).toHaveLength(4);
    const cached = runCli(['--docs-only'], ws.root, env);
    const withoutTiming = (text: string): string => text.replace(/^timing: .*$/m, '');
    expect(cached.code).toBe(off.code);
    expect(withoutTiming(cached.stdout)).toBe(withoutTiming(off.stdout));
    expect(withoutTiming(filling.stdout)).toBe(withoutTiming(off.stdout));
  });
});

describe('search with the parse cache', () => {
  const env = (): Record<string, string> => ({ SOT_SYNC_CACHE_DIR: cacheDir });
  const search = (query: string, extra: Record<string, string> = {}): unknown => {
    const run = runCli(['search', query, '--json', '--database-url', 'sqlite:///index.db'], ws.root, { ...env(), ...extra });
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  it('answers from cached records exactly as from a parse, the text of a changed entry included', () => {
    ws.write('docs/DEBUG_LOG.md', '# Debug Log\n\n## DBG-001 | 2026-01-02 | first\n\nThe uploads stalled.\n');
    ws.write(ledger, decisionsLedger(30, { 'DEC-007': 'We chose a zeppelin for the uploads.' }));
    expect(runCli(['--db-only', '--execute', '--database-url', 'sqlite:///index.db'], ws.root, env()).code).toBe(0);
    // The ledger changes after the sync: DEC-007's text is no longer what the index holds.
    ws.write(ledger, decisionsLedger(30, { 'DEC-007': 'We chose a zeppelin and then a blimp for the uploads.' }));
    const parsed = search('zeppelin', { SOT_SYNC_PARSE_CACHE: 'off' });
    expect(cacheFiles()).toEqual([]);
    const filling = search('zeppelin');
    expect(cacheFiles()).toHaveLength(4);
    const cached = search('zeppelin');
    expect(cached).toEqual(parsed);
    expect(filling).toEqual(parsed);
    const [result] = (cached as { results: { entryId: string; freshness: string; snippet: string; lineStart: number; status: string }[] }).results;
    expect(result).toEqual(expect.objectContaining({ entryId: 'DEC-007', freshness: 'changed', status: 'Accepted' }));
    expect(result?.snippet).toContain('blimp');
    // An unchanged ledger's fresh results come from the records alone.
    expect(search('Decision number 12')).toEqual(search('Decision number 12', { SOT_SYNC_PARSE_CACHE: 'off' }));
  });
});
