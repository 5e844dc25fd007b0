// Chooses the SQL adapter from the URL scheme. The only place that knows which adapters exist; each driver is
// loaded only when its URL is used, so `--docs-only` and the hook never pay for them.
import * as fs from 'node:fs';
import { ConnectionError, UsageError } from '../errors';
import { explainFsError } from '../io/explain-fs-error';
import { decodeOrNull } from '../runtime/percent-encoding';
import { redactUrl } from '../runtime/redact';
import { sqlitePathFromUrl } from './sqlite/sqlite-url';
import type { PlanBuilder, Target, TargetContext } from './target';

export interface DbTargetOptions {
  /** Rebuild the full-text index in the sync's transaction (`--rebuild`); PostgreSQL's is a generated column and needs none. */
  rebuildSearchIndex?: boolean;
}

export async function createDbTarget(url: string, root: string, lockWaitMs?: number, options: DbTargetOptions = {}): Promise<Target> {
  const file = sqlitePathFromUrl(url, root);
  if (file !== null) {
    const { SqliteTarget } = await import('./sqlite/sqlite-target');
    return createdOnWrite(new SqliteTarget(file, sqliteLabel(file), lockWaitMs, options), file);
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { PostgresTarget } = await import('./postgres/postgres-target');
    return new PostgresTarget(splitSchemaParameter(url));
  }
  throw new UsageError(
    `unsupported database URL ${redactUrl(url)}: use sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host:5432/db`,
  );
}

/**
 * A SQLite file that does not exist yet is created only by a sync with something to write: the plan is made against
 * the empty snapshot first (issue 11, D14). A path the file cannot be made at (a directory that is a regular file,
 * a full disk) is a connection error, exit 2, naming the path and the fix (D8).
 */
function createdOnWrite(target: Target, file: string): Target {
  if (file === ':memory:') return target;
  const sync = async (projectId: string, buildPlan: PlanBuilder, ctx: TargetContext) => {
    if (!fs.existsSync(file)) {
      const plan = buildPlan({ projectId, rows: [] });
      if (plan.operations.length === 0) return plan;
    }
    try {
      return await target.sync(projectId, buildPlan, ctx);
    } catch (error) {
      const explained = explainFsError(error, 'create the SQLite database', file);
      throw explained === null ? error : new ConnectionError(`${explained}; or point --database-url elsewhere`, { cause: error });
    }
  };
  // Everything else is the target's own, called on the target itself.
  return new Proxy(target, {
    get: (inner, key) => {
      const value = key === 'sync' ? sync : (Reflect.get(inner, key) as unknown);
      return typeof value === 'function' && key !== 'sync' ? (value as (...args: unknown[]) => unknown).bind(inner) : value;
    },
  });
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
  if (schema === null) throw new UsageError(`--database-url: the parameter "schema" ("${match[2] as string}") is not valid percent-encoding; write each byte as % and two hex digits`);
  const rest = url.slice(0, match.index) + (match[0].endsWith('&') ? match[1] : '') + url.slice(match.index + match[0].length);
  return { url: rest.replace(/[?&]$/, ''), ...(schema ? { schema } : {}) };
}
