#!/usr/bin/env node
// Build step: compiles executors/sync/schema.json into standalone validation code (dist/src/config/
// validate-options.js), so the CLI and the pre-commit hook start without loading and running ajv's compiler.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.resolve(__dirname, '..');
const { $schema: _meta, version: _version, ...schema } = require(path.join(root, 'executors/sync/schema.json'));
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
const out = path.join(root, 'dist/src/config/validate-options.js');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, standaloneCode(ajv, ajv.compile(schema)));
