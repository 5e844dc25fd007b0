// The PostgreSQL DDL as text, and the only place that builds quoted identifiers. No connection here.

/** The meta table version this tool writes and understands; a database with a newer one is refused. */
export const SCHEMA_VERSION = 1;

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
}

export function schemaNames(schema: string, table: string): SchemaNames {
  const q = quoteIdent(schema);
  const hashIndexName = `idx_${table}_hash`;
  return {
    schema,
    table,
    entries: `${q}.${quoteIdent(table)}`,
    meta: `${q}.${quoteIdent(META_TABLE)}`,
    hashIndex: `${q}.${quoteIdent(hashIndexName)}`,
    hashIndexName,
  };
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
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(names.hashIndexName)} ON ${names.entries} ` +
      `(project_id, file_type, entry_id) INCLUDE (content_hash)`,
    `CREATE TABLE IF NOT EXISTS ${names.meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `INSERT INTO ${names.meta} (key, value) VALUES ('schema_version', '${SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING`,
  ];
}

/** One round trip telling which of the objects exist, so an up-to-date database gets no DDL at all. */
export function existenceQuery(): string {
  return `SELECT to_regnamespace($1) IS NOT NULL AS schema, to_regclass($2) IS NOT NULL AS entries,
    to_regclass($3) IS NOT NULL AS meta, to_regclass($4) IS NOT NULL AS hash`;
}

export function existenceParams(names: SchemaNames): string[] {
  return [quoteIdent(names.schema), names.entries, names.meta, names.hashIndex];
}
