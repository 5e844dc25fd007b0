// Pure: text -> the terms BM25 counts. Deterministic, no locale, no model; changing it means bumping `bm25-v<N>`.

/**
 * Runs of letters/digits (with combining marks), joined by `-`, `_`, `.` or an apostrophe into one compound:
 * `BUILD-188.2`, `run_id`, `file.py`, `don't`. tokenizeText reads this expression (flags `gu`) by hand:
 * `[\p{L}\p{N}\p{M}]+(?:[-_.'’][\p{L}\p{N}\p{M}]+)*`
 */
/** Lower->upper and UPPER->Upper-lower boundaries: `QdrantClient` -> Qdrant|Client, `HTTPServer` -> HTTP|Server. */
const CAMEL_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const MAX_TERM_LENGTH = 40;

/**
 * English function words: IDF would make them nearly weightless anyway, but they still lengthen documents and
 * turn every title query into a match-everything query. Kept short on purpose; domain words are never dropped.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can did do does for from had has have if in into is it its no not of on or ' +
    'so than that the their then there these they this those to was we were when which while who will with would'
  ).split(' '),
);

/**
 * The terms of `text`, in order, with repeats (BM25 counts them):
 * - Unicode letters and digits only; accents folded (NFKD), apostrophes dropped (`don't` -> `dont`).
 * - Compounds are split at `-`, `_`, `.` and camelCase, and the whole compound is kept too, so `BUILD-12` yields
 *   `build`, `12` and `build-12`, and `snake_case` yields `snake`, `case` and `snake_case`.
 * - Lowercased; stop words and single letters dropped; terms over 40 characters (hashes, blobs) dropped.
 * - Light normalization: plural suffixes only (see `stemTerm`). Heavier stemming (Porter) conflates
 *   identifiers like `policy`/`police` and buys little for title-style queries, which reuse the entry's words.
 */
export function tokenizeText(text: string): string[] {
  const terms: string[] = [];
  // The COMPOUND expression, read by hand (see findCompoundEnd): a Unicode-property regular expression per match
  // cost more than the rest of BM25 together. Each compound's terms depend on the compound alone, and ledgers
  // repeat the same words, so they are computed once per distinct compound (see termsOfCompound).
  let end = 0;
  for (let start = nextWordStart(text, end); start < text.length; start = nextWordStart(text, end)) {
    end = findCompoundEnd(text, start);
    for (const term of termsOfCompound(text, start, end)) terms.push(term);
  }
  return terms;
}

interface CachedCompound {
  match: string;
  terms: readonly string[];
}

/** Compounds seen so far by a hash of their characters, so a repeated word is found without slicing it out. */
const compoundCache = new Map<number, CachedCompound[]>();
let cachedCompounds = 0;
/** Bounds the cache (the distinct compounds of a large ledger set stay well below it). */
const MAX_CACHED_COMPOUNDS = 200_000;

/** The terms of COMPOUND's match text[start, end), from the cache when that compound was seen before. */
function termsOfCompound(text: string, start: number, end: number): readonly string[] {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  const bucket = compoundCache.get(hash);
  const length = end - start;
  for (const cached of bucket ?? []) if (cached.match.length === length && text.startsWith(cached.match, start)) return cached.terms;
  const match = text.slice(start, end);
  const terms = compoundTerms(match);
  if (cachedCompounds < MAX_CACHED_COMPOUNDS) {
    cachedCompounds++;
    if (bucket) bucket.push({ match, terms });
    else compoundCache.set(hash, [{ match, terms }]);
  }
  return terms;
}

function compoundTerms(match: string): string[] {
  const terms: string[] = [];
  const compound = foldCompound(match);
  let count = 0;
  for (const piece of splitAtSeparators(compound)) {
    const lower = piece.toLowerCase();
    // Only a piece with an upper-case letter can hold a camelCase boundary; most have none.
    const parts = lower === piece ? [lower] : camelParts(piece).map((part) => part.toLowerCase());
    for (const part of parts) pushTerm(terms, stemTerm(part));
    count += parts.length;
  }
  if (count > 1) pushTerm(terms, compound.toLowerCase());
  return terms;
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** 1 for the ASCII word characters (0-9, A-Z, a-z), 0 for the rest of ASCII. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, code) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0,
);
/** Non-ASCII code points already classified (ledgers repeat the same few: ✅, →, —, accented letters). */
const nonAsciiWordChars = new Map<number, boolean>();

/** Code units of the word character ([\p{L}\p{N}\p{M}]) at `at`: 1 or 2 (astral), 0 when it is not one. */
function wordCharLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) return ASCII_WORD[code] as number;
  if (Number.isNaN(code)) return 0;
  const point = text.codePointAt(at) as number;
  let isWord = nonAsciiWordChars.get(point);
  if (isWord === undefined) {
    isWord = WORD_CHAR.test(String.fromCodePoint(point));
    if (nonAsciiWordChars.size < 65_536) nonAsciiWordChars.set(point, isWord);
  }
  return isWord ? (point > 0xffff ? 2 : 1) : 0;
}

