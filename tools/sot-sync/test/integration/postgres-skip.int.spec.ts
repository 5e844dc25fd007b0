// Skipping unchanged ledgers (PostgreSQL): a ledger whose bytes the table last synced, and which the table provably
// still holds, is not parsed; every change to the ledger or to the table is still found, exactly as a full parse finds it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeOptions } from '../../src/config/normalize-options';
import { Deadline } from '../../src/runtime/deadline';
import { runSync } from '../../src/sync/run-sync';
import type { SyncReport } from '../../src/sync/sync-report';
import { PostgresTarget } from '../../src/targets/postgres/postgres-target';
import { SkipInvalidatedError } from '../../src/targets/target';
import { PG_TEST_URL, describePostgres, freshSchema, type TestSchema } from '../support/postgres';
import { runCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
let pg: TestSchema;
const ledger = 'docs/ARCHITECTURE_DECISIONS.md';
const url = (): string => `${PG_TEST_URL}${PG_TEST_URL.includes('?') ? '&' : '?'}schema=${pg.schema}`;

async function sync(given: Record<string, unknown> = {}): Promise<SyncReport> {
  const options = normalizeOptions({ given: { mode: 'db-only', execute: true, databaseUrl: url(), ...given }, config: undefined, env: {}, root: ws.root });
  const deadline = new Deadline(options.maxSeconds);
  try {
    return await runSync(options, { deadline, now: () => new Date('2026-11-24T12:00:00Z') });
  } finally {
    deadline.dispose();
  }
}

const exec = async (sql: string): Promise<void> => void (await pg.admin.query(sql.replace(/\bS\./g, `"${pg.schema}".`)));
const xmins = async (): Promise<string[]> =>
  (await pg.admin.query<{ x: string }>(`SELECT xmin::text || ':' || entry_id AS x FROM "${pg.schema}".sot_entries ORDER BY id`)).rows.map((r) => r.x);
const skipped = (report: SyncReport): boolean => report.ledgers.find((l) => l.file === ledger)?.skipped === true;

describePostgres('skipping unchanged ledgers (PostgreSQL)', () => {
  beforeEach(async () => {
    ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(40) });
    pg = await freshSchema();
  });
  afterEach(async () => {
    await pg.drop();
    ws.cleanup();
  });

  it('does not parse an unchanged ledger, reports exact counts and writes nothing', async () => {
    const first = await sync();
    expect(first.db).toEqual({ inserted: 40, updated: 0, deleted: 0, unchanged: 0 });
    expect(skipped(first)).toBe(false);
    const before = await xmins();
    const meta = await pg.admin.query(`SELECT xmin::text, key FROM "${pg.schema}".sot_sync_meta ORDER BY key`);
    const second = await sync();
    expect(second.exitCode).toBe(0);
    expect(skipped(second)).toBe(true);
    expect(second.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });
    expect(await xmins()).toEqual(before);
    expect((await pg.admin.query(`SELECT xmin::text, key FROM "${pg.schema}".sot_sync_meta ORDER BY key`)).rows).toEqual(meta.rows);
  });

  it('parses a ledger again when one byte of it changes, then skips it once synced', async () => {
    await sync();
    const text = fs.readFileSync(path.join(ws.root, ledger), 'utf8');
    ws.write(ledger, text.replace('We decided thing 7.', 'We decided thing 7!'));
    const edited = await sync();
    expect(skipped(edited)).toBe(false);
    expect(edited.db).toEqual({ inserted: 0, updated: 1, deleted: 0, unchanged: 39 });
    const again = await sync();
    expect(skipped(again)).toBe(true);
    expect(again.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });
  });

  it('still skips a ledger touched without a change (its bytes decide, not its time)', async () => {
    await sync();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(ws.root, ledger), later, later);
    const touched = await sync();
    expect(skipped(touched)).toBe(true);
    expect(touched.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });
  });

  it('finds a wiped table (DELETE and TRUNCATE), a row edited by hand and a row deleted by hand', async () => {
    await sync();
    await exec('DELETE FROM S.sot_entries');
    const wiped = await sync();
    expect(skipped(wiped)).toBe(false);
    expect(wiped.db).toEqual({ inserted: 40, updated: 0, deleted: 0, unchanged: 0 });

    await exec('TRUNCATE S.sot_entries');
    expect((await sync()).db).toEqual({ inserted: 40, updated: 0, deleted: 0, unchanged: 0 });

    await exec("UPDATE S.sot_entries SET content = 'tampered' WHERE entry_id = 'DEC-005'");
    const contentOnly = await sync();
    expect(skipped(contentOnly)).toBe(false);
    expect(contentOnly.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });

    await exec("UPDATE S.sot_entries SET content_hash = 'tampered' WHERE entry_id = 'DEC-006'");
    const hashed = await sync();
    expect(skipped(hashed)).toBe(false);
    expect(hashed.db).toEqual({ inserted: 0, updated: 1, deleted: 0, unchanged: 39 });

    await exec("DELETE FROM S.sot_entries WHERE entry_id = 'DEC-007'");
    expect((await sync()).db).toEqual({ inserted: 1, updated: 0, deleted: 0, unchanged: 39 });
    expect(skipped(await sync())).toBe(true);
  });

  it('does not trust a record alone: with its triggers disabled, a deleted row still shows in the row count', async () => {
    await sync();
    await exec("ALTER TABLE S.sot_entries DISABLE TRIGGER USER; DELETE FROM S.sot_entries WHERE entry_id = 'DEC-008'");
    await exec('ALTER TABLE S.sot_entries ENABLE TRIGGER USER');
    const report = await sync();
    expect(skipped(report)).toBe(false);
    expect(report.db).toEqual({ inserted: 1, updated: 0, deleted: 0, unchanged: 39 });
    expect(skipped(await sync())).toBe(true);
  });

  it('recreates a dropped trigger and forgets every record, so rows written without it are found', async () => {
    await sync();
    await exec("DROP TRIGGER sot_entries_ledger_update ON S.sot_entries; UPDATE S.sot_entries SET content_hash = 'tampered' WHERE entry_id = 'DEC-009'");
    const report = await sync();
    expect(skipped(report)).toBe(false);
    expect(report.db).toEqual({ inserted: 0, updated: 1, deleted: 0, unchanged: 39 });
    expect(skipped(await sync())).toBe(true);
  });

  it('finds a replaced table: another one with the same number of other rows, put in its place', async () => {
    await sync();
    const columns = 'project_id, file_type, entry_id, title, content, metadata, created_at, updated_at';
    await exec(
      `CREATE TABLE S.saved (LIKE S.sot_entries INCLUDING ALL); INSERT INTO S.saved (${columns}, content_hash) SELECT ${columns}, 'old' FROM S.sot_entries`,
    );
    await exec('ALTER TABLE S.sot_entries RENAME TO replaced; ALTER TABLE S.saved RENAME TO sot_entries');
    const restored = await sync();
    expect(skipped(restored)).toBe(false);
    expect(restored.db).toEqual({ inserted: 0, updated: 40, deleted: 0, unchanged: 0 });
  });

  it('migrates a version-2 schema: rows kept, records written, and the next run writes nothing', async () => {
    await sync();
    await exec(`DROP TABLE S.sot_ledger_state; DROP FUNCTION S.sot_entries_drop_ledger_records() CASCADE;
      UPDATE S.sot_sync_meta SET value = '2' WHERE key = 'schema_version'`);
    const before = await xmins();
    const migrated = await sync();
    expect(skipped(migrated)).toBe(false);
    expect(migrated.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });
    expect(await xmins()).toEqual(before);
    expect((await pg.admin.query(`SELECT value FROM "${pg.schema}".sot_sync_meta WHERE key = 'schema_version'`)).rows).toEqual([{ value: '3' }]);
    const next = await sync();
    expect(skipped(next)).toBe(true);
    expect(await xmins()).toEqual(before);
  });

  it('writes no record for a ledger that kept stale rows (--no-prune), so it is parsed every time', async () => {
    await sync();
    ws.write(ledger, decisionsLedger(39));
    expect((await sync({ prune: false })).db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 39 });
    const next = await sync({ prune: false });
    expect(skipped(next)).toBe(false);
    expect(next.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 39 });
  });

  it('a record that changed between the proof and the transaction sends the run back to a full parse', async () => {
    await sync();
    const target = new PostgresTarget({ url: PG_TEST_URL, schema: pg.schema });
    const deadline = new Deadline(30);
    const ctx = { deadline, now: '2026-11-24T12:00:00Z' };
    try {
      await target.open(ctx);
      const stale = { fileType: 'architecture', ledgerKey: 'not-the-recorded-key', rowCount: 40, diagnostics: [] };
      const build = (): never => {
        throw new Error('must not plan');
      };
      await expect(target.sync('autopack', build, ctx, { skipped: [stale], records: () => [] })).rejects.toBeInstanceOf(SkipInvalidatedError);
    } finally {
      await target.close();
      deadline.dispose();
    }
  });

  it('through the CLI: the second run says the ledger was not parsed and counts its entries as unchanged', () => {
    const args = ['--db-only', '--execute', '--database-url', url(), '--no-timing'];
    expect(runCli(args, ws.root).stdout).toMatch(/db: 40 inserted/);
    const second = runCli(args, ws.root);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/docs\/ARCHITECTURE_DECISIONS\.md 40 \(unchanged since the last sync, not parsed\)/);
    expect(second.stdout).toMatch(/db: 0 inserted, 0 updated, 0 deleted, 40 unchanged/);
  });
});
