// Pure: a query as a person types it -> the terms every SQL store searches with, and the entry ids it names.
import { STOP_WORDS } from '../embed/tokenize-text';

/** One word or compound of the query (`lease`, `BUILD-153.1`, `file.py`) and its letter/digit runs. */
export interface SearchTerm {
  /** As typed: PostgreSQL's parser reads it the way it read the content (`BUILD-153.1` -> `build`, `-153.1`). */
  text: string;
  /** Lowercased runs of letters and digits: SQLite searches them as one phrase (`build 153 1`). */
  tokens: string[];
}

export interface SearchTerms {
  terms: SearchTerm[];
  /**
   * The id forms the stores index beside the text (sqlite-search-schema.ts, postgres schema-sql.ts): `DEC-012`
   * and `DEC-12` -> `dec12`, `BUILD-153.1` -> `build153d1`, `012` and `12` -> `12`, `153.1` -> `153d1`.
   */
  idTokens: string[];
  /** Entry ids the query names, upper-cased, as the ledgers write them (`dec-012` -> `DEC-012`). */
  ids: string[];
}

const COMPOUND = /[\p{L}\p{N}]+(?:[-_.'’][\p{L}\p{N}]+)*/gu;
const RUN = /[\p{L}\p{N}]+/gu;
const ENTRY_ID = /^([A-Za-z][A-Za-z0-9]*)-(\d+(?:\.\d+)*)$/;
const NUMBER = /^\d+(?:\.\d+)*$/;
/** Enough for any query a person types; the rest is ignored rather than sent as a huge expression. */
const MAX_TERMS = 32;

/**
 * Splits `query` into terms, drops English function words (unless nothing else is left) and derives the id
 * tokens: `why did we pick DEC-012` -> terms `pick`, `DEC-012`; id tokens `dec12`.
 */
export function parseSearchTerms(query: string): SearchTerms {
  const all: SearchTerm[] = [];
  const idTokens = new Set<string>();
  const ids = new Set<string>();
  for (const text of query.match(COMPOUND) ?? []) {
    const tokens = (text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').match(RUN) ?? []).filter((token) => token !== '');
    if (tokens.length === 0 || all.some((term) => term.tokens.join(' ') === tokens.join(' '))) continue;
    all.push({ text, tokens });
    const id = ENTRY_ID.exec(text);
    if (id) {
      ids.add(`${(id[1] as string).toUpperCase()}-${id[2] as string}`);
      idTokens.add(`${(id[1] as string).toLowerCase()}${idNumber(id[2] as string)}`);
    } else if (NUMBER.test(text) && idNumber(text) !== '') {
      idTokens.add(idNumber(text));
    }
  }
  const meaningful = all.filter((term) => term.tokens.length > 1 || !STOP_WORDS.has(term.tokens[0] as string));
  return { terms: (meaningful.length > 0 ? meaningful : all).slice(0, MAX_TERMS), idTokens: [...idTokens].slice(0, MAX_TERMS), ids: [...ids] };
}

/** The number part of an id as the stores index it: dots become `d`, leading zeros go (`012` -> `12`, `153.1` -> `153d1`). */
export function idNumber(digits: string): string {
  return digits.replace(/\./g, 'd').replace(/^0+/, '');
}

/** The id token that names `entryId` (what a query naming it carries): `DEC-012` -> `dec12`. */
export function idKeyOf(entryId: string): string {
  const dash = entryId.indexOf('-');
  return `${entryId.slice(0, Math.max(0, dash)).toLowerCase()}${idNumber(entryId.slice(dash + 1))}`;
}

/** The id tokens a store indexes for `entryId` (what the SQL expressions compute): `DEC-012` -> `dec12 12`. */
export function idTokensOf(entryId: string): string {
  return `${idKeyOf(entryId)} ${idNumber(entryId.slice(entryId.indexOf('-') + 1))}`;
}
