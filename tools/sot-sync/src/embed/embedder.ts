// The Embedder contract: text in, vectors out. Implementations own their transport; none of them decides what to index.
import type { Deadline } from '../runtime/deadline';

/** A sparse vector as Qdrant takes it: unique `indices` (u32) and one weight per index. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface EmbedContext {
  /** Every network wait races this deadline; an embedder that passes it rejects with DeadlineExceededError (exit 3). */
  deadline: Deadline;
}

interface EmbedderBase {
  /** Short name for messages, e.g. `bm25` or `openai-compatible`. */
  readonly name: string;
  /** Name of the Qdrant named vector this embedder fills (`bm25`, `dense`). */
  readonly vectorName: string;
  /**
   * Model + dimension + algorithm version, e.g. `bm25-v1` or `openai:text-embedding-3-small:1536`. Stored in every
   * point, so a change re-embeds everything instead of mixing vector spaces.
   */
  readonly fingerprint: string;
  /** The longest text (in characters) `embed` accepts; longer entries are chunked to fit. */
  readonly maxInputChars: number;
}

/** Lexical embedder: Qdrant stores its vectors as a named sparse vector with `modifier: "idf"`. */
export interface SparseEmbedder extends EmbedderBase {
  readonly kind: 'sparse';
  /** Document vectors, one per text, in order. */
  embed(texts: string[], ctx: EmbedContext): Promise<SparseVector[]>;
  /** The vector a search query is turned into (may differ from a document's, as in BM25). */
  embedQuery(text: string, ctx: EmbedContext): Promise<SparseVector>;
}

/** Semantic embedder: Qdrant stores its vectors as a named dense vector of `dimensions` with `distance`. */
export interface DenseEmbedder extends EmbedderBase {
  readonly kind: 'dense';
  readonly dimensions: number;
  readonly distance: 'Cosine' | 'Dot';
  embed(texts: string[], ctx: EmbedContext): Promise<number[][]>;
  embedQuery(text: string, ctx: EmbedContext): Promise<number[]>;
}

export type Embedder = SparseEmbedder | DenseEmbedder;

/** The fingerprint of a set of embedders as stored in the `embedder` payload field (`bm25-v1+openai:m:1536`). */
export function embeddersFingerprint(embedders: readonly Embedder[]): string {
  return embedders.map((embedder) => embedder.fingerprint).join('+');
}

/** The tightest input limit of a set of embedders: every chunk is embedded by all of them. */
export function maxInputCharsOf(embedders: readonly Embedder[]): number {
  return Math.min(...embedders.map((embedder) => embedder.maxInputChars));
}
