// Entry point of the inferred-targets plugin: nx.json "plugins": ["sot-sync/plugin"] (src/plugin/create-nodes.ts, built).
// JavaScript like bin/sot-sync.js, so Nx loads the compiled plugin without a TypeScript transpiler.
'use strict';
module.exports = require('./dist/src/plugin/create-nodes.js');
