#!/usr/bin/env node
// Starts the compiled CLI; the workspace's install step (`npm ci`) builds it.
'use strict';
const path = require('node:path');
const main = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
try {
  require.resolve(main);
} catch {
  process.stderr.write('sot-sync: the CLI is not built yet; run `npm run build` at the workspace root.\n');
  process.exit(2);
}
require(main).run(process.argv.slice(2));
