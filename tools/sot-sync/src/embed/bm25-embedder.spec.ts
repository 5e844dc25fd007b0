// BM25 vectors: deterministic, saturating in term frequency, normalized by length; queries are term sets.
import { fc, test } from '@fast-check/jest';
import { Deadline } from '../runtime/deadline';
import { BM25_K1, Bm25Embedder, bm25DocumentVector, bm25QueryVector, hashTerm } from './bm25-embedder';

const weightOf = (text: string, term: string): number => {
  const vector = bm25DocumentVector(text);
  return vector.values[vector.indices.indexOf(hashTerm(term))] ?? 0;
};

describe('hashTerm', () => {
  it('is 32-bit FNV-1a over UTF-8 bytes', () => {
    expect(hashTerm('')).toBe(0x811c9dc5);
    expect(hashTerm('a')).toBe(0xe40c292c);
    expect(hashTerm('foobar')).toBe(0xbf9cf968);
  });
});

describe('bm25DocumentVector', () => {
  it('gives sorted, unique u32 indices and one positive weight each', () => {
    const vector = bm25DocumentVector('Retry the Qdrant upsert; retry again with backoff.');
    expect(vector.indices).toEqual([...vector.indices].sort((a, b) => a - b));
    expect(new Set(vector.indices).size).toBe(vector.indices.length);
    expect(vector.values).toHaveLength(vector.indices.length);
    for (const index of vector.indices) expect(index >>> 0).toBe(index);
    for (const value of vector.values) expect(value).toBeGreaterThan(0);
  });

  it('weights repeated terms higher, with saturation below k1 + 1', () => {
    const once = weightOf('lock held', 'lock');
    const twice = weightOf('lock lock held', 'lock');
    const many = weightOf(`${'lock '.repeat(50)}held`, 'lock');
    expect(twice).toBeGreaterThan(once);
    expect(many).toBeGreaterThan(twice);
    expect(many - twice).toBeLessThan(twice - once + (BM25_K1 + 1));
    expect(many).toBeLessThan(BM25_K1 + 1);
  });

  it('weights a term lower in a longer document (length normalization)', () => {
    const short = weightOf('deadline exceeded', 'deadline');
    const long = weightOf(`deadline exceeded ${'filler words here '.repeat(100)}`, 'deadline');
    expect(long).toBeLessThan(short);
  });

  test.prop([fc.string({ maxLength: 300 })])('is deterministic', (text) => {
    expect(bm25DocumentVector(text)).toEqual(bm25DocumentVector(text));
  });
});

describe('bm25QueryVector', () => {
  it('is the set of query terms, weight 1 each', () => {
    const vector = bm25QueryVector('retry retry backoff');
    expect(vector.indices).toEqual([hashTerm('retry'), hashTerm('backoff')].sort((a, b) => a - b));
    expect(vector.values).toEqual([1, 1]);
  });
});

describe('Bm25Embedder', () => {
  it('describes a sparse vector named bm25 with a versioned fingerprint, and counts embed calls', async () => {
    const embedder = new Bm25Embedder();
    const deadline = new Deadline(5);
    expect(embedder).toMatchObject({ kind: 'sparse', vectorName: 'bm25', fingerprint: 'bm25-v1' });
    const vectors = await embedder.embed(['a b c', 'qdrant'], { deadline });
    expect(vectors).toEqual([bm25DocumentVector('a b c'), bm25DocumentVector('qdrant')]);
    expect(await embedder.embedQuery('qdrant', { deadline })).toEqual(bm25QueryVector('qdrant'));
    expect(embedder.calls).toBe(1);
    deadline.dispose();
  });
});
