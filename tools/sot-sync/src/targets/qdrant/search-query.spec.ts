// Search requests and results: filters, plain vs fused queries, and chunks collapsed to one hit per entry.
import { UsageError } from '../../errors';
import { collapseChunks, queryBody, searchFilter } from './search-query';

const project = { key: 'project_id', match: { value: 'p' } };

describe('searchFilter', () => {
  it('always scopes to the project', () => {
    expect(searchFilter('p', {})).toEqual({ must: [project] });
  });

  it('adds file type, status (word or exact text) and an inclusive date range', () => {
    expect(searchFilter('p', { fileType: 'debug_log', status: 'Complete', since: '2026-01-01', until: '2026-01-08' })).toEqual({
      must: [
        project,
        { key: 'file_type', match: { value: 'debug_log' } },
        {
          should: [
            { key: 'status', match: { value: 'complete' } },
            { key: 'metadata.status', match: { value: 'Complete' } },
            { key: 'metadata.lifecycle', match: { value: 'complete' } },
          ],
        },
        { key: 'created_at', range: { gte: '2026-01-01T00:00:00.000Z', lt: '2026-01-09T00:00:00.000Z' } },
      ],
    });
    expect(searchFilter('p', { until: '2026-01-08T12:00:00Z' }).must).toContainEqual({ key: 'created_at', range: { lte: '2026-01-08T12:00:00.000Z' } });
  });

  it('refuses a date it cannot read', () => {
    expect(() => searchFilter('p', { since: 'last week' })).toThrow(UsageError);
  });
});

describe('queryBody', () => {
  const sparse = { using: 'bm25', query: { indices: [1], values: [1] } };
  const dense = { using: 'dense', query: [0.1, 0.2] };
  const filter = { must: [project] };

  it('queries one named vector directly', () => {
    expect(queryBody([sparse], filter, 40)).toEqual({
      query: sparse.query,
      using: 'bm25',
      filter,
      limit: 40,
      with_payload: expect.any(Array),
      with_vector: false,
    });
  });

  it('fuses several vectors with RRF over prefetches, filtering each', () => {
    const body = queryBody([sparse, dense], filter, 40);
    expect(body).toMatchObject({ query: { fusion: 'rrf' }, filter, limit: 40 });
    expect(body.prefetch).toEqual([
      { query: sparse.query, using: 'bm25', filter, limit: 40 },
      { query: dense.query, using: 'dense', filter, limit: 40 },
    ]);
  });
});

describe('collapseChunks', () => {
  const chunk = (entryId: string, score: number, content = `text of ${entryId}`) => ({
    score,
    payload: { file_type: 'build_history', entry_id: entryId, title: `Title ${entryId}`, content },
  });

  it('keeps one hit per entry at its best chunk, best first, up to the limit', () => {
    const hits = collapseChunks([chunk('B-1', 9, 'best'), chunk('B-2', 8), chunk('B-1', 7, 'worse'), chunk('B-3', 6)], 2);
    expect(hits).toEqual([
      { fileType: 'build_history', entryId: 'B-1', title: 'Title B-1', score: 9, content: 'best', payload: expect.objectContaining({ content: 'best' }) },
      {
        fileType: 'build_history',
        entryId: 'B-2',
        title: 'Title B-2',
        score: 8,
        content: 'text of B-2',
        payload: expect.objectContaining({ entry_id: 'B-2' }),
      },
    ]);
  });
});
