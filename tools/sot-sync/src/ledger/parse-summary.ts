// Pure: what an existing summary line states, in any wording either tool has used, so a block that already states
// the ledger's count is left alone whatever its wording and timestamp (issue 16). Reads; renders nothing.

/** The counts a summary line states. */
export interface StatedSummary {
  /** The first number: entries (`199 build entries`, `43 decision(s)`, `86 debug sessions`). */
  entries: number;
  /** The number in `(172 unique builds)`; null when the line states none. */
  unique: number | null;
}

// `**Summary**: <n> <words> documented`, then anything after a `|` (`Last updated: …`, `Last entry: …`) or nothing.
const SUMMARY_LINE = /^\s*\*\*Summary\*\*:\s*(\d+)\s+([^|]*?)\s*documented\s*(?:\|.*)?$/;
const UNIQUE = /\((\d+)\s+unique\b[^)]*\)/;

/**
 * The counts stated by a summary line, as the workspace's tidy tools write it
 * (`**Summary**: 199 build entries (172 unique builds) documented | Last updated: 2026-01-08 12:36:53`,
 * `**Summary**: 43 decision(s) documented | Last updated: …`) or as earlier sot-sync versions did
 * (`**Summary**: 3 debug sessions documented | Last entry: 2026-01-08`). Null for anything else.
 */
export function parseSummaryLine(line: string): StatedSummary | null {
  const match = SUMMARY_LINE.exec(line);
  if (!match) return null;
  const unique = UNIQUE.exec(match[2] as string);
  return { entries: Number(match[1]), unique: unique ? Number(unique[1]) : null };
}
