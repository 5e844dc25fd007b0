// Pure: `**Status**: ✅ Implemented` style key lines in an entry's body -> metadata fields.
import { LINE_TEXT, type MarkdownScan } from './scan-markdown';

export type BoldKey = 'status' | 'date' | 'category' | 'severity' | 'impact';

const KEY_LINE = /^\s{0,3}(?:[-*+]\s+)?\*\*([A-Za-z][A-Za-z ]{0,30}?)\s*(?::\*\*|\*\*\s*:)\s*(.*)$/;
// `**Status: Done**`: key and value inside one bold span.
const KEY_IN_BOLD = /^\s{0,3}(?:[-*+]\s+)?\*\*([A-Za-z][A-Za-z ]{0,30}?):\s*([^*]+?)\*\*\s*$/;
const KEYS: Record<string, BoldKey> = {
  status: 'status',
  date: 'date',
  category: 'category',
  type: 'category',
  severity: 'severity',
  priority: 'severity',
  impact: 'impact',
};

/** The first value of each known key among lines [start, end), outside fences and comments. */
export function parseBoldKeys(scan: MarkdownScan, start: number, end: number): Partial<Record<BoldKey, string>> {
  const found: Partial<Record<BoldKey, string>> = {};
  for (let i = start; i < end; i++) {
    if (scan.mask[i] !== LINE_TEXT) continue;
    const line = scan.lines[i] as string;
    if (line.length > 2000 || !startsLikeKeyLine(line)) continue;
    const match = KEY_IN_BOLD.exec(line) ?? KEY_LINE.exec(line);
    const key = match ? KEYS[(match[1] as string).trim().toLowerCase()] : undefined;
    if (!match || !key || found[key] !== undefined) continue;
    const value = (match[2] as string).trim().replace(/^\*\*(.*)\*\*$/, '$1').replace(/\*\*$/, '').trim();
    if (value) found[key] = value;
  }
  return found;
}

/** `**Key**…` or `- **Key**…` after up to three spaces: a cheap test before the regular expression. */
function startsLikeKeyLine(line: string): boolean {
  const text = line.trimStart();
  return text.startsWith('**') || ((text[0] === '-' || text[0] === '*' || text[0] === '+') && text.slice(1).trimStart().startsWith('**'));
}
