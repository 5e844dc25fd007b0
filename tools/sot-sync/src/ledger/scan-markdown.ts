// Pure: the CommonMark-aware structural pass over a ledger's lines (fences, HTML comments, ATX headings).
// A line scanner, not an mdast parse: it must stay linear on any input (issue #2, rule 8).

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

/** Where the lines came from, when they are the LF-separated lines of `text`: lets a section be one slice of it. */
export interface LineSource {
  text: string;
  /** Offset in `text` of each line's first character. */
  starts: Int32Array;
}

export interface MarkdownScan {
  lines: string[];
  /** The text and line offsets when its line endings are all LF (lines rejoined with `\n` give it back); else null. */
  source: LineSource | null;
  headings: Heading[];
  /** Per line: LINE_TEXT, or LINE_FENCE / LINE_COMMENT when the line is inside (or delimits) one. */
  mask: Uint8Array;
  /** Every fence, and every comment block that spans lines, in document order. */
  blocks: HiddenBlock[];
}

interface OpenFence {
  info: string;
  char: string;
  length: number;
  index: number;
  /** Lines indented less than this (non-blank) end the fence's container; 0 at top level. */
  containerIndent: number;
}

const LIST_MARKER = /^([-*+]|\d{1,9}[.)])( {1,4})(?=\S)/;
const BLOCK_START = /^(#{1,6}(\s|$)|`{3,}|~{3,}|>|<|([-*_])(\s*\3){2,}\s*$)/;

/** The list items the current line sits in: their content indents, innermost last. */
interface ListContext {
  indents: number[];
  /** The previous line was paragraph text, so an unindented line may continue it lazily (CommonMark 5.1). */
  paragraph: boolean;
}

/** Splits `text` into lines (LF, CRLF or CR) and finds every structural block in one pass. */
export function scanMarkdown(text: string): MarkdownScan {
  const lines = splitLines(text);
  const mask = new Uint8Array(lines.length);
  const headings: Heading[] = [];
  const blocks: HiddenBlock[] = [];
  const list: ListContext = { indents: [], paragraph: false };
  let fence: OpenFence | null = null;
  let comment: (HiddenBlock & { containerIndent: number }) | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence) {
      if (leavesContainer(line, fence.containerIndent)) {
        blocks.push({ kind: 'fence', index: fence.index, end: i, closed: false, info: fence.info });
        fence = null;
      } else {
        mask[i] = LINE_FENCE;
        if (closesFence(line, fence)) {
          blocks.push({ kind: 'fence', index: fence.index, end: i + 1, closed: true, info: fence.info });
          fence = null;
        }
        continue;
      }
    }
    if (comment) {
      if (leavesContainer(line, comment.containerIndent)) {
        comment.end = i;
        comment = null;
      } else {
        mask[i] = LINE_COMMENT;
        if (line.includes('-->')) {
          comment.end = i + 1;
          comment.closed = true;
          comment = null;
        }
        continue;
      }
    }
    const container = trackList(line, list);
    const opened = openFence(line, i, container);
    if (opened) {
      mask[i] = LINE_FENCE;
      fence = opened;
      list.paragraph = false;
      continue;
    }
    if (opensComment(line, container)) {
      mask[i] = LINE_COMMENT;
      list.paragraph = false;
      if (!closesOnOpeningLine(line)) {
        comment = { kind: 'comment', index: i, end: lines.length, closed: false, info: '', containerIndent: container.indent };
        blocks.push(comment);
      }
      continue;
    }
    const heading = parseAtxHeading(line, i);
    if (heading) headings.push(heading);
  }
  if (fence) blocks.push({ kind: 'fence', index: fence.index, end: lines.length, closed: false, info: fence.info });
  blocks.sort((a, b) => a.index - b.index);
  const source = text.includes('\r') ? null : { text, starts: lineStarts(lines) };
  return { lines, source, headings, mask, blocks: blocks.map(({ kind, index, end, closed, info }) => ({ kind, index, end, closed, info })) };
}

function lineStarts(lines: readonly string[]): Int32Array {
  const starts = new Int32Array(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += (lines[i] as string).length + 1;
  }
  return starts;
}

/** A fence or comment inside a list item ends with the item: at a non-blank line indented less than its content. */
function leavesContainer(line: string, containerIndent: number): boolean {
  return containerIndent > 0 && !isBlank(line) && leadingSpaces(line) < containerIndent;
}

interface Container {
  /** Content indent of the innermost list item holding the line (0 outside lists). */
  indent: number;
  /** Character offset where the line's own content starts when it opens a list item ("1. ```"), else -1. */
  itemContent: number;
}

