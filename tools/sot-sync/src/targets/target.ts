// The one interface every store implements. A target reads what it holds and applies a plan; it never decides
// what to write (the pure planner does, inside the target's transaction).
import type { Deadline } from '../runtime/deadline';
import type { SyncPlan, TargetSnapshot } from '../engine/plan-types';
import type { LedgerProof, LedgerRecord } from '../engine/plan-ledger-skips';
import type { TargetRole } from '../config/sync-modes';

export type { TargetRole } from '../config/sync-modes';

export interface TargetContext {
  deadline: Deadline;
  /** ISO-8601 time of this run, used for `updated_at` of rows written by it. Never used for hashes. */
  now: string;
}

/** Builds the plan from what the target holds; may throw (a refused plan rolls the transaction back). */
export type PlanBuilder = (snapshot: TargetSnapshot) => SyncPlan;

/**
 * How a sync uses the per-ledger records (targets with `readLedgerProof` only). `skipped`: ledgers left unparsed on
 * the strength of these records; the target checks them again inside its transaction, leaves their rows out of the
 * snapshot and throws SkipInvalidatedError when they no longer hold. `records`: computed from the snapshot and the
 * plan, written after the rows in the same transaction (nothing is written when they equal what is stored).
 */
export interface LedgerRecording {
  skipped: LedgerRecord[];
  records: (snapshot: TargetSnapshot, plan: SyncPlan) => LedgerRecord[];
}

/** A skipped ledger's record changed between the proof and the transaction: the run parses everything and retries. */
export class SkipInvalidatedError extends Error {}

export interface Target {
  readonly kind: string;
  readonly role: TargetRole;
  /** Where the target is, safe to print (credentials redacted). */
  readonly label: string;

  /** Connects and checks (or creates) the schema. Throws ConnectionError (exit 2) with a redacted message. */
  open(ctx: TargetContext): Promise<void>;

  /** Every (key, hash) pair the target holds for the project, in one read. */
  readSnapshot(projectId: string, ctx: TargetContext): Promise<TargetSnapshot>;

  /**
   * Takes the target's own lock (if any), reads the snapshot, asks `buildPlan` for the plan, applies every operation
   * and records the sync; returns the plan that was applied. The SQL stores do all of it in one transaction, so any
   * throw rolls back; Qdrant has no transactions, so every step is idempotent and the next run completes a broken one.
   */
  sync(projectId: string, buildPlan: PlanBuilder, ctx: TargetContext, recording?: LedgerRecording): Promise<SyncPlan>;

  /**
   * The per-ledger records and the row count per file type, in one small read outside any transaction; absent for
   * stores that keep no records (Qdrant). A store that has none yet returns no records.
   */
  readLedgerProof?(projectId: string, ctx: TargetContext): Promise<LedgerProof>;

  /**
   * What `--verify` finds wrong with the store's full-text index beside the rows (a row it lacks, an index out of
   * step), one line each; absent for stores whose search needs no index of their own. Reads only.
   */
  verifySearchIndex?(projectId: string, ctx: TargetContext): Promise<string[]>;

  /**
   * A short fingerprint of what the target holds now, computed from its rows or points (never from a record of the
   * last sync), so a wiped or edited store changes it; null when it holds nothing of the project. For cache keys.
   */
  readFingerprint(projectId: string, ctx: TargetContext): Promise<string | null>;

  close(): Promise<void>;
}
