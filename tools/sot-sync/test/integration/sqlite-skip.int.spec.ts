// Skipping unchanged ledgers (SQLite): a ledger whose bytes the table last synced, and which the table provably still
// holds, is not parsed; every change to the ledger or to the table is still found, exactly as a full parse finds it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { normalizeOptions } from '../../src/config/normalize-options';
import { Deadline } from '../../src/runtime/deadline';
import { runSync } from '../../src/sync/run-sync';
import type { SyncReport } from '../../src/sync/sync-report';
import { SqliteTarget } from '../../src/targets/sqlite/sqlite-target';
import { SkipInvalidatedError } from '../../src/targets/target';
import { runCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
const dbFile = (): string => path.join(ws.root, 'index.db');
const fileHash = (): string => createHash('sha256').update(fs.readFileSync(dbFile())).digest('hex');
const ledger = 'docs/ARCHITECTURE_DECISIONS.md';

async function sync(given: Record<string, unknown> = {}): Promise<SyncReport> {
  const options = normalizeOptions({
    given: { mode: 'db-only', execute: true, databaseUrl: 'sqlite:///index.db', ...given },
    config: undefined,
    env: {},
    root: ws.root,
  });
  const deadline = new Deadline(options.maxSeconds);
  try {
    return await runSync(options, { deadline, now: () => new Date('2026-11-24T12:00:00Z') });
  } finally {
    deadline.dispose();
  }
}

function exec(sql: string): void {
  const db = new Database(dbFile());
  db.exec(sql);
  db.close();
}

const skipped = (report: SyncReport): boolean => report.ledgers.find((l) => l.file === ledger)?.skipped === true;

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(40) });
});
afterEach(() => ws.cleanup());

