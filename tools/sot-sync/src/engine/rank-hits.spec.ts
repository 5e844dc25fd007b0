import { anEntry } from '../../test/support/entries';
import { entriesByKey, INACTIVE_WEIGHT, rankHits, type IndexHit } from './rank-hits';

const hit = (entryId: string, score: number, overrides: Partial<IndexHit> = {}): IndexHit => ({
  fileType: 'architecture',
  entryId,
  title: `Stored ${entryId}`,
  content: `stored text of ${entryId} about leases`,
  contentHash: `hash-${entryId}`,
  score,
  metadata: {},
  createdAt: '2026-01-08',
  ...overrides,
});
const entry = (entryId: string, overrides: Parameters<typeof anEntry>[0] = {}) =>
  anEntry({ entryId, contentHash: `hash-${entryId}`, title: `Current ${entryId}`, line: 10, lineEnd: 14, heading: `${entryId} | Current`, ...overrides });
const options = { query: 'leases', idTokens: [], limit: 10, includeStale: false, ledgerFiles: new Map([['architecture', 'docs/ARCHITECTURE_DECISIONS.md']]) };

describe('rankHits', () => {
  it('marks each hit fresh, changed or removed against the ledgers, and leaves removed ones out unless asked', () => {
    const current = entriesByKey([entry('DEC-1'), entry('DEC-2', { contentHash: 'edited', content: 'the ledger now says leases differently' })]);
    const hits = [hit('DEC-1', 3), hit('DEC-2', 2), hit('DEC-3', 1, { metadata: { file: 'docs/OLD.md', lineStart: 40, lineEnd: 44, heading: 'DEC-3 | Old' } })];
    expect(rankHits(hits, current, options).map((r) => [r.entryId, r.freshness, r.title])).toEqual([
      ['DEC-1', 'fresh', 'Current DEC-1'],
      ['DEC-2', 'changed', 'Current DEC-2'],
    ]);
    const all = rankHits(hits, current, { ...options, includeStale: true });
    expect(all[1]?.snippet).toContain('the ledger now says');
    expect(all[2]).toMatchObject({
      entryId: 'DEC-3',
      freshness: 'removed',
      title: 'Stored DEC-3',
      file: 'docs/OLD.md',
      lineStart: 40,
      lineEnd: 44,
      heading: 'DEC-3 | Old',
    });
  });

  it('locates results where the ledgers have them now; a removed row without provenance falls back to its ledger and line', () => {
    const [located] = rankHits([hit('DEC-1', 1, { metadata: { lineStart: 2 } })], entriesByKey([entry('DEC-1')]), options);
    expect(located).toMatchObject({ file: 'docs/ARCHITECTURE_DECISIONS.md', lineStart: 10, lineEnd: 14, heading: 'DEC-1 | Current' });
    const [old] = rankHits([hit('DEC-9', 1, { metadata: { source: 'section', line: 7 } })], new Map(), { ...options, includeStale: true });
    expect(old).toMatchObject({ file: 'docs/ARCHITECTURE_DECISIONS.md', lineStart: 7, lineEnd: 7, heading: 'Stored DEC-9' });
  });

  it('ranks superseded, deprecated and rejected entries below current ones of similar score, and says what replaced them', () => {
    const current = entriesByKey([
      entry('DEC-12', { metadata: { source: 'section', line: 10, status: 'Superseded', lifecycle: 'superseded', supersededBy: 'DEC-31' } }),
      entry('DEC-31', { metadata: { source: 'section', line: 10, status: 'Accepted', lifecycle: 'accepted' } }),
    ]);
    const ranked = rankHits([hit('DEC-12', 5), hit('DEC-31', 4)], current, options);
    expect(ranked.map((r) => [r.entryId, r.score])).toEqual([
      ['DEC-31', 4],
      ['DEC-12', 5 * INACTIVE_WEIGHT],
    ]);
    expect(ranked[1]).toMatchObject({ lifecycle: 'superseded', supersededBy: 'DEC-31', status: 'Superseded' });
  });

  it('puts the entries the query names by id first, and cuts at the limit', () => {
    const current = entriesByKey([entry('DEC-012'), entry('DEC-031')]);
    const ranked = rankHits([hit('DEC-031', 9), hit('DEC-012', 1)], current, { ...options, idTokens: ['dec12'], limit: 1 });
    expect(ranked.map((r) => r.entryId)).toEqual(['DEC-012']);
  });
});
