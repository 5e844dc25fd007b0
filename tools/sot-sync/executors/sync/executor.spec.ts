// The executor against a real SQLite file in a temp workspace, with a hand-built ExecutorContext (no Nx process,
// no jest.mock): success follows the run's exit code, output is the CLI's report, re-runs write nothing.
import type { ExecutorContext } from '@nx/devkit';
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureOutput, type CapturedOutput } from '../../test/support/capture-output';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../../test/support/temp-workspace';
import syncExecutor from './executor';
import type { SyncExecutorSchema } from './schema';

const DB_ONLY: SyncExecutorSchema = { mode: 'db-only', execute: true, databaseUrl: 'sqlite:///index.db' };
const BUILD_LEDGER = [
  '# Build history',
  '',
  '## BUILD-1 | 2026-01-08 | First build',
  '',
  'Built it.',
  '',
  '## BUILD-2 | 2026-01-09 | Second build',
  '',
  'Again.',
  '',
].join('\n');

let ws: TempWorkspace;
let output: CapturedOutput;

function contextFor(root: string): ExecutorContext {
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName: 'docs',
    targetName: 'sot-sync',
    projectsConfigurations: { version: 2, projects: { docs: { root: 'docs', targets: { 'sot-sync': { executor: 'sot-sync:sync' } } } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  };
}

function countRows(): number {
  const db = new Database(path.join(ws.root, 'index.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM sot_entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3), 'BUILD_HISTORY.md': BUILD_LEDGER });
  output = captureOutput();
});
afterEach(() => {
  jest.restoreAllMocks();
  ws.cleanup();
});

describe('sot-sync:sync executor', () => {
  it('syncs the ledgers into the SQLite file and prints the CLI report', async () => {
    await expect(syncExecutor(DB_ONLY, contextFor(ws.root))).resolves.toEqual({ success: true });
    expect(countRows()).toBe(5);
    expect(output.stdout).toMatch(/^sot-sync --db-only --execute \(project autopack\)$/m);
    expect(output.stdout).toMatch(/db: 5 inserted, 0 updated, 0 deleted, 0 unchanged/);
  });

  it('writes nothing on a second run and prints one JSON report with json: true', async () => {
    await syncExecutor(DB_ONLY, contextFor(ws.root));
    output.stdout = '';
    await expect(syncExecutor({ ...DB_ONLY, json: true }, contextFor(ws.root))).resolves.toEqual({ success: true });
    const report = JSON.parse(output.stdout) as { db: unknown; exitCode: number };
    expect(report.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 5 });
    expect(report.exitCode).toBe(0);
    expect(output.stderr).toMatch(/db: 0 inserted/);
    expect(countRows()).toBe(5);
  });

  it('refuses a write mode without execute: success false, the reason on stderr, no database', async () => {
    await expect(syncExecutor({ mode: 'db-only', databaseUrl: 'sqlite:///index.db', json: true }, contextFor(ws.root))).resolves.toEqual({ success: false });
    expect(output.stderr).toMatch(/^sot-sync: .*add --execute/m);
    expect(JSON.parse(output.stdout)).toEqual({ error: expect.stringMatching(/--execute/) as unknown, exitCode: 2 });
    expect(fs.existsSync(path.join(ws.root, 'index.db'))).toBe(false);
  });

  it('fails (success false) on a ledger with an error and reports it with file and line', async () => {
    ws.write('docs/BUILD_HISTORY.md', `${BUILD_LEDGER}\n## BUILD 12\n\nNot an id.\n`);
    await expect(syncExecutor({}, contextFor(ws.root))).resolves.toEqual({ success: false });
    expect(output.stdout).toMatch(/docs\/BUILD_HISTORY\.md:\d+:1 error malformed-id "BUILD 12"/);
  });

  it('takes the root from options.root over context.root, relative to the workspace root', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-empty-'));
    try {
      const root = path.relative(elsewhere, ws.root);
      await expect(syncExecutor({ ...DB_ONLY, root }, contextFor(elsewhere))).resolves.toEqual({ success: true });
      expect(countRows()).toBe(5);
      expect(fs.existsSync(path.join(elsewhere, 'index.db'))).toBe(false);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('redacts credentials in a failure message and leaves no signal handlers behind', async () => {
    const listeners = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM');
    const options = { ...DB_ONLY, databaseUrl: 'mysql://admin:hunter2@db.example/index' };
    await expect(syncExecutor(options, contextFor(ws.root))).resolves.toEqual({ success: false });
    expect(output.stdout + output.stderr).toMatch(/admin:\*\*\*@db\.example/);
    expect(output.stdout + output.stderr).not.toMatch(/hunter2/);
    expect(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')).toBe(listeners);
  });
});
