// Checks the schema version, creates what is missing (once, under a lock) and learns the column types of the table.
import type { Deadline } from '../../runtime/deadline';
import { ConnectionError } from '../../errors';
import type { PgSession } from './pg-session';
import { ledgerStateStatements } from './pg-ledger-state';
import { setupLockKey } from './advisory-lock-keys';
import { existenceParams, existenceQuery, quoteIdent, POSTGRES_SCHEMA_VERSION, SEARCH_COLUMN, setupStatements, type SchemaNames } from './schema-sql';

/** How values are converted for the table as it really is (ours, or one the old Python tool made). */
export interface TableLayout {
  /** SQL expression turning a text parameter into the metadata column's type. */
  metadata: (expr: string) => string;
  createdAt: (expr: string) => string;
  updatedAt: (expr: string) => string;
  /** The old tool declared created_at NOT NULL: a null date then keeps the row's old value, or the run's time. */
  createdAtRequired: boolean;
  /** The created_at column as a timestamptz expression (the column may be text or zone-less), for date filters. */
  createdAtColumn: (column: string) => string;
  /** The full-text column of schema version 2 exists. */
  searchable: boolean;
}

interface Existence {
  schema: boolean;
  entries: boolean;
  meta: boolean;
  hash: boolean;
  /** The GIN index on the full-text column (schema version 2). */
  search: boolean;
  /** The per-ledger records and their triggers (schema version 3). */
  ledger: boolean;
}

const REQUIRED_COLUMNS = ['project_id', 'file_type', 'entry_id', 'title', 'content', 'metadata', 'created_at', 'updated_at', 'content_hash'];

/** Opens the schema for use. A database written by a newer sot-sync is refused before anything is changed. */
export async function openSchema(session: PgSession, deadline: Deadline, names: SchemaNames): Promise<TableLayout> {
  const state = await readExistence(session, deadline, names);
  if (state.meta) await assertVersion(session, deadline, names);
  if (!Object.values(state).every(Boolean)) {
    // A session lock taken before BEGIN, not a transaction-scoped one: a transaction begun after the wait reads the
    // catalog as the process that held the lock committed it (one begun before would see it stale and rerun DDL).
    const key = setupLockKey(names.schema, names.table);
    await session.query(deadline, 'SELECT pg_advisory_lock($1::bigint)', [key]);
    try {
      await session.transaction(deadline, () => setUp(session, deadline, names));
    } finally {
      // On a connection the deadline dropped, the server released the lock with the session.
      if (session.isOpen) await session.query(deadline, 'SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
    }
  }
  return readLayout(session, deadline, names);
}

/**
 * Creates or migrates, under the setup lock. Another process may have set everything up (or written a newer version)
 * while this one waited, and may be syncing already: then nothing is done. DDL on an existing table first takes the
 * ACCESS EXCLUSIVE lock ALTER TABLE needs, so no lock is upgraded half way (that deadlocks with a running sync).
 */
async function setUp(session: PgSession, deadline: Deadline, names: SchemaNames): Promise<void> {
  const locked = await readExistence(session, deadline, names);
  if (locked.meta) await assertVersion(session, deadline, names);
  if (Object.values(locked).every(Boolean)) return;
  if (!locked.schema) await session.query(deadline, `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(names.schema)}`);
  if (locked.entries) await session.query(deadline, `LOCK TABLE ${names.entries} IN ACCESS EXCLUSIVE MODE`);
  for (const statement of [...setupStatements(names), ...ledgerStateStatements(names)]) await session.query(deadline, statement);
}

async function readExistence(session: PgSession, deadline: Deadline, names: SchemaNames): Promise<Existence> {
  const { rows } = await session.query<Existence>(deadline, existenceQuery(), existenceParams(names));
  const row = rows[0];
  if (!row) throw new Error('existence query returned no row');
  return row;
}

async function assertVersion(session: PgSession, deadline: Deadline, names: SchemaNames): Promise<void> {
  const { rows } = await session.query<{ value: string }>(deadline, `SELECT value FROM ${names.meta} WHERE key = 'schema_version'`);
  const value = rows[0]?.value;
  if (value === undefined) return;
  const version = Number(value);
  if (Number.isInteger(version) && version <= POSTGRES_SCHEMA_VERSION) return;
  throw new ConnectionError(
    `${names.schema}.sot_sync_meta records schema_version ${JSON.stringify(value)}, but this sot-sync understands ` +
      `schema_version ${POSTGRES_SCHEMA_VERSION} at most: upgrade sot-sync (the database was not changed)`,
  );
}

/** The column types of the table as it really is; throws when it is not a sot_entries table. */
export async function readLayout(session: PgSession, deadline: Deadline, names: SchemaNames): Promise<TableLayout> {
  const { rows } = await session.query<{ column_name: string; data_type: string; is_nullable: string }>(
    deadline,
    'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
    [names.schema, names.table],
  );
  const columns = new Map(rows.map((row) => [row.column_name, row]));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    throw new ConnectionError(
      `${names.schema}.${names.table} exists but has no column ${missing.join(', ')}: it is not a sot_entries table; ` + 'choose another table or schema',
    );
  }
  const typeOf = (name: string): string => columns.get(name)?.data_type ?? '';
  return {
    metadata: jsonConversion(typeOf('metadata'), names),
    createdAt: timeConversion(typeOf('created_at'), names),
    updatedAt: timeConversion(typeOf('updated_at'), names),
    createdAtRequired: columns.get('created_at')?.is_nullable === 'NO',
    createdAtColumn: timestamptzOf(typeOf('created_at')),
    searchable: columns.has(SEARCH_COLUMN),
  };
}

function timestamptzOf(type: string): (column: string) => string {
  if (type === 'timestamp with time zone') return (column) => column;
  if (type === 'timestamp without time zone') return (column) => `(${column} AT TIME ZONE 'UTC')`;
  // Text written by the old tool holds ISO dates and date-times; without a zone they mean UTC, as ledger dates do.
  return (column) =>
    `(CASE WHEN ${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN ${column} || 'T00:00:00Z' ` +
    `WHEN ${column} ~ '(Z|[+-][0-9]{2}:?[0-9]{2})$' THEN ${column} ELSE ${column} || 'Z' END)::timestamptz`;
}

function jsonConversion(type: string, names: SchemaNames): (expr: string) => string {
  if (type === 'jsonb') return (expr) => `(${expr})::jsonb`;
  if (type === 'json') return (expr) => `(${expr})::json`;
  if (type === 'text' || type === 'character varying') return (expr) => expr;
  throw unsupported(names, 'metadata', type);
}

function timeConversion(type: string, names: SchemaNames): (expr: string) => string {
  if (type === 'timestamp with time zone') return (expr) => `(${expr})::timestamptz`;
  // A zone-less column holds UTC wall time: that is how the values are meant, whatever the session's TimeZone.
  if (type === 'timestamp without time zone') return (expr) => `((${expr})::timestamptz AT TIME ZONE 'UTC')`;
  if (type === 'text' || type === 'character varying') return (expr) => expr;
  throw unsupported(names, 'a time', type);
}

function unsupported(names: SchemaNames, column: string, type: string): ConnectionError {
  return new ConnectionError(`${names.schema}.${names.table} stores ${column} column as ${type}, which sot-sync cannot write`);
}
