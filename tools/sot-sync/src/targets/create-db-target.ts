// Chooses the SQL adapter from the URL scheme. The only place that knows which adapters exist; each driver is
// loaded only when its URL is used, so `--docs-only` and the hook never pay for them.
import { UsageError } from '../errors';
import { redactUrl } from '../runtime/redact';
import { sqlitePathFromUrl } from './sqlite/sqlite-url';
import type { Target } from './target';

export async function createDbTarget(url: string, root: string, lockWaitMs?: number): Promise<Target> {
  const file = sqlitePathFromUrl(url, root);
  if (file !== null) {
    const { SqliteTarget } = await import('./sqlite/sqlite-target');
    return new SqliteTarget(file, file === ':memory:' ? 'sqlite (in memory)' : `sqlite:///${file}`, lockWaitMs);
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { PostgresTarget } = await import('./postgres/postgres-target');
    return new PostgresTarget({ url });
  }
  throw new UsageError(
    `unsupported database URL ${redactUrl(url)}: use sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host:5432/db`,
  );
}
