// The SQLite schema of `sot_entries` and the meta table, and the check that a database is one we understand.
import { SotSyncError, ExitCode } from '../../errors';
import type { SqliteHandle } from './sqlite-handle';
import { LEDGER_STATE_STATEMENTS, LEDGER_STATE_TABLE } from './sqlite-ledger-state';
import { hasSearchIndex, rebuildSearchIndex, SEARCH_INDEX_STATEMENTS } from './sqlite-search-schema';

/**
 * The schema version this tool writes; a database recording a newer one is refused, never altered.
 * 1: `sot_entries`, its covering (key, hash) index and `sot_sync_meta`. 2: the full-text index (issue 12).
 * 3: `sot_ledger_state`, the per-ledger records that let a sync skip unchanged ledgers, and its triggers.
 */
export const SQLITE_SCHEMA_VERSION = 3;

// Same columns as the table the original tool created, so its databases are adopted as they are.
const CREATE_STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS sot_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id TEXT NOT NULL,
    file_type TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    title TEXT,
    content TEXT,
    metadata TEXT,
    created_at TEXT,
    updated_at TEXT,
    content_hash TEXT,
    UNIQUE(project_id, file_type, entry_id)
  )`,
  // No separate lookup index on (project_id, file_type, entry_id), as the original tool made: the UNIQUE constraint's
  // index is that index already, and every insert would maintain it twice. A database that has one keeps it.
  // Covering index: the (key, hash) read that plans every sync never touches the table itself.
  'CREATE INDEX IF NOT EXISTS idx_sot_entries_key_hash ON sot_entries(project_id, file_type, entry_id, content_hash)',
  'CREATE TABLE IF NOT EXISTS sot_sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
];

export function hasTable(db: SqliteHandle, name: string): boolean {
  return db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Refuses a database written by a newer sot-sync; returns the recorded version (0 when none). */
export function readSchemaVersion(db: SqliteHandle, label: string): number {
  if (!hasTable(db, 'sot_sync_meta')) return 0;
  const row = db.prepare("SELECT value FROM sot_sync_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const version = row ? Number(row.value) : 0;
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new SotSyncError(
      `${label} has sot-sync schema version ${version}, newer than this tool understands (${SQLITE_SCHEMA_VERSION}); upgrade sot-sync instead of letting an older one write to it`,
      ExitCode.connection,
    );
  }
  return version;
}

/** True when a table exists but lacks what this version adds: the sync then migrates it even with nothing to write. */
export function needsMigration(db: SqliteHandle, version: number): boolean {
  return hasTable(db, 'sot_entries') && (version < SQLITE_SCHEMA_VERSION || !hasSearchIndex(db) || !hasTable(db, LEDGER_STATE_TABLE));
}

/**
 * Creates what is missing (inside the caller's transaction); writes nothing when all of it exists. A database of
 * version 1 (or a table the old tool made) gets the full-text index, built once from the rows it already holds.
 */
export function ensureSchema(db: SqliteHandle, version: number): void {
  if (version === SQLITE_SCHEMA_VERSION && hasTable(db, 'sot_entries') && hasSearchIndex(db) && hasTable(db, LEDGER_STATE_TABLE)) return;
  const hadSearchIndex = hasSearchIndex(db);
  for (const statement of [...CREATE_STATEMENTS, ...SEARCH_INDEX_STATEMENTS, ...LEDGER_STATE_STATEMENTS]) db.prepare(statement).run();
  if (!hadSearchIndex) rebuildSearchIndex(db);
  db.prepare("INSERT INTO sot_sync_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    String(SQLITE_SCHEMA_VERSION),
  );
}
