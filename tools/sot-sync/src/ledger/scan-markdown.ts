// Pure: the CommonMark-aware structural pass over a ledger's lines (fences, HTML comments, ATX headings).
// A line scanner, not an mdast parse: it must stay linear on any input (issue #2, rule 8).
import { decode, firstNonSpaceAt, includesAt, isBlankAt, leadingSpacesAt, spaceLengthAt, toLedgerBytes, type LedgerBytes } from './ledger-bytes';

export interface Heading {
  /** 0-based line index. */
  index: number;
  depth: number;
  /** Heading text with the closing `#` sequence and surrounding whitespace removed. */
  text: string;
}

/** A fenced code block or HTML comment block: nothing inside it is a heading. */
export interface HiddenBlock {
  kind: 'fence' | 'comment';
  /** 0-based line where it opens. */
  index: number;
  /** 0-based line after it ends: after its closing line, or where its container ends when it never closes. */
  end: number;
  /** False when it never closes and so runs to the end of its container (the file, or a list item). */
  closed: boolean;
  /** A fence's info string (```python -> `python`); empty for a bare fence and for comments. */
  info: string;
}

export const LINE_TEXT = 0;
export const LINE_FENCE = 1;
export const LINE_COMMENT = 2;

/** The ledger's bytes and lines, with its structure. Line i is bytes [starts[i], starts[i + 1] - 1). */
export interface MarkdownScan extends LedgerBytes {
  headings: Heading[];
  /** Per line: LINE_TEXT, or LINE_FENCE / LINE_COMMENT when the line is inside (or delimits) one. */
  mask: Uint8Array;
  /** Every fence, and every comment block that spans lines, in document order. */
  blocks: HiddenBlock[];
}

interface OpenFence {
  info: string;
  char: number;
  length: number;
  index: number;
  /** Lines indented less than this (non-blank) end the fence's container; 0 at top level. */
  containerIndent: number;
}

// The two line shapes read byte by byte below, as expressions (`\s`, `\S` as JavaScript reads them):
// list marker  /^([-*+]|\d{1,9}[.)])( {1,4})(?=\S)/
// block start  /^(#{1,6}(\s|$)|`{3,}|~{3,}|>|<|([-*_])(\s*\3){2,}\s*$)/

/** The list items the current line sits in: their content indents, innermost last. */
interface ListContext {
  indents: number[];
  /** The previous line was paragraph text, so an unindented line may continue it lazily (CommonMark 5.1). */
  paragraph: boolean;
  /** The current line's container (updated in place for every line: no object per line). */
  line: Container;
}

/**
 * Finds every structural block of a ledger (text, or its UTF-8 bytes) in one pass over its lines (LF, CRLF or CR).
 * Works on bytes: only a heading's text and a fence's info string are decoded.
 */
export function scanMarkdown(input: string | Uint8Array): MarkdownScan {
  const ledger = toLedgerBytes(input);
  const { bytes, starts, lineCount } = ledger;
  const mask = new Uint8Array(lineCount);
  const headings: Heading[] = [];
  const blocks: HiddenBlock[] = [];
  const list: ListContext = { indents: [], paragraph: false, line: { indent: 0, itemContent: -1 } };
  let fence: OpenFence | null = null;
  let comment: (HiddenBlock & { containerIndent: number }) | null = null;

  for (let i = 0; i < lineCount; i++) {
    const start = starts[i] as number;
    const end = (starts[i + 1] as number) - 1;
    if (fence) {
      if (leavesContainer(bytes, start, end, fence.containerIndent)) {
        blocks.push({ kind: 'fence', index: fence.index, end: i, closed: false, info: fence.info });
        fence = null;
      } else {
        mask[i] = LINE_FENCE;
        if (closesFence(bytes, start, end, fence)) {
          blocks.push({ kind: 'fence', index: fence.index, end: i + 1, closed: true, info: fence.info });
          fence = null;
        }
        continue;
      }
    }
    if (comment) {
      if (leavesContainer(bytes, start, end, comment.containerIndent)) {
        comment.end = i;
        comment = null;
      } else {
        mask[i] = LINE_COMMENT;
        if (includesAt(bytes, start, end, DASH, DASH, GT)) {
          comment.end = i + 1;
          comment.closed = true;
          comment = null;
        }
        continue;
      }
    }
    const container = trackList(bytes, start, end, list);
    const opened = openFence(bytes, start, end, i, container);
    if (opened) {
      mask[i] = LINE_FENCE;
      fence = opened;
      list.paragraph = false;
      continue;
    }
    if (opensComment(bytes, start, end, container)) {
      mask[i] = LINE_COMMENT;
      list.paragraph = false;
      if (!closesOnOpeningLine(bytes, start, end)) {
        comment = { kind: 'comment', index: i, end: lineCount, closed: false, info: '', containerIndent: container.indent };
        blocks.push(comment);
      }
      continue;
    }
    const heading = parseAtxHeadingAt(bytes, start, end, i);
    if (heading) headings.push(heading);
  }
  if (fence) blocks.push({ kind: 'fence', index: fence.index, end: lineCount, closed: false, info: fence.info });
  blocks.sort((a, b) => a.index - b.index);
  return { ...ledger, headings, mask, blocks: blocks.map(({ kind, index, end, closed, info }) => ({ kind, index, end, closed, info })) };
}

