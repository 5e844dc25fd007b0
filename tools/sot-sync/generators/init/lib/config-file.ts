// Where a project's sot-sync.config.json lives, what a new one holds, and which SQLite file a config writes.
// Reads the tree only; never writes.
import { readJson, type Tree } from '@nx/devkit';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_DATABASE_URL } from '../../../src/config/default-ledgers';
import type { DerivedNames } from './derive-names';

/** A config file and the sot-sync root it makes (the directory holding it), both relative to the workspace root. */
export interface ConfigPlacement {
  file: string;
  /** `.` for the workspace root. */
  root: string;
}

/** The settings a new config gets; an existing config is never changed. */
export interface NewConfig {
  projectId: string;
  docsDir: string;
  databaseUrl: string;
  qdrantCollection: string;
}

/**
 * The workspace root's config serves the project whose ledgers it names (docsDir, default docs); the inferred-targets
 * plugin, and any project whose ledgers the root config does not name, get a config in the project's root. So a second
 * project never syncs, or validates, the first one's ledgers (issue 10, item 5).
 */
export function placeConfig(tree: Tree, projectRoot: string, addPlugin: boolean): ConfigPlacement {
  const inProject = { file: path.posix.join(projectRoot, CONFIG_FILE_NAME), root: projectRoot };
  const atRoot = { file: CONFIG_FILE_NAME, root: '.' };
  if (addPlugin || tree.exists(inProject.file)) return inProject;
  if (!tree.exists(atRoot.file)) return atRoot;
  return namesLedgersOf(readConfig(tree, atRoot.file), projectRoot) ? atRoot : inProject;
}

/** The config of a placement: docsDir, the SQLite file at the workspace root, the derived names. */
export function newConfig(placement: ConfigPlacement, projectRoot: string, names: DerivedNames): NewConfig {
  const toWorkspaceRoot = placement.root === '.' ? [] : placement.root.split('/').map(() => '..');
  return {
    projectId: names.projectId,
    docsDir: placement.root === '.' ? projectRoot : '.',
    // sqlite:/// paths are relative to the sot-sync root (src/targets/sqlite/sqlite-url.ts): climb to the workspace root.
    databaseUrl: `sqlite:///${[...toWorkspaceRoot, names.databaseFile].join('/')}`,
    qdrantCollection: names.qdrantCollection,
  };
}

/** The config's contents, or undefined when the file is missing or is not JSON. */
export function readConfig(tree: Tree, file: string): Record<string, unknown> | undefined {
  if (!tree.exists(file)) return undefined;
  try {
    const config = readJson<object>(tree, file) as unknown;
    return config !== null && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SQLite file a config writes, relative to the workspace root (its databaseUrl, else sot-sync's default); null
 * for PostgreSQL, an absolute path or a file outside the workspace. DATABASE_URL may override it at run time.
 */
export function sqliteFileOf(config: Record<string, unknown> | undefined, root: string): string | null {
  const url = typeof config?.['databaseUrl'] === 'string' ? config['databaseUrl'] : DEFAULT_DATABASE_URL;
  const match = /^sqlite:\/\/\/([^?]*)/i.exec(url.trim());
  const rest = match ? decodeURIComponent(match[1] ?? '') : '';
  if (rest === '' || rest === ':memory:' || rest.startsWith('/')) return null;
  const file = path.posix.normalize(path.posix.join(root, rest));
  return file === '..' || file.startsWith('../') ? null : file;
}

/** True when the config's docsDir (default docs) is the project's root or lies inside it. */
function namesLedgersOf(config: Record<string, unknown> | undefined, projectRoot: string): boolean {
  // An unreadable root config is the user's to fix; it is kept in use as before rather than second-guessed.
  if (config === undefined || projectRoot === '.') return true;
  const docsDir = typeof config['docsDir'] === 'string' ? config['docsDir'] : 'docs';
  const dir = path.posix.normalize(docsDir).replace(/\/+$/, '');
  return dir === projectRoot || dir.startsWith(`${projectRoot}/`);
}
