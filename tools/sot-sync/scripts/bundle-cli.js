#!/usr/bin/env node
// Build step, after tsc and compile-options-schema.js: bundles the compiled CLI (dist/src/cli/main.js and everything
// it imports) into one file, dist/cli.js, so a run reads and compiles one file instead of loading dozens of modules.
// Drivers, Nx and the MCP SDK stay outside, loaded from node_modules only by the commands that use them; so does
// ajv (only the fallback when the compiled validator is missing). The Nx executors and the public API keep running
// from dist/src. bin/sot-sync.js falls back to dist/src when the bundle is missing or older than the last tsc build.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native', '@qdrant/js-client-rest', '@modelcontextprotocol/sdk', 'zod', 'nx', '@nx/devkit', 'ajv'];

esbuild.buildSync({
  entryPoints: [path.join(root, 'dist/src/cli/main.js')],
  outfile: path.join(root, 'dist/cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  logLevel: 'warning',
  legalComments: 'none',
  // readVersion's `require(path.join(dir, 'package.json'))` is meant to stay a runtime require.
  logOverride: { 'unsupported-require-call': 'silent' },
});
