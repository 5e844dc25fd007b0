// Pure: `sqlite:///relative.db`, `sqlite:////abs/path.db` and `sqlite:///:memory:` -> a file path.
import * as path from 'node:path';

/**
 * SQLAlchemy-style URLs, as the original tool used: three slashes then a path relative to the workspace root
 * (never the working directory), four slashes for an absolute path.
 */
export function sqlitePathFromUrl(url: string, root: string): string | null {
  const match = /^sqlite:\/\/\/(.*)$/i.exec(url.trim());
  if (!match) return null;
  const rest = decodeURIComponent((match[1] as string).split('?')[0] as string);
  if (rest === '' || rest === ':memory:') return ':memory:';
  return path.isAbsolute(rest) ? rest : path.resolve(root, rest);
}