/** Updates the list context with `line` and says which container the line belongs to. */
function trackList(line: string, list: ListContext): Container {
  const { indents } = list;
  if (isBlank(line)) {
    list.paragraph = false;
    return { indent: innermost(indents), itemContent: -1 };
  }
  const indent = leadingSpaces(line);
  const start = firstNonSpace(line);
  const lazy = list.paragraph && indent < innermost(indents) && !startsBlock(line, start);
  if (!lazy) while (indents.length > 0 && innermost(indents) > indent) indents.pop();
  const base = innermost(indents);
  const marker = indent - base <= 3 && mayStartListItem(line.charCodeAt(start)) ? LIST_MARKER.exec(line.slice(start)) : null;
  if (marker) {
    indents.push(indent + marker[0].length);
    list.paragraph = true;
    return { indent: indent + marker[0].length, itemContent: start + marker[0].length };
  }
  list.paragraph = !startsBlock(line, start);
  return { indent: base, itemContent: -1 };
}

/** The innermost list item's content indent, 0 outside lists (indexing, not `.at(-1)`: this runs for every line). */
function innermost(indents: readonly number[]): number {
  return indents.length > 0 ? (indents[indents.length - 1] as number) : 0;
}

// The first characters LIST_MARKER and BLOCK_START can match: most lines start with neither, and skip the expressions.
const LIST_MARKER_FIRST = new Set(['-', '*', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((c) => c.charCodeAt(0)));
const BLOCK_START_FIRST = new Set(['#', '`', '~', '>', '<', '-', '*', '_'].map((c) => c.charCodeAt(0)));

function mayStartListItem(code: number): boolean {
  return LIST_MARKER_FIRST.has(code);
}

/** BLOCK_START at `start` (the first non-space character). */
function startsBlock(line: string, start: number): boolean {
  return BLOCK_START_FIRST.has(line.charCodeAt(start)) && BLOCK_START.test(line.slice(start));
}
/** Lines by LF, CRLF or CR; the common LF-only text takes the fast native split. */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
}

/** Number of leading spaces (a tab counts as reaching the next multiple of 4). */
export function leadingSpaces(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) n++;
    else if (c === 9) n += 4 - (n % 4);
    else break;
  }
  return n;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function openFence(line: string, index: number, container: Container): OpenFence | null {
  let offset: number;
  let containerIndent = container.indent;
  if (container.itemContent >= 0) {
    // A fence may open right after a list marker ("1. ```"): it lives inside that item.
    offset = container.itemContent;
  } else {
    if (leadingSpaces(line) - containerIndent > 3) return null;
    if (leadingSpaces(line) < containerIndent) containerIndent = 0;
    offset = firstNonSpace(line);
  }
  const char = line[offset];
  if (char !== '`' && char !== '~') return null;
  let length = 0;
  while (line[offset + length] === char) length++;
  if (length < 3) return null;
  if (char === '`' && line.indexOf('`', offset + length) >= 0) return null;
  return { char, length, index, containerIndent, info: line.slice(offset + length).trim() };
}

function closesFence(line: string, fence: OpenFence): boolean {
  if (leadingSpaces(line) - fence.containerIndent > 3) return false;
  const start = firstNonSpace(line);
  let length = 0;
  while (line[start + length] === fence.char) length++;
  return length >= fence.length && isBlank(line.slice(start + length));
}

function opensComment(line: string, container: Container): boolean {
  const start = container.itemContent >= 0 ? container.itemContent : firstNonSpace(line);
  return (container.itemContent >= 0 || leadingSpaces(line) - container.indent <= 3) && line.startsWith('<!--', start);
}

/** `<!-- x -->`, and the degenerate `<!-->` and `<!--->` that CommonMark closes at once. */
function closesOnOpeningLine(line: string): boolean {
  const after = line.indexOf('<!--') + 4;
  return line.startsWith('>', after) || line.startsWith('->', after) || line.includes('-->', after);
}

/** Index of the first character that is not a space or a tab (Unicode spaces are content, not indentation). */
function firstNonSpace(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** An ATX heading (CommonMark 4.2): up to 3 spaces, 1-6 `#`, then a space or the end of the line. */
export function parseAtxHeading(line: string, index: number): Heading | null {
  const indent = leadingSpaces(line);
  if (indent > 3) return null;
  const start = firstNonSpace(line);
  let depth = 0;
  while (line.charCodeAt(start + depth) === 35 /* # */ && depth < 7) depth++;
  if (depth === 0 || depth > 6) return null;
  const after = line.charCodeAt(start + depth);
  if (!Number.isNaN(after) && after !== 32 && after !== 9) return null;
  return { index, depth, text: stripClosingSequence(line.slice(start + depth).trim()) };
}

function stripClosingSequence(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 35) end--;
  if (end === text.length) return text;
  if (end === 0) return '';
  const before = text.charCodeAt(end - 1);
  return before === 32 || before === 9 ? text.slice(0, end).trimEnd() : text;
}
