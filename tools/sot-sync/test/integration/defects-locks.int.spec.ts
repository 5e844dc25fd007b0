// After `kill -9`, the next run on the same machine breaks the dead run's leases at once instead of exiting 5 for up
// to three minutes; a lease that does not prove it was taken here still waits, and the message says until when
// (issue 11, D15).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatLeaseOwner } from '../../src/lock/lease-record';
import { readMachineIdentity } from '../../src/lock/machine-identity';
import { runCli, startCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
beforeEach(() => (ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3000) })));
afterEach(() => ws.cleanup());

const lockFile = (name: string): string => path.join(ws.root, '.autonomous_runs', '.locks', `${name}.lock`);
const machine = readMachineIdentity();
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;

function writeLease(name: string, owner: string, pid: number, expiresInMs: number): void {
  const now = Date.now();
  const record = { owner, token: randomUUID(), pid, created_at: iso(now - 5000), expires_at: iso(now + expiresInMs), last_renewed_at: iso(now - 5000) };
  fs.mkdirSync(path.dirname(lockFile(name)), { recursive: true });
  fs.writeFileSync(lockFile(name), JSON.stringify(record, null, 2));
}

describe('a lease whose holder is provably dead on this machine', () => {
  (machine ? it : it.skip)('is broken at once after kill -9 of the run holding it, and the next run succeeds', async () => {
    const { child, done } = startCli(['--db-only', '--execute'], ws.root);
    while (!fs.existsSync(lockFile('docs'))) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(JSON.parse(fs.readFileSync(lockFile('archive'), 'utf8'))).toMatchObject({ owner: `sot-sync@${machine ?? ''}:archive`, pid: child.pid });

    const started = Date.now();
    const next = runCli(['--db-only', '--execute', '--lock-timeout', '5'], ws.root);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(new RegExp(`broke the stale archive lock .*: process ${child.pid ?? 0} that took it on this machine has exited`));
    expect(next.stderr).toMatch(/broke the stale docs lock/);
    expect(fs.existsSync(lockFile('docs'))).toBe(false);
  });

  it('is kept when the lease does not prove it was taken here, and the message says the process is gone and when it may be broken', () => {
    for (const owner of ['tidy_up:phase1:docs', formatLeaseOwner('sot-sync', 'docs', 'elsewhere+0123456789abcdef')]) {
      writeLease('docs', owner, deadPid(), 60_000);
      const run = runCli(['--db-only', '--execute', '--lock-timeout', '0.3'], ws.root);
      expect(run.code).toBe(5);
      expect(run.stdout).toMatch(/is not running on this machine, and the lease does not say it ran here, so it may be broken from \d{4}-\d\d-\d\dT/);
      expect(JSON.parse(fs.readFileSync(lockFile('docs'), 'utf8'))).toMatchObject({ owner });
    }
  });

  (machine ? it : it.skip)('is kept while its process runs', () => {
    writeLease('docs', formatLeaseOwner('sot-sync', 'docs', machine), process.pid, 60_000);
    expect(runCli(['--db-only', '--execute', '--lock-timeout', '0.3'], ws.root).code).toBe(5);
  });
});
