// The workspace root: --root, else the nearest nx.json or sot-sync.config.json upward, else the git top level.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/default-ledgers';

const MARKERS = ['nx.json', CONFIG_FILE_NAME];

export function findWorkspaceRoot(cwd: string, explicit?: string): string {
  if (explicit) return path.resolve(cwd, explicit);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (MARKERS.some((marker) => fs.existsSync(path.join(dir, marker)))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return readGitTopLevel(cwd) ?? path.resolve(cwd);
}

function readGitTopLevel(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}
