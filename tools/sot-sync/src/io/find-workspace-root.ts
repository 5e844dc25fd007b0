// The workspace root: --root, else the nearest nx.json or sot-sync.config.json upward, else the git top level.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/default-ledgers';
import { UsageError } from '../errors';
import { readPathKind } from './read-path-kind';

const MARKERS = ['nx.json', CONFIG_FILE_NAME];

/** An explicit root must be an existing directory: a typo would otherwise read nothing and pass. */
export function findWorkspaceRoot(cwd: string, explicit?: string): string {
  if (explicit) return existingDirectory(path.resolve(cwd, explicit), explicit);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (MARKERS.some((marker) => fs.existsSync(path.join(dir, marker)))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return readGitTopLevel(cwd) ?? path.resolve(cwd);
}

function existingDirectory(root: string, given: string): string {
  const kind = readPathKind(root);
  if (kind === 'directory') return root;
  throw new UsageError(`--root ${given}: ${kind === 'missing' ? 'no such directory' : 'not a directory'} (${root})`);
}

function readGitTopLevel(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}
