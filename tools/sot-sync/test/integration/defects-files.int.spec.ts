// What the real CLI does with files that are not what they should be (issue 11): a FIFO, a socket or a directory
// where a ledger, the config or a lease belongs (D2, D8), a full lock directory and a database path under a regular
// file (D8), ledger paths checked on resolved paths before existence (D13), and runs that must create nothing (D14).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCli, type CliResult } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
beforeEach(() => (ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3) })));
afterEach(() => ws.cleanup());

const at = (relative: string): string => path.join(ws.root, relative);
const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

function mkfifo(relative: string): void {
  fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
  expect(spawnSync('mkfifo', [at(relative)]).status).toBe(0);
}

/** Runs the CLI, killing it after `limitMs` (a hang is a failure, not a stuck test run); `ms` is how long it took. */
async function runBounded(args: string[], limitMs = 15_000): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  const { child, done } = startCli(args, ws.root);
  const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const result = await done;
  clearTimeout(killer);
  return { ...result, ms: Date.now() - started };
}

describe('D2: a FIFO is refused before it is opened, with its path and the contract exit code', () => {
  (hasMkfifo ? it : it.skip)('as a ledger: an error diagnostic on it (exit 1), the other ledgers still read', async () => {
    mkfifo('docs/DEBUG_LOG.md');
    const run = await runBounded([]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^docs\/DEBUG_LOG\.md:1:1 error not-a-file is a FIFO \(named pipe\), not a regular file/m);
    expect(run.stdout).toMatch(/docs\/ARCHITECTURE_DECISIONS\.md 3/);
  });

  (hasMkfifo ? it : it.skip)('as sot-sync.config.json: a usage error (exit 2) naming it', async () => {
    mkfifo('sot-sync.config.json');
    const run = await runBounded(['--db-only', '--execute']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${at('sot-sync.config.json')} is a FIFO (named pipe), not a regular file`);
  });

  (hasMkfifo ? it : it.skip)('as a lease file: the lock is not taken (exit 5), the path and the fix named, nothing written', async () => {
    mkfifo('.autonomous_runs/.locks/archive.lock');
    const run = await runBounded(['--db-only', '--execute', '--max-seconds', '5']);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain(`the lock file ${at('.autonomous_runs/.locks/archive.lock')} is a FIFO (named pipe), not a lease file`);
    expect(run.stdout).toMatch(/remove it/);
    expect(fs.existsSync(at('autopack.db'))).toBe(false);
  });
});

describe('D8: expected failures map to the contract, naming the path and the fix', () => {
  it('a ledger path that is a directory: an error diagnostic, exit 1, not "unexpected error"', async () => {
    fs.mkdirSync(at('docs/DEBUG_LOG.md'));
    const run = await runBounded(['--db-only', '--execute']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^docs\/DEBUG_LOG\.md:1:1 error not-a-file is a directory, not a regular file/m);
    expect(run.stderr).not.toMatch(/unexpected error/);
  });

  it('a lease file that is a directory: exit 5 naming it', async () => {
    fs.mkdirSync(at('.autonomous_runs/.locks/docs.lock'), { recursive: true });
    const run = await runBounded(['--db-only', '--execute']);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain(`the lock file ${at('.autonomous_runs/.locks/docs.lock')} is a directory, not a lease file`);
    expect(fs.existsSync(at('.autonomous_runs/.locks/archive.lock'))).toBe(false);
  });

  it('a database path under a regular file (EEXIST): exit 2 naming the path and the fix', async () => {
    const run = await runBounded(['--db-only', '--execute', '--database-url', 'sqlite:///docs/ARCHITECTURE_DECISIONS.md/index.db']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      `error: cannot create the SQLite database ${at('docs/ARCHITECTURE_DECISIONS.md/index.db')}: ${at('docs/ARCHITECTURE_DECISIONS.md')} exists and is not a directory (EEXIST)`,
    );
    expect(run.stdout).toMatch(/fix the path; or point --database-url elsewhere/);
  });

  it('a database file that is not SQLite: exit 2 naming the file and the fix, the file left as it was', async () => {
    fs.writeFileSync(at('autopack.db'), 'these bytes belong to another program\n');
    const run = await runBounded(['--db-only', '--execute']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${at('autopack.db')} could not be read (file is not a database); nothing was written; the file is not a SQLite database`);
    expect(run.stdout).toMatch(/point --database-url at another file, or move this one away/);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(fs.readFileSync(at('autopack.db'), 'utf8')).toBe('these bytes belong to another program\n');
  });

  const canMount = process.getuid?.() === 0 && process.platform === 'linux';
  (canMount ? it : it.skip)('the lock directory on a full disk (ENOSPC): exit 5 naming the lock file and the fix (root: a 64 KiB tmpfs)', async () => {
    const locks = at('.autonomous_runs/.locks');
    fs.mkdirSync(locks, { recursive: true });
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', locks]).status !== 0) {
      console.log('!!! SKIPPING the ENOSPC case: cannot mount a tmpfs here');
      return;
    }
    try {
      spawnSync('dd', ['if=/dev/zero', `of=${path.join(locks, 'filler')}`, 'bs=4k', 'count=64']);
      const run = await runBounded(['--db-only', '--execute']);
      expect(run.code).toBe(5);
      expect(run.stdout).toContain(
        `cannot create the lock file ${path.join(locks, 'archive.lock')}: no space left on the device (ENOSPC): free space on that disk`,
      );
      expect(fs.readdirSync(locks)).toEqual(['filler']);
    } finally {
      spawnSync('umount', [locks]);
    }
  });
});

describe('D13: ledger paths are checked on the resolved path, before existence', () => {
  it('refuses a configured path outside the docs directory even when no such file exists', async () => {
    ws.write('sot-sync.config.json', JSON.stringify({ ledgers: [{ fileType: 'debug_log', path: '../../nowhere/passwd' }] }));
    const run = await runBounded([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/nowhere\/passwd:1:1 error outside-docs-dir lies outside docs/);
  });

  it('reads a real file named ..DEBUG_LOG.md inside the docs directory', async () => {
    ws.write('docs/..DEBUG_LOG.md', '# Debug log\n\n### DBG-001 | 2026-01-01 | A bug\n\n**Status**: Fixed\n\nFixed it.\n');
    ws.write('sot-sync.config.json', JSON.stringify({ ledgers: [{ fileType: 'debug_log', path: '..DEBUG_LOG.md' }] }));
    const run = await runBounded([]);
    expect(run.stdout).not.toMatch(/outside-docs-dir/);
    expect(run.stdout).toMatch(/docs\/\.\.DEBUG_LOG\.md 1/);
  });
});

describe('D14: nothing is created for a run that cannot or need not write', () => {
  it('a --root that does not exist is a usage error, and nothing is created there', async () => {
    const missing = path.join(os.tmpdir(), `sot-sync-no-such-root-${process.pid}`, 'deeper');
    const run = await runBounded(['--root', missing, '--db-only', '--execute']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--root ${missing}: no such directory`);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it('a write run with nothing to write creates no database file; the first entry does', async () => {
    ws.remove('docs/ARCHITECTURE_DECISIONS.md');
    const empty = await runBounded(['--db-only', '--execute']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/db: 0 inserted, 0 updated, 0 deleted, 0 unchanged/);
    expect(fs.existsSync(at('autopack.db'))).toBe(false);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(1));
    expect((await runBounded(['--db-only', '--execute'])).code).toBe(0);
    expect(fs.existsSync(at('autopack.db'))).toBe(true);
  });
});
