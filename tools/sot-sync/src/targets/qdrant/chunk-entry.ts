// Pure: an entry's text -> chunks of at most `maxChars`, cut at subsections first, then paragraphs, lines, words.

const HEADING = /^#{2,4}\s/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Splits `content` so every chunk fits `maxChars` (characters, as the embedders count):
 * 1. at `##`/`###`/`####` headings outside code fences, packing neighbouring subsections while they fit;
 * 2. a subsection still too long is cut at blank lines, then at line ends, then at the last space before the
 *    limit, and only as a last resort in the middle of a word (never inside a surrogate pair).
 * The same content always gives the same chunks. Whitespace-only chunks are dropped; at least one chunk is
 * returned, so an entry always has a point 0.
 */
export function chunkEntry(content: string, maxChars: number): string[] {
  if (!(maxChars >= 16)) throw new RangeError(`chunk size must be at least 16 characters, got ${maxChars}`);
  const text = content.replace(/\r\n?/g, '\n').trim();
  if (text.length <= maxChars) return [text];
  const pieces = splitSections(text).flatMap((section) => splitToFit(section, maxChars));
  const chunks = pack(pieces, maxChars)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '');
  return chunks.length > 0 ? chunks : [''];
}

/** Sections start at a heading line outside a fenced code block; the text before the first heading is one too. */
function splitSections(text: string): string[] {
  const sections: string[] = [];
  let current: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    if (!fenced && HEADING.test(line) && current.length > 0) {
      sections.push(`${current.join('\n')}\n`);
      current = [];
    }
    current.push(line);
  }
  sections.push(current.join('\n'));
  return sections;
}

/** Cuts one piece at the coarsest boundary that makes it fit: blank lines, then line ends, then spaces. */
function splitToFit(piece: string, maxChars: number): string[] {
  if (piece.length <= maxChars) return [piece];
  for (const separator of [/(?<=\n\s*\n)/, /(?<=\n)/]) {
    const parts = piece.split(separator);
    if (parts.length > 1)
      return pack(
        parts.flatMap((part) => splitToFit(part, maxChars)),
        maxChars,
      );
  }
  return hardCut(piece, maxChars);
}

function hardCut(text: string, maxChars: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    let cut = rest.lastIndexOf(' ', maxChars);
    if (cut < maxChars / 2) cut = maxChars;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

/** Greedy packing of consecutive pieces (each already fitting) into as few chunks as fit. */
function pack(pieces: readonly string[], maxChars: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && current.length + piece.length > maxChars) {
      chunks.push(current);
      current = '';
    }
    current += piece;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
