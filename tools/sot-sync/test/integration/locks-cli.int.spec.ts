// The CLI's file locks against leases written in the tidy tools' own format: waits, exit 5, signals, stale leases.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { runCli, startCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
const lockFile = (name: string): string => path.join(ws.root, '.autonomous_runs', '.locks', `${name}.lock`);

/** A lease exactly as the tidy tools write it: json.dump(indent=2), naive UTC isoformat with microseconds + 'Z'. */
function writeTidyLease(name: string, pid: number, expiresInSeconds: number): void {
  const iso = (offsetSeconds: number): string => new Date(Date.now() + offsetSeconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  const record = { owner: `tidy_up:${name}`, token: randomUUID(), pid, created_at: iso(-10), expires_at: iso(expiresInSeconds), last_renewed_at: iso(-10) };
  fs.mkdirSync(path.dirname(lockFile(name)), { recursive: true });
  fs.writeFileSync(lockFile(name), JSON.stringify(record, null, 2));
}

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3) });
});
afterEach(() => ws.cleanup());

describe('file locks', () => {
  it('takes no lock in --docs-only, even when the tidy tools hold docs', () => {
    writeTidyLease('docs', process.pid, 600);
    expect(runCli([], ws.root).code).toBe(0);
  });

  it('waits for a live tidy lease up to --lock-timeout, then exits 5 naming the holder and writes nothing', () => {
    writeTidyLease('docs', process.pid, 600);
    const started = Date.now();
    const run = runCli(['--db-only', '--execute', '--lock-timeout', '1'], ws.root);
    expect(run.code).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(run.stderr + run.stdout).toMatch(/tidy_up:docs/);
    expect(fs.existsSync(path.join(ws.root, 'autopack.db'))).toBe(false);
    expect(fs.existsSync(lockFile('archive'))).toBe(false);
  });

  it('holds archive and docs in the tidy format while it writes, and removes them after', async () => {
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3000));
    const { done } = startCli(['--db-only', '--execute'], ws.root);
    let seen: Record<string, unknown> | null = null;
    while (!seen) {
      if (fs.existsSync(lockFile('docs'))) seen = JSON.parse(fs.readFileSync(lockFile('docs'), 'utf8')) as Record<string, unknown>;
      else await new Promise((resolve) => setTimeout(resolve, 5));
      if ((await Promise.race([done, Promise.resolve(null)])) !== null) break;
    }
    expect((await done).code).toBe(0);
    expect(seen).not.toBeNull();
    expect(Object.keys(seen ?? {})).toEqual(['owner', 'token', 'pid', 'created_at', 'expires_at', 'last_renewed_at']);
    expect(seen?.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(fs.existsSync(lockFile('docs'))).toBe(false);
    expect(fs.existsSync(lockFile('archive'))).toBe(false);
  });

  it('breaks a lease expired past its grace period whose process is gone, with a message', () => {
    writeTidyLease('docs', 2 ** 22 + 12345, -600);
    const run = runCli(['--db-only', '--execute'], ws.root);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/stale/i);
  });

  it('releases its locks and exits 143 on SIGTERM while waiting', async () => {
    writeTidyLease('docs', process.pid, 600);
    const { child, done } = startCli(['--db-only', '--execute', '--lock-timeout', '30'], ws.root);
    while (!fs.existsSync(lockFile('archive'))) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(143);
    expect(fs.existsSync(lockFile('archive'))).toBe(false);
    expect(fs.existsSync(lockFile('docs'))).toBe(true);
  });
});
