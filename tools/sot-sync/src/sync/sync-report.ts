// The report every run produces: printed for people, or as the one JSON document of `--json`.
import type { SyncMode } from '../config/sync-options';
import type { SettingSource } from '../config/normalize-options';
import type { PlanRefusal, SyncCounts } from '../engine/plan-types';
import type { Diagnostic, EntrySummary } from '../ledger/types';
import type { LedgerSummary } from './read-ledgers';

export interface ReportTarget {
  kind: string;
  /** Where it is, credentials redacted. */
  location: string;
  source: SettingSource;
}

export type ReportEntry = EntrySummary;

/** What `--verify` found in one target. */
export interface Drift {
  missing: string[];
  stale: string[];
  changed: string[];
}

export interface SyncReport {
  mode: SyncMode;
  execute: boolean;
  verify: boolean;
  projectId: string;
  targets: { db: ReportTarget | null; qdrant: ReportTarget | null };
  ledgers: LedgerSummary[];
  entries: ReportEntry[];
  diagnostics: Diagnostic[];
  db: SyncCounts | null;
  qdrant: SyncCounts | null;
  drift: { db: Drift | null; qdrant: Drift | null };
  refusals: PlanRefusal[];
  /** Milliseconds per phase: parse, connect, plan, write, total. */
  timings: Record<string, number>;
  /** The error that ended the run early, if any (already redacted). */
  error: string | null;
  exitCode: number;
}
