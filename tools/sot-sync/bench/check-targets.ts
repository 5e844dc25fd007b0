// Bench support: the targets of issue 6, checked against the measured results. Pure.
import { REAL_DOCS_ONLY, REAL_HOOK } from './bench-real-size';
import type { ScenarioResult } from './bench-types';

export interface TargetCheck {
  target: string;
  /** null: not measured in this run (e.g. that size was not benchmarked). */
  met: boolean | null;
  measured: string;
}

const LARGE = 50_000;

const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;

export interface PythonReference {
  scenario: string;
  /** Entries; null: the real-size scenario (whatever its entry count). */
  size: number | null;
  /** The Python tool's wall time (whole process, median). */
  ms: number;
  /** sot-sync ÷ Python as the speed issue measured it (interleaved), and the goal for it. */
  ratioBefore: number;
  goal: number;
}

/**
 * The Python tool sot-sync replaces, which the bench cannot run: its wall times (whole process, median) as measured on
 * this machine kind — at the real ledgers' size by the speed issue (0.16 s), at 50,000 entries by the first benchmark
 * issue (docs-only 2.2 s, SQLite first sync 3.4 s, no-op resync 3.6 s). `ratioBefore` is sot-sync ÷ Python as the speed
 * issue measured it, interleaved, before its work.
 */
export const PYTHON_REFERENCE: readonly PythonReference[] = [
  { scenario: REAL_DOCS_ONLY, size: null, ms: 160, ratioBefore: 1.57, goal: 0.5 },
  { scenario: 'docs-only', size: 50_000, ms: 2200, ratioBefore: 1.07, goal: 0.4 },
  { scenario: 'sqlite first sync', size: 50_000, ms: 3400, ratioBefore: 1.16, goal: 0.45 },
  { scenario: 'sqlite no-op resync', size: 50_000, ms: 3600, ratioBefore: 0.68, goal: 0.25 },
];

/** The hook's own share: `validate --staged` on three real-sized staged ledgers (lint-staged's start not included). */
export const HOOK_SHARE_MS = 150;

export function pythonReferenceFor(result: Pick<ScenarioResult, 'scenario' | 'size'>): PythonReference | undefined {
  return PYTHON_REFERENCE.find((ref) => ref.scenario === result.scenario && (ref.size === null || ref.size === result.size));
}

export function checkTargets(results: readonly ScenarioResult[]): TargetCheck[] {
  const at = (size: number, scenario: string): ScenarioResult | undefined => results.find((r) => r.size === size && r.scenario === scenario);
  const under = (size: number, scenario: string, limitMs: number): TargetCheck => {
    const r = at(size, scenario);
    return {
      target: `${scenario} at ${size.toLocaleString('en-US')} < ${limitMs} ms`,
      met: r ? r.summary.wallMs.median < limitMs : null,
      measured: r ? ms(r.summary.wallMs.median) : 'not run',
    };
  };
  return [
    ...PYTHON_REFERENCE.map((ref) =>
      versusPython(
        ref,
        results.find((r) => r.scenario === ref.scenario && (ref.size === null || r.size === ref.size)),
      ),
    ),
    hookShare(results.find((r) => r.scenario === REAL_HOOK)),
    under(LARGE, 'docs-only', 800),
    under(LARGE, 'sqlite first sync', 1500),
    under(LARGE, 'sqlite no-op resync', 800),
    under(LARGE, 'postgres first sync', 2500),
    under(LARGE, 'postgres no-op resync', 1000),
    ...['sqlite', 'postgres', 'qdrant'].map((store) => editWithinNoop(at(LARGE, `${store} 1% edited resync`), at(LARGE, `${store} no-op resync`), store)),
    qdrantNoop(at(LARGE, 'qdrant no-op resync')),
    qdrantRate(at(LARGE, 'qdrant first sync')),
    peakMemory(results),
    under(1000, 'docs-only', 250),
    under(10_000, 'sqlite search', 250),
    ...linearity(results),
    exactCounts(results),
  ];
}

function versusPython(ref: PythonReference, r: ScenarioResult | undefined): TargetCheck {
  const where = ref.size === null ? 'real size' : ref.size.toLocaleString('en-US');
  const target = `${ref.scenario.replace(/ \(real size\)$/, '')} (${where}) ÷ Python tool <= ${ref.goal} (Python ${ms(ref.ms)}; ratio before ${ref.ratioBefore})`;
  if (!r) return { target, met: null, measured: 'not run' };
  const ratio = r.summary.wallMs.median / ref.ms;
  return { target, met: ratio <= ref.goal, measured: `${ratio.toFixed(2)} (${ms(r.summary.wallMs.median)})` };
}

