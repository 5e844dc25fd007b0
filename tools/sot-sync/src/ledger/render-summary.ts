// Pure: the auto-generated summary block of a ledger, in the format of the workspace's tidy tools, and its refresh in
// the ledger's text. Text in, text out, no fs, no clock (the caller passes the time). Only the lines strictly between
// the two markers are replaced; every other character, line endings included, is kept as it was (issue #5: the only
// ledger writes sot-sync makes). What a block must state, and when it already does: count-summary.ts (issue 16).
import type { SummaryCounts } from './count-summary';
import { LINE_FENCE, scanMarkdown } from './scan-markdown';
import type { LedgerSpec } from './types';

export const SUMMARY_START = '<!-- AUTO-GENERATED SUMMARY - DO NOT EDIT MANUALLY -->';
export const SUMMARY_END = '<!-- END AUTO-GENERATED SUMMARY -->';

export interface SummaryRefresh {
  text: string;
  /** 1-based line of the start marker of every (closed) summary block found. */
  starts: number[];
  /** Whether any block was rewritten. */
  changed: boolean;
  /** 1-based line of every start marker that has no end marker; such a block is left alone. */
  unclosed: number[];
}

type Wording = (entries: number, unique: number) => string;

/** What each default ledger's summary says, word for word as the tidy tools write it. */
const WORDING: Record<string, Wording> = {
  build_history: (n, u) => (u !== n ? `${n} build entries (${u} unique builds)` : `${n} build(s)`),
  architecture: (n) => `${n} decision(s)`,
  debug_log: (n) => `${n} debug session(s)`,
};
/** Other ledgers (no tidy tool writes them) follow the builds' pattern. */
const GENERIC: Wording = (n, u) => (u !== n ? `${n} entries (${u} unique ids)` : `${n} entry(ies)`);

/**
 * The summary line exactly as the workspace's tidy tools write it, `updatedAt` being `YYYY-MM-DD HH:MM:SS`:
 * `**Summary**: 199 build entries (172 unique builds) documented | Last updated: …` when the two counts differ, else
 * `**Summary**: 5 build(s) documented | Last updated: …`; `43 decision(s)`, `86 debug session(s)`.
 */
export function renderSummary(spec: LedgerSpec, counts: Pick<SummaryCounts, 'entries' | 'unique'>, updatedAt: string): string {
  const wording = WORDING[spec.fileType] ?? GENERIC;
  return `**Summary**: ${wording(counts.entries, counts.unique)} documented | Last updated: ${updatedAt}`;
}

/** `YYYY-MM-DD HH:MM:SS` in local time, as the tidy tools stamp their summaries. */
export function formatUpdatedAt(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${day} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * Puts `summary` as the only line between each start marker and the next end marker, unless `keep` accepts what the
 * block holds (the text between the markers, line endings included; by default only exactly that line). Markers
 * count only as whole lines outside fenced code (a fence showing the markers as an example is left alone). The new
 * line ends with the start marker's own line ending, so a CRLF ledger stays CRLF.
 */
export function refreshSummaryBlocks(text: string, summary: string, keep?: (inner: string) => boolean): SummaryRefresh {
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
    const inner = text.slice(from, to);
    const kept = keep ? keep(inner) : inner === content;
    if (!kept) result.changed = true;
    parts.push(text.slice(copied, from), kept ? inner : content);
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
