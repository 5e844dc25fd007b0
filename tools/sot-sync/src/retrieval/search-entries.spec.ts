// The formatter of `sot-sync search` for people: the behind line, locations as editors link them, lifecycle remarks.
import { formatSearchResults, syncCommandFor, type SearchResults } from './search-entries';
import type { SearchResult } from '../engine/rank-hits';

const result = (overrides: Partial<SearchResult> = {}): SearchResult => ({
  fileType: 'architecture',
  entryId: 'DEC-031',
  title: 'Lease files for every writer',
  score: 6.354,
  snippet: 'Every process that writes the ledgers takes a lease file…',
  status: 'Accepted',
  lifecycle: 'accepted',
  supersededBy: null,
  file: 'docs/ARCHITECTURE_DECISIONS.md',
  lineStart: 812,
  lineEnd: 820,
  heading: 'DEC-031 | 2026-01-25 | Lease files for every writer',
  createdAt: '2026-01-25',
  freshness: 'fresh',
  ...overrides,
});
const document = (results: SearchResult[], index: SearchResults['index'] = { fresh: true, behind: 0, lastSync: null }): SearchResults => ({
  query: 'lease files',
  target: 'sql',
  store: 'sqlite:///tmp/autopack.db',
  index,
  results,
});

describe('formatSearchResults', () => {
  it('prints rank, id, title, ledger and score, then the location as path:line, then the snippet', () => {
    expect(formatSearchResults(document([result()]))).toBe(
      [
        '1 result for "lease files":',
        '',
        '1. DEC-031  Lease files for every writer  (architecture, score 6.354)',
        '   docs/ARCHITECTURE_DECISIONS.md:812',
        '   Every process that writes the ledgers takes a lease file…',
        '',
      ].join('\n'),
    );
  });

  it('says in one line how far the index is behind and how to sync it, and marks what was replaced, changed or removed', () => {
    const text = formatSearchResults(
      document(
        [
          result({ entryId: 'DEC-012', lifecycle: 'superseded', supersededBy: 'DEC-031' }),
          result({ entryId: 'DEC-029', lifecycle: 'rejected', freshness: 'changed' }),
          result({ entryId: 'DEC-020', freshness: 'removed' }),
        ],
        { fresh: false, behind: 3, lastSync: '2026-02-01T12:00:00.000Z' },
      ),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('The index is behind the ledgers: 3 entries differ; run sot-sync --db-only --execute to sync them.');
    expect(lines).toContain('   docs/ARCHITECTURE_DECISIONS.md:812  [superseded by DEC-031]');
    expect(lines).toContain("   docs/ARCHITECTURE_DECISIONS.md:812  [rejected]  [changed since indexed: showing the ledger's current text]");
    expect(lines).toContain('   docs/ARCHITECTURE_DECISIONS.md:812  [removed from the ledgers: only the index still has it]');
  });

  it('says when nothing matched, and names the sync command of each store', () => {
    expect(formatSearchResults(document([]))).toBe('No results for "lease files".\n');
    expect(syncCommandFor('qdrant')).toBe('sot-sync --qdrant-only --execute');
  });
});
