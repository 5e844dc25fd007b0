// The per-ledger records of SQLite (schema version 3): what each sync last wrote per ledger, and triggers that drop a
// record as soon as the rows of its file type change outside a sync. Reads and writes in the caller's transaction.
import type { LedgerProof, LedgerRecord } from '../../engine/plan-ledger-skips';
import type { Diagnostic } from '../../ledger/types';
import type { SqliteHandle } from './sqlite-handle';
import { hasTable } from './sqlite-schema';

export const LEDGER_STATE_TABLE = 'sot_ledger_state';

const dropRecord = (row: 'new' | 'old'): string => `DELETE FROM ${LEDGER_STATE_TABLE} WHERE project_id = ${row}.project_id AND file_type = ${row}.file_type;`;

/**
 * Any write of a row (a hand-made UPDATE, a DELETE that wipes the table, the old tool) drops the record of its file
 * type in the same transaction, so the next sync parses that ledger again. A sync writes its records after its rows.
 */
export const LEDGER_STATE_STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS ${LEDGER_STATE_TABLE} (
    project_id TEXT NOT NULL,
    file_type TEXT NOT NULL,
    ledger_hash TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    diagnostics TEXT NOT NULL,
    synced_at TEXT NOT NULL,
    PRIMARY KEY (project_id, file_type)
  )`,
  `CREATE TRIGGER IF NOT EXISTS ${LEDGER_STATE_TABLE}_insert AFTER INSERT ON sot_entries BEGIN ${dropRecord('new')} END`,
  `CREATE TRIGGER IF NOT EXISTS ${LEDGER_STATE_TABLE}_delete AFTER DELETE ON sot_entries BEGIN ${dropRecord('old')} END`,
  `CREATE TRIGGER IF NOT EXISTS ${LEDGER_STATE_TABLE}_update AFTER UPDATE ON sot_entries BEGIN ${dropRecord('old')} ${dropRecord('new')} END`,
];

/** The records of the project and its row count per file type: two small reads (the count walks the covering index). */
export function readLedgerProof(db: SqliteHandle, projectId: string): LedgerProof {
  if (!hasTable(db, 'sot_entries') || !hasTable(db, LEDGER_STATE_TABLE)) return { records: [], rowCounts: {} };
  const rowCounts: Record<string, number> = {};
  const counts = db.prepare('SELECT file_type AS fileType, count(*) AS n FROM sot_entries WHERE project_id = ? GROUP BY file_type').all(projectId) as {
    fileType: string;
    n: number;
  }[];
  for (const { fileType, n } of counts) rowCounts[fileType] = n;
  return { records: readRecords(db, projectId), rowCounts };
}

function readRecords(db: SqliteHandle, projectId: string): LedgerRecord[] {
  const rows = db
    .prepare(`SELECT file_type AS fileType, ledger_hash AS ledgerKey, row_count AS rowCount, diagnostics FROM ${LEDGER_STATE_TABLE} WHERE project_id = ?`)
    .all(projectId) as (Omit<LedgerRecord, 'diagnostics'> & { diagnostics: string })[];
  const records: LedgerRecord[] = [];
  for (const row of rows) {
    const diagnostics = parseDiagnostics(row.diagnostics);
    if (diagnostics) records.push({ ...row, diagnostics });
  }
  return records;
}

/** Stored diagnostics that do not read as a list leave their record out: that ledger is parsed. */
function parseDiagnostics(text: string): Diagnostic[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as Diagnostic[]) : null;
  } catch {
    return null;
  }
}

/** Writes the records that differ from those stored (after the rows, whose triggers may have dropped some). */
export function writeLedgerRecords(db: SqliteHandle, projectId: string, records: readonly LedgerRecord[], now: string): number {
  if (records.length === 0 || !hasTable(db, LEDGER_STATE_TABLE)) return 0;
  const stored = new Map(readRecords(db, projectId).map((r) => [r.fileType, r]));
  const upsert = db.prepare(`INSERT INTO ${LEDGER_STATE_TABLE} (project_id, file_type, ledger_hash, row_count, diagnostics, synced_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (project_id, file_type) DO UPDATE SET ledger_hash = excluded.ledger_hash, row_count = excluded.row_count,
      diagnostics = excluded.diagnostics, synced_at = excluded.synced_at`);
  let written = 0;
  for (const record of records) {
    const old = stored.get(record.fileType);
    if (old && old.ledgerKey === record.ledgerKey && old.rowCount === record.rowCount) continue;
    upsert.run(projectId, record.fileType, record.ledgerKey, record.rowCount, JSON.stringify(record.diagnostics), now);
    written++;
  }
  return written;
}
