// Pure: text -> the terms BM25 counts. Deterministic, no locale, no model; changing it means bumping `bm25-v<N>`.

/**
 * Runs of letters/digits (with combining marks), joined by `-`, `_`, `.` or an apostrophe into one compound:
 * `BUILD-188.2`, `run_id`, `file.py`, `don't`.
 */
const COMPOUND = /[\p{L}\p{N}\p{M}]+(?:[-_.'’][\p{L}\p{N}\p{M}]+)*/gu;
/** Lower->upper and UPPER->Upper-lower boundaries: `QdrantClient` -> Qdrant|Client, `HTTPServer` -> HTTP|Server. */
const CAMEL_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const MAX_TERM_LENGTH = 40;

/**
 * English function words: IDF would make them nearly weightless anyway, but they still lengthen documents and
 * turn every title query into a match-everything query. Kept short on purpose; domain words are never dropped.
 */
const STOP_WORDS = new Set(
  ('a an and are as at be been but by can did do does for from had has have if in into is it its no not of on or ' +
    'so than that the their then there these they this those to was we were when which while who will with would')
    .split(' '),
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
  COMPOUND.lastIndex = 0;
  for (let match = COMPOUND.exec(text); match !== null; match = COMPOUND.exec(text)) {
    const compound = foldCompound(match[0]);
    const pieces = compound.split(/[-_.]/);
    let count = 0;
    for (const piece of pieces) {
      const lower = piece.toLowerCase();
      // Only a piece with an upper-case letter can hold a camelCase boundary; most have none.
      const parts = lower === piece ? [lower] : piece.split(CAMEL_BOUNDARY).map((part) => part.toLowerCase());
      for (const part of parts) pushTerm(terms, stemTerm(part));
      count += parts.length;
    }
    if (count > 1) pushTerm(terms, compound.toLowerCase());
  }
  return terms;
}

/** Accents folded (NFKD, marks dropped) and apostrophes removed; ASCII compounds pass through untouched. */
function foldCompound(compound: string): string {
  // eslint-disable-next-line no-control-regex
  const folded = /^[\x00-\x7f]*$/.test(compound) ? compound : compound.normalize('NFKD').replace(/\p{M}/gu, '');
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
  if (term.length < 4 || !(/^[a-z]+$/.test(term) || /^\p{L}+$/u.test(term))) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('sses')) return term.slice(0, -2);
  if (term.endsWith('es') && (term.endsWith('xes') || term.endsWith('ches') || term.endsWith('shes') || term.endsWith('zes'))) return term.slice(0, -2);
  if (term.endsWith('ss') || term.endsWith('us') || term.endsWith('is')) return term;
  return term.endsWith('s') ? term.slice(0, -1) : term;
}
