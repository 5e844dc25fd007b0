// PostgreSQL through the real CLI: idempotency, concurrent syncs, SIGKILL at random points, a server that stops
// answering mid-sync, and --verify.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { PG_TEST_URL, describePostgres, freshSchema, type TestSchema } from '../support/postgres';
import { runCli, startCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let pg: TestSchema;
const workspaces: TempWorkspace[] = [];
const url = (base = PG_TEST_URL): string => `${base}${base.includes('?') ? '&' : '?'}schema=${pg.schema}`;

function workspace(count: number, edit: Record<string, string> = {}): TempWorkspace {
  const ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(count, edit) });
  workspaces.push(ws);
  return ws;
}

async function state(project = 'autopack'): Promise<string[]> {
  const result = await pg.admin.query<{ entry_id: string; content_hash: string }>(
    `SELECT entry_id, content_hash FROM "${pg.schema}".sot_entries WHERE project_id = $1 ORDER BY entry_id`,
    [project],
  );
  return result.rows.map((r) => `${r.entry_id}=${r.content_hash}`);
}

const sync = (ws: TempWorkspace, ...extra: string[]) => runCli(['--db-only', '--execute', '--database-url', url(), '--no-timing', ...extra], ws.root);

describePostgres('PostgreSQL through the CLI', () => {
  beforeEach(async () => {
    pg = await freshSchema();
  });
  afterEach(async () => {
    await pg.drop();
    for (const ws of workspaces.splice(0)) ws.cleanup();
  });

  it('reports exact counts, and a second run writes nothing', async () => {
    const ws = workspace(50);
    expect(sync(ws).stdout).toMatch(/db: 50 inserted, 0 updated, 0 deleted, 0 unchanged/);
    const xmins = await pg.admin.query(`SELECT xmin::text FROM "${pg.schema}".sot_entries ORDER BY id`);
    expect(sync(ws).stdout).toMatch(/db: 0 inserted, 0 updated, 0 deleted, 50 unchanged/);
    expect((await pg.admin.query(`SELECT xmin::text FROM "${pg.schema}".sot_entries ORDER BY id`)).rows).toEqual(xmins.rows);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(49, { 'DEC-010': 'Changed.' }));
    expect(sync(ws).stdout).toMatch(/db: 0 inserted, 1 updated, 1 deleted, 48 unchanged/);
  });

  it('refuses to empty the table when a ledger goes missing (exit 1, nothing written); --allow-mass-delete lets it', async () => {
    const ws = workspace(10);
    sync(ws);
    const before = await state();
    ws.remove('docs/ARCHITECTURE_DECISIONS.md');
    const refused = sync(ws);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/refused: the architecture ledger is missing/);
    expect(await state()).toEqual(before);
    expect(sync(ws, '--allow-mass-delete').stdout).toMatch(/10 deleted/);
  });

  it('rolls back the whole write when the server rejects a row half way', async () => {
    const ws = workspace(40);
    sync(ws);
    await pg.admin.query(`CREATE FUNCTION "${pg.schema}".fail_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await pg.admin.query(
      `CREATE TRIGGER fail_sync BEFORE UPDATE ON "${pg.schema}".sot_entries FOR EACH ROW WHEN (NEW.entry_id = 'DEC-030') EXECUTE FUNCTION "${pg.schema}".fail_sync()`,
    );
    const before = await state();
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(39, { 'DEC-002': 'a', 'DEC-030': 'b' }));
    const run = sync(ws);
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/disk on fire/);
    expect(await state()).toEqual(before);
  });

  it('serializes concurrent syncs of one project from one workspace and from many (2 and 10)', async () => {
    for (const n of [2, 10]) {
      await pg.admin.query(`DROP TABLE IF EXISTS "${pg.schema}".sot_entries, "${pg.schema}".sot_sync_meta`);
      const shared = workspace(200);
      const runs = Array.from({ length: n }, (_, i) => {
        const ws = i % 2 === 0 ? shared : workspace(200);
        return startCli(['--db-only', '--execute', '--database-url', url(), '--lock-timeout', '60'], ws.root).done;
      });
      const results = await Promise.all(runs);
      for (const result of results) expect([0, 5]).toContain(result.code);
      const inserted = results.map((r) => Number(/db: (\d+) inserted/.exec(r.stdout)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
      expect(inserted).toBe(200);
      const rows = await state();
      expect(rows).toHaveLength(200);
      expect(new Set(rows.map((r) => r.split('=')[0])).size).toBe(200);
    }
  });

  it('leaves the table exactly before or after when killed with SIGKILL at random points, then converges', async () => {
    const base = workspace(1500);
    expect(sync(base).code).toBe(0);
    let before = await state();
    for (let trial = 0; trial < 20; trial++) {
      const edit = Object.fromEntries(
        Array.from({ length: 300 }, (_, i) => [`DEC-${String(((i * 7 + trial * 13) % 1500) + 1).padStart(3, '0')}`, `edit ${trial}`]),
      );
      const ws = workspace(1500, edit);
      const { child, done } = startCli(['--db-only', '--execute', '--database-url', url()], ws.root);
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(Math.random() * 700)));
      child.kill('SIGKILL');
      await done;
      const now = await state();
      const converged = workspace(1500, edit);
      expect(sync(converged).code).toBe(0);
      const after = await state();
      expect([before, after]).toContainEqual(now);
      before = after;
    }
  }, 180_000);

  it('rolls back and releases its locks on Ctrl-C in the middle of a write (exit 130)', async () => {
    const base = workspace(3000);
    expect(sync(base).code).toBe(0);
    const before = await state();
    const ws = workspace(3000, Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`DEC-${String(i + 1).padStart(3, '0')}`, 'interrupted edit'])));
    const { child, done } = startCli(['--db-only', '--execute', '--database-url', url()], ws.root);
    // Interrupt once the run holds its leases (it is past start-up and has its signal handlers), however busy the
    // machine: a fixed delay could land before the handlers exist, where Ctrl-C simply ends the process.
    const lease = path.join(ws.root, '.autonomous_runs', '.locks', 'docs.lock');
    for (let waited = 0; !fs.existsSync(lease) && waited < 30_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGINT');
    const result = await done;
    const after = await state();
    if (result.code === 130) expect(after).toEqual(before);
    else expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(ws.root, '.autonomous_runs', '.locks'))).toEqual([]);
  });

  it('exits 3 within the deadline when the server stops answering mid-sync, and writes nothing', async () => {
    const ws = workspace(30);
    expect(sync(ws).code).toBe(0);
    const before = await state();
    const pgUrl = new URL(PG_TEST_URL);
    const proxy = freezingProxy(pgUrl.hostname, Number(pgUrl.port || 5432), 'INSERT INTO');
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (proxy.address() as net.AddressInfo).port;
      const viaProxy = new URL(PG_TEST_URL);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(port);
      ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(31));
      const started = Date.now();
      const run = runCli(['--db-only', '--execute', '--database-url', url(viaProxy.toString()), '--max-seconds', '3'], ws.root);
      expect(run.code).toBe(3);
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      proxy.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await state()).toEqual(before);
  });

  it('--verify reports drift without writing and ignores other projects', async () => {
    const ws = workspace(20);
    sync(ws);
    sync(ws, '--project-id', 'other');
    expect(runCli(['--db-only', '--verify', '--database-url', url()], ws.root).code).toBe(0);
    await pg.admin.query(`UPDATE "${pg.schema}".sot_entries SET content_hash = 'tampered' WHERE entry_id = 'DEC-003' AND project_id = 'autopack'`);
    await pg.admin.query(`DELETE FROM "${pg.schema}".sot_entries WHERE entry_id = 'DEC-004' AND project_id = 'autopack'`);
    const before = await state();
    const drift = runCli(['--db-only', '--verify', '--database-url', url(), '--json'], ws.root);
    expect(drift.code).toBe(1);
    const report = JSON.parse(drift.stdout) as { drift: { db: { missing: string[]; changed: string[]; stale: string[] } } };
    expect(report.drift.db).toEqual({ missing: ['architecture/DEC-004'], changed: ['architecture/DEC-003'], stale: [] });
    expect(await state()).toEqual(before);
    expect(await state('other')).toHaveLength(20);
  });
});

/** A TCP proxy to PostgreSQL that stops forwarding (without closing) once the client sends `marker`. */
function freezingProxy(host: string, port: number, marker: string): net.Server {
  return net.createServer((client) => {
    const upstream = net.connect(port, host);
    let frozen = false;
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes(marker)) frozen = true;
      if (!frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!frozen) client.write(chunk);
    });
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
}
