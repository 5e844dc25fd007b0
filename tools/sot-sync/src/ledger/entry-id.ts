// Pure: entry ids (`BUILD-153`, `BUILD-153.1`, `DEC-012`) found at the start of heading text or table cells.

export interface EntryIdMatch {
  /** The id exactly as written, e.g. `BUILD-153.1`. */
  id: string;
  /** The text after the id. */
  rest: string;
}

const cache = new Map<string, { valid: RegExp; loose: RegExp; looseOtherCase: RegExp }>();

function patterns(prefix: string): { valid: RegExp; loose: RegExp; looseOtherCase: RegExp } {
  let found = cache.get(prefix);
  if (!found) {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    found = {
      // The id, then the end of the text or a character that cannot continue an id.
      // Bounded repetitions keep the match linear on any input.
      valid: new RegExp(`^${escaped}-(\\d{1,12}(?:\\.\\d{1,9}){0,6})(?![\\w]|[.-]\\w)`),
      // Something that was meant to be an id: `BUILD 12`, `BUILD12`, `BUILD-12a`, and `build-12` (other case only
      // with the dash, so `## Dec 2025 review` in the decisions ledger stays an ordinary heading).
      loose: new RegExp(`^${escaped}[\\s_-]*\\d`),
      looseOtherCase: new RegExp(`^${escaped}-\\d`, 'i'),
    };
    cache.set(prefix, found);
  }
  return found;
}

/** The valid id of `prefix` at the start of `text`, or null. `BUILD-12a` and `BUILD 12` are not ids. */
export function matchEntryId(text: string, prefix: string): EntryIdMatch | null {
  const match = patterns(prefix).valid.exec(text);
  if (!match) return null;
  // The match is the id itself (the lookahead takes nothing): no new string is built for it.
  return { id: match[0], rest: text.slice(match[0].length) };
}

/** True when `text` starts like an id of `prefix` but is not a valid one. */
export function looksLikeMalformedId(text: string, prefix: string): boolean {
  const { loose, looseOtherCase } = patterns(prefix);
  return matchEntryId(text, prefix) === null && (loose.test(text) || looseOtherCase.test(text));
}

/** The example shown in messages about malformed ids. */
export function exampleId(prefix: string): string {
  return `${prefix}-123`;
}
