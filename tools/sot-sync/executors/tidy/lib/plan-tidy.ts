// Pure: for each ledger read, whether its summary blocks are current and, when not, its refreshed text. Decides;
// writes nothing (write-ledgers.ts applies the plan). The time stamped into a rewritten block is an argument.
import type { LedgerFile } from '../../../src/io/read-ledger-files';
import { countSummary, isSummaryCurrent, metaMismatch } from '../../../src/ledger/count-summary';
import { parseLedger } from '../../../src/ledger/parse-ledger';
import { parseMeta } from '../../../src/ledger/parse-meta';
import { refreshSummaryBlocks, renderSummary } from '../../../src/ledger/render-summary';
import type { LedgerSpec } from '../../../src/ledger/types';

/** current: nothing to do; stale: `text` is the refreshed ledger; no-block: no markers; missing: no such file; skipped: see `reason`. */
export type TidyState = 'current' | 'stale' | 'no-block' | 'missing' | 'skipped';

export interface TidyItem {
  spec: LedgerSpec;
  /** Path shown to people, relative to the root. */
  file: string;
  state: TidyState;
  /** 1-based line of the first summary block's start marker. */
  line: number;
  /** The summary line a stale block gets (a current block keeps its own line, whatever its wording and timestamp). */
  summary: string | null;
  /** The whole refreshed ledger, for `stale` only. */
  text: string | null;
  reason: string | null;
  /** Non-fatal findings, e.g. a META count that disagrees with the headings. */
  warnings: { line: number; message: string }[];
}

/**
 * Ledgers with errors are skipped: a count taken from a ledger that hides entries would be wrong (sync reports them).
 * `updatedAt` (`YYYY-MM-DD HH:MM:SS`) goes only into blocks that are rewritten, which happens only when the count a
 * block states is wrong, so the time never causes a rewrite and `check` never depends on it.
 */
export function planTidy(ledgers: readonly LedgerFile[], updatedAt: string): TidyItem[] {
  const prefixes = ledgers.map((ledger) => ledger.spec.prefix);
  return ledgers.map((ledger) => {
    const item: TidyItem = { spec: ledger.spec, file: ledger.file, state: 'skipped', line: 1, summary: null, text: null, reason: null, warnings: [] };
    if (ledger.bytes === null && ledger.diagnostics.some((d) => d.rule === 'missing-ledger')) return { ...item, state: 'missing' };
    if (ledger.bytes === null) return { ...item, reason: ledger.diagnostics[0]?.message ?? 'cannot be read' };
    const parsed = parseLedger(ledger.bytes, ledger.spec, { file: ledger.file, foreignPrefixes: prefixes });
    const errors = [...ledger.diagnostics, ...parsed.diagnostics].filter((d) => d.severity === 'error').length;
    if (errors > 0) return { ...item, reason: `has ${errors} error(s) (see sot-sync validate ${ledger.file}); summary not refreshed` };
    const counts = countSummary(ledger.spec, parsed.entries, parseMeta(ledger.bytes));
    const summary = renderSummary(ledger.spec, counts, updatedAt);
    const refresh = refreshSummaryBlocks(ledger.bytes.toString('utf8'), summary, (inner) => isSummaryCurrent(inner, counts));
    const line = refresh.starts[0] ?? refresh.unclosed[0] ?? 1;
    if (refresh.starts.length === 0 && refresh.unclosed.length > 0)
      return { ...item, line, reason: `summary block at line ${line} has no end marker; left as it is` };
    if (refresh.starts.length === 0) return { ...item, state: 'no-block' };
    const mismatch = metaMismatch(counts);
    const warnings = mismatch ? [mismatch] : [];
    if (!refresh.changed) return { ...item, state: 'current', line, warnings };
    return { ...item, state: 'stale', line, summary, text: refresh.text, warnings };
  });
}
