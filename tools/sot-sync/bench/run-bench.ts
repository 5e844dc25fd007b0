// `npm run bench`: synthetic ledgers of 1,000 / 10,000 / 50,000 entries in a temp workspace, every scenario of
// issue 6 through the real CLI (process start included), a naive per-row baseline beside each, then a table, the
// targets met or missed, and one JSON document. `--profile DIR` profiles one run of each scenario instead.
import { writeFileSync } from 'node:fs';
import { parseBenchOptions, planFor, USAGE, type BenchOptions } from './bench-options';
import { benchMcp } from './bench-mcp';
import { benchParse } from './bench-parse';
import { startBenchQdrant, type BenchQdrant } from './bench-qdrant';
import { benchQdrantSync } from './bench-qdrant-sync';
import { benchRealSize } from './bench-real-size';
import { benchSearch } from './bench-search';
import { benchSql } from './bench-sql';
import type { ScenarioResult } from './bench-types';
import { createRealSizeWorkspace, createWorkspace, type BenchWorkspace } from './bench-workspace';
import { checkTargets } from './check-targets';
import { describeMachine, loadAverage } from './describe-machine';
import { formatResults, formatTargets } from './format-results';
import { printProfile, profileScenarios } from './profile-scenarios';
import { useCli } from './run-cli';
import { postgresStore, probePostgres, sqliteStore } from './sql-stores';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return log(USAGE);
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  if (options.cli) useCli(options.cli);
  const started = Date.now();
  const machine = { ...describeMachine(), loadBefore: loadAverage() };
  const pgProblem = options.groups.includes('postgres') ? await probePostgres() : null;
  if (pgProblem) log(`!!! SKIPPING PostgreSQL scenarios: ${pgProblem}`);
  const serverProfile = options.profileDir ? `${options.profileDir}/qdrant-server` : null;
  const qdrant = options.groups.includes('qdrant')
    ? await startBenchQdrant(options.openApi, serverProfile ? ['--cpu-prof', `--cpu-prof-dir=${serverProfile}`] : [])
    : null;
  const results: ScenarioResult[] = [];
  const sizes: { size: number; bytes: number; entries: number; edited: number }[] = [];
  try {
    if (options.real && options.groups.includes('parse') && !options.profileDir) results.push(...(await realSize(options)));
    for (const size of options.sizes) {
      log(`generating ${size.toLocaleString('en-US')} entries...`);
      const ws = createWorkspace(size);
      sizes.push({ size, bytes: ws.bytes, entries: ws.entries, edited: ws.edited });
      try {
        if (options.profileDir) await profileScenarios(ws, options.profileDir, qdrant, pgProblem === null);
        else results.push(...(await benchSize(ws, options, qdrant, pgProblem === null)));
      } finally {
        ws.dispose();
      }
    }
  } finally {
    await qdrant?.close();
  }
  if (serverProfile && qdrant) return printProfile('Qdrant test server (whole profiling session)', serverProfile);
  if (options.profileDir) return;
  report(results, {
    machine: { ...machine, loadAfter: loadAverage() },
    options,
    sizes,
    seconds: Math.round((Date.now() - started) / 1000),
    contractChecked: qdrant?.contractChecked ?? null,
  });
}

/** The real ledgers' size: docs-only and the hook against the Python tool's time, lint-staged's start beside them. */
async function realSize(options: BenchOptions): Promise<ScenarioResult[]> {
  log(`real size: ${options.realLedgers ?? 'synthetic, 352 entries'}...`);
  const ws = createRealSizeWorkspace(options.realLedgers);
  try {
    const done = await benchRealSize(ws, options.runs ?? 10);
    log(
      `  real size (${ws.entries} entries, ${Math.round(ws.bytes / 1000)} KB): ${done.map((r) => `${r.scenario} ${Math.round(r.summary.wallMs.median)} ms${r.problems.length ? ' (WRONG)' : ''}`).join(', ')}`,
    );
    return done;
  } finally {
    ws.dispose();
  }
}

async function benchSize(ws: BenchWorkspace, options: BenchOptions, qdrant: BenchQdrant | null, postgres: boolean): Promise<ScenarioResult[]> {
  const plan = planFor(ws.size, options);
  const results: ScenarioResult[] = [];
  const step = async (group: string, work: () => Promise<ScenarioResult[]>): Promise<void> => {
    const t = Date.now();
    const done = await work();
    results.push(...done);
    log(
      `  ${ws.size.toLocaleString('en-US')} ${group}: ${done.map((r) => `${r.scenario} ${Math.round(r.summary.wallMs.median)} ms${r.problems.length ? ' (WRONG)' : ''}`).join(', ')} [${Math.round((Date.now() - t) / 1000)} s]`,
    );
  };
  if (options.groups.includes('parse')) await step('parse', () => benchParse(ws, plan));
  if (options.groups.includes('sqlite')) {
    await step('sqlite', () => benchSql(ws, plan, sqliteStore(ws.root)));
    await step('search', () => benchSearch(ws, plan, sqliteStore(ws.root)));
    if (options.groups.includes('mcp')) await step('mcp', () => benchMcp(ws, plan, sqliteStore(ws.root)));
  }
  if (options.groups.includes('postgres') && postgres) {
    const store = postgresStore(ws.size, plan.naiveLimitPostgres);
    try {
      await step('postgres', () => benchSql(ws, plan, store));
    } finally {
      await store.dropSchemas();
    }
  }
  if (qdrant) await step('qdrant', () => benchQdrantSync(ws, plan, qdrant));
  return results;
}

function report(results: ScenarioResult[], context: Record<string, unknown>): void {
  const targets = checkTargets(results);
  process.stdout.write(
    `${formatResults(results)}\n\nTargets (the speed issues; ratios: sot-sync ÷ the Python tool, wall time of the whole process):\n\n${formatTargets(targets)}\n\n`,
  );
  process.stdout.write(`Baseline marked *: the naive baseline wrote a slice of the entries and its write time was scaled up linearly.\n\n`);
  const document = JSON.stringify({ ...context, results, targets }, null, 2);
  process.stdout.write(`${document}\n`);
  const out = (context['options'] as BenchOptions).out;
  if (out) writeFileSync(out, `${document}\n`);
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
