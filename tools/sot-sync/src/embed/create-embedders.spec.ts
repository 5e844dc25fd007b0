// Which embedders a configuration yields: BM25 alone by default, BM25 + dense with an endpoint and a model.
import { UsageError } from '../errors';
import { Bm25Embedder } from './bm25-embedder';
import { createEmbedders } from './create-embedders';
import { embeddersFingerprint } from './embedder';
import { OpenAiEmbedder } from './openai-embedder';

const dense = { baseUrl: 'http://127.0.0.1:9/v1', model: 'text-embedding-3-small', dimensions: 1536 };

describe('createEmbedders', () => {
  it('defaults to the local BM25 embedder only', () => {
    const embedders = createEmbedders();
    expect(embedders).toHaveLength(1);
    expect(embedders[0]).toBeInstanceOf(Bm25Embedder);
    expect(createEmbedders({ dense: { baseUrl: null, model: null } })).toHaveLength(1);
  });

  it('adds a dense embedder when a base URL and a model are given; points then carry both vectors', () => {
    const embedders = createEmbedders({ dense });
    expect(embedders.map((e) => e.vectorName)).toEqual(['bm25', 'dense']);
    expect(embedders[1]).toBeInstanceOf(OpenAiEmbedder);
    expect(embeddersFingerprint(embedders)).toBe('bm25-v1+openai:text-embedding-3-small:1536');
  });

  it('can run the dense embedder alone', () => {
    expect(createEmbedders({ bm25: false, dense }).map((e) => e.kind)).toEqual(['dense']);
  });

  it('refuses half a dense configuration, a missing dimension, a bad URL and no embedder at all', () => {
    expect(() => createEmbedders({ dense: { baseUrl: dense.baseUrl } })).toThrow(UsageError);
    expect(() => createEmbedders({ dense: { model: dense.model } })).toThrow(/only the model/);
    expect(() => createEmbedders({ dense: { ...dense, dimensions: null } })).toThrow(/vector size/);
    expect(() => createEmbedders({ dense: { ...dense, baseUrl: 'not a url' } })).toThrow(/not a URL/);
    expect(() => createEmbedders({ bm25: false })).toThrow(/no embedder/);
  });
});
