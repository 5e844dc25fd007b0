// Bench support: runs one scenario N times, checks every run, and summarizes (median, spread, peak memory, phases).
import type { ScenarioResult } from './bench-types';
import { loadAverage } from './describe-machine';
import type { CliSample, Counts } from './run-cli';
import { spreadOf, summarizeSamples } from './summarize-samples';

export interface RunsSpec {
  size: number;
  scenario: string;
  command: string;
  runs: number;
  /** Run number `i` (0-based); may prepare state first (untimed: only the CLI process is timed). */
  run(i: number): Promise<CliSample>;
  /** Exit codes that are a correct outcome (default: 0 only); real ledgers may hold errors. */
  exitCodes?: readonly number[];
  /** What is wrong with run `i`'s output, or null. */
  check(sample: CliSample, i: number): string | null | Promise<string | null>;
}

export async function measureRuns(spec: RunsSpec): Promise<ScenarioResult & { samples: CliSample[] }> {
  const samples: CliSample[] = [];
  const problems: string[] = [];
  const loadAtStart = loadAverage();
  for (let i = 0; i < spec.runs; i++) {
    const sample = await spec.run(i);
    samples.push(sample);
    const problem = !(spec.exitCodes ?? [0]).includes(sample.exitCode)
      ? `run ${i + 1} exited ${sample.exitCode}: ${lastLines(sample)}`
      : await spec.check(sample, i);
    if (problem) problems.push(problem);
  }
  return {
    size: spec.size,
    scenario: spec.scenario,
    command: spec.command,
    summary: summarizeSamples(samples),
    phases: medianPhases(samples),
    counts: describeCounts(samples.at(-1)),
    problems: [...new Set(problems)],
    load: { start: loadAtStart, end: loadAverage() },
    samples,
  };
}

/** Checks a target's counts against the expected ones; null when they match exactly. */
export function expectCounts(actual: Counts | null, expected: Counts, target: string): string | null {
  if (actual && Object.entries(expected).every(([key, value]) => actual[key as keyof Counts] === value)) return null;
  return `${target} counts ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

function medianPhases(samples: readonly CliSample[]): Record<string, number> {
  const names = new Set(samples.flatMap((s) => Object.keys(s.report.timings)));
  return Object.fromEntries([...names].map((name) => [name, spreadOf(samples.map((s) => s.report.timings[name] ?? 0)).median]));
}

function describeCounts(sample: CliSample | undefined): string {
  if (!sample) return '';
  const { entries, db, qdrant } = sample.report;
  const counts = db ?? qdrant;
  if (!counts) return entries === null ? '' : `${entries} entries`;
  return `${counts.inserted} ins, ${counts.updated} upd, ${counts.deleted} del, ${counts.unchanged} same`;
}

function lastLines(sample: CliSample): string {
  return `${sample.stdout}\n${sample.stderr}`.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
}
