// The workspace's .gitignore gains what a sync creates and git must not track: the SQLite file with its journal
// files, and the lease files of write runs (.autonomous_runs/). Appends only the entries that are missing.
import type { Tree } from '@nx/devkit';

const GITIGNORE = '.gitignore';
const HEADER = '# sot-sync: the SQLite index (rebuilt from the ledgers) and the lease files of write runs';

/** The entries for a SQLite file (relative to the workspace root, or null when there is none) and the lease files. */
export function gitignoreEntries(databaseFile: string | null): string[] {
  const database = databaseFile === null ? [] : [databaseFile, `${databaseFile}-journal`, `${databaseFile}-wal`, `${databaseFile}-shm`];
  return [...database, '.autonomous_runs/'];
}

export function updateGitignore(tree: Tree, entries: readonly string[]): void {
  const current = tree.exists(GITIGNORE) ? (tree.read(GITIGNORE, 'utf-8') ?? '') : '';
  const present = new Set(current.split(/\r?\n/).map(normalize));
  const missing = entries.filter((entry) => !present.has(normalize(entry)));
  if (missing.length === 0) return;
  const withHeader = !current.includes(HEADER);
  const text = current === '' || current.endsWith('\n') ? current : `${current}\n`;
  const separator = withHeader && text !== '' ? '\n' : '';
  tree.write(GITIGNORE, `${text}${separator}${[...(withHeader ? [HEADER] : []), ...missing].join('\n')}\n`);
}

/** `/x.db`, `x.db` and `x.db/` name the same file here; `.autonomous_runs` and `.autonomous_runs/` the same folder. */
function normalize(line: string): string {
  return line.trim().replace(/^\//, '').replace(/\/$/, '');
}
