// Pure: what a ledger's summary block must state, by the rules of the workspace's tidy tools (issue 16), and whether
// a block already states it. Counts only: no clock, no wording, no fs.
import type { LedgerMeta } from './parse-meta';
import { META_COUNT_KEY } from './parse-meta';
import { parseSummaryLine } from './parse-summary';
import type { LedgerEntry, LedgerSpec } from './types';

/** What a summary block states about one ledger, and where the count came from. */
export interface SummaryCounts {
  /** The count the block states: the META comment's `Total_*` when the ledger has one, else `headings`. */
  entries: number;
  /** Distinct ids among the entry headings (shown for builds when it differs from `entries`). */
  unique: number;
  /**
   * Entry headings of the ledger's own prefix, a multi-part build once per part. An id that has only an INDEX row is
   * not counted: the tidy tools count headings, and an INDEX row documents nothing yet.
   */
  headings: number;
  /** Ids that have only an INDEX row (not counted; named in the META warning, since they often explain it). */
  indexOnly: number;
  /** The META count (`Total_Builds`, `Total_Decisions`, `Total_Issues`) and its 1-based line; null when absent. */
  meta: { key: string; count: number; line: number } | null;
}

/** The counts of a parsed ledger; `meta` is its META comment (parse-meta.ts), which wins over the headings. */
export function countSummary(spec: LedgerSpec, entries: readonly LedgerEntry[], meta: LedgerMeta | null): SummaryCounts {
  let headings = 0;
  let unique = 0;
  for (const entry of entries) {
    if (entry.source !== 'section') continue;
    headings += entry.metadata.sectionLines?.length ?? 1;
    unique += 1;
  }
  const indexOnly = entries.length - unique;
  const key = META_COUNT_KEY[spec.fileType];
  const total = key === undefined ? undefined : meta?.totals[key];
  const stated = key !== undefined && total !== undefined ? { key: `Total_${key}`, count: total.count, line: total.line } : null;
  return { entries: stated?.count ?? headings, unique, headings, indexOnly, meta: stated };
}

/** A warning when the META count and the headings disagree (the tidy tools warn too); null when they agree. */
export function metaMismatch(counts: SummaryCounts): { line: number; message: string } | null {
  if (counts.meta === null || counts.meta.count === counts.headings) return null;
  const { key, count, line } = counts.meta;
  const rows = counts.indexOnly > 0 ? ` and ${counts.indexOnly} id(s) with only an INDEX row` : '';
  return {
    line,
    message: `META ${key} is ${count} but the ledger has ${counts.headings} entry heading(s)${rows}; the summary states ${count}, the META count (correct ${key} to silence this)`,
  };
}

/**
 * True when the lines between a block's markers are one summary line stating `counts.entries` entries, in any wording
 * and with any timestamp or date after `|` (the tidy tools' `Last updated: …`, earlier sot-sync's `Last entry: …`).
 * The unique count in parentheses is not compared: the tidy tools derive it by a rule of their own, and comparing it
 * would make the two tools rewrite each other's block.
 */
export function isSummaryCurrent(inner: string, counts: SummaryCounts): boolean {
  const lines = inner.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== 1) return false;
  return parseSummaryLine(lines[0] as string)?.entries === counts.entries;
}
