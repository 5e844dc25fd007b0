// Pure: GFM tables under a `## INDEX` heading -> one row per ledger id, columns mapped by their header.
import { matchEntryId, looksLikeMalformedId } from './entry-id';
import { leadingSpacesAt, lineText, skipSpaces } from './ledger-bytes';
import { LINE_TEXT, type MarkdownScan } from './scan-markdown';

export type IndexColumn = 'id' | 'date' | 'title' | 'summary' | 'status' | 'severity' | 'impact' | 'filesChanged' | 'category';

export interface IndexRow {
  /** 0-based line of the row. */
  index: number;
  entryId: string;
  cells: Partial<Record<IndexColumn, string>>;
}

export interface IndexTable {
  rows: IndexRow[];
  /** Rows whose id cell was meant to hold an id of this ledger but does not (`BUILD 12`). */
  malformed: { index: number; text: string }[];
}

// Order matters: `Files Changed` is a files column, `DEC-ID` an id column, `Decision` a title column.
const COLUMN_NAMES: [IndexColumn, RegExp][] = [
  ['id', /(^|[\s-])id$|^#$|^ids?\b/i],
  ['filesChanged', /files/i],
  ['date', /\b(date|timestamp|time|when)\b/i],
  ['summary', /\b(summary|description|details)\b/i],
  ['status', /\b(status|state|outcome)\b/i],
  ['severity', /\b(severity|priority)\b/i],
  ['impact', /\bimpact\b/i],
  ['title', /\b(title|phase|decision|name|subject|issue|problem)\b/i],
  ['category', /\b(category|type|area|kind)\b/i],
];

const DELIMITER_CELL = /^:?-{1,}:?$/;
const MARKUP = /[[*_`]/;

/** Reads every table in lines [start, end) of the scan; rows whose id cell holds an id of `prefix` are kept. */
export function parseIndexTable(scan: MarkdownScan, start: number, end: number, prefix: string): IndexTable {
  const table: IndexTable = { rows: [], malformed: [] };
  let columns: (IndexColumn | null)[] | null = null;
  for (let i = start; i < end; i++) {
    if (scan.mask[i] !== LINE_TEXT || !isTableLine(scan, i)) {
      columns = null;
      continue;
    }
    if (!columns) {
      if (i + 1 < scan.lineCount && isDelimiterRow(scan, i + 1)) {
        columns = mapColumns(splitCells(lineText(scan, i)));
        i++;
      }
      continue;
    }
    readRow(table, splitCells(lineText(scan, i)), columns, i, prefix);
  }
  return table;
}

function readRow(table: IndexTable, cells: string[], columns: (IndexColumn | null)[], index: number, prefix: string): void {
  const idAt = columns.includes('id') ? columns.indexOf('id') : cells.findIndex((cell) => matchEntryId(plain(cell), prefix));
  const idCell = idAt >= 0 ? plain(cells[idAt] ?? '') : '';
  // The cell holds the id, possibly annotated (`BUILD-16 (P1)`): the leading id counts.
  const match = matchEntryId(idCell, prefix);
  if (!match) {
    if (looksLikeMalformedId(idCell, prefix)) table.malformed.push({ index, text: idCell });
    return;
  }
  const row: IndexRow = { index, entryId: match.id, cells: {} };
  columns.forEach((column, at) => {
    const value = cells[at]?.trim();
    if (column && column !== 'id' && value && row.cells[column] === undefined) row.cells[column] = value;
  });
  table.rows.push(row);
}

/** Up to three columns of indentation, then whitespace, then `|`. */
function isTableLine(scan: MarkdownScan, i: number): boolean {
  const { bytes } = scan;
  const start = scan.starts[i] as number;
  const end = (scan.starts[i + 1] as number) - 1;
  if (leadingSpacesAt(bytes, start, end) > 3) return false;
  const at = skipSpaces(bytes, start, end);
  return at < end && bytes[at] === 124;
}

function isDelimiterRow(scan: MarkdownScan, i: number): boolean {
  if (!isTableLine(scan, i)) return false;
  const cells = splitCells(lineText(scan, i));
  return cells.length > 0 && cells.every((cell) => DELIMITER_CELL.test(cell.trim()));
}

function mapColumns(headers: string[]): (IndexColumn | null)[] {
  const used = new Set<IndexColumn>();
  return headers.map((header) => {
    const name = plain(header);
    const found = COLUMN_NAMES.find(([column, pattern]) => !used.has(column) && pattern.test(name));
    if (!found) return null;
    used.add(found[0]);
    return found[0];
  });
}

/** Splits a GFM table row on unescaped pipes, without the outer ones. */
export function splitCells(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  // Escaped pipes are rare: protect them only when present, so the common row is one native split.
  const cells = text.includes('\\|')
    ? text
        .replace(/\\\|/g, '\u0000')
        .split('|')
        .map((cell) => cell.replace(/\u0000/g, '|'))
    : text.split('|');
  return cells.map((cell) => cell.trim());
}

/** Cell text without emphasis, code ticks and link syntax: `**[BUILD-12](#build-12)**` -> `BUILD-12`. */
function plain(cell: string): string {
  // Ids and headers are short; a long cell is neither, and skipping it keeps the scan linear.
  if (cell.length > 200) return cell.trim();
  // Most cells hold no markup at all: then both replacements below change nothing.
  if (!MARKUP.test(cell)) return cell.trim();
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}
