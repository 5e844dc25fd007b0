// Pure: the `<!-- META … -->` comment the workspace's tidy tools keep at the head of a ledger (`Total_Builds: 199`,
// `Last_Updated: …`). Reads it; never writes it (the summary block is the only part of a ledger sot-sync writes).
import { lineText } from './ledger-bytes';
import { scanMarkdown, type MarkdownScan } from './scan-markdown';

/** The `Total_*` counts of a ledger's META comment. */
export interface LedgerMeta {
  /** `Total_Builds: 199` → `{ Builds: { count: 199, line: 10 } }`; `line` is 1-based. */
  totals: Record<string, { count: number; line: number }>;
}

const META_OPEN = /^\s{0,3}<!--\s*META\b/;
const TOTAL_LINE = /^\s*Total_(\w+):\s*(\d+)\s*$/;

/** The META key that holds a ledger's entry count, as the tidy tools name it; undefined for other ledgers. */
export const META_COUNT_KEY: Readonly<Record<string, string>> = {
  build_history: 'Builds',
  architecture: 'Decisions',
  debug_log: 'Issues',
};

/**
 * The first META comment of the ledger: an HTML comment block whose first line starts with `<!-- META`, outside
 * fenced code. Only the first counts (the tidy tools read the first), so a META comment quoted later inside an entry,
 * as some ledgers carry, is ignored. Null when there is none.
 */
export function parseMeta(input: string | Uint8Array | MarkdownScan): LedgerMeta | null {
  const scan = typeof input === 'string' || input instanceof Uint8Array ? scanMarkdown(input) : input;
  for (const block of scan.blocks) {
    if (block.kind !== 'comment' || !META_OPEN.test(lineText(scan, block.index))) continue;
    const totals: LedgerMeta['totals'] = {};
    for (let i = block.index + 1; i < block.end; i++) {
      const match = TOTAL_LINE.exec(lineText(scan, i));
      const key = match?.[1];
      if (key !== undefined && totals[key] === undefined) totals[key] = { count: Number(match?.[2]), line: i + 1 };
    }
    return { totals };
  }
  return null;
}
