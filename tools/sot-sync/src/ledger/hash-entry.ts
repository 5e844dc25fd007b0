// Pure: the canonical text of an entry and its content hash (SHA-256, first 16 hex characters, as before).
import { createHash } from 'node:crypto';
import { splitLines } from './scan-markdown';

/**
 * Line endings become LF, trailing whitespace of each line and trailing blank lines go, so a CRLF checkout or an
 * editor that trims spaces changes no hash.
 */
export function normalizeContent(text: string): string {
  return normalizeLines(splitLines(text), 0, Number.MAX_SAFE_INTEGER);
}

/** normalizeContent over lines [start, end) of an already split text, without joining and splitting again. */
export function normalizeLines(lines: readonly string[], start: number, end: number): string {
  const trimmed: string[] = [];
  for (let i = start; i < Math.min(end, lines.length); i++) trimmed.push((lines[i] as string).trimEnd());
  let last = trimmed.length;
  while (last > 0 && trimmed[last - 1] === '') last--;
  let first = 0;
  while (first < last && trimmed[first] === '') first++;
  return (first === 0 && last === trimmed.length ? trimmed : trimmed.slice(first, last)).join('\n');
}

/** SHA-256 of the normalized content, first 16 hex characters. */
export function hashEntry(content: string): string {
  return hashNormalized(normalizeContent(content));
}

/** hashEntry for content that is already normalized (the parser's own output). */
export function hashNormalized(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 16);
}
