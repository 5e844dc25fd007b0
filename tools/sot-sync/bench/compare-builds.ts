// Before/after of two builds of the CLI, interleaved so that a busy machine slows both alike: each pair runs one
// build then the other (the order alternates), on the same synthetic ledgers, the same stores, with the same checks.
// Usage: node compare-builds.js --before <bin/sot-sync.js> [--after <bin>] [--size 50000] [--pairs 5] [--out f.json]
import { writeFileSync } from 'node:fs';
import { startBenchQdrant, type BenchQdrant } from './bench-qdrant';
import { dropCollection } from './bench-qdrant-sync';
import { createWorkspace, type BenchWorkspace } from './bench-workspace';
import { loadAverage } from './describe-machine';
import { CLI_DEFAULT, runCli, useCli, type CliSample } from './run-cli';
import { postgresStore } from './sql-stores';
import { spreadOf, type Spread } from './summarize-samples';

type Which = 'before' | 'after';

interface Scenario {
  name: string;
  /** CLI args for run `i` of build `which`; may prepare (untimed). */
  args(which: Which, i: number): Promise<string[]>;
  ok(sample: CliSample): boolean;
}

interface Comparison {
  scenario: string;
  before: Spread;
  after: Spread;
  /** before median / after median. */
  speedup: number;
  failed: number;
}

const value = (argv: readonly string[], name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

async function main(argv: readonly string[]): Promise<void> {
  const bins = { before: value(argv, '--before'), after: value(argv, '--after') ?? CLI_DEFAULT };
  if (!bins.before) throw new Error('--before <path/to/bin/sot-sync.js> is required');
  const pairs = Number(value(argv, '--pairs') ?? 5);
  const ws = createWorkspace(Number(value(argv, '--size') ?? 50_000));
  const qdrant = await startBenchQdrant(process.env['SOT_SYNC_QDRANT_OPENAPI'] ?? '/work/shared/qdrant/openapi-v1.19.0.json');
  const pg = postgresStore(ws.size, 0);
  const comparisons: Comparison[] = [];
  const loadBefore = loadAverage();
  try {
    for (const scenario of scenarios(ws, qdrant, pg.cliUrl.bind(pg), bins as { before: string; after: string }))
      comparisons.push(await compare(ws, scenario, bins as { before: string; after: string }, pairs));
  } finally {
    await pg.dropSchemas();
    await qdrant.close();
    ws.dispose();
  }
  const lines = ['| scenario | before median ms (min–max) | after median ms (min–max) | speedup |', '| --- | ---: | ---: | ---: |'];
  for (const c of comparisons)
    lines.push(`| ${c.scenario} | ${fmt(c.before)} | ${fmt(c.after)} | ${c.speedup}x${c.failed ? ` (${c.failed} failed runs)` : ''} |`);
  process.stdout.write(`${ws.size.toLocaleString('en-US')} entries, ${pairs} interleaved pairs\n\n${lines.join('\n')}\n`);
  const document = JSON.stringify({ size: ws.size, pairs, bins, loadBefore, loadAfter: loadAverage(), comparisons }, null, 2);
  process.stdout.write(`${document}\n`);
  const out = value(argv, '--out');
  if (out) writeFileSync(out, `${document}\n`);
}

function scenarios(ws: BenchWorkspace, qdrant: BenchQdrant, pgUrl: (key: string) => string, bins: { before: string; after: string }): Scenario[] {
  const n = ws.entries;
  const counts = (sample: CliSample, target: 'db' | 'qdrant', inserted: number): boolean =>
    sample.report[target]?.inserted === inserted && sample.report[target]?.unchanged === n - inserted;
  // Each build's own store, synced once (untimed) by that build when its no-op scenario first needs it: a build never
  // reads a store another build wrote (an older build refuses a newer schema version, and records differ).
  const synced = (url: (which: Which) => string): ((which: Which) => Promise<string[]>) => {
    const ready = new Map<Which, Promise<string[]>>();
    return (which) => {
      const args = ['--db-only', '--execute', '--database-url', url(which)];
      if (!ready.has(which)) {
        ready.set(
          which,
          (async () => {
            useCli(bins[which]);
            await runCli(ws.root, args);
            return args;
          })(),
        );
      }
      return ready.get(which)!;
    };
  };
  const sqliteNoop = synced((which) => `sqlite:///compare-noop-${which}.db`);
  const pgNoop = synced((which) => pgUrl(`compare_noop_${which}`));
  return [
    { name: 'docs-only', args: () => Promise.resolve(['--docs-only']), ok: (s) => s.report.entries === n },
    {
      name: 'sqlite first sync',
      args: (w, i) => Promise.resolve(['--db-only', '--execute', '--database-url', `sqlite:///compare-${w}-${i}.db`]),
      ok: (s) => counts(s, 'db', n),
    },
    { name: 'sqlite no-op resync', args: sqliteNoop, ok: (s) => counts(s, 'db', 0) },
    {
      name: 'postgres first sync',
      args: (w, i) => Promise.resolve(['--db-only', '--execute', '--database-url', pgUrl(`compare_${w}_${i}`)]),
      ok: (s) => counts(s, 'db', n),
    },
    { name: 'postgres no-op resync', args: pgNoop, ok: (s) => counts(s, 'db', 0) },
    {
      name: 'qdrant first sync',
      args: async (w, i) => {
        await dropCollection(qdrant.url, `compare_${w}_${i - 1}`);
        return ['--qdrant-only', '--execute', '--qdrant-host', qdrant.url, '--qdrant-collection', `compare_${w}_${i}`, '--max-seconds', '900'];
      },
      ok: (s) => counts(s, 'qdrant', n),
    },
  ];
}

async function compare(ws: BenchWorkspace, scenario: Scenario, bins: { before: string; after: string }, pairs: number): Promise<Comparison> {
  const wall = { before: [] as number[], after: [] as number[] };
  let failed = 0;
  for (let i = 0; i < pairs; i++) {
    const order: Which[] = i % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
    for (const which of order) {
      const args = await scenario.args(which, i);
      useCli(bins[which]);
      const sample = await runCli(ws.root, args);
      if (sample.exitCode !== 0 || !scenario.ok(sample)) failed++;
      wall[which].push(sample.wallMs);
    }
  }
  useCli(CLI_DEFAULT);
  const before = spreadOf(wall.before);
  const after = spreadOf(wall.after);
  process.stderr.write(`  ${scenario.name}: before ${before.median} ms, after ${after.median} ms\n`);
  return { scenario: scenario.name, before, after, speedup: Math.round((before.median / after.median) * 100) / 100, failed };
}

function fmt(spread: Spread): string {
  return `${Math.round(spread.median).toLocaleString('en-US')} (${Math.round(spread.min).toLocaleString('en-US')}–${Math.round(spread.max).toLocaleString('en-US')})`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`compare-builds failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
