// Pure: how far an index is behind the ledgers, counted the way `--verify` counts drift.
import { planSync, type LedgerReadState } from './plan-sync';
import type { TargetSnapshot } from './plan-types';
import type { LedgerEntry } from '../ledger/types';

/** The top-level `index` of a search result document. */
export interface IndexSummary {
  /** The index holds exactly what the ledgers say. */
  fresh: boolean;
  /** Entries that differ: in the ledgers but not indexed, indexed with other content, or indexed but gone from the ledgers. */
  behind: number;
  /** When a sync last changed the index (ISO: `last_sync` of sot_sync_meta, the latest point's `updated_at` on Qdrant), or null. */
  lastSync: string | null;
}

/** Compares every entry with the (key, hash) pairs the store holds: exactly the operations a sync would apply. */
export function summarizeIndex(
  projectId: string,
  entries: readonly LedgerEntry[],
  ledgers: readonly LedgerReadState[],
  snapshot: TargetSnapshot,
  lastSync: string | null,
): IndexSummary {
  // As `--verify`: a ledger read with errors still counts for what it shows.
  const states = ledgers.map(({ fileType, state }): LedgerReadState => ({ fileType, state: state === 'invalid' ? 'ok' : state }));
  const behind = planSync(projectId, entries, states, snapshot, { prune: true, allowMassDelete: true }).operations.length;
  return { fresh: behind === 0, behind, lastSync };
}
