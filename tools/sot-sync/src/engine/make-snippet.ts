// Pure: about 200 characters of an entry's text around the first word of the query it contains, on one line.

export const SNIPPET_CHARS = 200;

/**
 * About SNIPPET_CHARS of `content` around the first query word (3+ letters) it contains, on one line; the start
 * of the content when none occurs. The entry's heading line (the result's title already says it) and bold markers
 * are left out.
 */
export function makeSnippet(content: string, query: string): string {
  const body = content.replace(/^\s*#{1,6}\s[^\n]*\n?/, '');
  const flat = (body.trim() === '' ? content : body).replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
  const hits = words.map((word) => lower.indexOf(word)).filter((at) => at >= 0);
  const first = hits.length > 0 ? hits.reduce((a, b) => Math.min(a, b)) : 0;
  let start = Math.max(0, first - Math.floor(SNIPPET_CHARS / 4));
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  const end = Math.min(flat.length, start + SNIPPET_CHARS);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