const HASH = 35;
const BACKTICK = 96;
const TILDE = 126;
const DASH = 45;
const LT = 60;
const GT = 62;
const BANG = 33;

/** A fence or comment inside a list item ends with the item: at a non-blank line indented less than its content. */
function leavesContainer(bytes: Buffer, start: number, end: number, containerIndent: number): boolean {
  return containerIndent > 0 && !isBlankAt(bytes, start, end) && leadingSpacesAt(bytes, start, end) < containerIndent;
}

interface Container {
  /** Content indent of the innermost list item holding the line (0 outside lists). */
  indent: number;
  /** Offset where the line's own content starts when it opens a list item ("1. ```"), else -1. */
  itemContent: number;
}

/** Updates the list context with the line [start, end) and says which container the line belongs to. */
function trackList(bytes: Buffer, start: number, end: number, list: ListContext): Container {
  const { indents, line } = list;
  line.itemContent = -1;
  if (isBlankAt(bytes, start, end)) {
    list.paragraph = false;
    line.indent = innermost(indents);
    return line;
  }
  const indent = leadingSpacesAt(bytes, start, end);
  const first = firstNonSpaceAt(bytes, start, end);
  const lazy = list.paragraph && indent < innermost(indents) && !startsBlock(bytes, first, end);
  if (!lazy) while (indents.length > 0 && innermost(indents) > indent) indents.pop();
  const base = innermost(indents);
  const marker = indent - base <= 3 ? listMarkerLength(bytes, first, end) : 0;
  if (marker > 0) {
    indents.push(indent + marker);
    list.paragraph = true;
    line.indent = indent + marker;
    line.itemContent = first + marker;
    return line;
  }
  list.paragraph = !startsBlock(bytes, first, end);
  line.indent = base;
  return line;
}

/** The innermost list item's content indent, 0 outside lists (indexing, not `.at(-1)`: this runs for every line). */
function innermost(indents: readonly number[]): number {
  return indents.length > 0 ? (indents[indents.length - 1] as number) : 0;
}

/** Length of the list marker and the spaces after it at `at`, or 0 when the line opens no item. */
function listMarkerLength(bytes: Buffer, at: number, end: number): number {
  const c = bytes[at] as number;
  let after = at;
  if (c === DASH || c === 42 /* * */ || c === 43 /* + */) after = at + 1;
  else if (c >= 48 && c <= 57) {
    while (after < end && after - at < 10 && (bytes[after] as number) >= 48 && (bytes[after] as number) <= 57) after++;
    if (after - at > 9 || (bytes[after] !== 46 /* . */ && bytes[after] !== 41) /* ) */) return 0;
    after++;
  } else return 0;
  let spaces = 0;
  while (after + spaces < end && bytes[after + spaces] === 32) spaces++;
  if (spaces === 0 || spaces > 4 || after + spaces >= end) return 0;
  return spaceLengthAt(bytes, after + spaces, end) === 0 ? after + spaces - at : 0;
}

