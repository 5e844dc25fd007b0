// Scenarios for the SQL targets (SQLite, PostgreSQL): first sync, no-op resync and a resync after editing 1% of the
// entries, each beside its naive per-row baseline (SELECT then INSERT/UPDATE per entry, one transaction).
import { ratioOf, type RunPlan, type ScenarioResult } from './bench-types';
import type { BenchWorkspace } from './bench-workspace';
import { expectCounts, measureRuns } from './measure-runs';
import { runCli } from './run-cli';
import { naiveBaseline, runNaive, type NaiveOutput } from './run-naive';

/** Where run `i` of a scenario writes: a fresh location for first syncs, else the one the last first sync filled. */
export interface SqlStore {
  kind: 'sqlite' | 'postgres';
  /** The CLI's `--database-url` for location `key`. */
  cliUrl(key: string): string;
  /** The naive baseline's url and name (schema) for location `key`. */
  naiveLocation(key: string): { url: string; name?: string };
  /** Naive baselines write at most this many entries (0: all). */
  naiveLimit: number;
}

export async function benchSql(ws: BenchWorkspace, plan: RunPlan, store: SqlStore): Promise<ScenarioResult[]> {
  const n = ws.entries;
  const e = ws.edited;
  const sync = (url: string, docsDir = 'docs') => runCli(ws.root, ['--db-only', '--execute', '--database-url', url, '--docs-dir', docsDir]);
  const docsFor = (i: number): string => (i % 2 === 0 ? 'docs-edited' : 'docs');
  const lastFirst = `cli-first-${plan.firstRuns - 1}`;
  const scenarios = [
    {
      name: 'first sync',
      runs: plan.firstRuns,
      cli: (i: number) => sync(store.cliUrl(`cli-first-${i}`)),
      expected: { inserted: n, updated: 0, deleted: 0, unchanged: 0 },
      naive: (i: number) => ({ key: `naive-first-${i}`, docsDir: 'docs' }),
    },
    {
      name: 'no-op resync',
      runs: plan.runs,
      cli: () => sync(store.cliUrl(lastFirst)),
      expected: { inserted: 0, updated: 0, deleted: 0, unchanged: n },
      naive: () => ({ key: `naive-first-${plan.naiveRuns - 1}`, docsDir: 'docs' }),
    },
    {
      name: '1% edited resync',
      runs: plan.runs,
      cli: (i: number) => sync(store.cliUrl(lastFirst), docsFor(i)),
      expected: { inserted: 0, updated: e, deleted: 0, unchanged: n - e },
      naive: (i: number) => ({ key: `naive-first-${plan.naiveRuns - 1}`, docsDir: docsFor(i) }),
    },
  ];
  const results: ScenarioResult[] = [];
  for (const s of scenarios) {
    const { samples: _samples, ...measured } = await measureRuns({
      size: ws.size,
      scenario: `${store.kind} ${s.name}`,
      command: `sot-sync --db-only --execute --database-url ${store.cliUrl('<fresh>')}${s.name.startsWith('1%') ? ' --docs-dir docs-edited|docs (alternating)' : ''}`,
      runs: s.runs,
      run: s.cli,
      check: (sample) => expectCounts(sample.report.db, s.expected, 'db'),
    });
    const baseline = await naiveBaseline(
      plan.naiveRuns,
      (i) => {
        const { key, docsDir } = s.naive(i);
        return Promise.resolve({
          kind: store.kind,
          root: ws.root,
          docsDir: `${ws.root}/${docsDir}`,
          ...store.naiveLocation(key),
          total: n,
          ...(store.naiveLimit ? { limit: store.naiveLimit } : {}),
        });
      },
      (output: NaiveOutput) => (output.inserted === s.expected.inserted && output.updated === s.expected.updated ? null : `counts ${JSON.stringify(output)}`),
    );
    const { problems, ...base } = baseline;
    const result: ScenarioResult = {
      ...measured,
      problems: [...measured.problems, ...problems],
      baseline: base,
      ratio: ratioOf({ ...measured, baseline: base }),
    };
    if (s.name === 'first sync' && ws.size <= 1_000) result.commitPerRowMs = await commitPerRow(ws, store);
    results.push(result);
  }
  return results;
}

/** The fully naive first sync: per-row statements, each committed on its own (one run, small ledgers only). */
async function commitPerRow(ws: BenchWorkspace, store: SqlStore): Promise<number> {
  const run = {
    kind: store.kind,
    root: ws.root,
    docsDir: `${ws.root}/docs`,
    ...store.naiveLocation('naive-commit-per-row'),
    total: ws.entries,
    commitPerRow: true,
  };
  return Math.round((await runNaive(run)).sample.wallMs);
}