function hookShare(r: ScenarioResult | undefined): TargetCheck {
  const target = `pre-commit hook's own share: validate --staged, 3 real-sized ledgers <= ${HOOK_SHARE_MS} ms`;
  return { target, met: r ? r.summary.wallMs.median <= HOOK_SHARE_MS : null, measured: r ? ms(r.summary.wallMs.median) : 'not run' };
}

function editWithinNoop(edit: ScenarioResult | undefined, noop: ScenarioResult | undefined, store: string): TargetCheck {
  const target = `${store}: 1% edited resync within 20% of the no-op resync (50,000)`;
  if (!edit || !noop) return { target, met: null, measured: 'not run' };
  const ratio = edit.summary.wallMs.median / noop.summary.wallMs.median;
  const change = Math.round((ratio - 1) * 100);
  return {
    target,
    met: ratio <= 1.2,
    measured: `${ms(edit.summary.wallMs.median)} vs ${ms(noop.summary.wallMs.median)} (${change >= 0 ? '+' : ''}${change}%)`,
  };
}

function qdrantNoop(r: ScenarioResult | undefined): TargetCheck {
  const target = 'qdrant no-op resync: zero embedding calls and zero upserts (50,000)';
  if (!r) return { target, met: null, measured: 'not run' };
  const upserts = r.requests?.upserts ?? Number.NaN;
  return {
    target,
    met: r.embedCalls === 0 && upserts === 0,
    measured: `${r.embedCalls ?? '?'} embedding calls, ${upserts} upserts over ${r.summary.runs} runs`,
  };
}

function qdrantRate(r: ScenarioResult | undefined): TargetCheck {
  const target = 'qdrant first sync >= 5,000 points/s into the test server (50,000)';
  return { target, met: r ? (r.pointsPerSecond ?? 0) >= 5000 : null, measured: r ? `${r.pointsPerSecond ?? '?'} points/s` : 'not run' };
}

function peakMemory(results: readonly ScenarioResult[]): TargetCheck {
  const worst = results.reduce<ScenarioResult | undefined>((max, r) => (!max || r.summary.peakRssMb > max.summary.peakRssMb ? r : max), undefined);
  return {
    target: 'peak memory < 1 GB (every CLI run)',
    met: worst ? worst.summary.peakRssMb < 1024 : null,
    measured: worst ? `${Math.round(worst.summary.peakRssMb)} MB (${worst.scenario}, ${worst.size.toLocaleString('en-US')})` : 'not run',
  };
}

/**
 * Time at 50k over time at 10k must stay within 25% of the size ratio (5x): no superlinear cost. For Qdrant the wall
 * time also holds the test server's own work, so the CLI's CPU time is checked too (what the CLI itself grows by).
 */
function linearity(results: readonly ScenarioResult[]): TargetCheck[] {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const checks: TargetCheck[] = [];
  for (const scenario of scenarios) {
    const small = results.find((r) => r.size === 10_000 && r.scenario === scenario);
    const large = results.find((r) => r.size === LARGE && r.scenario === scenario);
    if (!small || !large) continue;
    const growth = large.summary.wallMs.median / small.summary.wallMs.median;
    checks.push({ target: `linear growth: ${scenario}, wall (10k -> 50k, at most 6.25x)`, met: growth <= 6.25, measured: `${growth.toFixed(2)}x` });
    if (!scenario.startsWith('qdrant')) continue;
    const cpu = large.summary.cpuMs.median / small.summary.cpuMs.median;
    checks.push({
      target: `linear growth: ${scenario}, CLI CPU time (10k -> 50k, at most 6.25x)`,
      met: Number.isFinite(cpu) ? cpu <= 6.25 : null,
      measured: `${cpu.toFixed(2)}x`,
    });
  }
  return checks;
}

function exactCounts(results: readonly ScenarioResult[]): TargetCheck {
  const wrong = results.filter((r) => r.problems.length > 0);
  return {
    target: 'reported counts are exact (every run checked)',
    met: wrong.length === 0,
    measured: wrong.length === 0 ? 'all match' : wrong.map((r) => `${r.size} ${r.scenario}: ${r.problems[0] ?? ''}`).join('; '),
  };
}
