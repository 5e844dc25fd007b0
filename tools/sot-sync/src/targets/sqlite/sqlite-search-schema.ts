// The SQLite full-text index of `sot_entries` (schema version 2): an external-content FTS5 table kept in step by
// triggers, so every write of a row (ours, the old tool's, a hand-made UPDATE) updates it in the same transaction.
import type { SqliteHandle } from './sqlite-handle';

export const FTS_TABLE = 'sot_entries_fts';
/** The FTS table's content: the rows' title and content, and the id tokens (a view, so `rebuild` can read them). */
export const FTS_SOURCE = 'sot_entries_fts_source';

/**
 * The id tokens of an entry id, in SQL built from core functions only (any client's triggers can compute them):
 * `DEC-012` -> `dec12 12`, `BUILD-153.1` -> `build153d1 153d1`. The tokenizer splits `DEC-012` in content into
 * `dec` and `012`; these forms let a query for `DEC-012`, `DEC-12`, `012`, `12` or `153.1` find the entry by its id
 * (see engine/search-terms.ts, which turns a query into the same forms).
 */
export function idTokensSql(column: string): string {
  const number = `ltrim(replace(substr(${column}, instr(${column}, '-') + 1), '.', 'd'), '0')`;
  return `lower(substr(${column}, 1, instr(${column}, '-') - 1)) || ${number} || ' ' || ${number}`;
}

const ROW_VALUES = (row: 'new' | 'old'): string => `${row}.id, ${row}.title, ${row}.content, ${idTokensSql(`${row}.entry_id`)}`;

/**
 * Title, content and id tokens; ranked with bm25() and per-column weights (search-sqlite.ts). Porter stemming over
 * unicode61 (`locks` finds `lock`), diacritics folded.
 */
export const SEARCH_INDEX_STATEMENTS = [
  `CREATE VIEW IF NOT EXISTS ${FTS_SOURCE} AS SELECT id, title, content, ${idTokensSql('entry_id')} AS ids FROM sot_entries`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS_TABLE} USING fts5(title, content, ids,
    content='${FTS_SOURCE}', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER IF NOT EXISTS ${FTS_TABLE}_insert AFTER INSERT ON sot_entries BEGIN
    INSERT INTO ${FTS_TABLE} (rowid, title, content, ids) VALUES (${ROW_VALUES('new')});
  END`,
  `CREATE TRIGGER IF NOT EXISTS ${FTS_TABLE}_delete AFTER DELETE ON sot_entries BEGIN
    INSERT INTO ${FTS_TABLE} (${FTS_TABLE}, rowid, title, content, ids) VALUES ('delete', ${ROW_VALUES('old')});
  END`,
  // Only when an indexed column is set: a write of other columns (updated_at, metadata) leaves the index alone.
  `CREATE TRIGGER IF NOT EXISTS ${FTS_TABLE}_update AFTER UPDATE OF title, content, entry_id ON sot_entries BEGIN
    INSERT INTO ${FTS_TABLE} (${FTS_TABLE}, rowid, title, content, ids) VALUES ('delete', ${ROW_VALUES('old')});
    INSERT INTO ${FTS_TABLE} (rowid, title, content, ids) VALUES (${ROW_VALUES('new')});
  END`,
];

/**
 * Runs `write` with the index's row triggers off, then builds the index again from the rows and puts the triggers
 * back, all inside the caller's transaction (a rollback restores the triggers with everything else). For a write
 * that touches much of the table (a first sync), one rebuild costs far less than a trigger per row: 50,000 rows took
 * 2.7 s with the triggers and 1.1 s with the rebuild here.
 */
export function withBulkIndexing(db: SqliteHandle, write: () => void): void {
  for (const name of ROW_TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
  write();
  rebuildSearchIndex(db);
  for (const statement of SEARCH_INDEX_STATEMENTS.filter((sql) => sql.startsWith('CREATE TRIGGER'))) db.exec(statement);
}

const ROW_TRIGGERS = ['insert', 'delete', 'update'].map((event) => `${FTS_TABLE}_${event}`);

/** Builds the index from the rows already there (once, when a database is migrated to version 2, or on --rebuild). */
export function rebuildSearchIndex(db: SqliteHandle): void {
  db.prepare(`INSERT INTO ${FTS_TABLE} (${FTS_TABLE}) VALUES ('rebuild')`).run();
}

/**
 * What `--verify` reports about the index: rows of the project it does not hold (`file_type/entry_id`), then one
 * line when its contents disagree with the rows (FTS5's own integrity check against its content). Reads only.
 */
export function readSearchIndexDrift(db: SqliteHandle, projectId: string): string[] {
  if (!hasSearchIndex(db)) return [`${FTS_TABLE} (search index) is not built yet: the next sot-sync --db-only --execute builds it`];
  const missing = db
    .prepare(
      `SELECT e.file_type AS fileType, e.entry_id AS entryId FROM sot_entries e
      WHERE e.project_id = ? AND NOT EXISTS (SELECT 1 FROM ${FTS_TABLE}_docsize d WHERE d.id = e.id) ORDER BY e.file_type, e.entry_id`,
    )
    .all(projectId) as { fileType: string; entryId: string }[];
  const drift = missing.map((row) => `${row.fileType}/${row.entryId} (missing from ${FTS_TABLE})`);
  if (drift.length === 0 && !searchIndexIntact(db))
    drift.push(`${FTS_TABLE} (search index) disagrees with sot_entries: rebuild it with sot-sync --db-only --execute --rebuild`);
  return drift;
}

function searchIndexIntact(db: SqliteHandle): boolean {
  try {
    // rank 1: also compare the index with its content (the rows), not only its own structure.
    db.prepare(`INSERT INTO ${FTS_TABLE} (${FTS_TABLE}, rank) VALUES ('integrity-check', 1)`).run();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_CORRUPT_VTAB') return false;
    throw error;
  }
}

export function hasSearchIndex(db: SqliteHandle): boolean {
  return db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?").get(FTS_TABLE) !== undefined;
}
