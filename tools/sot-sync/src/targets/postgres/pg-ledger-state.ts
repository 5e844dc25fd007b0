// The per-ledger records of PostgreSQL (schema version 3): what each sync last wrote per ledger, and statement-level
// triggers that drop a record as soon as the rows of its file type change outside a sync. Runs on the caller's session.
import type { Deadline } from '../../runtime/deadline';
import type { LedgerProof, LedgerRecord } from '../../engine/plan-ledger-skips';
import type { Diagnostic } from '../../ledger/types';
import type { PgSession } from './pg-session';
import { quoteIdent, type SchemaNames } from './schema-sql';

/** The (project_id, file_type) pairs a statement touched, from the transition tables its trigger was given. */
const touched = (tables: string[]): string => tables.map((t) => `SELECT project_id, file_type FROM ${t}`).join(' UNION ');

/**
 * One function for all four triggers: plpgsql plans each branch on first use, so only its own transition tables are
 * read. SECURITY DEFINER: a role that may write the entries table but not the records (the old tool's) keeps working.
 */
function dropRecordsFunction(names: SchemaNames): string {
  const drop = (tables: string[]): string =>
    `DELETE FROM ${names.ledgerState} s USING (${touched(tables)}) c WHERE s.project_id = c.project_id AND s.file_type = c.file_type;`;
  return `CREATE OR REPLACE FUNCTION ${names.ledgerStateFunction}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $sot$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN DELETE FROM ${names.ledgerState};
  ELSIF TG_OP = 'INSERT' THEN ${drop(['new_rows'])}
  ELSIF TG_OP = 'DELETE' THEN ${drop(['old_rows'])}
  ELSE ${drop(['old_rows', 'new_rows'])}
  END IF;
  RETURN NULL;
END $sot$`;
}

const TRIGGERS: [event: keyof SchemaNames['ledgerTriggers'], referencing: string][] = [
  ['INSERT', 'REFERENCING NEW TABLE AS new_rows'],
  ['UPDATE', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'],
  ['DELETE', 'REFERENCING OLD TABLE AS old_rows'],
  ['TRUNCATE', ''],
];

/**
 * Any write of a row (a hand-made UPDATE, a DELETE or TRUNCATE that wipes the table, the old tool) drops the record of
 * its file type in the same transaction, so the next sync parses that ledger again. Statement-level triggers with
 * transition tables: a sync inserting 50 000 rows pays one function call per statement, not one per row.
 */
export function ledgerStateStatements(names: SchemaNames): string[] {
  const triggers = TRIGGERS.flatMap(([event, referencing]) => {
    const name = quoteIdent(names.ledgerTriggers[event]);
    return [
      `DROP TRIGGER IF EXISTS ${name} ON ${names.entries}`,
      `CREATE TRIGGER ${name} AFTER ${event} ON ${names.entries} ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${names.ledgerStateFunction}()`,
    ];
  });
  return [
    `CREATE TABLE IF NOT EXISTS ${names.ledgerState} (
      project_id TEXT NOT NULL,
      file_type TEXT NOT NULL,
      ledger_hash TEXT NOT NULL,
      row_count INTEGER NOT NULL,
      diagnostics JSONB NOT NULL,
      synced_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (project_id, file_type)
    )`,
    dropRecordsFunction(names),
    ...triggers,
    // Run only when something was missing: rows written while a trigger was absent left no trace, so no record is kept.
    `DELETE FROM ${names.ledgerState}`,
  ];
}

interface ProofRow {
  records: { fileType: string; ledgerKey: string; rowCount: number; diagnostics: unknown }[];
  counts: Record<string, number>;
}

/**
 * The records of the project and its row count per file type in one statement, so both come from one snapshot.
 * Takes no lock: inside a sync it runs under the advisory lock the sync already holds.
 */
export async function readLedgerProof(session: PgSession, deadline: Deadline, names: SchemaNames, projectId: string): Promise<LedgerProof> {
  const { rows } = await session.query<ProofRow>(
    deadline,
    `SELECT
      (SELECT coalesce(json_agg(json_build_object('fileType', file_type, 'ledgerKey', ledger_hash, 'rowCount', row_count, 'diagnostics', diagnostics)), '[]')
        FROM ${names.ledgerState} WHERE project_id = $1) AS records,
      (SELECT coalesce(json_object_agg(file_type, n), '{}')
        FROM (SELECT file_type, count(*) AS n FROM ${names.entries} WHERE project_id = $1 GROUP BY file_type) c) AS counts`,
    [projectId],
  );
  const row = rows[0];
  if (!row) return { records: [], rowCounts: {} };
  // Stored diagnostics that do not read as a list leave their record out: that ledger is parsed.
  const records = row.records.filter((r) => Array.isArray(r.diagnostics)).map((r) => ({ ...r, diagnostics: r.diagnostics as Diagnostic[] }));
  return { records, rowCounts: row.counts };
}

/** Writes the records that differ from those stored (after the rows, whose triggers may have dropped some). */
export async function writeLedgerRecords(
  session: PgSession,
  deadline: Deadline,
  names: SchemaNames,
  projectId: string,
  records: readonly LedgerRecord[],
  now: string,
): Promise<void> {
  if (records.length === 0) return;
  const stored = new Map((await readLedgerProof(session, deadline, names, projectId)).records.map((r) => [r.fileType, r]));
  const changed = records.filter((r) => {
    const old = stored.get(r.fileType);
    return !old || old.ledgerKey !== r.ledgerKey || old.rowCount !== r.rowCount;
  });
  if (changed.length === 0) return;
  await session.query(
    deadline,
    `INSERT INTO ${names.ledgerState} (project_id, file_type, ledger_hash, row_count, diagnostics, synced_at)
      SELECT $1, r.file_type, r.ledger_hash, r.row_count, r.diagnostics, $3::timestamptz
      FROM jsonb_to_recordset($2::jsonb) AS r(file_type text, ledger_hash text, row_count integer, diagnostics jsonb)
      ON CONFLICT (project_id, file_type) DO UPDATE SET ledger_hash = EXCLUDED.ledger_hash, row_count = EXCLUDED.row_count,
        diagnostics = EXCLUDED.diagnostics, synced_at = EXCLUDED.synced_at`,
    [
      projectId,
      JSON.stringify(changed.map((r) => ({ file_type: r.fileType, ledger_hash: r.ledgerKey, row_count: r.rowCount, diagnostics: r.diagnostics }))),
      now,
    ],
  );
}