/** Block start at `at` (the first non-space byte): a heading, fence, quote, HTML or thematic break opens there. */
function startsBlock(bytes: Buffer, at: number, end: number): boolean {
  const c = bytes[at];
  if (c === GT || c === LT) return true;
  if (c === BACKTICK || c === TILDE) return at + 2 < end && bytes[at + 1] === c && bytes[at + 2] === c;
  if (c !== HASH && c !== DASH && c !== 42 && c !== 95 /* _ */) return false;
  if (c === HASH) {
    let depth = 0;
    while (at + depth < end && bytes[at + depth] === HASH) depth++;
    return depth <= 6 && (at + depth === end || spaceLengthAt(bytes, at + depth, end) > 0);
  }
  // A thematic break: three or more of the same mark, and nothing else but whitespace.
  let marks = 0;
  for (let i = at; i < end;) {
    if (bytes[i] === c) {
      marks++;
      i++;
      continue;
    }
    const space = spaceLengthAt(bytes, i, end);
    if (space === 0) return false;
    i += space;
  }
  return marks >= 3;
}

function openFence(bytes: Buffer, start: number, end: number, index: number, container: Container): OpenFence | null {
  let offset: number;
  let containerIndent = container.indent;
  if (container.itemContent >= 0) {
    // A fence may open right after a list marker ("1. ```"): it lives inside that item.
    offset = container.itemContent;
  } else {
    const indent = leadingSpacesAt(bytes, start, end);
    if (indent - containerIndent > 3) return null;
    if (indent < containerIndent) containerIndent = 0;
    offset = firstNonSpaceAt(bytes, start, end);
  }
  const char = bytes[offset] as number;
  if (offset >= end || (char !== BACKTICK && char !== TILDE)) return null;
  let length = 0;
  while (offset + length < end && bytes[offset + length] === char) length++;
  if (length < 3) return null;
  if (char === BACKTICK && bytes.subarray(offset + length, end).includes(BACKTICK)) return null;
  return { char, length, index, containerIndent, info: decode(bytes, offset + length, end).trim() };
}

function closesFence(bytes: Buffer, start: number, end: number, fence: OpenFence): boolean {
  if (leadingSpacesAt(bytes, start, end) - fence.containerIndent > 3) return false;
  const first = firstNonSpaceAt(bytes, start, end);
  let length = 0;
  while (first + length < end && bytes[first + length] === fence.char) length++;
  return length >= fence.length && isBlankAt(bytes, first + length, end);
}

function opensComment(bytes: Buffer, start: number, end: number, container: Container): boolean {
  const at = container.itemContent >= 0 ? container.itemContent : firstNonSpaceAt(bytes, start, end);
  if (container.itemContent < 0 && leadingSpacesAt(bytes, start, end) - container.indent > 3) return false;
  return at + 3 < end && bytes[at] === LT && bytes[at + 1] === BANG && bytes[at + 2] === DASH && bytes[at + 3] === DASH;
}

/** `<!-- x -->`, and the degenerate `<!-->` and `<!--->` that CommonMark closes at once. */
function closesOnOpeningLine(bytes: Buffer, start: number, end: number): boolean {
  let after = start;
  while (!(bytes[after] === LT && bytes[after + 1] === BANG && bytes[after + 2] === DASH && bytes[after + 3] === DASH)) after++;
  after += 4;
  if (after < end && bytes[after] === GT) return true;
  if (after + 1 < end && bytes[after] === DASH && bytes[after + 1] === GT) return true;
  return includesAt(bytes, after, end, DASH, DASH, GT);
}

/**
 * An ATX heading (CommonMark 4.2) on the line [start, end): up to 3 spaces, 1-6 `#`, then a space or the end of
 * the line. Only its text is decoded.
 */
export function parseAtxHeadingAt(bytes: Buffer, start: number, end: number, index: number): Heading | null {
  const depth = atxDepthAt(bytes, start, end);
  if (depth === 0) return null;
  const text = decode(bytes, firstNonSpaceAt(bytes, start, end) + depth, end).trim();
  return { index, depth, text: stripClosingSequence(text) };
}

/** Depth of the ATX heading on the line [start, end), 0 when it is none. */
export function atxDepthAt(bytes: Buffer, start: number, end: number): number {
  if (leadingSpacesAt(bytes, start, end) > 3) return 0;
  const first = firstNonSpaceAt(bytes, start, end);
  let depth = 0;
  while (first + depth < end && bytes[first + depth] === HASH && depth < 7) depth++;
  if (depth === 0 || depth > 6) return 0;
  const after = first + depth;
  return after === end || bytes[after] === 32 || bytes[after] === 9 ? depth : 0;
}

function stripClosingSequence(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 35) end--;
  if (end === text.length) return text;
  if (end === 0) return '';
  const before = text.charCodeAt(end - 1);
  return before === 32 || before === 9 ? text.slice(0, end).trimEnd() : text;
}
