// Which targets a sync mode uses: the one table the engine, the fingerprint, the Nx targets and the report read.
import type { SyncMode } from './sync-options';

/** A store a sync writes: the SQL table (SQLite or PostgreSQL) or the Qdrant collection. */
export type TargetRole = 'db' | 'qdrant';

/** The targets of each mode, in the order a run writes them (the table before Qdrant under --full). */
const MODE_TARGETS: Readonly<Record<SyncMode, readonly TargetRole[]>> = {
  'docs-only': [],
  'db-only': ['db'],
  'qdrant-only': ['qdrant'],
  full: ['db', 'qdrant'],
};

export const SYNC_MODES = Object.keys(MODE_TARGETS) as readonly SyncMode[];

export function targetRolesOf(mode: SyncMode): readonly TargetRole[] {
  return MODE_TARGETS[mode];
}

/** Whether the mode reads or writes any store (`--docs-only` only parses). */
export function usesStores(mode: SyncMode): boolean {
  return MODE_TARGETS[mode].length > 0;
}
