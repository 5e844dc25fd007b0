// Naive baseline, SQLite: for every entry, SELECT its hash, then INSERT or UPDATE it. Same table, same driver.
import Database from 'better-sqlite3';
import type { LedgerEntry } from '../src/ledger/types';
import type { SqliteHandle } from '../src/targets/sqlite/sqlite-handle';
import { ensureSchema, readSchemaVersion } from '../src/targets/sqlite/sqlite-schema';
import { INSERT_ENTRY_SQL, UPDATE_ENTRY_SQL } from '../src/targets/sqlite/sqlite-target';
import { PROJECT_ID, type NaiveCounts, type NaiveTarget } from './naive-types';

export function naiveSqlite(entries: LedgerEntry[], target: NaiveTarget): Promise<NaiveCounts> {
  const db = new Database(target.url) as unknown as SqliteHandle;
  try {
    ensureSchema(db, readSchemaVersion(db, target.url));
    const select = db.prepare('SELECT content_hash FROM sot_entries WHERE project_id = ? AND file_type = ? AND entry_id = ?');
    // The same statements as the real target: only the per-row SELECT and the row-at-a-time loop differ.
    const insert = db.prepare(INSERT_ENTRY_SQL);
    const update = db.prepare(UPDATE_ENTRY_SQL);
    const counts: NaiveCounts = { inserted: 0, updated: 0, unchanged: 0, embedCalls: 0, upserts: 0 };
    const now = new Date().toISOString();
    if (!target.commitPerRow) db.exec('BEGIN');
    for (const e of entries) {
      const row = select.get(PROJECT_ID, e.fileType, e.entryId) as { content_hash: string } | undefined;
      const metadata = JSON.stringify(e.metadata);
      if (!row) insert.run(PROJECT_ID, e.fileType, e.entryId, e.title, e.content, metadata, e.createdAt, now, e.contentHash);
      else if (row.content_hash !== e.contentHash) update.run(e.title, e.content, metadata, e.createdAt, now, e.contentHash, PROJECT_ID, e.fileType, e.entryId);
      counts[!row ? 'inserted' : row.content_hash !== e.contentHash ? 'updated' : 'unchanged']++;
    }
    if (!target.commitPerRow) db.exec('COMMIT');
    return Promise.resolve(counts);
  } finally {
    db.close();
  }
}