describe('skipping unchanged ledgers (SQLite)', () => {
  it('does not parse an unchanged ledger, reports exact counts and leaves the file byte-identical', async () => {
    const first = await sync();
    expect(first.db).toEqual({ inserted: 40, updated: 0, deleted: 0, unchanged: 0 });
    expect(skipped(first)).toBe(false);
    const before = fileHash();
    const second = await sync();
    expect(second.exitCode).toBe(0);
    expect(skipped(second)).toBe(true);
    expect(second.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });
    expect(second.ledgers.find((l) => l.file === ledger)).toMatchObject({ entries: 40, state: 'ok' });
    expect(fileHash()).toBe(before);
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

  it('finds a wiped table, a row edited by hand and a row deleted by hand', async () => {
    await sync();
    exec('DELETE FROM sot_entries');
    const wiped = await sync();
    expect(skipped(wiped)).toBe(false);
    expect(wiped.db).toEqual({ inserted: 40, updated: 0, deleted: 0, unchanged: 0 });

    exec("UPDATE sot_entries SET content = 'tampered' WHERE entry_id = 'DEC-005'");
    const contentOnly = await sync();
    // A full parse compares hashes only: a changed content with its hash intact is not rewritten, but not trusted
    // either, so the ledger is parsed.
    expect(skipped(contentOnly)).toBe(false);
    expect(contentOnly.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });

    exec("UPDATE sot_entries SET content_hash = 'tampered' WHERE entry_id = 'DEC-006'");
    const hashed = await sync();
    expect(skipped(hashed)).toBe(false);
    expect(hashed.db).toEqual({ inserted: 0, updated: 1, deleted: 0, unchanged: 39 });

    exec("DELETE FROM sot_entries WHERE entry_id = 'DEC-007'");
    const deleted = await sync();
    expect(deleted.db).toEqual({ inserted: 1, updated: 0, deleted: 0, unchanged: 39 });
    expect(skipped(await sync())).toBe(true);
  });

  it('does not trust a record alone: with its triggers dropped, a deleted row still shows in the row count', async () => {
    await sync();
    exec("DROP TRIGGER sot_ledger_state_delete; DELETE FROM sot_entries WHERE entry_id = 'DEC-008'");
    const report = await sync();
    expect(skipped(report)).toBe(false);
    expect(report.db).toEqual({ inserted: 1, updated: 0, deleted: 0, unchanged: 39 });
  });

  it('finds a replaced database file: an older copy, and a file without the table', async () => {
    await sync();
    const older = fs.readFileSync(dbFile());
    ws.write(ledger, decisionsLedger(40, { 'DEC-010': 'Changed.' }));
    expect((await sync()).db).toEqual({ inserted: 0, updated: 1, deleted: 0, unchanged: 39 });
    fs.writeFileSync(dbFile(), older);
    const restored = await sync();
    expect(skipped(restored)).toBe(false);
    expect(restored.db).toEqual({ inserted: 0, updated: 1, deleted: 0, unchanged: 39 });

    fs.rmSync(dbFile());
    exec('CREATE TABLE unrelated (x)');
    const fresh = await sync();
    expect(skipped(fresh)).toBe(false);
    expect(fresh.db).toEqual({ inserted: 40, updated: 0, deleted: 0, unchanged: 0 });
  });

  it('keeps the guards: a ledger emptied of entries is refused, whatever its record says', async () => {
    await sync();
    ws.write(ledger, '# Architecture Decisions\n');
    const refused = await sync();
    expect(refused.exitCode).toBe(1);
    expect(refused.refusals.map((r) => r.rule)).toEqual(['empty-ledger']);
  });

  it('--verify and --rebuild always parse every ledger, and --verify finds a hand edit', async () => {
    await sync();
    const verify = await sync({ execute: false, verify: true });
    expect(skipped(verify)).toBe(false);
    expect(verify.exitCode).toBe(0);
    exec("UPDATE sot_entries SET content_hash = 'tampered' WHERE entry_id = 'DEC-003'");
    expect((await sync({ execute: false, verify: true })).drift.db?.changed).toEqual(['architecture/DEC-003']);
    expect(skipped(await sync({ rebuild: true }))).toBe(false);
  });

  it('skips a ledger with warnings and reports its warnings exactly as its parse did (--strict too)', async () => {
    ws.write(ledger, `${decisionsLedger(40)}\n### DEC-040 | 2026-01-13 | Decision number 40\n\nMore of it.\n`);
    const first = await sync();
    expect(first.diagnostics.length).toBeGreaterThan(0);
    expect(first.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    const second = await sync();
    expect(skipped(second)).toBe(true);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(second.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: first.db?.inserted });
    const strict = await sync({ strict: true });
    expect(skipped(strict)).toBe(true);
    expect(strict.exitCode).toBe(1);
  });

  it('writes no record for a ledger that kept stale rows (--no-prune), so it is parsed every time', async () => {
    await sync();
    ws.write(ledger, decisionsLedger(39));
    const kept = await sync({ prune: false });
    expect(kept.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 39 });
    const next = await sync({ prune: false });
    expect(skipped(next)).toBe(false);
    expect(next.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 39 });
  });

  it('a record that changed between the proof and the transaction sends the run back to a full parse', async () => {
    await sync();
    const target = new SqliteTarget(dbFile(), 'test');
    const deadline = new Deadline(30);
    const ctx = { deadline, now: '2026-11-24T12:00:00Z' };
    try {
      await target.open(ctx);
      const stale = { fileType: 'architecture', ledgerKey: 'not-the-recorded-key', rowCount: 40, diagnostics: [] };
      await expect(
        target.sync(
          'autopack',
          () => {
            throw new Error('must not plan');
          },
          ctx,
          { skipped: [stale], records: () => [] },
        ),
      ).rejects.toBeInstanceOf(SkipInvalidatedError);
    } finally {
      await target.close();
      deadline.dispose();
    }
  });

  it('through the CLI: the second run says the ledger was not parsed and counts its entries as unchanged', () => {
    const args = ['--db-only', '--execute', '--database-url', 'sqlite:///index.db', '--no-timing'];
    expect(runCli(args, ws.root).stdout).toMatch(/db: 40 inserted/);
    const second = runCli(args, ws.root);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/parsed 40 entries from 3 ledgers \[.*docs\/ARCHITECTURE_DECISIONS\.md 40 \(unchanged since the last sync, not parsed\)/);
    expect(second.stdout).toMatch(/db: 0 inserted, 0 updated, 0 deleted, 40 unchanged/);
  });
});
