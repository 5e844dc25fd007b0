// The default embedder: BM25-style sparse vectors computed locally. Offline, deterministic, no model, no network.
import type { EmbedContext, SparseEmbedder, SparseVector } from './embedder';
import { tokenizeText } from './tokenize-text';

/** Term-frequency saturation: the 2nd occurrence of a term adds much, the 20th almost nothing. */
export const BM25_K1 = 1.2;
/** Length normalization: 0 ignores document length, 1 normalizes fully. */
export const BM25_B = 0.75;
/**
 * The average document length (in terms) the length normalization is relative to. BM25 normally measures it over
 * the corpus, but a point's vector must not depend on the other points (else one new entry would change every
 * vector and a no-op resync would re-embed everything). 160 is about the median chunk of real ledgers: the
 * INDEX-stub entries run 40-80 terms, full sections 150-600, and chunks stop at `maxInputChars`.
 */
export const BM25_AVG_DOC_LENGTH = 160;

/**
 * BM25 split in two: each document term gets the saturated, length-normalized frequency
 * `tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))`, and the collection is created with the sparse vector's
 * `modifier: "idf"`, so Qdrant multiplies each query term by its IDF over the live collection. A query is the set
 * of its terms with weight 1; the dot product is then exactly the BM25 score.
 *
 * Terms become indices through 32-bit FNV-1a. Two terms that collide share one index; with a vocabulary of some
 * 10^4–10^5 terms in 2^32 slots, a collision is rare and only blends the statistics of two unrelated terms,
 * which nudges a score, never drops a match. A vocabulary table would avoid it but would make vectors depend on
 * state shared between runs.
 */
export class Bm25Embedder implements SparseEmbedder {
  readonly name = 'bm25';
  readonly kind = 'sparse';
  readonly vectorName = 'bm25';
  /** Bump the version whenever the tokenizer, the hash or the weights change: every point is then re-embedded. */
  readonly fingerprint = 'bm25-v1';
  /** Not a model limit: it sizes chunks so a hit points at a subsection, not at a whole long entry. */
  readonly maxInputChars = 4000;
  /** Calls of `embed` since construction, for tests and reports ("zero embedding calls"). */
  calls = 0;

  /** Pure CPU work: `ctx` is accepted for the interface and only checked, never awaited. */
  embed(texts: string[], ctx?: EmbedContext): Promise<SparseVector[]> {
    ctx?.deadline.check();
    this.calls++;
    return Promise.resolve(texts.map((text) => bm25DocumentVector(text)));
  }

  embedQuery(text: string, _ctx?: EmbedContext): Promise<SparseVector> {
    return Promise.resolve(bm25QueryVector(text));
  }
}

/** The document side of BM25 for one text; indices ascending, so equal texts give equal vectors. */
export function bm25DocumentVector(text: string): SparseVector {
  const terms = tokenizeText(text);
  // Term frequencies by sorting the term indices and counting runs: the same ascending indices and counts a Map
  // would give, without a Map (indices above 2^31 are heap numbers there, one allocation per key).
  const hashes = new Uint32Array(terms.length);
  for (let i = 0; i < terms.length; i++) hashes[i] = hashTerm(terms[i] as string);
  hashes.sort();
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * terms.length) / BM25_AVG_DOC_LENGTH);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < hashes.length;) {
    const index = hashes[i] as number;
    let next = i + 1;
    while (next < hashes.length && hashes[next] === index) next++;
    const tf = next - i;
    indices.push(index);
    values.push(round((tf * (BM25_K1 + 1)) / (tf + norm)));
    i = next;
  }
  return { indices, values };
}

/** The query side: each distinct term once, weight 1 (Qdrant's idf modifier supplies the rest). */
export function bm25QueryVector(text: string): SparseVector {
  const indices = [...new Set(tokenizeText(text).map(hashTerm))].sort((a, b) => a - b);
  return { indices, values: indices.map(() => 1) };
}

/** 32-bit FNV-1a over the term's UTF-8 bytes: a u32, as Qdrant's sparse indices are. */
export function hashTerm(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    // ASCII is hashed straight from the string (no allocation); anything else goes through its UTF-8 bytes.
    if (code >= 0x80) return hashBytes(Buffer.from(term, 'utf8'));
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash >>> 0;
}

function hashBytes(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

// Six decimals keep payloads small and make vectors byte-identical across platforms.
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
