// A fresh Nx workspace on disk for the adoption e2e, written by hand as a team's repository would be (package.json,
// nx.json, .gitignore, one project), with the plugin installed from its `npm pack` tarball. Runs npm, Nx and git in it
// through e2e-process.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nxBin } from './nx-bin';
import { e2eEnv, runE2e, type E2eRun } from './e2e-process';

export const PLUGIN_DIR = path.resolve(__dirname, '../..');

/** npm's cache, shared by every workspace and run so a second install (the other Nx major) downloads less. */
export const NPM_CACHE = path.join(os.tmpdir(), 'sot-sync-e2e-npm-cache');

export interface E2eWorkspace {
  root: string;
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  run(command: string, args: readonly string[], timeoutMs?: number): E2eRun;
  /** The installed Nx CLI on the workspace's Node, no daemon, no cloud, no TUI, its own native file cache. */
  nx(args: readonly string[]): E2eRun;
  /** git; throws on a non-zero exit. */
  git(...args: string[]): string;
  write(relative: string, text: string): void;
  read(relative: string): string;
}

export function openWorkspace(root: string): E2eWorkspace {
  const nativeCache = path.join(root, '..', `${path.basename(root)}-nx-native`);
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => e2eEnv({ npm_config_cache: NPM_CACHE, ...extra });
  const run = (command: string, args: readonly string[], timeoutMs?: number): E2eRun => runE2e(root, command, args, env(), timeoutMs);
  return {
    root,
    env,
    run,
    nx(args) {
      const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NX_NATIVE_FILE_CACHE_DIRECTORY: nativeCache };
      return runE2e(root, process.execPath, [nxBin(path.join(root, 'node_modules')), ...args], env(nxEnv), 600_000);
    },
    git(...args) {
      const result = run('git', args);
      if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed (${String(result.code)}): ${result.output}`);
      return result.output;
    },
    write(relative, text) {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    },
    read(relative) {
      return fs.readFileSync(path.join(root, relative), 'utf8');
    },
  };
}

/** `npm pack` of tools/sot-sync into `destination`; returns the tarball's absolute path. The package must be built. */
export function packPlugin(destination: string): string {
  const result = runE2e(PLUGIN_DIR, 'npm', ['pack', '--json', '--pack-destination', destination], e2eEnv({ npm_config_cache: NPM_CACHE }), 300_000);
  if (result.code !== 0) throw new Error(`npm pack failed: ${result.output}`);
  const filename = /"filename":\s*"([^"]+)"/.exec(result.output)?.[1];
  if (!filename) throw new Error(`npm pack named no tarball: ${result.output}`);
  return path.join(destination, filename);
}

export interface FreshWorkspaceOptions {
  name: string;
  project: string;
  projectRoot: string;
}

/** package.json, nx.json (no daemon, no cloud, no analytics), a .gitignore like create-nx-workspace's, a project.json. */
export function writeFreshWorkspace(root: string, { name, project, projectRoot }: FreshWorkspaceOptions): E2eWorkspace {
  fs.mkdirSync(root, { recursive: true });
  const ws = openWorkspace(root);
  ws.write('package.json', `${JSON.stringify({ name, version: '0.0.0', private: true }, null, 2)}\n`);
  ws.write('nx.json', `${JSON.stringify({ useDaemonProcess: false, neverConnectToCloud: true, analytics: false }, null, 2)}\n`);
  ws.write('.gitignore', ['node_modules', 'dist', '.nx/cache', '.nx/workspace-data', ''].join('\n'));
  ws.write(
    path.posix.join(projectRoot, 'project.json'),
    `${JSON.stringify({ name: project, $schema: '../../node_modules/nx/schemas/project-schema.json' }, null, 2)}\n`,
  );
  return ws;
}

/** `npm install -D nx@<major> <tarball>`: no --force, no --legacy-peer-deps. */
export function installPlugin(ws: E2eWorkspace, nxMajor: number, tarball: string): E2eRun {
  return ws.run('npm', ['install', '-D', `nx@${nxMajor}`, tarball, '--no-audit', '--no-fund'], 600_000);
}

/** A copy of a workspace, node_modules and its relative symlinks included, as if installed there. */
export function copyWorkspace(from: string, to: string): E2eWorkspace {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  return openWorkspace(to);
}

const SQLITE_HEADER = 'SQLite format 3\0';
const NOT_OURS = new Set(['node_modules', '.git', '.nx']);

/** Every SQLite database file of the workspace (relative paths), outside node_modules, .git and Nx's own .nx. */
export function findSqliteFiles(root: string, dir = ''): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory() && !NOT_OURS.has(entry.name)) found.push(...findSqliteFiles(root, relative));
    else if (entry.isFile() && readHeader(path.join(root, relative)) === SQLITE_HEADER) found.push(relative);
  }
  return found.sort();
}

function readHeader(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}
