// Chooses the SQL adapter from the URL scheme. The only place that knows which adapters exist; each driver is
// loaded only when its URL is used, so `--docs-only` and the hook never pay for them.
import { UsageError } from '../errors';
import { decodeOrNull } from '../runtime/percent-encoding';
import { redactUrl } from '../runtime/redact';
import { sqlitePathFromUrl } from './sqlite/sqlite-url';
import type { Target } from './target';

export interface DbTargetOptions {
  /** Rebuild the full-text index in the sync's transaction (`--rebuild`); PostgreSQL's is a generated column and needs none. */
  rebuildSearchIndex?: boolean;
}

export async function createDbTarget(url: string, root: string, lockWaitMs?: number, options: DbTargetOptions = {}): Promise<Target> {
  const file = sqlitePathFromUrl(url, root);
  if (file !== null) {
    const { SqliteTarget } = await import('./sqlite/sqlite-target');
    return new SqliteTarget(file, sqliteLabel(file), lockWaitMs, options);
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { PostgresTarget } = await import('./postgres/postgres-target');
    return new PostgresTarget(splitSchemaParameter(url));
  }
  throw new UsageError(
    `unsupported database URL ${redactUrl(url)}: use sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host:5432/db`,
  );
}

export function sqliteLabel(file: string): string {
  return file === ':memory:' ? 'sqlite (in memory)' : `sqlite:///${file}`;
}

/**
 * `?schema=name` picks the PostgreSQL schema (default `public`). It is ours, not libpq's, so it is removed before the
 * URL reaches the driver (which would send it to the server as an unknown setting).
 */
export function splitSchemaParameter(url: string): { url: string; schema?: string } {
  const match = /([?&])schema=([^&#]*)&?/.exec(url);
  if (!match) return { url };
  const schema = decodeOrNull(match[2] as string);
  if (schema === null)
    throw new UsageError(
      `--database-url: the parameter "schema" ("${match[2] as string}") is not valid percent-encoding; write each byte as % and two hex digits`,
    );
  const rest = url.slice(0, match.index) + (match[0].endsWith('&') ? match[1] : '') + url.slice(match.index + match[0].length);
  return { url: rest.replace(/[?&]$/, ''), ...(schema ? { schema } : {}) };
}
