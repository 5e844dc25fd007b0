// Pure: markdown text in, entries + diagnostics out. No fs. The rules are those of issue #2 ("what an entry is").
import { findSections, type EntrySection, type LedgerOutline } from './find-sections';
import { hashContent, hashLines, normalizeContent, type HashedContent } from './hash-entry';
import { parseBoldKeys, type BoldKey } from './parse-bold-keys';
import { isNormalizedDate, normalizeLedgerDate, parseHeadingFields } from './parse-heading';
import { parseIndexTable, type IndexRow } from './parse-index-table';
import { parseEntryRefs, parseLifecycle, parseReplacedBy } from './parse-lifecycle';
import { scanMarkdown, type MarkdownScan } from './scan-markdown';
import type { EntryMetadata, LedgerEntry, LedgerSpec, ParsedLedger } from './types';
import { validateLedger } from './validate-ledger';

export interface ParseOptions {
  /** Path shown in diagnostics; defaults to the spec's path. */
  file?: string;
  /** Id prefixes of the other ledgers, so their headings are recognised as foreign. */
  foreignPrefixes?: readonly string[];
}

/**
 * Parses one ledger, given as text or as its UTF-8 bytes (read as bytes, a ledger is decoded only where the index
 * needs its text). Never throws on any input; problems come back as diagnostics.
 */
export function parseLedger(input: string | Uint8Array, spec: LedgerSpec, options: ParseOptions = {}): ParsedLedger {
  const scan = scanMarkdown(input);
  const foreignPrefixes = (options.foreignPrefixes ?? []).filter((prefix) => prefix !== spec.prefix);
  const outline = findSections(scan, spec.prefix, foreignPrefixes);
  const tables = outline.indexRanges.map((range) => parseIndexTable(scan, range.start, range.end, spec.prefix));
  const table = { rows: tables.flatMap((t) => t.rows), malformed: tables.flatMap((t) => t.malformed) };
  const entries = buildEntries(scan, spec, outline, table.rows, options.file ?? spec.path);
  const diagnostics = validateLedger({ file: options.file ?? spec.path, spec, scan, outline, table, foreignPrefixes });
  return { spec, entries, diagnostics };
}

function buildEntries(scan: MarkdownScan, spec: LedgerSpec, outline: LedgerOutline, rows: IndexRow[], file: string): LedgerEntry[] {
  const sectionsById = groupBy(outline.sections, (section) => section.entryId);
  // Only an id's first INDEX row counts (later ones are reported as duplicates).
  const rowById = new Map<string, IndexRow>();
  for (const row of rows) if (!rowById.has(row.entryId)) rowById.set(row.entryId, row);
  const entries: LedgerEntry[] = [];
  // forEach, not for-of: no [key, value] pair allocated per entry.
  sectionsById.forEach((sections, entryId) => entries.push(entryFromSections(scan, spec, file, entryId, sections, rowById.get(entryId))));
  rowById.forEach((row, entryId) => {
    if (!sectionsById.has(entryId)) entries.push(entryFromRow(spec, file, entryId, row, indexHeadingOf(outline, row.index)));
  });
  return entries.sort((a, b) => a.line - b.line);
}

function entryFromSections(
  scan: MarkdownScan,
  spec: LedgerSpec,
  file: string,
  entryId: string,
  sections: EntrySection[],
  row: IndexRow | undefined,
): LedgerEntry {
  const first = sections[0] as EntrySection;
  const fields = parseHeadingFields(first.rest);
  const bold =
    sections.length === 1
      ? parseBoldKeys(scan, first.start + 1, first.end)
      : sections.reduce<Partial<Record<BoldKey, string>>>((found, s) => ({ ...parseBoldKeys(scan, s.start + 1, s.end), ...found }), {});
  const content =
    sections.length === 1
      ? hashLines(scan, first.start, first.end)
      : hashContent(normalizeContent(sections.map((s) => hashLines(scan, s.start, s.end).text()).join('\n\n')));
  const cells = row?.cells ?? {};
  const status = bold.status ?? cells.status;
  const supersededBy = parseEntryRefs(bold.supersededBy)?.[0] ?? parseReplacedBy(status);
  const metadata = compact<EntryMetadata>({
    source: 'section',
    line: first.start + 1,
    date: pickDate(fields.date, bold.date, cells.date),
    status,
    category: fields.category ?? bold.category ?? cells.category,
    severity: bold.severity ?? cells.severity,
    impact: bold.impact ?? cells.impact,
    summary: cells.summary,
    filesChanged: cells.filesChanged,
    sectionLines: sections.length > 1 ? sections.map((s) => s.start + 1) : undefined,
    sectionEnds: sections.length > 1 ? sections.map((s) => s.end) : undefined,
    indexLine: row ? row.index + 1 : undefined,
    lifecycle: parseLifecycle(status, supersededBy !== undefined),
    supersededBy,
    supersedes: parseEntryRefs(bold.supersedes),
  });
  const title = fields.title || cells.title || entryId;
  // A section's end is exclusive and 0-based, so it is also the 1-based number of its last line.
  const last = sections[sections.length - 1] as EntrySection;
  return makeEntry(spec, entryId, title, content, metadata, file, last.end, first.heading.text);
}

