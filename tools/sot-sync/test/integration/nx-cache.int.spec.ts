// Nx task caching of the `docs:sot-sync*` targets end to end: the real Nx CLI of the workspace with its local cache, the repository's own nx.json
// and docs/project.json, in a throwaway workspace (as nx-run.int.spec.ts). A hit is what Nx itself reports
// ("[local cache]"); the report file (the declared output) shows what a hit restores. Needs `npm run build` first.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';
import { nxBin } from '../support/nx-bin';

const REPO = path.resolve(__dirname, '../../../..');
const NX_BIN = nxBin(path.join(REPO, 'node_modules'));
const BIN = path.resolve(__dirname, '../../bin/sot-sync.js');
const BUILT_CLI = path.resolve(__dirname, '../../dist/src/cli/main.js');

let ws: TempWorkspace;
let nativeCache: string;

interface NxRun {
  code: number | null;
  output: string;
  /** Nx took the task's result from its cache. */
  hit: boolean;
}

/** The Nx CLI in the workspace with the local cache on, no daemon, and only the given target settings. */
function nxCli(args: string[], env: Record<string, string> = {}): { code: number | null; output: string } {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(NX_|DATABASE_URL$|QDRANT_HOST$|SOT_SYNC_)/.test(key)));
  const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_NATIVE_FILE_CACHE_DIRECTORY: nativeCache, FORCE_COLOR: '0' };
  const result = spawnSync(process.execPath, [NX_BIN, ...args], { cwd: ws.root, env: { ...inherited, ...nxEnv, ...env }, encoding: 'utf8', timeout: 60000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

const TARGET_OF_MODE: Record<string, string> = { 'docs-only': 'sot-sync', 'db-only': 'sot-sync-db', 'qdrant-only': 'sot-sync-qdrant', full: 'sot-sync-full' };

/** `nx run docs:<the target of mode>`; a hit is what Nx prints for a task it took from its cache. */
function nx(mode: string, env: Record<string, string> = {}): NxRun {
  const target = TARGET_OF_MODE[mode] as string;
  const { code, output } = nxCli(['run', `docs:${target}`], env);
  const line = new RegExp(`nx run docs:${target}\\s+\\[(local cache|existing outputs match the cache, left as is)\\]`);
  return { code, output, hit: line.test(output) };
}

function rows(file = 'autopack.db'): number {
  const db = new Database(path.join(ws.root, file), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM sot_entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const report = (configuration: string): string => fs.readFileSync(path.join(ws.root, 'dist/sot-sync/docs', `${configuration}.json`), 'utf8');
const dbCounts = (run: NxRun): string | undefined => /db: (\d+ inserted, \d+ updated, \d+ deleted)/.exec(run.output)?.[1];

beforeAll(() => {
  if (!fs.existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` at the repository root first`);
  nativeCache = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-nx-native-'));
});
afterAll(() => fs.rmSync(nativeCache, { recursive: true, force: true }));

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3) });
  ws.write('package.json', `${JSON.stringify({ name: 'nx-cache-fixture', version: '0.0.0', private: true }, null, 2)}\n`);
  ws.write('nx.json', fs.readFileSync(path.join(REPO, 'nx.json'), 'utf8'));
  ws.write('docs/project.json', fs.readFileSync(path.join(REPO, 'docs/project.json'), 'utf8'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(ws.root, 'node_modules'), 'dir');
});
afterEach(() => ws.cleanup());

