// Change detection from points: an entry counts as stored only when all its chunks are there, current and agreeing.
import { INCOMPLETE_HASH, snapshotRows } from './snapshot-from-points';
import type { StoredPoint } from './read-points';

const FP = 'bm25-v1';
const HASH = '0123456789abcdef';

function chunks(entryId: string, count: number, overrides: Partial<StoredPoint> = {}): StoredPoint[] {
  return Array.from({ length: count }, (_, chunkIndex) => ({
    id: `${entryId}-${chunkIndex}`,
    fileType: 'build_history',
    entryId,
    chunkIndex,
    chunkCount: count,
    contentHash: HASH,
    embedder: FP,
    ...overrides,
  }));
}

const hashOf = (points: StoredPoint[]): string | undefined => snapshotRows(points, FP)[0]?.contentHash;

describe('snapshotRows', () => {
  it('collapses the chunks of an entry into one row carrying its hash', () => {
    expect(snapshotRows([...chunks('BUILD-2', 3), ...chunks('BUILD-1', 1)], FP)).toEqual([
      { fileType: 'build_history', entryId: 'BUILD-1', contentHash: HASH },
      { fileType: 'build_history', entryId: 'BUILD-2', contentHash: HASH },
    ]);
  });

  it('marks an entry with a missing chunk as incomplete', () => {
    const points = chunks('BUILD-1', 3);
    expect(hashOf([points[0], points[2]] as StoredPoint[])).toBe(INCOMPLETE_HASH);
  });

  it('marks an entry with a chunk beyond its count (an interrupted shrink) as incomplete', () => {
    const stale = { ...(chunks('BUILD-1', 3)[2] as StoredPoint), contentHash: 'ffffffffffffffff' };
    expect(hashOf([...chunks('BUILD-1', 2), stale])).toBe(INCOMPLETE_HASH);
  });

  it('marks chunks of different versions as incomplete', () => {
    const points = chunks('BUILD-1', 2);
    (points[1] as StoredPoint).contentHash = 'ffffffffffffffff';
    expect(hashOf(points)).toBe(INCOMPLETE_HASH);
  });

  it('marks points made by another embedder (a changed model) as incomplete', () => {
    expect(hashOf(chunks('BUILD-1', 2, { embedder: 'bm25-v0' }))).toBe(INCOMPLETE_HASH);
  });

  it('marks points with missing chunk fields as incomplete', () => {
    expect(hashOf(chunks('BUILD-1', 1, { chunkIndex: Number.NaN }))).toBe(INCOMPLETE_HASH);
    expect(hashOf(chunks('BUILD-1', 1, { chunkCount: Number.NaN }))).toBe(INCOMPLETE_HASH);
    expect(hashOf(chunks('BUILD-1', 1, { contentHash: '' }))).toBe(INCOMPLETE_HASH);
  });

  it('keeps entries of different ledgers with the same id apart', () => {
    const rows = snapshotRows([...chunks('X-1', 1), ...chunks('X-1', 1, { fileType: 'debug_log' })], FP);
    expect(rows.map((row) => row.fileType)).toEqual(['build_history', 'debug_log']);
  });
});