/** Where the next match of COMPOUND starts at or after `from` (text.length when there is none). */
function nextWordStart(text: string, from: number): number {
  let at = from;
  while (at < text.length && wordCharLength(text, at) === 0) at++;
  return at;
}

/** The end of COMPOUND's match at `start`: word characters, then (separator, word characters) while they follow. */
function findCompoundEnd(text: string, start: number): number {
  let at = skipWordChars(text, start);
  while (isCompoundSeparator(text.charCodeAt(at)) && wordCharLength(text, at + 1) > 0) at = skipWordChars(text, at + 1);
  return at;
}

function skipWordChars(text: string, from: number): number {
  let at = from;
  for (let length = wordCharLength(text, at); length > 0; length = wordCharLength(text, at)) at += length;
  return at;
}

/** `-`, `_`, `.`, `'` and `’`: what joins word runs into one compound. */
function isCompoundSeparator(code: number): boolean {
  return code === 45 || code === 95 || code === 46 || code === 39 || code === 0x2019;
}

/** `compound.split(/[-_.]/)`, without a regular expression. */
function splitAtSeparators(compound: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (let at = 0; at < compound.length; at++) {
    const code = compound.charCodeAt(at);
    if (code !== 45 && code !== 95 && code !== 46) continue;
    pieces.push(compound.slice(from, at));
    from = at + 1;
  }
  pieces.push(from === 0 ? compound : compound.slice(from));
  return pieces;
}

/** `piece.split(CAMEL_BOUNDARY)`; an ASCII piece is cut by hand at the same places (Ll = a-z, Lu = A-Z, N = 0-9). */
function camelParts(piece: string): string[] {
  if (!isAscii(piece)) return piece.split(CAMEL_BOUNDARY);
  const parts: string[] = [];
  let from = 0;
  for (let at = 1; at < piece.length; at++) {
    const before = piece.charCodeAt(at - 1);
    const here = piece.charCodeAt(at);
    const lowerToUpper = (isLowerAscii(before) || isDigitAscii(before)) && isUpperAscii(here);
    const upperToWord = isUpperAscii(before) && isUpperAscii(here) && isLowerAscii(piece.charCodeAt(at + 1));
    if (!lowerToUpper && !upperToWord) continue;
    parts.push(piece.slice(from, at));
    from = at;
  }
  parts.push(from === 0 ? piece : piece.slice(from));
  return parts;
}

const isLowerAscii = (code: number): boolean => code >= 97 && code <= 122;
const isUpperAscii = (code: number): boolean => code >= 65 && code <= 90;
const isDigitAscii = (code: number): boolean => code >= 48 && code <= 57;

function isAscii(text: string): boolean {
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) > 0x7f) return false;
  return true;
}

/** Accents folded (NFKD, marks dropped) and apostrophes removed; ASCII compounds pass through untouched. */
function foldCompound(compound: string): string {
  const folded = isAscii(compound) ? compound : compound.normalize('NFKD').replace(/\p{M}/gu, '');
  return folded.includes("'") || folded.includes('’') ? folded.replace(/['’]/g, '') : folded;
}

function pushTerm(terms: string[], term: string): void {
  if (term.length > MAX_TERM_LENGTH || term === '' || STOP_WORDS.has(term)) return;
  if (term.length === 1 && !(term >= '0' && term <= '9')) return;
  terms.push(term);
}

/**
 * Plural folding for all-letter terms of 4+ characters: `retries` -> `retry`, `patches` -> `patch`,
 * `indexes` -> `index`, `tests` -> `test`; `status`, `analysis`, `class` and `access` stay as they are.
 */
export function stemTerm(term: string): string {
  if (term.length < 4 || !isAllLetters(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('sses')) return term.slice(0, -2);
  if (term.endsWith('es') && (term.endsWith('xes') || term.endsWith('ches') || term.endsWith('shes') || term.endsWith('zes'))) return term.slice(0, -2);
  if (term.endsWith('ss') || term.endsWith('us') || term.endsWith('is')) return term;
  return term.endsWith('s') ? term.slice(0, -1) : term;
}

/** `/^[a-z]+$/ or /^\p{L}+$/u`: for ASCII text that is A-Z and a-z only, so the Unicode test runs only on the rest. */
function isAllLetters(term: string): boolean {
  if (!isAscii(term)) return /^\p{L}+$/u.test(term);
  for (let at = 0; at < term.length; at++) {
    const code = term.charCodeAt(at) | 0x20;
    if (code < 97 || code > 122) return false;
  }
  return term.length > 0;
}
