// Chooses and opens the read side of a store for retrieval (search, get). Each driver is loaded only when used.
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { Embedder } from '../embed/embedder';
import { ModeRequirementError, UsageError } from '../errors';
import type { Deadline } from '../runtime/deadline';
import { redactUrl } from '../runtime/redact';
import { sqliteLabel, splitSchemaParameter } from './create-db-target';
import type { IndexReader, IndexRole } from './index-reader';
import { sqlitePathFromUrl } from './sqlite/sqlite-url';

export type ReaderOptions = Pick<NormalizedSyncOptions, 'root' | 'database' | 'qdrant' | 'embedders' | 'lockTimeoutSeconds'>;

/**
 * The store search reads when none is chosen: Qdrant when one is configured (it holds the vectors), else the SQL
 * table, which every workspace has (SQLite by default).
 */
export function defaultIndexRole(options: Pick<NormalizedSyncOptions, 'qdrant'>): IndexRole {
  return options.qdrant.url ? 'qdrant' : 'sql';
}

/** Opens the SQL table (from --database-url) or the Qdrant collection read-only. `embedders` overrides the configured ones. */
export async function openIndexReader(options: ReaderOptions, role: IndexRole, deadline: Deadline, embedders?: readonly Embedder[]): Promise<IndexReader> {
  return role === 'qdrant' ? openQdrant(options, embedders) : openSql(options, deadline);
}

async function openSql(options: ReaderOptions, deadline: Deadline): Promise<IndexReader> {
  const url = options.database.url;
  const file = sqlitePathFromUrl(url, options.root);
  if (file !== null) {
    const { SqliteIndexReader } = await import('./sqlite/search-sqlite');
    return SqliteIndexReader.open(file, sqliteLabel(file), Math.min(options.lockTimeoutSeconds * 1000, deadline.remainingMs()));
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { PostgresIndexReader } = await import('./postgres/search-postgres');
    return PostgresIndexReader.open(splitSchemaParameter(url), deadline);
  }
  throw new UsageError(
    `unsupported database URL ${redactUrl(url)}: use sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host:5432/db`,
  );
}

async function openQdrant(options: ReaderOptions, embedders?: readonly Embedder[]): Promise<IndexReader> {
  if (!options.qdrant.url) throw new ModeRequirementError('--target qdrant needs Qdrant: set QDRANT_HOST or pass --qdrant-host');
  const [{ QdrantIndexReader }, { createEmbedders }] = await Promise.all([import('./qdrant/search-qdrant'), import('../embed/create-embedders')]);
  return new QdrantIndexReader({
    url: options.qdrant.url,
    ...(options.qdrant.apiKey ? { apiKey: options.qdrant.apiKey } : {}),
    collection: options.qdrant.collection,
    embedders: embedders ?? createEmbedders(options.embedders),
  });
}
