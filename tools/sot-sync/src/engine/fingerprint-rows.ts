// Pure: a short fingerprint of the (key, hash) pairs a target holds, for cache keys and `verify`.
import { createHash } from 'node:crypto';
import type { Operation, TargetRow } from './plan-types';

/** SHA-256 over the sorted `fileType \t entryId \t contentHash` lines, first 16 hex characters; null for no rows. */
export function fingerprintRows(rows: readonly TargetRow[]): string | null {
  if (rows.length === 0) return null;
  const lines = rows.map((row) => `${row.fileType}\t${row.entryId}\t${row.contentHash}`).sort();
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex').slice(0, 16);
}

/** The rows a target holds once `operations` have been applied to `before`. */
export function rowsAfter(before: readonly TargetRow[], operations: readonly Operation[]): TargetRow[] {
  const rows = new Map(before.map((row) => [`${row.fileType}\u0000${row.entryId}`, row]));
  for (const op of operations) {
    if (op.kind === 'delete') rows.delete(`${op.fileType}\u0000${op.entryId}`);
    else
      rows.set(`${op.entry.fileType}\u0000${op.entry.entryId}`, { fileType: op.entry.fileType, entryId: op.entry.entryId, contentHash: op.entry.contentHash });
  }
  return [...rows.values()];
}
