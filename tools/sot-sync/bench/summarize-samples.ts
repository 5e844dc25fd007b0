// Bench support: samples -> median with its spread. Pure.
import type { ProcessSample } from './run-process';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface SampleSummary {
  runs: number;
  wallMs: Spread;
  cpuMs: Spread;
  /** The largest peak RSS over the runs. */
  peakRssMb: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median: round(median), min: round(sorted[0] ?? Number.NaN), max: round(sorted.at(-1) ?? Number.NaN) };
}

export function summarizeSamples(samples: readonly ProcessSample[]): SampleSummary {
  return {
    runs: samples.length,
    wallMs: spreadOf(samples.map((s) => s.wallMs)),
    cpuMs: spreadOf(samples.map((s) => s.cpuMs)),
    peakRssMb: round(Math.max(...samples.map((s) => s.peakRssMb))),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
