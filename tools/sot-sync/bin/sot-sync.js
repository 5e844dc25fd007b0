#!/usr/bin/env node
// Starts the compiled CLI (dist/cli.js, else dist/src); the workspace's install step (`npm ci`) builds it.
// sot-sync needs Node 22 or newer (better-sqlite3 13 crashes on older ones). When the first `node` on PATH is older
// and the workspace installed its own (the `node` package: node_modules/.bin/node), the CLI re-runs itself on that
// one, so a cron line or a Nx runtime input written as `node …/sot-sync.js` works on a machine whose system Node is old.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const MIN_MAJOR = 22;

function major(version) {
  return Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
}

/** node_modules/.bin/node in the working directory, this package or any directory above them. */
function findWorkspaceNode() {
  for (const start of [process.cwd(), __dirname]) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', '.bin', 'node');
      if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

if (major(process.version) < MIN_MAJOR) {
  const workspaceNode = findWorkspaceNode();
  if (workspaceNode && workspaceNode !== fs.realpathSync(process.execPath) && !process.env.SOT_SYNC_REEXEC) {
    const { spawnSync } = require('node:child_process');
    const env = { ...process.env, SOT_SYNC_REEXEC: '1' };
    const result = spawnSync(workspaceNode, [__filename, ...process.argv.slice(2)], { stdio: 'inherit', env });
    if (result.error) {
      process.stderr.write(`sot-sync: cannot start ${workspaceNode}: ${result.error.message}\n`);
      process.exit(2);
    }
    if (result.signal) process.kill(process.pid, result.signal);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(
    `sot-sync: needs Node ${MIN_MAJOR} or newer, but runs on ${process.version}. Install a current Node, or run it through ` +
      'the workspace (npx sot-sync, npm run …), which uses the Node that `npm ci` installed in node_modules/.bin.\n',
  );
  process.exit(2);
}

require(cliEntry()).run(process.argv.slice(2));

/**
 * The CLI to load. Node keeps what it compiled in a cache (the OS temp directory, or NODE_COMPILE_CACHE; off under
 * NODE_DISABLE_COMPILE_CACHE), so later runs skip most of the compiling; a cache that cannot be written is skipped
 * silently. The build bundles the CLI into dist/cli.js (one file to read and compile); a build made by tsc alone
 * (newer dist/.tsbuildinfo) or none falls back to the compiled modules in dist/src.
 */
function cliEntry() {
  try {
    require('node:module').enableCompileCache?.();
  } catch {
    // no cache: every run compiles, as before
  }
  const dist = path.join(__dirname, '..', 'dist');
  const bundle = mtimeOf(path.join(dist, 'cli.js'));
  if (bundle !== null && bundle >= (mtimeOf(path.join(dist, '.tsbuildinfo')) ?? 0)) return path.join(dist, 'cli.js');
  const main = path.join(dist, 'src', 'cli', 'main.js');
  if (mtimeOf(main) !== null) return main;
  process.stderr.write('sot-sync: the CLI is not built yet; run `npm run build` at the workspace root.\n');
  process.exit(2);
}

function mtimeOf(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? null;
}
