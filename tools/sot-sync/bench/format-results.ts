// Bench support: results -> the markdown tables printed (and pasted into BENCHMARKS.md). Pure.
import type { ScenarioResult } from './bench-types';
import { pythonReferenceFor, type TargetCheck } from './check-targets';

const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '?');

export function formatResults(results: readonly ScenarioResult[]): string {
  const lines = [
    '| entries | scenario | median ms | min–max ms | CPU ms | peak RSS MB | counts | baseline median ms | vs baseline | notes |',
    '| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |',
  ];
  for (const r of results) {
    const base = r.baseline;
    const baseText = base ? `${base.kind} ${fmt(base.summary.wallMs.median)}${base.extrapolatedFrom ? '*' : ''}` : '—';
    lines.push(
      `| ${fmt(r.size)} | ${r.scenario} | ${fmt(r.summary.wallMs.median)} | ${fmt(r.summary.wallMs.min)}–${fmt(r.summary.wallMs.max)} | ${fmt(r.summary.cpuMs.median)} | ` +
        `${fmt(r.summary.peakRssMb)} | ${r.counts}${r.problems.length ? ' **WRONG**' : ''} | ${baseText} | ${ratioText(r)} | ${notes(r)} |`,
    );
  }
  return lines.join('\n');
}

/** Naive: how many times faster than the naive baseline. Floor: how many times the floor this costs. */
function ratioText(r: ScenarioResult): string {
  if (r.ratio === undefined || !r.baseline) return '—';
  if (r.baseline.kind === 'floor') return `${(1 / r.ratio).toFixed(1)}x floor`;
  return r.ratio >= 1 ? `${r.ratio}x faster` : `${(1 / r.ratio).toFixed(1)}x slower`;
}

function notes(r: ScenarioResult): string {
  const parts: string[] = [`${r.summary.runs} runs${r.load ? `, load ${r.load.start.toFixed(1)}–${r.load.end.toFixed(1)}` : ''}`];
  if (r.pointsPerSecond !== undefined) parts.push(`${fmt(r.pointsPerSecond)} points/s`);
  if (r.requests)
    parts.push(`${r.requests.upserts} upserts, ${r.requests.upsertedPoints} points, ${r.requests.deletes} deletes in ${r.requests.requests} requests`);
  if (r.embedCalls !== undefined) parts.push(`${r.embedCalls} embedding calls (counted in the CLI)`);
  if (r.commitPerRowMs !== undefined)
    parts.push(`naive committing every row: ${fmt(r.commitPerRowMs)} ms (${(r.commitPerRowMs / r.summary.wallMs.median).toFixed(1)}x slower)`);
  const python = pythonReferenceFor(r);
  if (python) parts.push(`Python tool ${fmt(python.ms)} ms: ${(r.summary.wallMs.median / python.ms).toFixed(2)}x`);
  const phases = Object.entries(r.phases).filter(([name]) => name !== 'total');
  if (phases.length) parts.push(`phases: ${phases.map(([name, ms]) => `${name} ${fmt(ms)}`).join(', ')}`);
  return parts.join('; ');
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  const lines = ['| target | met | measured |', '| --- | --- | --- |'];
  for (const c of checks) lines.push(`| ${c.target} | ${c.met === null ? 'not run' : c.met ? 'yes' : '**no**'} | ${c.measured} |`);
  return lines.join('\n');
}
