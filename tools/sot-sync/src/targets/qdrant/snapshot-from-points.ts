// Pure: the points of a project -> one snapshot row per entry, with chunks collapsed and incomplete entries marked.
import type { TargetRow } from '../../engine/plan-types';
import type { StoredPoint } from './read-points';

/**
 * The hash of an entry whose points are not a complete, current set. Real hashes are 16 hex characters, so this
 * never equals one and the planner always rewrites such an entry.
 */
export const INCOMPLETE_HASH = 'incomplete';

/**
 * An entry's row carries its content hash only if chunks 0..n-1 are all present (n = their `chunk_count`), no
 * other chunk is, all carry the same `content_hash`, and all were embedded with `fingerprint`. Anything else (a
 * run that stopped half-way, points deleted by hand, a changed embedding model) gives INCOMPLETE_HASH, so the next
 * sync converges. Rows are sorted by file type and entry id.
 */
export function snapshotRows(points: readonly StoredPoint[], fingerprint: string): TargetRow[] {
  const byEntry = groupByEntry(points);
  const rows: TargetRow[] = [];
  for (const group of byEntry.values()) {
    const first = group[0] as StoredPoint;
    const complete = isComplete(group, fingerprint);
    rows.push({ fileType: first.fileType, entryId: first.entryId, contentHash: complete ? first.contentHash : INCOMPLETE_HASH });
  }
  return rows.sort((a, b) => a.fileType.localeCompare(b.fileType) || a.entryId.localeCompare(b.entryId));
}

/** Points grouped by (file type, entry id). */
export function groupByEntry(points: readonly StoredPoint[]): Map<string, StoredPoint[]> {
  const groups = new Map<string, StoredPoint[]>();
  for (const point of points) {
    const key = entryKey(point.fileType, point.entryId);
    const group = groups.get(key);
    if (group) group.push(point);
    else groups.set(key, [point]);
  }
  return groups;
}

export function entryKey(fileType: string, entryId: string): string {
  return `${fileType}\u0000${entryId}`;
}

function isComplete(group: readonly StoredPoint[], fingerprint: string): boolean {
  const first = group[0] as StoredPoint;
  const count = first.chunkCount;
  if (!Number.isInteger(count) || count < 1 || group.length !== count) return false;
  if (first.contentHash === '' || first.contentHash === INCOMPLETE_HASH) return false;
  const seen = new Set<number>();
  for (const point of group) {
    if (point.chunkCount !== count || point.contentHash !== first.contentHash || point.embedder !== fingerprint) return false;
    if (!Number.isInteger(point.chunkIndex) || point.chunkIndex < 0 || point.chunkIndex >= count) return false;
    seen.add(point.chunkIndex);
  }
  return seen.size === count;
}
