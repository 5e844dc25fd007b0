// Pure: `sqlite:///relative.db`, `sqlite:////abs/path.db` and `sqlite:///:memory:` -> a file path.
import * as path from 'node:path';
import { UsageError } from '../../errors';
import { decodeOrNull } from '../../runtime/percent-encoding';

/**
 * SQLAlchemy-style URLs, as the original tool used: three slashes then a path relative to the workspace root
 * (never the working directory), four slashes for an absolute path.
 */
export function sqlitePathFromUrl(url: string, root: string): string | null {
  const match = /^sqlite:\/\/\/(.*)$/i.exec(url.trim());
  if (!match) return null;
  const encoded = (match[1] as string).split('?')[0] as string;
  const rest = decodeOrNull(encoded);
  if (rest === null)
    throw new UsageError(`--database-url: the path "${encoded}" is not valid percent-encoding; write each byte as % and two hex digits (e.g. %20 for a space)`);
  if (rest === '' || rest === ':memory:') return ':memory:';
  return path.isAbsolute(rest) ? rest : path.resolve(root, rest);
}
