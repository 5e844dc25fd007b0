// Stable hashes the PostgreSQL target derives from names and rows: advisory-lock keys and state fingerprints. Pure.
import { createHash } from 'node:crypto';
import type { Operation, TargetRow } from '../../engine/plan-types';

/**
 * A signed 64-bit key (as a decimal string, pg's bigint wire form) from the first 8 bytes of sha256(`text`).
 * Every machine computes the same key for the same project, so their `pg_advisory_xact_lock` calls serialize.
 */
export function advisoryKey(text: string): string {
  return createHash('sha256').update(`sot-sync:${text}`, 'utf8').digest().readBigInt64BE(0).toString();
}

/** The key two syncs of one project share, whatever schema or machine they run from. */
export function projectLockKey(projectId: string): string {
  return advisoryKey(`project:${projectId}`);
}

/** The key that serializes table creation, so ten first runs at once do not race on CREATE TABLE. */
export function setupLockKey(schema: string, table: string): string {
  return advisoryKey(`setup:${schema}.${table}`);
}

function rowKey(fileType: string, entryId: string): string {
  return `${fileType}\t${entryId}`;
}

/** First 16 hex chars of sha256 over the sorted `fileType\tentryId\tcontentHash` lines; null for no rows. */
export function fingerprintRows(rows: readonly TargetRow[]): string | null {
  if (rows.length === 0) return null;
  const lines = rows.map((row) => `${rowKey(row.fileType, row.entryId)}\t${row.contentHash}`);
  // Code-unit order: independent of the database collation, so the same rows always give the same fingerprint.
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex').slice(0, 16);
}

/** The rows the target holds after `operations` are applied to `rows`, without reading them back. */
export function rowsAfter(rows: readonly TargetRow[], operations: readonly Operation[]): TargetRow[] {
  const byKey = new Map(rows.map((row) => [rowKey(row.fileType, row.entryId), row]));
  for (const op of operations) {
    if (op.kind === 'delete') {
      byKey.delete(rowKey(op.fileType, op.entryId));
    } else {
      const { fileType, entryId, contentHash } = op.entry;
      byKey.set(rowKey(fileType, entryId), { fileType, entryId, contentHash });
    }
  }
  return [...byKey.values()];
}
