// Collection shape: the create body per embedder set, and every way an existing collection can differ from it.
import { Bm25Embedder } from '../../embed/bm25-embedder';
import { OpenAiEmbedder } from '../../embed/openai-embedder';
import { collectionBody, configMismatches, mismatchError } from './collection-config';

const bm25 = new Bm25Embedder();
const dense = new OpenAiEmbedder({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', dimensions: 4 });

describe('collectionBody', () => {
  it('has only an idf sparse vector for BM25', () => {
    expect(collectionBody([bm25])).toEqual({ sparse_vectors: { bm25: { modifier: 'idf' } } });
  });

  it('adds a named Cosine dense vector for a dense embedder', () => {
    expect(collectionBody([bm25, dense])).toEqual({ vectors: { dense: { size: 4, distance: 'Cosine' } }, sparse_vectors: { bm25: { modifier: 'idf' } } });
  });
});

describe('configMismatches', () => {
  it('accepts the collection it would create, in the shape Qdrant echoes it', () => {
    expect(configMismatches({ vectors: {}, sparse_vectors: { bm25: { modifier: 'idf' } } }, [bm25])).toEqual([]);
    expect(configMismatches({ vectors: { dense: { size: 4, distance: 'Cosine' } }, sparse_vectors: { bm25: { modifier: 'idf' } } }, [bm25, dense])).toEqual([]);
  });

  it('names a size, a distance, a missing or extra vector, and a missing idf modifier', () => {
    const problems = configMismatches(
      { vectors: { dense: { size: 8, distance: 'Dot' }, old: { size: 2, distance: 'Cosine' } }, sparse_vectors: { bm25: {} } },
      [bm25, dense],
    );
    expect(problems).toEqual([
      'dense vector "dense" has size 8, expected 4',
      'it has a dense vector "old" that no configured embedder fills',
      'sparse vector "bm25" lacks modifier "idf"',
    ]);
    expect(configMismatches({ vectors: { size: 1536, distance: 'Cosine' } }, [bm25])).toEqual([
      'it has a dense vector (unnamed) that no configured embedder fills',
      'it has no sparse vector "bm25"',
    ]);
  });

  it('becomes an exit-2 error that names the way out', () => {
    const error = mismatchError('docs', 'http://q:6333', ['x']);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/"docs" at http:\/\/q:6333 does not match .*: x\. Nothing was written\. .*--rebuild/);
  });
});
