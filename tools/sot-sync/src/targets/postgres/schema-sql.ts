// The PostgreSQL DDL as text, and the only place that builds quoted identifiers. No connection here.

/**
 * The meta table version this tool writes and understands; a database with a newer one is refused.
 * 1: the table, its covering (key, hash) index and the meta table. 2: the full-text column and its GIN index (issue 12).
 * 3: the per-ledger records and the triggers that drop them (pg-ledger-state.ts).
 */
export const POSTGRES_SCHEMA_VERSION = 3;

/** The generated tsvector column full-text search reads (search-postgres.ts). */
export const SEARCH_COLUMN = 'search_vector';

/**
 * Text beyond this many characters of an entry is not indexed: a tsvector holds at most 1 MB, and a generated
 * column that overflowed would make the row's INSERT fail. Ledger entries run to a few KB.
 */
export const SEARCH_CONTENT_CHARS = 262_144;

/** Shared with the SQLite target: `sot_sync_meta(key, value)` holding `schema_version` and `last_sync:<projectId>`. */
export const META_TABLE = 'sot_sync_meta';

/** Quotes an identifier so any schema or table name (spaces, quotes, capitals) is taken literally. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every name the target uses in one schema, quoted and ready to splice into SQL. */
export interface SchemaNames {
  schema: string;
  table: string;
  /** `"schema"."table"`, also usable as a `to_regclass` argument. */
  entries: string;
  meta: string;
  hashIndex: string;
  /** Unquoted index name (the `CREATE INDEX` target is schema-less). */
  hashIndexName: string;
  /** The GIN index of the full-text column, quoted with its schema (for `to_regclass`) and unquoted. */
  searchIndex: string;
  searchIndexName: string;
  /** The per-ledger records of this table and the trigger function that drops them (schema version 3). */
  ledgerState: string;
  ledgerStateFunction: string;
  /** Unquoted names of its triggers on the table, by event. */
  ledgerTriggers: Record<'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE', string>;
}

export function schemaNames(schema: string, table: string): SchemaNames {
  const q = quoteIdent(schema);
  const hashIndexName = `idx_${table}_hash`;
  const searchIndexName = `idx_${table}_search`;
  return {
    schema,
    table,
    entries: `${q}.${quoteIdent(table)}`,
    meta: `${q}.${quoteIdent(META_TABLE)}`,
    hashIndex: `${q}.${quoteIdent(hashIndexName)}`,
    hashIndexName,
    searchIndex: `${q}.${quoteIdent(searchIndexName)}`,
    searchIndexName,
    // Named after the table, so two tables in one schema never share records (`sot_ledger_state` for the default).
    ledgerState: `${q}.${quoteIdent(table === 'sot_entries' ? 'sot_ledger_state' : `${table}_ledger_state`)}`,
    ledgerStateFunction: `${q}.${quoteIdent(`${table}_drop_ledger_records`)}`,
    ledgerTriggers: {
      INSERT: `${table}_ledger_insert`,
      UPDATE: `${table}_ledger_update`,
      DELETE: `${table}_ledger_delete`,
      TRUNCATE: `${table}_ledger_truncate`,
    },
  };
}

/**
 * The id tokens of `entry_id` (`DEC-012` -> `dec12 12`, `BUILD-153.1` -> `build153d1 153d1`), the same forms the
 * SQLite index stores and engine/search-terms.ts makes of a query. PostgreSQL's parser alone would split
 * `DEC-012` into `dec` and `-012`, so `12` or `153.1` would find nothing.
 */
const ID_TOKENS = (() => {
  const number = `ltrim(replace(split_part(entry_id, '-', 2), '.', 'd'), '0')`;
  return `lower(split_part(entry_id, '-', 1)) || ${number} || ' ' || ${number}`;
})();

/**
 * The weighted document: id tokens and title at weight A, content at B. A generated column, so PostgreSQL keeps it
 * in step with every write of the row, in the same transaction, whoever writes it.
 */
export function searchVectorSql(): string {
  return `setweight(to_tsvector('simple'::regconfig, ${ID_TOKENS}), 'A') ||
      setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
      setweight(to_tsvector('english'::regconfig, left(coalesce(content, ''), ${SEARCH_CONTENT_CHARS})), 'B')`;
}

/**
 * DDL run inside the setup transaction. `IF NOT EXISTS` everywhere: a table made by the old tool is adopted
 * without touching its columns, and the statements are safe to repeat.
 */
export function setupStatements(names: SchemaNames): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${names.entries} (
      id BIGSERIAL PRIMARY KEY,
      project_id TEXT NOT NULL,
      file_type TEXT NOT NULL,
      entry_id TEXT NOT NULL,
      title TEXT,
      content TEXT,
      metadata JSONB,
      created_at TIMESTAMPTZ NULL,
      updated_at TIMESTAMPTZ,
      content_hash TEXT,
      UNIQUE (project_id, file_type, entry_id)
    )`,
    // No separate lookup index on (project_id, file_type, entry_id), as the original tool made (its tables keep
    // theirs): the UNIQUE constraint's index is that index already, and every insert would maintain it twice.
    // Lets readSnapshot be an index-only scan: the (key, hash) read never touches the heap of a vacuumed table.
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(names.hashIndexName)} ON ${names.entries} ` + `(project_id, file_type, entry_id) INCLUDE (content_hash)`,
    `CREATE TABLE IF NOT EXISTS ${names.meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    // Version 2. On a table that has rows, adding the column computes it for all of them once (a table rewrite).
    `ALTER TABLE ${names.entries} ADD COLUMN IF NOT EXISTS ${SEARCH_COLUMN} tsvector GENERATED ALWAYS AS (${searchVectorSql()}) STORED`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(names.searchIndexName)} ON ${names.entries} USING GIN (${SEARCH_COLUMN})`,
    // Run under the setup lock after the version was checked: the recorded version is never newer than this one.
    `INSERT INTO ${names.meta} (key, value) VALUES ('schema_version', '${POSTGRES_SCHEMA_VERSION}') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
  ];
}

/** One round trip telling which of the objects exist, so an up-to-date database gets no DDL at all. */
export function existenceQuery(): string {
  return `SELECT to_regnamespace($1) IS NOT NULL AS schema, to_regclass($2) IS NOT NULL AS entries,
    to_regclass($3) IS NOT NULL AS meta, to_regclass($4) IS NOT NULL AS hash, to_regclass($5) IS NOT NULL AS search,
    to_regclass($6) IS NOT NULL AND (SELECT count(*) = 4 FROM pg_trigger WHERE tgrelid = to_regclass($2)
      AND tgname IN (SELECT jsonb_array_elements_text($7::jsonb))) AS ledger`;
}

export function existenceParams(names: SchemaNames): string[] {
  return [
    quoteIdent(names.schema),
    names.entries,
    names.meta,
    names.hashIndex,
    names.searchIndex,
    names.ledgerState,
    JSON.stringify(Object.values(names.ledgerTriggers)),
  ];
}
