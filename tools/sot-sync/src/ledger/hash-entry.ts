// Pure: the canonical text of an entry and its content hash (SHA-256, first 16 hex characters, as before).
import { createHash } from 'node:crypto';
import { splitLines } from './scan-markdown';

/**
 * Line endings become LF, trailing whitespace of each line and trailing blank lines go, so a CRLF checkout or an
 * editor that trims spaces changes no hash.
 */
export function normalizeContent(text: string): string {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) lines[i] = (lines[i] as string).trimEnd();
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  let start = 0;
  while (start < end && lines[start] === '') start++;
  return lines.slice(start, end).join('\n');
}

/** SHA-256 of the normalized content, first 16 hex characters. */
export function hashEntry(content: string): string {
  return createHash('sha256').update(normalizeContent(content), 'utf8').digest('hex').slice(0, 16);
}
