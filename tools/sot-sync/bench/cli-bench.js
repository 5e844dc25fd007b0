#!/usr/bin/env node
// Times the real CLI (process start included) on a directory of ledgers copied into a temporary workspace:
// `--docs-only` and a no-op `--db-only --execute` on SQLite. Prints a table and JSON: median, min, max, peak RSS.
// Usage: node tools/sot-sync/bench/cli-bench.js [--docs DIR] [--runs N]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BIN = path.resolve(__dirname, '../bin/sot-sync.js');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const docs = path.resolve(arg('--docs', path.resolve(__dirname, '../../../../shared/corpus/2026-01-08/docs')));
const runs = Number(arg('--runs', '7'));

/** Runs the CLI once under /usr/bin/time when available (peak RSS), else without memory figures. */
function runOnce(root, cliArgs) {
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const command = timeBin ? [timeBin, ['-f', '%M', process.execPath, BIN, ...cliArgs]] : [process.execPath, [BIN, ...cliArgs]];
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0], command[1], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rssKb = timeBin ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  if (result.status !== 0 && result.status !== 1) throw new Error(`sot-sync ${cliArgs.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, rssMb: rssKb / 1024 };
}

function measure(root, label, cliArgs) {
  const samples = Array.from({ length: runs }, () => runOnce(root, cliArgs));
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    label,
    runs,
    medianMs: Math.round(times[Math.floor(times.length / 2)]),
    minMs: Math.round(times[0]),
    maxMs: Math.round(times[times.length - 1]),
    peakRssMb: Math.round(Math.max(...samples.map((s) => s.rssMb))),
  };
}

function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-bench-'));
  try {
    fs.writeFileSync(path.join(root, 'nx.json'), '{}\n');
    fs.mkdirSync(path.join(root, 'docs'));
    for (const name of fs.readdirSync(docs).filter((n) => n.endsWith('.md'))) fs.copyFileSync(path.join(docs, name), path.join(root, 'docs', name));
    const bytes = fs.readdirSync(path.join(root, 'docs')).reduce((sum, n) => sum + fs.statSync(path.join(root, 'docs', n)).size, 0);
    runOnce(root, ['--db-only', '--execute', '--no-timing']);
    const results = [
      measure(root, '--docs-only', ['--docs-only', '--no-timing']),
      measure(root, '--db-only --execute (no-op resync, SQLite)', ['--db-only', '--execute', '--no-timing']),
    ];
    console.log(`ledgers: ${docs} (${(bytes / 1024).toFixed(0)} KB), ${runs} runs each, node ${process.version}, ${os.cpus().length} cores`);
    console.log('| run | median ms | min ms | max ms | peak RSS MB |\n| --- | --- | --- | --- | --- |');
    for (const r of results) console.log(`| ${r.label} | ${r.medianMs} | ${r.minMs} | ${r.maxMs} | ${r.peakRssMb} |`);
    console.log(JSON.stringify({ docs, bytes, results }));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
