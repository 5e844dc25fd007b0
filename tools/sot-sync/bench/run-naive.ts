// Bench support: runs the naive per-row baseline (naive-sync.js) like the CLI: its own process, timed from spawn.
import * as path from 'node:path';
import type { Baseline } from './bench-types';
import { cliEnv } from './run-cli';
import { runProcess, type ProcessSample } from './run-process';
import type { NaiveCounts } from './naive-types';
import { summarizeSamples } from './summarize-samples';

const NAIVE = path.join(__dirname, 'naive-sync.js');

export interface NaiveRun {
  kind: 'sqlite' | 'postgres' | 'qdrant';
  root: string;
  docsDir: string;
  url: string;
  name?: string;
  /** Write only this many entries and scale the write time up to `total` (slow baselines at large sizes). */
  limit?: number;
  total: number;
  /** Commit every statement on its own instead of one transaction (SQL). */
  commitPerRow?: boolean;
}

export type NaiveOutput = NaiveCounts & { written: number; parseMs: number; writeMs: number };

/** One naive run; with a limit, wall time = measured - write + write × total / written (linear per row). */
export async function runNaive(run: NaiveRun): Promise<{ sample: ProcessSample; output: NaiveOutput }> {
  const args = [
    NAIVE,
    run.kind,
    run.root,
    run.docsDir,
    run.url,
    run.name ?? '',
    ...(run.limit && run.limit < run.total ? [`--limit=${run.limit}`] : []),
    ...(run.commitPerRow ? ['--commit-per-row'] : []),
  ];
  const sample = await runProcess({ command: process.execPath, args, cwd: run.root, env: cliEnv() });
  if (sample.exitCode !== 0) throw new Error(`naive ${run.kind} baseline failed: ${sample.stderr.slice(-600)}`);
  const output = JSON.parse(sample.stdout) as NaiveOutput;
  if (output.written >= run.total) return { sample, output };
  const scaledWrite = (output.writeMs * run.total) / output.written;
  return { sample: { ...sample, wallMs: sample.wallMs - output.writeMs + scaledWrite, cpuMs: Number.NaN }, output };
}

/** Runs `runs` naive baselines, `prepare(i)` first (untimed), and summarizes them as a Baseline. */
export async function naiveBaseline(
  runs: number,
  prepare: (i: number) => Promise<NaiveRun>,
  check: (output: NaiveOutput) => string | null,
): Promise<Baseline & { problems: string[] }> {
  const samples: ProcessSample[] = [];
  const problems: string[] = [];
  let written = 0;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const run = await prepare(i);
    const { sample, output } = await runNaive(run);
    samples.push(sample);
    written = output.written;
    total = run.total;
    const problem = output.written < run.total ? null : check(output);
    if (problem) problems.push(`naive: ${problem}`);
  }
  const sampled = written < total;
  return {
    kind: 'naive',
    summary: summarizeSamples(samples),
    ...(sampled ? { extrapolatedFrom: written, note: `wrote ${written} of ${total} entries; write time scaled linearly` } : {}),
    problems,
  };
}
