// Pure: how far one store is behind each ledger, counted as `summarizeIndex` counts the whole (the operations a
// sync would apply), split by ledger and by kind. No IO.
import { planSync, type LedgerReadState } from '../engine/plan-sync';
import type { TargetSnapshot } from '../engine/plan-types';
import type { LedgerSummary } from '../sync/read-ledgers';
import type { LedgerEntry } from '../ledger/types';

export interface LedgerIndexStatus {
  fileType: string;
  file: string;
  state: LedgerReadState['state'];
  /** Entries the ledger holds now. */
  entries: number;
  /** Entries the store holds for this ledger. */
  indexed: number;
  /** changed + missing + removed. */
  behind: number;
  /** Indexed with other content than the ledger's. */
  changed: number;
  /** In the ledger, not indexed. */
  missing: number;
  /** Indexed, gone from the ledger. */
  removed: number;
}

export function summarizeLedgers(
  projectId: string,
  entries: readonly LedgerEntry[],
  ledgers: readonly LedgerSummary[],
  snapshot: TargetSnapshot,
): LedgerIndexStatus[] {
  // As `--verify` and `summarizeIndex`: a ledger read with errors still counts for what it shows.
  const states = ledgers.map(({ fileType, state }): LedgerReadState => ({ fileType, state: state === 'invalid' ? 'ok' : state }));
  const plan = planSync(projectId, entries, states, snapshot, { prune: true, allowMassDelete: true });
  const counts = new Map<string, { changed: number; missing: number; removed: number }>();
  const countsOf = (fileType: string): { changed: number; missing: number; removed: number } => {
    let found = counts.get(fileType);
    if (!found) counts.set(fileType, (found = { changed: 0, missing: 0, removed: 0 }));
    return found;
  };
  for (const op of plan.operations) {
    if (op.kind === 'delete') countsOf(op.fileType).removed++;
    else if (op.kind === 'update') countsOf(op.entry.fileType).changed++;
    else countsOf(op.entry.fileType).missing++;
  }
  const indexed = new Map<string, number>();
  for (const row of snapshot.rows) indexed.set(row.fileType, (indexed.get(row.fileType) ?? 0) + 1);
  return ledgers.map((ledger) => {
    const { changed, missing, removed } = countsOf(ledger.fileType);
    return {
      fileType: ledger.fileType,
      file: ledger.file,
      state: ledger.state,
      entries: ledger.entries,
      indexed: indexed.get(ledger.fileType) ?? 0,
      behind: changed + missing + removed,
      changed,
      missing,
      removed,
    };
  });
}
