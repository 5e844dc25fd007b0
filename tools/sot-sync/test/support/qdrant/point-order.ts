// A collection's point ids in scroll order, kept sorted between writes so paging never re-sorts the collection.
import { comparePointIds, type PointId } from './point-id';

/**
 * Ids in scroll order (integers ascending, then UUIDs). Writes only take notes: `add` (an id new to the collection)
 * and `remove` cost O(1). The first read after writes merges the notes in, O(n + k log k) for k new ids, and every
 * later read returns the same array, so a full scroll costs O(n) plus O(log n) per page, not a sort per page.
 */
export class PointOrder {
  private sorted: PointId[] = [];
  private added: PointId[] = [];
  private removed = false;

  /** `isLive` tells which ids the collection still holds; it is asked only when reading after a removal. */
  constructor(private readonly isLive: (id: PointId) => boolean) {}

  /** Notes an id that was not in the collection before this write. */
  add(id: PointId): void {
    this.added.push(id);
  }

  /** Notes that some id left the collection. */
  remove(): void {
    this.removed = true;
  }

  /** Every live id in scroll order. The array is shared until the next write: callers must not change it. */
  ids(): readonly PointId[] {
    if (this.removed || this.added.length > 0) {
      // An id deleted and added again sits both in `sorted` and in `added`: live filtering keeps it, merge dedupes.
      const kept = this.removed ? this.sorted.filter(this.isLive) : this.sorted;
      this.sorted = mergeSorted(kept, sortIds(this.added.filter(this.isLive)));
      this.added = [];
      this.removed = false;
    }
    return this.sorted;
  }

  /** Index of the first id >= `id` in `ids()` (binary search); `ids().length` when there is none. */
  lowerBound(id: PointId): number {
    const ids = this.ids();
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comparePointIds(ids[middle] as PointId, id) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

// Same order as comparePointIds: integers numerically, then UUIDs by their canonical text (plain string order).
function sortIds(ids: readonly PointId[]): PointId[] {
  const numbers = ids.filter((id): id is number => typeof id === 'number').sort((a, b) => a - b);
  const uuids = ids.filter((id): id is string => typeof id === 'string').sort();
  return [...numbers, ...uuids];
}

/** Merges two ascending lists into one without duplicates (either list may hold an id twice in a row). */
function mergeSorted(a: readonly PointId[], b: readonly PointId[]): PointId[] {
  const out: PointId[] = [];
  const push = (id: PointId) => {
    if (out.length === 0 || comparePointIds(out[out.length - 1] as PointId, id) !== 0) out.push(id);
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const order = comparePointIds(a[i] as PointId, b[j] as PointId);
    push(order <= 0 ? (a[i++] as PointId) : (b[j++] as PointId));
  }
  while (i < a.length) push(a[i++] as PointId);
  while (j < b.length) push(b[j++] as PointId);
  return out;
}
