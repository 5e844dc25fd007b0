// Pure: `**Status**: ✅ Implemented` style key lines in an entry's body -> metadata fields.
import { lineText, skipSpaces } from './ledger-bytes';
import { LINE_TEXT, type MarkdownScan } from './scan-markdown';

export type BoldKey = 'status' | 'date' | 'category' | 'severity' | 'impact' | 'supersedes' | 'supersededBy';

const KEY_LINE = /^\s{0,3}(?:[-*+]\s+)?\*\*([A-Za-z][A-Za-z ]{0,30}?)\s*(?::\*\*|\*\*\s*:)\s*(.*)$/;
// `**Status: Done**`: key and value inside one bold span.
const KEY_IN_BOLD = /^\s{0,3}(?:[-*+]\s+)?\*\*([A-Za-z][A-Za-z ]{0,30}?):\s*([^*]+?)\*\*\s*$/;
// Every key line that can yield a field has `**` right before a known key (in any case): a cheap test that skips
// `**Problem**:`, `**Files Modified**:` and the like before the two expressions above run on them.
const KNOWN_KEY = /\*\*(?:status|date|category|type|severity|priority|impact|supersed|replace)/i;
const KEYS: Record<string, BoldKey> = {
  status: 'status',
  date: 'date',
  category: 'category',
  type: 'category',
  severity: 'severity',
  priority: 'severity',
  impact: 'impact',
  supersedes: 'supersedes',
  replaces: 'supersedes',
  'superseded by': 'supersededBy',
  'replaced by': 'supersededBy',
};

/** The first value of each known key among lines [start, end), outside fences and comments. */
export function parseBoldKeys(scan: MarkdownScan, start: number, end: number): Partial<Record<BoldKey, string>> {
  const found: Partial<Record<BoldKey, string>> = {};
  for (let i = start; i < end; i++) {
    if (scan.mask[i] !== LINE_TEXT || !startsLikeKeyLine(scan, i)) continue;
    const line = lineText(scan, i);
    if (line.length > 2000 || !KNOWN_KEY.test(line)) continue;
    // KEY_IN_BOLD needs the line to end with `**` (then spaces): most key lines do not, and skip it.
    const match = (line.trimEnd().endsWith('**') ? KEY_IN_BOLD.exec(line) : null) ?? KEY_LINE.exec(line);
    const key = match ? KEYS[(match[1] as string).trim().toLowerCase()] : undefined;
    if (!match || !key || found[key] !== undefined) continue;
    const value = unbold((match[2] as string).trim());
    if (value) found[key] = value;
  }
  return found;
}

const STAR = 42;

/**
 * `**Key**…` or `- **Key**…` after any whitespace (as `trimStart` sees it), read from the bytes: only such lines
 * are decoded and matched. Very long lines are no key lines either.
 */
function startsLikeKeyLine(scan: MarkdownScan, i: number): boolean {
  const { bytes } = scan;
  const end = (scan.starts[i + 1] as number) - 1;
  let at = scan.starts[i] as number;
  if (end - at > 8000) return false;
  at = skipSpaces(bytes, at, end);
  const c = bytes[at];
  if (c === STAR && bytes[at + 1] === STAR && at + 1 < end) return true;
  if (at >= end || (c !== 45 /* - */ && c !== STAR && c !== 43) /* + */) return false;
  at = skipSpaces(bytes, at + 1, end);
  return at + 1 < end && bytes[at] === STAR && bytes[at + 1] === STAR;
}

/** The value without the bold markers around it (`**Done**` -> `Done`) or a stray one at its end. */
function unbold(value: string): string {
  if (!value.startsWith('**') && !value.endsWith('**')) return value;
  return value
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .replace(/\*\*$/, '')
    .trim();
}
