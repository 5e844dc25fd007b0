// The real CLI as a process: exit codes of the contract, the JSON report, redaction, target sources.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const BIN = path.resolve(__dirname, '../../bin/sot-sync.js');
let ws: TempWorkspace;

function cli(args: string[], env: Record<string, string> = {}, cwd = ws.root): { code: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && k !== 'QDRANT_HOST'));
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...clean, ...env }, encoding: 'utf8', timeout: 30000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(5) });
});
afterEach(() => ws.cleanup());

describe('sot-sync CLI', () => {
  it('refuses a write mode without --execute (exit 2, naming the flag)', () => {
    const run = cli(['--db-only']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--execute/);
    expect(fs.existsSync(path.join(ws.root, 'autopack.db'))).toBe(false);
  });

  it('rejects two modes at once and unknown flags as usage errors (exit 2)', () => {
    expect(cli(['--db-only', '--full', '--execute']).code).toBe(2);
    expect(cli(['--no-such-flag']).code).toBe(2);
  });

  it('exits 4 for --full without Qdrant and touches no database', () => {
    const run = cli(['--full', '--execute']);
    expect(run.code).toBe(4);
    expect(run.stdout + run.stderr).toMatch(/QDRANT_HOST/);
    expect(fs.existsSync(path.join(ws.root, 'autopack.db'))).toBe(false);
  });

  it('syncs into autopack.db at the root by default, from a subdirectory too, and says where the target came from', () => {
    fs.mkdirSync(path.join(ws.root, 'docs', 'deep'));
    const run = cli(['--db-only', '--execute'], {}, path.join(ws.root, 'docs', 'deep'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/db sqlite:\/\/\/autopack\.db \(from default\)/);
    expect(run.stdout).toMatch(/db: 5 inserted, 0 updated, 0 deleted, 0 unchanged/);
    expect(fs.existsSync(path.join(ws.root, 'autopack.db'))).toBe(true);
    const env = cli(['--db-only', '--execute'], { DATABASE_URL: 'sqlite:///env.db' });
    expect(env.stdout).toMatch(/\(from env\)/);
    const flag = cli(['--db-only', '--execute', '--database-url', 'sqlite:///flag.db'], { DATABASE_URL: 'sqlite:///env.db' });
    expect(flag.stdout).toMatch(/flag\.db \(from flag\)/);
  });

  it('prints exactly one JSON document on stdout with --json', () => {
    const run = cli(['--db-only', '--execute', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['mode', 'execute', 'targets', 'entries', 'diagnostics', 'db', 'qdrant', 'timings', 'exitCode']),
    );
    expect(report.db).toEqual({ inserted: 5, updated: 0, deleted: 0, unchanged: 0 });
    expect((report.entries as unknown[])[0]).toEqual({
      fileType: 'architecture',
      entryId: 'DEC-005',
      title: 'Decision number 5',
      contentHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      line: 3,
      source: 'section',
    });
    expect(run.stderr).toMatch(/db: 5 inserted/);
  });

  it('reports ledger errors as file:line:column diagnostics and exits 1; --strict fails on warnings', () => {
    ws.write('docs/ARCHITECTURE_DECISIONS.md', `${decisionsLedger(2)}\n## DEC 3 | 2026-01-03 | Typo\n`);
    const run = cli([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/docs\/ARCHITECTURE_DECISIONS\.md:\d+:1 error malformed-id/);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', `${decisionsLedger(2)}\n### DEC-001 | 2026-01-09 | Again\n`);
    expect(cli([]).code).toBe(0);
    expect(cli(['--strict']).code).toBe(1);
  });

  it('never prints a password, even from the driver error (exit 2)', () => {
    const run = cli(['--db-only', '--execute', '--database-url', 'postgresql://alice:hunter2secret@127.0.0.1:1/db', '--max-seconds', '10']);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain('hunter2secret');
    expect(run.stdout + run.stderr).toContain('alice:***@127.0.0.1');
  });

  it('hides timing with --no-timing', () => {
    expect(cli([]).stdout).toMatch(/^timing: /m);
    expect(cli(['--no-timing']).stdout).not.toMatch(/^timing: /m);
  });
});
