// Pure: for each ledger read, whether its summary blocks are current and, when not, its refreshed text. Decides;
// writes nothing (write-ledgers.ts applies the plan).
import type { LedgerFile } from '../../../src/io/read-ledger-files';
import { parseLedger } from '../../../src/ledger/parse-ledger';
import { refreshSummaryBlocks, renderSummary, summarizeEntries } from '../../../src/ledger/render-summary';
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
  /** The summary line the blocks should hold. */
  summary: string | null;
  /** The whole refreshed ledger, for `stale` only. */
  text: string | null;
  reason: string | null;
}

/** Ledgers with errors are skipped: a count taken from a ledger that hides entries would be wrong (sync reports them). */
export function planTidy(ledgers: readonly LedgerFile[]): TidyItem[] {
  const prefixes = ledgers.map((ledger) => ledger.spec.prefix);
  return ledgers.map((ledger) => {
    const item: TidyItem = { spec: ledger.spec, file: ledger.file, state: 'skipped', line: 1, summary: null, text: null, reason: null };
    if (ledger.bytes === null && ledger.diagnostics.some((d) => d.rule === 'missing-ledger')) return { ...item, state: 'missing' };
    if (ledger.bytes === null) return { ...item, reason: ledger.diagnostics[0]?.message ?? 'cannot be read' };
    const parsed = parseLedger(ledger.bytes, ledger.spec, { file: ledger.file, foreignPrefixes: prefixes });
    const errors = [...ledger.diagnostics, ...parsed.diagnostics].filter((d) => d.severity === 'error').length;
    if (errors > 0) return { ...item, reason: `has ${errors} error(s) (see sot-sync validate ${ledger.file}); summary not refreshed` };
    const summary = renderSummary(ledger.spec, summarizeEntries(parsed.entries));
    const refresh = refreshSummaryBlocks(ledger.bytes.toString('utf8'), summary);
    const line = refresh.starts[0] ?? refresh.unclosed[0] ?? 1;
    if (refresh.starts.length === 0 && refresh.unclosed.length > 0) return { ...item, line, reason: `summary block at line ${line} has no end marker; left as it is` };
    if (refresh.starts.length === 0) return { ...item, state: 'no-block', summary };
    return { ...item, state: refresh.changed ? 'stale' : 'current', line, summary, text: refresh.changed ? refresh.text : null };
  });
}
