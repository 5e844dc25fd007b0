// Qdrant scenarios against the test server, local BM25 embedder: first sync (points/s), no-op resync (the server's
// log must show zero upserts; an extra run counts embedding calls in the CLI), 1% edited resync; each beside the
// naive baseline (one lookup, one embedding call and one upsert per entry).
import * as path from 'node:path';
import { ratioOf, type RunPlan, type ScenarioResult } from './bench-types';
import type { BenchQdrant } from './bench-qdrant';
import type { BenchWorkspace } from './bench-workspace';
import { expectCounts, measureRuns } from './measure-runs';
import type { RequestDigest } from './qdrant-server-process';
import { runCli, type CliSample } from './run-cli';
import { naiveBaseline } from './run-naive';

interface QdrantScenario {
  name: string;
  runs: number;
  collection(i: number): string;
  docsDir(i: number): string;
  expected: { inserted: number; updated: number; deleted: number; unchanged: number };
  checkRequests(digest: RequestDigest): string | null;
}

export async function benchQdrantSync(ws: BenchWorkspace, plan: RunPlan, qdrant: BenchQdrant): Promise<ScenarioResult[]> {
  const n = ws.entries;
  const docsFor = (i: number): string => (i % 2 === 0 ? 'docs-edited' : 'docs');
  const last = `cli_${ws.size}_first_${plan.firstRuns - 1}`;
  const clean = (d: RequestDigest): string | null => (d.violations === 0 ? null : `${d.violations} OpenAPI contract violations`);
  const scenarios: QdrantScenario[] = [
    {
      name: 'first sync',
      runs: plan.firstRuns,
      collection: (i) => `cli_${ws.size}_first_${i}`,
      docsDir: () => 'docs',
      expected: { inserted: n, updated: 0, deleted: 0, unchanged: 0 },
      checkRequests: clean,
    },
    {
      name: 'no-op resync',
      runs: plan.runs,
      collection: () => last,
      docsDir: () => 'docs',
      expected: { inserted: 0, updated: 0, deleted: 0, unchanged: n },
      checkRequests: (d) => clean(d) ?? (d.upserts + d.deletes === 0 ? null : `no-op made ${d.upserts} upserts and ${d.deletes} deletes`),
    },
    {
      name: '1% edited resync',
      runs: plan.runs,
      collection: () => last,
      docsDir: docsFor,
      expected: { inserted: 0, updated: ws.edited, deleted: 0, unchanged: n - ws.edited },
      checkRequests: (d) => clean(d) ?? (d.upserts > 0 ? null : 'no upsert for the edited entries'),
    },
  ];
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) results.push(await runScenario(ws, plan, qdrant, scenario));
  await dropCollection(qdrant.url, last);
  return results;
}

async function runScenario(ws: BenchWorkspace, plan: RunPlan, qdrant: BenchQdrant, s: QdrantScenario): Promise<ScenarioResult> {
  const total: RequestDigest = { requests: 0, upserts: 0, upsertedPoints: 0, deletes: 0, scrolls: 0, violations: 0, failed: 0 };
  let points = 0;
  const { samples: _samples, ...measured } = await measureRuns({
    size: ws.size,
    scenario: `qdrant ${s.name}`,
    command: `sot-sync --qdrant-only --execute --qdrant-host <test server> --qdrant-collection <name>${s.name.startsWith('1%') ? ' --docs-dir docs-edited|docs (alternating)' : ''}`,
    runs: s.runs,
    run: async (i) => {
      if (s.name === 'first sync' && i > 0) await dropCollection(qdrant.url, s.collection(i - 1));
      await qdrant.digest();
      return runCli(ws.root, qdrantArgs(qdrant.url, s.collection(i), s.docsDir(i)));
    },
    check: async (sample: CliSample, i: number) => {
      const digest = await qdrant.digest();
      for (const key of Object.keys(total) as (keyof RequestDigest)[]) total[key] += digest[key];
      if (s.name === 'first sync') points = await qdrant.count(s.collection(i));
      if (s.name === 'first sync' && points !== digest.upsertedPoints) return `collection holds ${points} points, upserts carried ${digest.upsertedPoints}`;
      return expectCounts(sample.report.qdrant, s.expected, 'qdrant') ?? s.checkRequests(digest);
    },
  });
  const { problems, ...baseline } = await qdrantNaive(ws, plan, qdrant, s);
  const result: ScenarioResult = {
    ...measured,
    problems: [...measured.problems, ...problems],
    requests: total,
    baseline,
    ratio: ratioOf({ ...measured, baseline }),
  };
  if (s.name === 'first sync') result.pointsPerSecond = Math.round(points / (measured.summary.wallMs.median / 1000));
  if (s.name === 'no-op resync') result.embedCalls = await countEmbedCalls(ws, qdrant, s.collection(0));
  return result;
}

function qdrantArgs(url: string, collection: string, docsDir: string): string[] {
  return ['--qdrant-only', '--execute', '--qdrant-host', url, '--qdrant-collection', collection, '--docs-dir', docsDir, '--max-seconds', '900'];
}

/** One extra, untimed no-op run with the embed counter preloaded: the CLI's own count of embedding calls. */
async function countEmbedCalls(ws: BenchWorkspace, qdrant: BenchQdrant, collection: string): Promise<number> {
  const sample = await runCli(ws.root, qdrantArgs(qdrant.url, collection, 'docs'), ['-r', path.join(__dirname, 'count-embed-calls.js')]);
  await qdrant.digest();
  return Number(/BENCH_EMBED_CALLS=(\d+)/.exec(sample.stderr)?.[1] ?? Number.NaN);
}

async function qdrantNaive(
  ws: BenchWorkspace,
  plan: RunPlan,
  qdrant: BenchQdrant,
  s: QdrantScenario,
): Promise<NonNullable<ScenarioResult['baseline']> & { problems: string[] }> {
  const collection = (i: number): string => (s.name === 'first sync' ? `naive_${ws.size}_first_${i}` : `naive_${ws.size}_first_${plan.naiveRunsQdrant - 1}`);
  const baseline = await naiveBaseline(
    plan.naiveRunsQdrant,
    async (i) => {
      if (s.name === 'first sync' && i > 0) await dropCollection(qdrant.url, collection(i - 1));
      return {
        kind: 'qdrant',
        root: ws.root,
        docsDir: path.join(ws.root, s.docsDir(i)),
        url: qdrant.url,
        name: collection(i),
        total: ws.entries,
        ...(plan.naiveLimitQdrant ? { limit: plan.naiveLimitQdrant } : {}),
      };
    },
    (output) => (output.inserted === s.expected.inserted && output.updated === s.expected.updated ? null : `counts ${JSON.stringify(output)}`),
  );
  await qdrant.digest();
  if (s.name === '1% edited resync') await dropCollection(qdrant.url, collection(0));
  return baseline;
}

export async function dropCollection(url: string, name: string): Promise<void> {
  await fetch(`${url}/collections/${encodeURIComponent(name)}`, { method: 'DELETE' });
}