function entryFromRow(spec: LedgerSpec, file: string, entryId: string, row: IndexRow, heading: string): LedgerEntry {
  const { cells } = row;
  const title = cells.title ?? truncate(cells.summary ?? '', 120) ?? entryId;
  const facts: [string, string | undefined][] = [
    ['Date', cells.date],
    ['Status', cells.status],
    ['Severity', cells.severity],
    ['Category', cells.category],
    ['Impact', cells.impact],
    ['Files changed', cells.filesChanged],
  ];
  const lines = [`${entryId}: ${title}`, ...facts.filter(([, v]) => v).map(([k, v]) => `${k}: ${v as string}`)];
  if (cells.summary) lines.push('', cells.summary);
  const supersededBy = parseReplacedBy(cells.status);
  const metadata = compact<EntryMetadata>({
    source: 'index',
    line: row.index + 1,
    date: pickDate(undefined, undefined, cells.date),
    status: cells.status,
    category: cells.category,
    severity: cells.severity,
    impact: cells.impact,
    summary: cells.summary,
    filesChanged: cells.filesChanged,
    indexLine: row.index + 1,
    lifecycle: parseLifecycle(cells.status, supersededBy !== undefined),
    supersededBy,
  });
  const content = hashContent(normalizeContent(lines.join('\n')));
  return makeEntry(spec, entryId, title || entryId, content, metadata, file, row.index + 1, heading);
}

/** The text of the INDEX heading whose range holds line `index` (an entry made from a row has no heading of its own). */
function indexHeadingOf(outline: LedgerOutline, index: number): string {
  for (const range of outline.indexRanges) if (index >= range.start && index < range.end) return range.heading;
  return '';
}

/**
 * The entry's content is decoded from the ledger on first read: a sync that writes nothing never decodes it. Where
 * it is (file, last line, heading) comes as plain arguments, not an object: this runs once per entry.
 */
function makeEntry(
  spec: LedgerSpec,
  entryId: string,
  title: string,
  content: HashedContent,
  metadata: EntryMetadata,
  file: string,
  lineEnd: number,
  heading: string,
): LedgerEntry {
  const createdAt = metadata.date && isNormalizedDate(metadata.date) ? normalizeLedgerDate(metadata.date) : null;
  // `content` stays an own enumerable property (spread and JSON see it), but its getter is one shared function: a
  // getter written in the literal is a new closure per entry, which turns every entry into a dictionary-mode object
  // (about 1 KB each, most of the parse's garbage). Defined the same way each time, entries share one hidden class.
  const entry = { fileType: spec.fileType, entryId, title } as LedgerEntry;
  Object.defineProperty(entry, 'content', CONTENT_PROPERTY);
  entry.contentHash = content.contentHash;
  entry.line = metadata.line;
  entry.lineEnd = lineEnd;
  entry.file = file;
  entry.heading = heading;
  entry.source = metadata.source;
  entry.metadata = metadata;
  entry.createdAt = createdAt;
  contentOf.set(entry, content);
  return entry;
}

/** Each entry's content, for the shared getter (a WeakMap: nothing of it shows on the entry itself). */
const contentOf = new WeakMap<object, HashedContent>();

const CONTENT_PROPERTY: PropertyDescriptor = {
  get(this: LedgerEntry): string {
    return contentOf.get(this)?.text() ?? '';
  },
  enumerable: true,
  configurable: true,
};

/** The first date that reads as a calendar date, else the first one given as written. */
function pickDate(...candidates: (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const date = candidate ? normalizeLedgerDate(candidate) : null;
    if (date) return date;
  }
  return candidates.find((candidate) => candidate)?.trim();
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function truncate(text: string, max: number): string | undefined {
  const flat = text.replace(/[*_`]/g, '').trim();
  if (!flat) return undefined;
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Copies only the defined fields, so the stored JSON is the same for the same ledger bytes. (Deleting keys instead
 * would turn every metadata object into a slow dictionary-mode object.)
 */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}
