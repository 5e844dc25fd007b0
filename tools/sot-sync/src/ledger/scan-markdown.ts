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
}

export const LINE_TEXT = 0;
export const LINE_FENCE = 1;
export const LINE_COMMENT = 2;

export interface MarkdownScan {
  lines: string[];
  headings: Heading[];
  /** Per line: LINE_TEXT, or LINE_FENCE / LINE_COMMENT when the line is inside (or delimits) one. */
  mask: Uint8Array;
  /** Every fence, and every comment block that spans lines, in document order. */
  blocks: HiddenBlock[];
}

interface OpenFence {
  char: string;
  length: number;
  index: number;
  /** Lines indented less than this (non-blank) end the fence's container; 0 at top level. */
  containerIndent: number;
}

const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( {1,4})(?=\S)/;

/** Splits `text` into lines (LF, CRLF or CR) and finds every structural block in one pass. */
export function scanMarkdown(text: string): MarkdownScan {
  const lines = splitLines(text);
  const mask = new Uint8Array(lines.length);
  const headings: Heading[] = [];
  const blocks: HiddenBlock[] = [];
  let fence: OpenFence | null = null;
  let comment: HiddenBlock | null = null;
  let listIndent = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence) {
      const indent = leadingSpaces(line);
      if (fence.containerIndent > 0 && indent < fence.containerIndent && !isBlank(line)) {
        blocks.push({ kind: 'fence', index: fence.index, end: i, closed: false });
        fence = null;
      } else {
        mask[i] = LINE_FENCE;
        if (closesFence(line, fence)) {
          blocks.push({ kind: 'fence', index: fence.index, end: i + 1, closed: true });
          fence = null;
        }
        continue;
      }
    }
    if (comment) {
      mask[i] = LINE_COMMENT;
      if (line.includes('-->')) {
        comment.end = i + 1;
        comment.closed = true;
        comment = null;
      }
      continue;
    }
    listIndent = trackListIndent(line, listIndent);
    const opened = openFence(line, i, listIndent);
    if (opened) {
      mask[i] = LINE_FENCE;
      fence = opened;
      continue;
    }
    if (opensComment(line)) {
      mask[i] = LINE_COMMENT;
      if (!line.includes('-->', line.indexOf('<!--') + 4)) {
        comment = { kind: 'comment', index: i, end: lines.length, closed: false };
        blocks.push(comment);
      }
      continue;
    }
    const heading = parseAtxHeading(line, i);
    if (heading) headings.push(heading);
  }
  if (fence) blocks.push({ kind: 'fence', index: fence.index, end: lines.length, closed: false });
  blocks.sort((a, b) => a.index - b.index);
  return { lines, headings, mask, blocks };
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

/** The content indent of the list item the line belongs to, or 0 when the line is outside any list. */
function trackListIndent(line: string, current: number): number {
  if (isBlank(line)) return current;
  const item = LIST_ITEM.exec(line);
  if (item) return (item[1] as string).length + (item[2] as string).length + (item[3] as string).length;
  return leadingSpaces(line) >= current ? current : 0;
}

function openFence(line: string, index: number, listIndent: number): OpenFence | null {
  const item = LIST_ITEM.exec(line);
  let offset: number;
  let containerIndent: number;
  if (item) {
    // A fence may open right after a list marker ("1. ```"): it lives inside that item.
    offset = item[0].length;
    containerIndent = offset;
  } else {
    const indent = leadingSpaces(line);
    containerIndent = listIndent > 0 && indent >= listIndent ? listIndent : 0;
    if (indent - containerIndent > 3) return null;
    offset = line.length - line.trimStart().length;
  }
  const char = line[offset];
  if (char !== '`' && char !== '~') return null;
  let length = 0;
  while (line[offset + length] === char) length++;
  if (length < 3) return null;
  if (char === '`' && line.indexOf('`', offset + length) >= 0) return null;
  return { char, length, index, containerIndent };
}

function closesFence(line: string, fence: OpenFence): boolean {
  const trimmed = line.trimStart();
  if (leadingSpaces(line) - fence.containerIndent > 3) return false;
  let length = 0;
  while (trimmed[length] === fence.char) length++;
  return length >= fence.length && isBlank(trimmed.slice(length));
}

function opensComment(line: string): boolean {
  return leadingSpaces(line) <= 3 && line.trimStart().startsWith('<!--');
}

/** An ATX heading (CommonMark 4.2): up to 3 spaces, 1-6 `#`, then a space or the end of the line. */
export function parseAtxHeading(line: string, index: number): Heading | null {
  const indent = leadingSpaces(line);
  if (indent > 3) return null;
  const start = line.length - line.trimStart().length;
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
