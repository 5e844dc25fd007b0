// The SQLite sync end to end through the engine: idempotency, pruning and its guards, rollback, adoption.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { normalizeOptions } from '../../src/config/normalize-options';
import { Deadline } from '../../src/runtime/deadline';
import { runSync } from '../../src/sync/run-sync';
import type { SyncReport } from '../../src/sync/sync-report';
import { startCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
const dbFile = (): string => path.join(ws.root, 'index.db');
const fileHash = (): string => createHash('sha256').update(fs.readFileSync(dbFile())).digest('hex');

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

function rows(project = 'autopack'): { entry_id: string; content_hash: string; updated_at: string }[] {
  // Not read-only: after a SIGKILL mid-write the rollback journal is hot, and only a connection that may write can
  // roll it back (which is what any next reader or writer does first).
  const db = new Database(dbFile());
  try {
    return db.prepare('SELECT entry_id, content_hash, updated_at FROM sot_entries WHERE project_id = ? ORDER BY entry_id').all(project) as never[];
  } finally {
    db.close();
  }
}

function exec(sql: string): void {
  const db = new Database(dbFile());
  db.exec(sql);
  db.close();
}

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(40) });
});
afterEach(() => ws.cleanup());

describe('SQLite sync', () => {
  it('inserts every entry, then a second run writes nothing at all', async () => {
    const first = await sync();
    expect(first.exitCode).toBe(0);
    expect(first.db).toEqual({ inserted: 40, updated: 0, deleted: 0, unchanged: 0 });
    expect(rows()).toHaveLength(40);
    const before = fileHash();
    const second = await sync();
    expect(second.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 40 });
    expect(fileHash()).toBe(before);
  });

  it('indexes a new table once per purpose: the unique key, and the covering (key, hash) index', async () => {
    await sync();
    const db = new Database(dbFile(), { readonly: true });
    try {
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sot_entries' ORDER BY name").all();
      expect(indexes).toEqual([{ name: 'idx_sot_entries_key_hash' }, { name: 'sqlite_autoindex_sot_entries_1' }]);
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT file_type, entry_id, content_hash FROM sot_entries WHERE project_id = ?').all('autopack');
      expect(JSON.stringify(plan)).toContain('COVERING INDEX idx_sot_entries_key_hash');
    } finally {
      db.close();
    }
  });

  it('creates the database file relative to the workspace root, never the working directory', async () => {
    const cwd = process.cwd();
    fs.mkdirSync(path.join(ws.root, 'sub'));
    process.chdir(path.join(ws.root, 'sub'));
    try {
      await sync();
    } finally {
      process.chdir(cwd);
    }
    expect(fs.existsSync(dbFile())).toBe(true);
    expect(fs.existsSync(path.join(ws.root, 'sub', 'index.db'))).toBe(false);
  });

  it('updates only the edited entry and deletes an entry that left the ledger', async () => {
    await sync();
    const before = rows();
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(40, { 'DEC-007': 'We changed our mind.' }).replace(/### DEC-040[\s\S]*?(?=### DEC-039)/, ''));
    const report = await sync();
    expect(report.db).toEqual({ inserted: 0, updated: 1, deleted: 1, unchanged: 38 });
    const after = rows();
    expect(after.map((r) => r.entry_id)).not.toContain('DEC-040');
    const changed = after.filter((r) => before.find((b) => b.entry_id === r.entry_id)?.content_hash !== r.content_hash);
    expect(changed.map((r) => r.entry_id)).toEqual(['DEC-007']);
  });

  it('refuses to empty the table when a ledger goes missing, and writes nothing', async () => {
    await sync();
    const before = fileHash();
    ws.remove('docs/ARCHITECTURE_DECISIONS.md');
    const report = await sync();
    expect(report.exitCode).toBe(1);
    expect(report.refusals).toEqual([expect.objectContaining({ rule: 'empty-ledger' })]);
    expect(fileHash()).toBe(before);
    const allowed = await sync({ allowMassDelete: true });
    expect(allowed.db?.deleted).toBe(40);
  });

  it('refuses a mass delete but keeps rows with --no-prune', async () => {
    await sync();
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(30));
    expect((await sync()).refusals).toEqual([expect.objectContaining({ rule: 'mass-delete' })]);
    expect(rows()).toHaveLength(40);
    const kept = await sync({ prune: false });
    expect(kept.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 30 });
    expect(rows()).toHaveLength(40);
  });

  it('keeps stale rows of a ledger read with errors, still writing what it could read', async () => {
    await sync();
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(40, { 'DEC-002': 'Edited.\n\n```\nnever closed\n\n### DEC-001 | 2026-01-01 | Hidden' }));
    const report = await sync();
    expect(report.exitCode).toBe(1);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ rule: 'unclosed-fence', severity: 'error' }));
    expect(report.db).toMatchObject({ updated: 1, deleted: 0 });
    expect(rows().map((r) => r.entry_id)).toContain('DEC-001');
  });

  it('rolls everything back when the store fails in the middle of a write', async () => {
    await sync();
    exec("CREATE TRIGGER fail_mid_sync BEFORE UPDATE ON sot_entries WHEN NEW.entry_id = 'DEC-030' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    const before = rows();
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(40, { 'DEC-002': 'a', 'DEC-030': 'b', 'DEC-039': 'c' }));
    const outcome = await sync().then(
      (report) => `resolved: exit ${report.exitCode}, ${report.error ?? 'no error'}`,
      (error: Error) => error.message,
    );
    expect(outcome).toContain('disk on fire');
    expect(rows()).toEqual(before);
  });

  it('leaves rows of other projects untouched', async () => {
    await sync();
    await sync({ projectId: 'other' });
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(38));
    const report = await sync();
    expect(report.db?.deleted).toBe(2);
    expect(rows('other')).toHaveLength(40);
  });

  it('adopts a table created by the original tool as it is', async () => {
    exec(`CREATE TABLE sot_entries (id INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL, file_type TEXT NOT NULL,
      entry_id TEXT NOT NULL, title TEXT, content TEXT, metadata TEXT, created_at TEXT, updated_at TEXT, content_hash TEXT,
      UNIQUE(project_id, file_type, entry_id));
      INSERT INTO sot_entries (project_id, file_type, entry_id, title, content, metadata, created_at, updated_at, content_hash)
      VALUES ('autopack', 'architecture', 'DEC-001', 't', 'c', '{}', '2026-01-01', '2026-01-01', 'oldhash');`);
    const report = await sync();
    expect(report.db).toEqual({ inserted: 39, updated: 1, deleted: 0, unchanged: 0 });
    expect((await sync()).db?.unchanged).toBe(40);
  });

  it('refuses a database written by a newer schema version without touching it', async () => {
    await sync();
    exec("UPDATE sot_sync_meta SET value = '99' WHERE key = 'schema_version'");
    const before = fileHash();
    const report = await sync();
    expect(report.exitCode).toBe(2);
    expect(report.error).toMatch(/schema version 99/);
    expect(fileHash()).toBe(before);
  });

  it('waits for another writer, then exits 3 at the deadline with nothing written', async () => {
    await sync();
    const holder = new Database(dbFile());
    holder.exec('BEGIN IMMEDIATE');
    try {
      ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(41));
      const started = Date.now();
      const report = await sync({ maxSeconds: 1 });
      expect(report.exitCode).toBe(3);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(rows()).toHaveLength(40);
  });

  it('leaves the database exactly before or after when the process is killed with SIGKILL, then converges', async () => {
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3000));
    await sync();
    let before = rows().map((r) => `${r.entry_id}=${r.content_hash}`);
    for (let trial = 0; trial < 10; trial++) {
      const edit = Object.fromEntries(
        Array.from({ length: 600 }, (_, i) => [`DEC-${String(((i * 5 + trial * 17) % 3000) + 1).padStart(3, '0')}`, `edit ${trial}`]),
      );
      ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3000, edit));
      const { child, done } = startCli(['--db-only', '--execute', '--database-url', 'sqlite:///index.db'], ws.root);
      await new Promise((resolve) => setTimeout(resolve, 80 + Math.floor(Math.random() * 400)));
      child.kill('SIGKILL');
      await done;
      // A killed run leaves its leases; they block for ttl + grace (3 min). Their expiry is not what this tests.
      fs.rmSync(path.join(ws.root, '.autonomous_runs'), { recursive: true, force: true });
      const now = rows().map((r) => `${r.entry_id}=${r.content_hash}`);
      await sync();
      const after = rows().map((r) => `${r.entry_id}=${r.content_hash}`);
      expect([before, after]).toContainEqual(now);
      before = after;
    }
  }, 120_000);
});
