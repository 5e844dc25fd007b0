// Pure: which headings open entry sections, where each section ends, and the headings that need a word.
import { looksLikeMalformedId, matchEntryId } from './entry-id';
import { parseHeadingFields } from './parse-heading';
import { lineText } from './ledger-bytes';
import { LINE_TEXT, type Heading, type MarkdownScan } from './scan-markdown';

export interface EntrySection {
  entryId: string;
  heading: Heading;
  /** Heading text after the id. */
  rest: string;
  /** 0-based line range [start, end) including the heading line. */
  start: number;
  end: number;
}

export interface LedgerOutline {
  sections: EntrySection[];
  /** `## BUILD-155` inside the decisions ledger, outside any entry of its own: not indexed. */
  foreign: { heading: Heading; entryId: string }[];
  malformed: Heading[];
  /** Headings at the entries' depth that carry no id: their text is not indexed. `after`: the entry they cut short. */
  untitled: { heading: Heading; after?: string }[];
  /** Other headings of depth 2 to 4 (for `ledger-without-ids`). */
  otherHeadings: number;
  /** Line ranges [start, end) of `## INDEX` sections, with their heading's text. */
  indexRanges: { start: number; end: number; heading: string }[];
}

const ENTRY_DEPTH_MIN = 2;
const ENTRY_DEPTH_MAX = 4;
const INDEX_HEADING = /^index\b/i;

/** Walks the headings once; a section runs to the next heading of the same or a higher rank, or the next entry. */
export function findSections(scan: MarkdownScan, prefix: string, foreignPrefixes: readonly string[]): LedgerOutline {
  const outline: LedgerOutline = { sections: [], foreign: [], malformed: [], untitled: [], otherHeadings: 0, indexRanges: [] };
  const loose: { heading: Heading; after?: string }[] = [];
  let current: EntrySection | null = null;
  // The entry that a same-depth heading without an id just cut short (its text is lost to the index).
  let cutShort: { entryId: string; depth: number } | null = null;
  let index: { start: number; end: number; depth: number; heading: string } | null = null;
  let foreignDepth = 0;
  for (const heading of scan.headings) {
    const inRange = heading.depth >= ENTRY_DEPTH_MIN && heading.depth <= ENTRY_DEPTH_MAX;
    const own = inRange ? matchEntryId(heading.text, prefix) : null;
    if (current && (heading.depth <= current.heading.depth || own)) {
      current.end = heading.index;
      cutShort = heading.depth === current.heading.depth ? { entryId: current.entryId, depth: heading.depth } : null;
      current = null;
    } else if (cutShort && heading.depth < cutShort.depth) {
      cutShort = null;
    }
    if (foreignDepth > 0 && (heading.depth <= foreignDepth || own)) foreignDepth = 0;
    if (foreignDepth > 0) continue;
    // The INDEX ends at the next heading of its rank or higher, or at the first entry: a table inside an entry is
    // that entry's content, not an INDEX row.
    if (index && (heading.depth <= index.depth || own)) {
      outline.indexRanges.push({ start: index.start, end: heading.index, heading: index.heading });
      index = null;
    }
    if (own) {
      current = { entryId: own.id, heading, rest: own.rest, start: heading.index, end: scan.lineCount };
      outline.sections.push(current);
    } else if (inRange) {
      if (classify(outline, heading, prefix, foreignPrefixes, current !== null, loose, cutShort?.entryId)) foreignDepth = heading.depth;
      if (INDEX_HEADING.test(heading.text)) index = { start: heading.index + 1, end: scan.lineCount, depth: heading.depth, heading: heading.text };
    }
  }
  if (index) outline.indexRanges.push({ start: index.start, end: index.end, heading: index.heading });
  for (const section of outline.sections) section.end = trimSectionEnd(scan, section.start, section.end);
  outline.untitled = findUntitled(outline.sections, loose);
  return outline;
}

function classify(
  outline: LedgerOutline,
  heading: Heading,
  prefix: string,
  foreignPrefixes: readonly string[],
  insideEntry: boolean,
  loose: { heading: Heading; after?: string }[],
  after: string | undefined,
): boolean {
  let foreign: ReturnType<typeof matchEntryId> = null;
  for (let at = 0; at < foreignPrefixes.length && foreign === null; at++) foreign = matchEntryId(heading.text, foreignPrefixes[at] as string);
  if (foreign) {
    if (insideEntry) return false;
    outline.foreign.push({ heading, entryId: foreign.id });
    return true;
  } else if (looksLikeMalformedId(heading.text, prefix)) {
    outline.malformed.push(heading);
  } else {
    outline.otherHeadings++;
    if (!insideEntry && !INDEX_HEADING.test(heading.text)) loose.push(after ? { heading, after } : { heading });
  }
  return false;
}

/**
 * Headings at the most common entry depth that are not entries themselves (and not inside one), between the first
 * and the last entry, or anywhere when they look like an entry heading (they carry a date). A `## Notes` after the
 * last entry or an `## Overview` before the first is ordinary prose around the entries.
 */
function findUntitled(sections: EntrySection[], loose: { heading: Heading; after?: string }[]): { heading: Heading; after?: string }[] {
  const first = sections[0];
  const last = sections.at(-1);
  if (!first || !last) return [];
  const counts = new Map<number, number>();
  for (const section of sections) counts.set(section.heading.depth, (counts.get(section.heading.depth) ?? 0) + 1);
  const depth = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const among = (heading: Heading): boolean => heading.index > first.start && heading.index < last.start;
  return loose.filter(({ heading }) => heading.depth === depth && (among(heading) || parseHeadingFields(heading.text).date !== undefined));
}

/** Trailing blank lines and thematic breaks (`---`) separate entries; they belong to no entry. */
function trimSectionEnd(scan: MarkdownScan, start: number, end: number): number {
  let last = end;
  while (last > start + 1 && scan.mask[last - 1] === LINE_TEXT && separatesEntries(scan, last - 1)) last--;
  return last;
}

const THEMATIC_BREAK = /^([-*_])(\s*\1){2,}$/;

function separatesEntries(scan: MarkdownScan, i: number): boolean {
  const start = scan.starts[i] as number;
  const first = scan.bytes[start] as number;
  if (start === (scan.starts[i + 1] as number) - 1) return true;
  // Most lines start with a letter, `|` or `#`: text, not a separator. The rest are decoded and judged as text.
  if (first < 0x80 && first > 32 && first !== 45 && first !== 42 && first !== 95) return false;
  const line = lineText(scan, i).trim();
  return line === '' || THEMATIC_BREAK.test(line);
}
