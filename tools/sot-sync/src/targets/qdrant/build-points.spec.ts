// Points to write: one per chunk, ids from the key, later chunks prefixed with the title, the payload fields.
import { anEntry } from '../../../test/support/entries';
import { planChunks, pointPayload, statusKey } from './build-points';
import { pointId } from './point-id';

describe('planChunks', () => {
  it('gives one chunk for a short entry, embedded as it is', () => {
    const entry = anEntry({ entryId: 'DEC-1' });
    const [chunk, ...rest] = planChunks('p', [entry], 4000);
    expect(rest).toEqual([]);
    expect(chunk).toMatchObject({ id: pointId('p', 'architecture', 'DEC-1', 0), chunkIndex: 0, chunkCount: 1, embedInput: chunk?.text });
  });

  it('chunks a long entry to fit, and prefixes the title to every chunk but the first', () => {
    const content = `## DEC-2: Long one\n\n${Array.from({ length: 8 }, (_, i) => `### Part ${i}\n${'words '.repeat(30)}`).join('\n')}`;
    const chunks = planChunks('p', [anEntry({ entryId: 'DEC-2', title: 'Long one', content })], 400);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.embedInput.length).toBeLessThanOrEqual(400);
    expect(chunks.every((chunk) => chunk.chunkCount === chunks.length)).toBe(true);
    expect(chunks.slice(1).every((chunk) => chunk.embedInput.startsWith('Long one\n\n'))).toBe(true);
  });
});

describe('pointPayload', () => {
  it('carries the key, the chunk, the entry hash, the embedder, metadata and times', () => {
    const entry = anEntry({ entryId: 'DEC-3', line: 4, metadata: { source: 'section', line: 4, status: '✅ Accepted (2026)' } });
    const [chunk] = planChunks('autopack', [entry], 4000);
    expect(pointPayload('autopack', chunk!, 'bm25-v1', '2026-02-01T00:00:00.000Z')).toEqual({
      project_id: 'autopack',
      file_type: 'architecture',
      entry_id: 'DEC-3',
      chunk_index: 0,
      chunk_count: 1,
      title: entry.title,
      content: chunk!.text,
      content_preview: chunk!.text.slice(0, 300),
      content_hash: entry.contentHash,
      embedder: 'bm25-v1',
      metadata: { ...entry.metadata, file: entry.file, lineStart: 4, lineEnd: entry.lineEnd, heading: entry.heading },
      status: 'accepted',
      created_at: '2026-01-08',
      updated_at: '2026-02-01T00:00:00.000Z',
    });
  });
});

describe('statusKey', () => {
  it('is the first word of the status, lowercased', () => {
    expect(statusKey('✅ Complete (Test Infrastructure Fix - 100% Success)')).toBe('complete');
    expect(statusKey('IMPLEMENTED')).toBe('implemented');
    expect(statusKey(undefined)).toBeUndefined();
    expect(statusKey('✅')).toBeUndefined();
  });
});
