// `nx run docs:sot-sync` end to end: the real Nx CLI resolves `sot-sync:sync` through node_modules/sot-sync
// (package.json "executors" -> executors.json -> dist), with the repository's own nx.json and docs/project.json,
// in a throwaway workspace so the repository's docs and database are never touched. Needs `npm run build` first.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';
import { nxBin } from '../support/nx-bin';

const REPO = path.resolve(__dirname, '../../../..');
const NX_BIN = nxBin(path.join(REPO, 'node_modules'));
const BUILT_EXECUTOR = path.resolve(__dirname, '../../dist/executors/sync/executor.js');

let ws: TempWorkspace;
// Nx copies its 22 MB native binary into a per-workspace-root folder under the OS temp dir and never removes it;
// one folder for the whole suite, removed afterwards, keeps every run from leaking one per temp workspace.
let nativeCache: string;

/** Runs nx in the temp workspace with no daemon, cloud, cache or TUI, and none of the caller's NX_* settings. */
function nx(args: string[]): { code: number | null; output: string } {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('NX_') && key !== 'DATABASE_URL' && key !== 'QDRANT_HOST'),
  );
  const env = {
    ...inherited,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: 'true',
    NX_TUI: 'false',
    NX_NATIVE_FILE_CACHE_DIRECTORY: nativeCache,
    FORCE_COLOR: '0',
  };
  const result = spawnSync(process.execPath, [NX_BIN, ...args], { cwd: ws.root, env, encoding: 'utf8', timeout: 45000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

function countRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM sot_entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  if (!fs.existsSync(BUILT_EXECUTOR)) throw new Error(`${BUILT_EXECUTOR} is missing: run \`npm run build\` at the repository root first`);
  nativeCache = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-nx-native-'));
});
afterAll(() => fs.rmSync(nativeCache, { recursive: true, force: true }));

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3) });
  ws.write('package.json', `${JSON.stringify({ name: 'nx-run-fixture', version: '0.0.0', private: true }, null, 2)}\n`);
  ws.write('nx.json', fs.readFileSync(path.join(REPO, 'nx.json'), 'utf8'));
  ws.write('docs/project.json', fs.readFileSync(path.join(REPO, 'docs/project.json'), 'utf8'));
  // The whole node_modules of the repository: nx itself, and sot-sync as the npm workspace link to tools/sot-sync.
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(ws.root, 'node_modules'), 'dir');
});
afterEach(() => ws.cleanup());

describe('nx run docs:sot-sync (Nx CLI, repository nx.json and docs/project.json)', () => {
  it('docs:sot-sync-db syncs into autopack.db at the workspace root and exits 0', () => {
    const run = nx(['run', 'docs:sot-sync-db']);
    expect({ code: run.code, output: run.output }).toEqual({
      code: 0,
      output: expect.stringMatching(/db: 3 inserted, 0 updated, 0 deleted, 0 unchanged/) as unknown,
    });
    expect(countRows(path.join(ws.root, 'autopack.db'))).toBe(3);
  });

  it('docs:sot-sync (docs-only) exits non-zero on a malformed id and writes no database', () => {
    ws.write('docs/BUILD_HISTORY.md', '# Build history\n\n## BUILD-1 | 2026-01-08 | Fine\n\nOk.\n\n## BUILD 12\n\nNot an id.\n');
    const run = nx(['run', 'docs:sot-sync']);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/nx run docs:sot-sync\b/);
    expect(run.output).toMatch(/docs\/BUILD_HISTORY\.md:7:1 error malformed-id "BUILD 12"/);
    expect(run.output).toMatch(/sot-sync --docs-only/);
    expect(fs.existsSync(path.join(ws.root, 'autopack.db'))).toBe(false);
  });

  it('docs:sot-sync writes no ledger, even one whose summary block is stale; the write targets run tidy first', () => {
    const stale = `# Decisions\n\n<!-- AUTO-GENERATED SUMMARY - DO NOT EDIT MANUALLY -->\n**Summary**: 99 decisions documented | Last entry: 1999-01-01\n<!-- END AUTO-GENERATED SUMMARY -->\n\n${decisionsLedger(3).replace(/^# [^\n]*\n/, '')}`;
    ws.write('docs/ARCHITECTURE_DECISIONS.md', stale);
    const checked = nx(['run', 'docs:sot-sync']);
    expect(checked.code).toBe(0);
    expect(checked.output).not.toMatch(/nx run docs:tidy/);
    expect(fs.readFileSync(path.join(ws.root, 'docs/ARCHITECTURE_DECISIONS.md'), 'utf8')).toBe(stale);
    const written = nx(['run', 'docs:sot-sync-db']);
    expect(written.code).toBe(0);
    expect(written.output).toMatch(/nx run docs:tidy/);
    expect(fs.readFileSync(path.join(ws.root, 'docs/ARCHITECTURE_DECISIONS.md'), 'utf8')).toMatch(
      /\*\*Summary\*\*: 3 decision\(s\) documented \| Last updated: /,
    );
  });
});
