// Options -> the active embedders: BM25 by default, plus a dense model when an endpoint and a model are configured.
import { UsageError } from '../errors';
import { Bm25Embedder } from './bm25-embedder';
import type { Embedder } from './embedder';
import { OpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder';

/** The dense part of the settings; unset fields mean "no dense embedder". */
export type DenseSettings = Partial<Omit<OpenAiEmbedderOptions, 'baseUrl' | 'model' | 'dimensions'>> & {
  baseUrl?: string | null;
  model?: string | null;
  dimensions?: number | null;
};

export interface EmbedderSettings {
  /** The local BM25 sparse embedder (default true). */
  bm25?: boolean;
  /** An OpenAI-compatible endpoint; active when `baseUrl` and `model` are both given. */
  dense?: DenseSettings | null;
}

/**
 * - nothing configured: `[bm25]` (offline, deterministic);
 * - base URL + model (+ dimensions): `[bm25, dense]`, and every point carries both vectors;
 * - `bm25: false` with a dense model: `[dense]` only.
 * Throws UsageError (exit 2) for half a dense configuration or no embedder at all.
 */
export function createEmbedders(settings: EmbedderSettings = {}): Embedder[] {
  const embedders: Embedder[] = [];
  if (settings.bm25 ?? true) embedders.push(new Bm25Embedder());
  const dense = denseEmbedder(settings.dense ?? null);
  if (dense) embedders.push(dense);
  if (embedders.length === 0) throw new UsageError('no embedder configured: keep the default BM25 embedder or configure a dense model (base URL and model)');
  return embedders;
}

function denseEmbedder(dense: DenseSettings | null): OpenAiEmbedder | null {
  if (!dense) return null;
  const { baseUrl, model, dimensions, ...rest } = dense;
  if (!baseUrl && !model) return null;
  if (!baseUrl || !model) {
    throw new UsageError(
      `a dense embedder needs both an embeddings base URL and a model (got only the ${baseUrl ? 'base URL' : 'model'}), e.g. https://api.openai.com/v1 and text-embedding-3-small`,
    );
  }
  if (!dimensions || !Number.isInteger(dimensions) || dimensions <= 0) {
    throw new UsageError(
      `the dense model ${model} needs its vector size (dimensions, e.g. 1536 for text-embedding-3-small): the collection's vector size is fixed when it is created`,
    );
  }
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`the embeddings base URL is not a URL: expected e.g. https://api.openai.com/v1 or http://localhost:11434/v1`);
  }
  return new OpenAiEmbedder({ ...rest, baseUrl, model, dimensions });
}