describe('Nx cache of docs:sot-sync (repository nx.json and docs/project.json)', () => {
  it('docs-only: the second identical run is a hit that restores the report; editing a ledger is a miss', () => {
    const first = nx('docs-only');
    expect({ code: first.code, hit: first.hit }).toEqual({ code: 0, hit: false });
    const written = report('docs-only');
    fs.rmSync(path.join(ws.root, 'dist'), { recursive: true });
    const second = nx('docs-only');
    expect({ code: second.code, hit: second.hit }).toEqual({ code: 0, hit: true });
    expect(report('docs-only')).toBe(written);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3, { 'DEC-001': 'Edited.' }));
    expect(nx('docs-only').hit).toBe(false);
    expect(nx('docs-only').hit).toBe(true);
    expect(fs.existsSync(path.join(ws.root, 'autopack.db'))).toBe(false);
  });

  it('db-only: a run that writes is never reused; once the table matches, identical runs hit', () => {
    const write = nx('db-only');
    expect({ code: write.code, hit: write.hit, db: dbCounts(write) }).toEqual({ code: 0, hit: false, db: '3 inserted, 0 updated, 0 deleted' });
    // Nx keys a task before it runs: this run's key still saw an empty target, so it cannot serve the next one.
    const confirm = nx('db-only');
    expect({ hit: confirm.hit, db: dbCounts(confirm) }).toEqual({ hit: false, db: '0 inserted, 0 updated, 0 deleted' });
    const hit = nx('db-only');
    expect({ code: hit.code, hit: hit.hit, db: dbCounts(hit) }).toEqual({ code: 0, hit: true, db: '0 inserted, 0 updated, 0 deleted' });
    expect(JSON.parse(report('db-only'))).toMatchObject({ db: { inserted: 0, unchanged: 3 } });
  });

  it('db-only: editing a ledger, deleting the SQLite file and changing DATABASE_URL are misses that sync', () => {
    nx('db-only');
    nx('db-only');
    expect(nx('db-only').hit).toBe(true);

    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(4));
    const edited = nx('db-only');
    expect({ hit: edited.hit, db: dbCounts(edited) }).toEqual({ hit: false, db: '1 inserted, 0 updated, 0 deleted' });
    nx('db-only');
    expect(nx('db-only').hit).toBe(true);

    fs.rmSync(path.join(ws.root, 'autopack.db'));
    const wiped = nx('db-only');
    expect({ hit: wiped.hit, db: dbCounts(wiped) }).toEqual({ hit: false, db: '4 inserted, 0 updated, 0 deleted' });
    expect(rows()).toBe(4);

    const moved = nx('db-only', { DATABASE_URL: 'sqlite:///other.db' });
    expect({ hit: moved.hit, db: dbCounts(moved) }).toEqual({ hit: false, db: '4 inserted, 0 updated, 0 deleted' });
    expect(rows('other.db')).toBe(4);
  });

  it('db-only: returning to earlier ledgers (a branch switch) while the table holds newer rows is a miss', () => {
    nx('db-only');
    nx('db-only');
    expect(nx('db-only').hit).toBe(true);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3, { 'DEC-002': 'Another branch.' }));
    expect(dbCounts(nx('db-only'))).toBe('0 inserted, 1 updated, 0 deleted');
    // The ledgers are back to the state of the earlier hit, but the table is not: replaying that hit would be wrong.
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3));
    const back = nx('db-only');
    expect({ hit: back.hit, db: dbCounts(back) }).toEqual({ hit: false, db: '0 inserted, 1 updated, 0 deleted' });
  });
});

describe('inferred targets (nx.json plugins: ["sot-sync/plugin"], no targets in project.json)', () => {
  it('gives the project holding sot-sync.config.json the sot-sync targets, cached like the explicit ones', () => {
    ws.write('nx.json', `${JSON.stringify({ plugins: ['sot-sync/plugin'], useDaemonProcess: false })}\n`);
    ws.write('docs/project.json', `${JSON.stringify({ name: 'docs' })}\n`);
    ws.write('docs/sot-sync.config.json', `${JSON.stringify({ docsDir: '.' })}\n`);
    const shown = nxCli(['show', 'project', 'docs', '--json']);
    const targets = (JSON.parse(shown.output.slice(shown.output.indexOf('{'))) as { targets: Record<string, { cache?: boolean; inputs?: unknown[] }> }).targets;
    expect(Object.keys(targets)).toEqual(expect.arrayContaining(['tidy', 'sot-sync', 'sot-sync-db', 'sot-sync-qdrant', 'sot-sync-full']));
    expect(targets['sot-sync-db']?.cache).toBe(true);
    expect(targets['sot-sync-db']?.inputs).toContainEqual({ runtime: expect.stringMatching(/fingerprint --db-only --root docs$/) as unknown });
    expect(nx('db-only').hit).toBe(false);
    expect(nx('db-only').hit).toBe(false);
    expect(nx('db-only').hit).toBe(true);
    // The config's directory is the targets' sot-sync root: the SQLite file and reports land where the CLI would put them.
    expect(rows('docs/autopack.db')).toBe(3);
    expect(JSON.parse(report('db-only'))).toMatchObject({ db: { unchanged: 3 } });
  });
});

describe('sot-sync fingerprint (CLI)', () => {
  it('prints one line: unique while the SQLite file is missing, the stored fingerprint once synced; --json has the details', () => {
    const cli = (...args: string[]): string =>
      spawnSync(process.execPath, [BIN, 'fingerprint', ...args], { cwd: ws.root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } }).stdout;
    expect(cli()).toMatch(/^code=[0-9a-f]{16} db=stale:none:[0-9a-f]{16}\n$/);
    expect(cli('--docs-only')).toMatch(/^code=[0-9a-f]{16}\n$/);
    spawnSync(process.execPath, [BIN, '--db-only', '--execute'], { cwd: ws.root, env: { ...process.env, DATABASE_URL: '' } });
    const line = cli('--db-only');
    expect(line).toMatch(/^code=[0-9a-f]{16} db=[0-9a-f]{16}\n$/);
    expect(cli()).toBe(line);
    expect(JSON.parse(cli('--json'))).toMatchObject({ projectId: 'autopack', targets: [{ role: 'db', kind: 'sqlite', state: 'in-sync' }] });
  });
});
