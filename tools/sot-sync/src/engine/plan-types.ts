// Pure data: what a target holds, and what a sync will do to it. JSON-safe so `plan --json` can print it.
import type { LedgerEntry } from '../ledger/types';

/** The (key, hash) pair a target holds for one entry. */
export interface TargetRow {
  fileType: string;
  entryId: string;
  contentHash: string;
}

/** Everything a target holds for one project, read in one query before planning. */
export interface TargetSnapshot {
  projectId: string;
  rows: TargetRow[];
}

export type Operation =
  { kind: 'insert'; entry: LedgerEntry } | { kind: 'update'; entry: LedgerEntry; previousHash: string } | { kind: 'delete'; fileType: string; entryId: string };

export interface SyncCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

/** A reason the plan must not be applied (e.g. a mass delete), reported with exit 1 unless overridden. */
export interface PlanRefusal {
  fileType: string;
  rule: 'empty-ledger' | 'mass-delete';
  message: string;
}

export interface SyncPlan {
  projectId: string;
  /** File types this run read successfully: deletions never reach beyond them. */
  scope: string[];
  operations: Operation[];
  counts: SyncCounts;
  refusals: PlanRefusal[];
}
