// Scenarios without a store: `--docs-only`, and the pre-commit validation of the three staged ledgers. Their
// baseline is the floor (node start + read + split + SHA-256): what the machine needs before any markdown rule.
import * as path from 'node:path';
import { ratioOf, type Baseline, type RunPlan, type ScenarioResult } from './bench-types';
import type { BenchWorkspace } from './bench-workspace';
import { measureRuns } from './measure-runs';
import { runCli, type CliSample } from './run-cli';
import { runProcess, type ProcessSample } from './run-process';
import { summarizeSamples } from './summarize-samples';

export async function benchParse(ws: BenchWorkspace, plan: RunPlan): Promise<ScenarioResult[]> {
  const floor = await floorBaseline(ws, plan.runs);
  const check = (s: CliSample): string | null =>
    s.report.entries === ws.entries && s.report.errors === 0
      ? null
      : `parsed ${s.report.entries} entries with ${s.report.errors} errors, expected ${ws.entries} and 0`;
  // Every ledger parsed: the first run after any ledger changed (and every run before the parse cache).
  const parsed = await measureRuns({
    size: ws.size,
    scenario: 'docs-only, every ledger parsed',
    command: 'SOT_SYNC_PARSE_CACHE=off sot-sync --docs-only',
    runs: plan.runs,
    run: () => runCli(ws.root, ['--docs-only'], [], { SOT_SYNC_PARSE_CACHE: 'off' }),
    check,
  });
  // Unchanged ledgers, as a hook, CI or cron run sees them: one untimed run fills the parse cache first.
  await runCli(ws.root, ['--docs-only']);
  const docsOnly = await measureRuns({
    size: ws.size,
    scenario: 'docs-only',
    command: 'sot-sync --docs-only',
    runs: plan.runs,
    run: () => runCli(ws.root, ['--docs-only']),
    check,
  });
  const staged = await measureRuns({
    size: ws.size,
    scenario: 'validate --staged (3 ledgers)',
    command: 'sot-sync validate --staged',
    runs: plan.runs,
    run: () => runCli(ws.root, ['validate', '--staged']),
    check: (s) =>
      /3 ledger\(s\) checked, 0 problem\(s\) blocking/.test(s.stderr) ? null : `unexpected validate output: ${s.stderr.trim().split('\n').pop() ?? ''}`,
  });
  staged.counts = `${ws.ledgerNames.length} ledgers, 0 blocking`;
  return [docsOnly, parsed, staged].map(({ samples: _samples, ...result }) => ({ ...result, baseline: floor, ratio: ratioOf({ ...result, baseline: floor }) }));
}

async function floorBaseline(ws: BenchWorkspace, runs: number): Promise<Baseline> {
  const samples: ProcessSample[] = [];
  const script = path.join(__dirname, 'floor-scan.js');
  for (let i = 0; i < runs; i++) {
    samples.push(
      await runProcess({ command: process.execPath, args: [script, path.join(ws.root, 'docs'), ...ws.ledgerNames], cwd: ws.root, env: process.env }),
    );
  }
  return { kind: 'floor', summary: summarizeSamples(samples), note: 'node start + read + split lines + SHA-256 per section' };
}
