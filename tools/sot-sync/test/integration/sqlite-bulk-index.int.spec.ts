// A write that touches much of the SQLite table (a first sync) rebuilds the full-text index once instead of running
// its row triggers: the index ends exactly as the triggers would leave it, and the triggers are back for later writes.
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { normalizeOptions } from '../../src/config/normalize-options';
import { Deadline } from '../../src/runtime/deadline';
import { runSync } from '../../src/sync/run-sync';
import type { SyncReport } from '../../src/sync/sync-report';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
const dbFile = (): string => path.join(ws.root, 'index.db');

async function sync(databaseUrl = 'sqlite:///index.db'): Promise<SyncReport> {
  const options = normalizeOptions({ given: { mode: 'db-only', execute: true, databaseUrl }, config: undefined, env: {}, root: ws.root });
  const deadline = new Deadline(options.maxSeconds);
  try {
    return await runSync(options, { deadline, takeLocks: async () => async () => undefined });
  } finally {
    deadline.dispose();
  }
}

function read<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** What the index holds, as FTS5 itself lists it: every (term, entry, column, offset) it records, in order. */
function indexTerms(file: string): string {
  return read(file, (db) => {
    db.exec("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, 'sot_entries_fts', 'instance')");
    const rows = db
      .prepare('SELECT t.term, e.entry_id, t.col, t.offset FROM temp.terms t JOIN sot_entries e ON e.id = t.doc ORDER BY t.term, e.entry_id, t.col, t.offset')
      .raw(true)
      .all();
    return JSON.stringify(rows);
  });
}

const triggers = (file: string): string[] =>
  read(file, (db) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sot_entries_fts_%' ORDER BY name").all() as { name: string }[]).map(
      (t) => t.name,
    ),
  );

beforeEach(() => (ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(1500) })));
afterEach(() => ws.cleanup());

describe('bulk indexing of a large SQLite write', () => {
  it('leaves the same index as row-by-row triggers, with the triggers in place and the index intact', async () => {
    expect((await sync()).db?.inserted).toBe(1500);
    // The reference: the same rows written below the bulk threshold, 500 at a time, through the row triggers.
    const reference = path.join(ws.root, 'reference.db');
    for (const count of [500, 1000, 1500]) {
      ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(count));
      await sync('sqlite:///reference.db');
    }
    expect(indexTerms(dbFile())).toBe(indexTerms(reference));
    expect(triggers(dbFile())).toEqual(['sot_entries_fts_delete', 'sot_entries_fts_insert', 'sot_entries_fts_update']);
    // FTS5's own check of the index against the rows (a command, so the connection may not be read-only).
    const db = new Database(dbFile());
    expect(() => db.prepare("INSERT INTO sot_entries_fts (sot_entries_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    db.close();
  });

  it('keeps the index in step through later small writes, which use the triggers again', async () => {
    await sync();
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(1500, { 'DEC-042': 'We chose a zeppelin for the uploads.' }));
    expect((await sync()).db?.updated).toBe(1);
    const hits = read(dbFile(), (db) => db.prepare("SELECT rowid FROM sot_entries_fts WHERE sot_entries_fts MATCH 'zeppelin'").all());
    expect(hits).toHaveLength(1);
    expect((await sync()).db).toEqual(expect.objectContaining({ inserted: 0, updated: 0, deleted: 0 }));
  });
});
