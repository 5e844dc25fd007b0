// Pure: the human-readable report of a run (markdownlint/eslint-style diagnostics, targets with their sources,
// counts), printed alike by the CLI and the executors.
import type { Diagnostic } from '../ledger/types';
import type { SyncCounts } from '../engine/plan-types';
import type { Drift, ReportTarget, SyncReport } from './sync-report';

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`;
}

export function formatReport(report: SyncReport, options: { timing: boolean }): string {
  const lines = [`sot-sync --${report.mode}${report.execute ? ' --execute' : ''}${report.verify ? ' --verify' : ''} (project ${report.projectId})`];
  if (report.mode !== 'docs-only') lines.push(`targets: db ${describeTarget(report.targets.db)}; qdrant ${describeTarget(report.targets.qdrant)}`);
  // One push per line: push(...lines) would pass every diagnostic on the stack, which 150,000 of them overflow.
  for (const diagnostic of report.diagnostics) lines.push(formatDiagnostic(diagnostic));
  lines.push(formatParseSummary(report));
  if (report.db) lines.push(`db: ${formatCounts(report.db)}`);
  if (report.qdrant) lines.push(`qdrant: ${formatCounts(report.qdrant)}`);
  if (report.drift.db) lines.push(...formatDrift('db', report.drift.db));
  if (report.drift.qdrant) lines.push(...formatDrift('qdrant', report.drift.qdrant));
  for (const refusal of report.refusals) lines.push(`refused: ${refusal.message}`);
  if (report.error) lines.push(`error: ${report.error}`);
  if (options.timing)
    lines.push(
      `timing: ${Object.entries(report.timings)
        .map(([phase, ms]) => `${phase} ${ms}ms`)
        .join(', ')}`,
    );
  return lines.join('\n');
}

function describeTarget(target: ReportTarget | null): string {
  return target ? `${target.location} (from ${target.source})` : 'off';
}

function formatParseSummary(report: SyncReport): string {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  const perLedger = report.ledgers
    .map((l) => `${l.file} ${l.entries}${l.skipped ? ' (unchanged since the last sync, not parsed)' : l.state === 'ok' ? '' : ` (${l.state})`}`)
    .join(', ');
  // A skipped ledger's entries are counted from the store's record of it (its rows), not listed in `entries`.
  const total = report.ledgers.reduce((sum, l) => sum + l.entries, 0);
  return `parsed ${total} entries from ${report.ledgers.length} ledgers [${perLedger}]: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export function formatCounts(counts: SyncCounts): string {
  return `${counts.inserted} inserted, ${counts.updated} updated, ${counts.deleted} deleted, ${counts.unchanged} unchanged`;
}

function formatDrift(name: string, drift: Drift): string[] {
  const total = drift.missing.length + drift.stale.length + drift.changed.length;
  if (total === 0) return [`${name}: in step with the ledgers`];
  const list = (items: string[]): string => items.slice(0, 20).join(', ') + (items.length > 20 ? ` and ${items.length - 20} more` : '');
  const lines = [`${name}: drifted (${total})`];
  if (drift.missing.length) lines.push(`  missing from the target: ${list(drift.missing)}`);
  if (drift.stale.length) lines.push(`  no longer in the ledgers: ${list(drift.stale)}`);
  if (drift.changed.length) lines.push(`  content differs: ${list(drift.changed)}`);
  return lines;
}
