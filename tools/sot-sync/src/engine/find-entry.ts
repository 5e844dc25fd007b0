// Pure: which entry `get` means: an id (`DEC-012`, `dec-12`, `BUILD-153.1`) or a place (`docs/DEBUG_LOG.md:120`,
// the entry whose section holds that line); and the ids closest to one that does not exist.
import type { LedgerEntry } from '../ledger/types';
import { idNumber } from './search-terms';

export type EntryRef = { kind: 'id'; id: string } | { kind: 'line'; file: string; line: number };

const PLACE = /^(.+):(\d+)$/;

/** `docs/DEBUG_LOG.md:120` (or `C:\\docs\\DEBUG_LOG.md:120`) is a place; anything else is an id. */
export function parseEntryRef(ref: string): EntryRef {
  const text = ref.trim();
  const place = PLACE.exec(text);
  if (place && /[./\\]/.test(place[1] as string)) return { kind: 'line', file: place[1] as string, line: Number(place[2]) };
  return { kind: 'id', id: text };
}

/** The entry with this id in any ledger: exact first, then ignoring case, then ignoring leading zeros (`DEC-12`). */
export function findEntryById(entries: readonly LedgerEntry[], id: string): LedgerEntry | undefined {
  const upper = id.toUpperCase();
  return (
    entries.find((entry) => entry.entryId === id) ??
    entries.find((entry) => entry.entryId.toUpperCase() === upper) ??
    entries.find((entry) => looseId(entry.entryId) === looseId(id))
  );
}

/**
 * The entry of ledger `file` (workspace-relative, or relative to the docs directory) whose section holds `line`:
 * for an entry of several sections, one of them; for an entry made from an INDEX row, that row.
 */
export function findEntryAtLine(entries: readonly LedgerEntry[], file: string, line: number): LedgerEntry | undefined {
  return entriesOfFile(entries, file).find((entry) => sectionsOf(entry).some(([start, end]) => line >= start && line <= end));
}

/** The entries of the ledger `file` names: exactly, or by its trailing path segments (`DEBUG_LOG.md`). */
export function entriesOfFile(entries: readonly LedgerEntry[], file: string): LedgerEntry[] {
  const wanted = file.replace(/\\/g, '/').replace(/^\.\//, '');
  const exact = entries.filter((entry) => entry.file === wanted);
  return exact.length > 0 ? exact : entries.filter((entry) => entry.file.endsWith(`/${wanted}`));
}

/** Up to `count` ids nearest to `id` by edit distance (ignoring case), nearest first. */
export function closestIds(entries: readonly LedgerEntry[], id: string, count = 3): string[] {
  const wanted = id.toUpperCase();
  return [...new Set(entries.map((entry) => entry.entryId))]
    .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate.toUpperCase()) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** [start, end] line pairs (1-based, inclusive) of each section of the entry. */
function sectionsOf(entry: LedgerEntry): [number, number][] {
  const starts = entry.metadata.sectionLines;
  const ends = entry.metadata.sectionEnds;
  if (!starts || !ends || starts.length !== ends.length) return [[entry.line, entry.lineEnd]];
  return starts.map((start, i) => [start, ends[i] as number]);
}

function looseId(id: string): string {
  const dash = id.indexOf('-');
  return dash < 0 ? id.toUpperCase() : `${id.slice(0, dash).toUpperCase()}-${idNumber(id.slice(dash + 1))}`;
}

/** Levenshtein distance, two rows of the table at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] as number;
}
