// Bench support: the shapes every scenario shares (what to run, what was measured, how it compares).
import type { RequestDigest } from './qdrant-server-process';
import type { SampleSummary } from './summarize-samples';

/** How many timed runs each kind of scenario gets at a given size. */
export interface RunPlan {
  /** CLI scenarios. */
  runs: number;
  /** First syncs (each needs a fresh database, schema or collection). */
  firstRuns: number;
  /** Naive baselines (per-row, slow by design). */
  naiveRuns: number;
  naiveRunsQdrant: number;
  /** Naive PostgreSQL / Qdrant baselines write at most this many entries (0: all); their write time is scaled up. */
  naiveLimitPostgres: number;
  naiveLimitQdrant: number;
}

export interface Baseline {
  /** `naive per-row`, or `floor` (node start + read + split + SHA-256, the least any parse can cost). */
  kind: 'naive' | 'floor';
  summary: SampleSummary;
  /** Set when the baseline wrote only this many entries and its write time was scaled to the full size. */
  extrapolatedFrom?: number;
  note?: string;
}

export interface ScenarioResult {
  size: number;
  /** e.g. `sqlite first sync`. */
  scenario: string;
  /** The exact command line, relative to the temp workspace. */
  command: string;
  summary: SampleSummary;
  /** Median per-phase milliseconds as the CLI reports them (`timing:` line). */
  phases: Record<string, number>;
  /** What the run reported, checked against what the generator wrote. */
  counts: string;
  problems: string[];
  baseline?: Baseline;
  /** baseline median / this median (> 1: faster than the baseline). */
  ratio?: number;
  /** Qdrant first syncs: points written per second of wall time (median run). */
  pointsPerSecond?: number;
  /** Qdrant: what the server's request log saw, summed over the timed runs. */
  requests?: RequestDigest;
  /** Qdrant no-op: embedding calls counted inside the CLI process in one extra, untimed run. */
  embedCalls?: number;
  /** SQL first sync at 1,000 entries: one naive run that commits every statement on its own (wall ms). */
  commitPerRowMs?: number;
  /** 1-minute load average when the runs started and ended: other work on the machine skews wall times. */
  load?: { start: number; end: number };
}

export function ratioOf(result: Pick<ScenarioResult, 'summary' | 'baseline'>): number | undefined {
  if (!result.baseline) return undefined;
  return Math.round((result.baseline.summary.wallMs.median / result.summary.wallMs.median) * 10) / 10;
}
