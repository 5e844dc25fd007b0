// Set-based writes of a plan's operations: batched UNNEST upserts and deletes. Runs inside the caller's transaction.
import type { Deadline } from '../../runtime/deadline';
import type { Operation } from '../../engine/plan-types';
import { storedMetadata } from '../../ledger/entry-provenance';
import type { LedgerEntry } from '../../ledger/types';
import type { TableLayout } from './open-schema';
import type { PgSession } from './pg-session';
import type { SchemaNames } from './schema-sql';

/** Rows per statement: large enough that round trips vanish, small enough to bound one statement's memory. */
export const BATCH_SIZE = 5000;

export interface WriteCounts {
  upserted: number;
  deleted: number;
}

type Key = { fileType: string; entryId: string };

/** Applies deletes, then inserts and updates, in batches; returns how many rows each kind of statement touched. */
export async function writeRows(
  session: PgSession,
  deadline: Deadline,
  target: { names: SchemaNames; layout: TableLayout; projectId: string; now: string },
  operations: readonly Operation[],
): Promise<WriteCounts> {
  const deletes: Key[] = [];
  const upserts: LedgerEntry[] = [];
  for (const op of operations) {
    if (op.kind === 'delete') deletes.push(op);
    else upserts.push(op.entry);
  }
  const counts: WriteCounts = { upserted: 0, deleted: 0 };
  const deleteSql = deleteStatement(target.names);
  for (const batch of chunks(deletes)) {
    const params = [target.projectId, batch.map((k) => k.fileType), batch.map((k) => k.entryId)];
    counts.deleted += (await session.query(deadline, deleteSql, params)).rowCount;
  }
  const upsertSql = upsertStatement(target.names, target.layout);
  for (const batch of chunks(upserts)) {
    counts.upserted += (await session.query(deadline, upsertSql, upsertParams(target.projectId, target.now, batch))).rowCount;
  }
  return counts;
}

function deleteStatement(names: SchemaNames): string {
  return `DELETE FROM ${names.entries} WHERE project_id = $1
    AND (file_type, entry_id) IN (SELECT * FROM UNNEST($2::text[], $3::text[]))`;
}

/** One statement per batch: each column travels as one array parameter, so the SQL text never grows with the batch. */
export function upsertStatement(names: SchemaNames, layout: TableLayout): string {
  const createdAt = layout.createdAtRequired
    ? `COALESCE(${layout.createdAt('u.created_at')}, e.created_at, ${layout.createdAt('$2')})`
    : layout.createdAt('u.created_at');
  // Only an old NOT NULL created_at needs the existing row, to keep its date when the ledger gives none.
  const existing = layout.createdAtRequired
    ? `LEFT JOIN ${names.entries} e ON e.project_id = $1 AND e.file_type = u.file_type AND e.entry_id = u.entry_id`
    : '';
  return `INSERT INTO ${names.entries} AS t
      (project_id, file_type, entry_id, title, content, metadata, created_at, updated_at, content_hash)
    SELECT $1, u.file_type, u.entry_id, u.title, u.content, ${layout.metadata('u.metadata')}, ${createdAt},
      ${layout.updatedAt('$2')}, u.content_hash
    FROM UNNEST($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
      AS u(file_type, entry_id, title, content, metadata, created_at, content_hash) ${existing}
    ON CONFLICT (project_id, file_type, entry_id) DO UPDATE SET
      title = EXCLUDED.title, content = EXCLUDED.content, metadata = EXCLUDED.metadata,
      created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, content_hash = EXCLUDED.content_hash`;
}

export function upsertParams(projectId: string, now: string, entries: readonly LedgerEntry[]): unknown[] {
  return [
    projectId,
    now,
    arrayLiteral(entries.map((e) => e.fileType)),
    arrayLiteral(entries.map((e) => e.entryId)),
    arrayLiteral(entries.map((e) => e.title)),
    arrayLiteral(entries.map((e) => e.content)),
    arrayLiteral(entries.map((e) => JSON.stringify(storedMetadata(e)))),
    arrayLiteral(entries.map((e) => toUtcTimestamp(e.createdAt))),
    arrayLiteral(entries.map((e) => e.contentHash)),
  ];
}

const NEEDS_ESCAPE = /[\\"]/;

/**
 * The text form of a `text[]` parameter, exactly as pg writes a JS array (`{"a","b \"c\"",NULL}`): the same bytes
 * on the wire. Built here with one join per column, because pg's per-element escaping and string concatenation of
 * a batch's contents (5,000 entries, megabytes of text) cost more than the statement's own work on the server.
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  const quoted = values.map((value) => (value == null ? 'NULL' : `"${NEEDS_ESCAPE.test(value) ? value.replace(/[\\"]/g, '\\$&') : value}"`));
  return `{${quoted.join(',')}}`;
}

/** Ledger dates carry no zone: '2026-01-08' and '2025-12-28T18:30' mean UTC, so say so before PostgreSQL reads them. */
export function toUtcTimestamp(value: string | null): string | null {
  if (value === null) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  if (/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value.slice(10))) return value;
  return `${value}Z`;
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) yield items.slice(start, start + BATCH_SIZE);
}
