// Pure: the auto-generated summary block of a ledger (entry count, unique ids, last entry date) and its refresh in
// the ledger's text. Text in, text out, no fs. Only the lines strictly between the two markers are replaced; every
// other character, line endings included, is kept as it was (issue #5: the only ledger writes sot-sync makes).
import { LINE_FENCE, scanMarkdown } from './scan-markdown';
import type { LedgerEntry, LedgerSpec } from './types';

export const SUMMARY_START = '<!-- AUTO-GENERATED SUMMARY - DO NOT EDIT MANUALLY -->';
export const SUMMARY_END = '<!-- END AUTO-GENERATED SUMMARY -->';

/** What a summary line states about one ledger. */
export interface LedgerStats {
  /** Entry sections plus entries that exist only as INDEX rows (a multi-part build counts once per section). */
  entries: number;
  /** Distinct ids. */
  unique: number;
  /** Latest date an entry gives (YYYY-MM-DD), from the ledger, never the clock; null when none gives one. */
  lastDate: string | null;
}

export interface SummaryRefresh {
  text: string;
  /** 1-based line of the start marker of every (closed) summary block found. */
  starts: number[];
  /** Whether any block's content differed from the summary. */
  changed: boolean;
  /** 1-based line of every start marker that has no end marker; such a block is left alone. */
  unclosed: number[];
}

/** [singular, plural] of the counted thing, and of its unique ids; as the tidy tools word their summaries. */
interface Wording {
  entry: readonly [string, string];
  unique: readonly [string, string];
  /** Show the unique count only when it differs (the tidy tools write "43 decision(s) documented"). */
  uniqueWhenDifferent: boolean;
}

const WORDING: Record<string, Wording> = {
  build_history: { entry: ['build entry', 'build entries'], unique: ['unique build', 'unique builds'], uniqueWhenDifferent: false },
  architecture: { entry: ['decision', 'decisions'], unique: ['unique decision', 'unique decisions'], uniqueWhenDifferent: true },
  debug_log: { entry: ['debug session', 'debug sessions'], unique: ['unique session', 'unique sessions'], uniqueWhenDifferent: true },
};
const GENERIC: Wording = { entry: ['entry', 'entries'], unique: ['unique id', 'unique ids'], uniqueWhenDifferent: false };

export function summarizeEntries(entries: readonly LedgerEntry[]): LedgerStats {
  let sections = 0;
  let lastDate: string | null = null;
  for (const entry of entries) {
    sections += entry.source === 'section' ? (entry.metadata.sectionLines?.length ?? 1) : 1;
    const date = (entry.createdAt ?? entry.metadata.date ?? '').slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(date) && (lastDate === null || date > lastDate)) lastDate = date;
  }
  return { entries: sections, unique: entries.length, lastDate };
}

/**
 * `**Summary**: 199 build entries (172 unique builds) documented | Last entry: 2026-01-08`, or for decisions and debug
 * sessions `**Summary**: 43 decisions documented | Last entry: …` unless some id has several sections. Deterministic.
 */
export function renderSummary(spec: LedgerSpec, stats: LedgerStats): string {
  const wording = WORDING[spec.fileType] ?? GENERIC;
  const count = (n: number, [one, many]: readonly [string, string]): string => `${n} ${n === 1 ? one : many}`;
  const unique = wording.uniqueWhenDifferent && stats.unique === stats.entries ? '' : ` (${count(stats.unique, wording.unique)})`;
  return `**Summary**: ${count(stats.entries, wording.entry)}${unique} documented | Last entry: ${stats.lastDate ?? 'none'}`;
}

/**
 * Puts `summary` as the only line between each start marker and the next end marker. Markers count only as whole
 * lines outside fenced code (a fence showing the markers as an example is left alone). The new line ends with the
 * start marker's own line ending, so a CRLF ledger stays CRLF.
 */
export function refreshSummaryBlocks(text: string, summary: string): SummaryRefresh {
  const lines = lineSpans(text);
  const mask = scanMarkdown(text).mask;
  const isMarker = (i: number, marker: string): boolean => mask[i] !== LINE_FENCE && text.slice(lines[i]!.start, lines[i]!.end).trim() === marker;
  const result: SummaryRefresh = { text: '', starts: [], changed: false, unclosed: [] };
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!isMarker(i, SUMMARY_START)) continue;
    let end = i + 1;
    while (end < lines.length && !isMarker(end, SUMMARY_END) && !isMarker(end, SUMMARY_START)) end++;
    if (end >= lines.length || !isMarker(end, SUMMARY_END)) {
      result.unclosed.push(i + 1);
      continue;
    }
    const from = lines[i]!.next;
    const to = lines[end]!.start;
    const content = `${summary}${text.slice(lines[i]!.end, lines[i]!.next) || '\n'}`;
    if (text.slice(from, to) !== content) result.changed = true;
    parts.push(text.slice(copied, from), content);
    copied = to;
    result.starts.push(i + 1);
    i = end;
  }
  parts.push(text.slice(copied));
  result.text = parts.join('');
  return result;
}

interface LineSpan {
  start: number;
  /** End of the line's text (before its line ending). */
  end: number;
  /** Start of the next line (after the line ending). */
  next: number;
}

/** Line spans with the same breaks as scanMarkdown (LF, CRLF, CR), so line numbers agree. */
function lineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    spans.push({ start, end: match.index, next: match.index + match[0].length });
    start = match.index + match[0].length;
  }
  spans.push({ start, end: text.length, next: text.length });
  return spans;
}
