// What the real CLI reports when a store runs out of time or is held by another process (issue 13): SQLite honours
// --max-seconds inside its synchronous write (D5), another process's EXCLUSIVE lock on the SQLite file is exit 5 or 3
// naming the file (D7), and a PostgreSQL COMMIT whose reply is lost is reported as of unknown outcome, never as a
// rollback (D12).
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { PG_TEST_URL, describePostgres, freshSchema, type TestSchema } from '../support/postgres';
import { runCli, startCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
afterEach(() => ws.cleanup());

const dbFile = (): string => path.join(ws.root, 'index.db');
const sqliteSync = (...extra: string[]) => runCli(['--db-only', '--execute', '--database-url', 'sqlite:///index.db', '--no-timing', ...extra], ws.root);

function hashes(): string[] {
  const db = new Database(dbFile());
  try {
    return (db.prepare('SELECT entry_id, content_hash FROM sot_entries ORDER BY entry_id').all() as { entry_id: string; content_hash: string }[]).map(
      (r) => `${r.entry_id}=${r.content_hash}`,
    );
  } finally {
    db.close();
  }
}

describe('D5: SQLite stops at --max-seconds inside its write, and rolls back', () => {
  it('exits 3 with nothing written when the deadline passes while rows are being written', () => {
    ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(2000) });
    expect(sqliteSync().code).toBe(0);
    const before = hashes();
    // Every row update now costs a few milliseconds of CPU, so the write alone outlasts the deadline by far.
    const db = new Database(dbFile());
    db.exec('CREATE TRIGGER slow_update AFTER UPDATE ON sot_entries BEGIN SELECT length(hex(randomblob(2000000))); END');
    db.close();
    ws.write(
      'docs/ARCHITECTURE_DECISIONS.md',
      decisionsLedger(2000, Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`DEC-${String(i + 1).padStart(3, '0')}`, `Edited ${i}.`]))),
    );
    const run = sqliteSync('--max-seconds', '2');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/time limit of 2s exceeded \(--max-seconds\)/);
    expect(hashes()).toEqual(before);
    // Rewriting every row takes the bulk path, which drops the index's row triggers: the rollback put them back.
    const check = new Database(dbFile(), { readonly: true });
    const triggers = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sot_entries_fts_%'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    check.close();
    expect(triggers.sort()).toEqual(['sot_entries_fts_delete', 'sot_entries_fts_insert', 'sot_entries_fts_update']);
  });
});

describe('D7: another process holding the SQLite file EXCLUSIVE', () => {
  let holder: ChildProcess | undefined;
  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = undefined;
  });

  /** A separate process takes `BEGIN EXCLUSIVE` on the file and keeps it until killed. */
  async function holdExclusive(file: string): Promise<void> {
    const script = `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(process.argv[1]); db.exec('BEGIN EXCLUSIVE'); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    holder = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout?.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`the lock holder exited with ${String(code)}`)));
    });
  }

  it('is exit 5 naming the file with --lock-timeout, exit 3 when --max-seconds comes first, exit 5 for --verify and for search', async () => {
    ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(20) });
    expect(sqliteSync().code).toBe(0);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(21));
    await holdExclusive(dbFile());

    const locked = sqliteSync('--lock-timeout', '0.5');
    expect(locked.code).toBe(5);
    expect(locked.stdout).toContain(`sqlite:///${dbFile()} is locked by another process`);
    expect(`${locked.stdout}${locked.stderr}`).not.toMatch(/unexpected error|database is locked/);

    const late = sqliteSync('--max-seconds', '1');
    expect(late.code).toBe(3);
    expect(late.stdout).toContain(`time limit exceeded (--max-seconds) while waiting for sqlite:///${dbFile()}`);

    const verify = runCli(['--db-only', '--verify', '--database-url', 'sqlite:///index.db', '--lock-timeout', '0.5'], ws.root);
    expect(verify.code).toBe(5);
    expect(verify.stdout).toContain(`sqlite:///${dbFile()} is locked by another process`);

    const search = runCli(['search', 'decision', '--database-url', 'sqlite:///index.db', '--lock-timeout', '0.5'], ws.root);
    expect(search.code).toBe(5);
    expect(`${search.stdout}${search.stderr}`).toContain(`sqlite:///${dbFile()} is locked by another process`);

    holder?.kill('SIGKILL');
    await new Promise((resolve) => holder?.once('exit', resolve));
    holder = undefined;
    expect(hashes()).toHaveLength(20);
  });
});

describePostgres('D12: a COMMIT whose reply is lost', () => {
  let pg: TestSchema;
  beforeEach(async () => (pg = await freshSchema()));
  afterEach(async () => pg.drop());

  it('is reported as of unknown outcome with the way to check (--verify), never as a rollback', async () => {
    ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(30) });
    const url = (base: string): string => `${base}${base.includes('?') ? '&' : '?'}schema=${pg.schema}`;
    expect(runCli(['--db-only', '--execute', '--database-url', url(PG_TEST_URL)], ws.root).code).toBe(0);
    const pgUrl = new URL(PG_TEST_URL);
    const proxy = replyDroppingProxy(pgUrl.hostname, Number(pgUrl.port || 5432), 'COMMIT');
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const viaProxy = new URL(PG_TEST_URL);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String((proxy.address() as net.AddressInfo).port);
      ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(31));
      // Started asynchronously: the proxy runs in this process, which spawnSync would block.
      const run = await startCli(['--db-only', '--execute', '--database-url', url(viaProxy.toString()), '--max-seconds', '4'], ws.root).done;
      const output = `${run.stdout}${run.stderr}`;
      expect(run.code).toBe(3);
      expect(output).toMatch(/COMMIT was sent to .* but its reply never came .*may or may not have been committed/);
      expect(output).toMatch(/--verify/);
      expect(output).not.toMatch(/rolled back/);
    } finally {
      proxy.close();
    }
    // The server did commit: the table holds the 31 entries, and --verify says so.
    const count = await pg.admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${pg.schema}".sot_entries`);
    expect(Number(count.rows[0]?.n)).toBe(31);
    expect(runCli(['--db-only', '--verify', '--database-url', url(PG_TEST_URL)], ws.root).code).toBe(0);
  });
});

/** A TCP proxy to PostgreSQL that passes `marker` on to the server, then drops every reply (without closing). */
function replyDroppingProxy(host: string, port: number, marker: string): net.Server {
  return net.createServer((client) => {
    const upstream = net.connect(port, host);
    let dropping = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (chunk.includes(marker)) dropping = true;
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropping) client.write(chunk);
    });
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
}
