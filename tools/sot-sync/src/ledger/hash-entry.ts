// Pure: the canonical text of an entry and its content hash (SHA-256, first 16 hex characters, as before).
import * as crypto from 'node:crypto';
import { splitLines, type LineSource } from './scan-markdown';

/**
 * Line endings become LF, trailing whitespace of each line and trailing blank lines go, so a CRLF checkout or an
 * editor that trims spaces changes no hash.
 */
export function normalizeContent(text: string): string {
  return normalizeLines(splitLines(text), 0, Number.MAX_SAFE_INTEGER);
}

/**
 * normalizeContent over lines [start, end) of an already split text, without joining and splitting again. With the
 * lines' `source`, a section with no trailing whitespace is returned as one slice of the text: the same characters
 * as the join, without copying a ledger's worth of sections (and the garbage collection that copying costs).
 */
export function normalizeLines(lines: readonly string[], start: number, end: number, source?: LineSource): string {
  if (source) {
    const slice = sliceUntrimmed(lines, start, Math.min(end, lines.length), source);
    if (slice !== null) return slice;
  }
  const trimmed: string[] = [];
  for (let i = start; i < Math.min(end, lines.length); i++) trimmed.push((lines[i] as string).trimEnd());
  let last = trimmed.length;
  while (last > 0 && trimmed[last - 1] === '') last--;
  let first = 0;
  while (first < last && trimmed[first] === '') first++;
  return (first === 0 && last === trimmed.length ? trimmed : trimmed.slice(first, last)).join('\n');
}

/** Lines [first non-blank, last non-blank] as one slice of the text, or null when a line has trailing whitespace. */
function sliceUntrimmed(lines: readonly string[], start: number, end: number, source: LineSource): string | null {
  let first = -1;
  let last = -1;
  for (let i = start; i < end; i++) {
    const line = lines[i] as string;
    // trimEnd returns the string itself when there is nothing to trim: no allocation on the common path.
    const trimmedLength = line.trimEnd().length;
    if (trimmedLength !== line.length) return null;
    if (trimmedLength === 0) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return '';
  return source.text.slice(source.starts[first] as number, (source.starts[last] as number) + (lines[last] as string).length);
}

/** SHA-256 of the normalized content, first 16 hex characters. */
export function hashEntry(content: string): string {
  return hashNormalized(normalizeContent(content));
}

/** hashEntry for content that is already normalized (the parser's own output). */
export function hashNormalized(content: string): string {
  // crypto.hash (Node >= 20.12) hashes in one call, without a Hash object per entry; the digest is the same.
  if (oneShotHash) return oneShotHash('sha256', content, 'hex').slice(0, 16);
  return crypto.createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 16);
}

const oneShotHash = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
