// Jest globalSetup and globalTeardown: the runs of a test session keep their parse cache in one temporary directory,
// removed at the end, never in the user's ~/.cache. Workers and the CLI processes they start inherit the variable.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function setUp() {
  if (process.env.SOT_SYNC_CACHE_DIR) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-test-cache-'));
  process.env.SOT_SYNC_CACHE_DIR = dir;
  process.env.SOT_SYNC_TEST_OWN_CACHE_DIR = dir;
};

module.exports.tearDown = async function tearDown() {
  const dir = process.env.SOT_SYNC_TEST_OWN_CACHE_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
