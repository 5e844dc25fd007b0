// Scenario for retrieval: `sot-sync search` on the SQLite index the first-sync scenario filled, process start and
// the freshness check against the ledgers included (issue 12's goal: under 0.25 s at 10,000 entries).
import type { RunPlan, ScenarioResult } from './bench-types';
import type { BenchWorkspace } from './bench-workspace';
import { measureRuns } from './measure-runs';
import { runCli, type CliSample } from './run-cli';
import type { SqlStore } from './bench-sql';

/** Words the synthetic ledgers use, so every query has hits (a query with none would measure less work). */
const QUERIES = ['lease timeout', 'BUILD-100', 'retry policy'];

export async function benchSearch(ws: BenchWorkspace, plan: RunPlan, store: SqlStore): Promise<ScenarioResult[]> {
  const url = store.cliUrl(`cli-first-${plan.firstRuns - 1}`);
  const { samples: _samples, ...measured } = await measureRuns({
    size: ws.size,
    scenario: `${store.kind} search`,
    command: `sot-sync search "<${QUERIES.join(' | ')}>" --json --database-url ${url}`,
    runs: plan.runs,
    run: async (i) => {
      // The edited-resync scenario leaves the index holding docs-edited/ or docs/: bring it to docs/ first (untimed).
      if (i === 0) await runCli(ws.root, ['--db-only', '--execute', '--database-url', url]);
      return runCli(ws.root, ['search', QUERIES[i % QUERIES.length] as string, '--json', '--database-url', url]);
    },
    check: checkFound,
  });
  return [measured];
}

/** A search must answer from the SQL index with results, and find the index in step with the ledgers. */
function checkFound(sample: CliSample): string | null {
  let found: { target?: string; index?: { fresh?: boolean }; results?: unknown[] };
  try {
    found = JSON.parse(sample.stdout) as typeof found;
  } catch {
    return `search printed no JSON document: ${sample.stdout.slice(0, 200)}`;
  }
  if (found.target !== 'sql') return `search answered from ${String(found.target)}, expected sql`;
  if (found.index?.fresh !== true) return `the index is reported behind the ledgers: ${JSON.stringify(found.index)}`;
  return (found.results?.length ?? 0) > 0 ? null : 'search found nothing';
}
