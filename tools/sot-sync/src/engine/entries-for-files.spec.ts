import { parseLedger } from '../ledger/parse-ledger';
import { anEntry } from '../../test/support/entries';
import { LEDGERS } from '../../test/support/fixtures';
import { entriesForFiles, globRegExp, normalizePath, pathTokens } from './entries-for-files';

const DEBUG_LOG = [
  '# Debug Log', // 1
  '', // 2
  '## INDEX', // 3
  '', // 4
  '| Date | ID | Summary | Files Changed |', // 5
  '|------|----|---------|---------------|', // 6
  '| 2026-01-20 | DBG-045 | Lease broke on NFS | `src/lock/lease-file.ts`, `src/lock/judge-lease.ts` |', // 7
  '| 2026-01-05 | DBG-030 | Old hook failure | .husky/pre-commit |', // 8
  '', // 9
  '### DBG-045 | 2026-01-20 | Lease broke on NFS', // 10
  '', // 11
  '**Status**: ✅ Resolved', // 12
  '', // 13
  'The rename in tools/sot-sync/src/lock/lease-record.ts was not atomic.', // 14
  'Every test under `test/integration/**/*.int.spec.ts` now cleans up.', // 15
  '', // 16
  '### DBG-044 | 2026-01-18 | Docs only', // 17
  '', // 18
  'See https://example.com/src/lock/lease-file.ts and docs/ (the folder).', // 19
  '',
].join('\n');

const entries = parseLedger(DEBUG_LOG, LEDGERS.dbg, { file: 'docs/DEBUG_LOG.md' }).entries;
const ids = (files: string[]): string[] => entriesForFiles(entries, files).map(({ entry }) => entry.entryId);

describe('entriesForFiles', () => {
  it('matches the files-changed cell of the INDEX row, at the row, by trailing path segments', () => {
    const [found] = entriesForFiles(entries, ['tools/sot-sync/src/lock/lease-file.ts']);
    expect(found?.entry.entryId).toBe('DBG-045');
    expect(found?.matches).toEqual([
      { file: 'tools/sot-sync/src/lock/lease-file.ts', kind: 'files changed', line: 7, text: 'src/lock/lease-file.ts', why: 'files changed' },
    ]);
  });

  it('matches a path written in the entry body, with its ledger line, and a longer path than the one asked about', () => {
    const [found] = entriesForFiles(entries, ['src/lock/lease-record.ts']);
    expect(found?.matches).toEqual([
      expect.objectContaining({ kind: 'mentioned', line: 14, why: 'mentioned at line 14', text: 'tools/sot-sync/src/lock/lease-record.ts' }),
    ]);
  });

  it('matches a glob the entry declares, saying which glob', () => {
    const [found] = entriesForFiles(entries, ['tools/sot-sync/test/integration/mcp-server.int.spec.ts']);
    expect(found?.entry.entryId).toBe('DBG-045');
    expect(found?.matches[0]?.why).toBe('glob test/integration/**/*.int.spec.ts at line 15');
  });

  it('matches an index-only entry through its files-changed cell, and a directory written with its slash', () => {
    expect(ids(['.husky/pre-commit'])).toEqual(['DBG-030']);
    expect(ids(['docs/BUILD_HISTORY.md'])).toEqual(['DBG-044']);
  });

  it('does not match URLs, other files of the same folder, or a file whose name only ends the same', () => {
    expect(ids(['src/lock/other.ts'])).toEqual([]);
    expect(ids(['src/lock/my-lease-file.ts'])).toEqual([]);
    expect(ids(['src/lock/lease-file.ts'])).toEqual(['DBG-045']);
  });

  it('lists entries newest first, each once, with every file it names', () => {
    const found = entriesForFiles(entries, ['docs/X.md', 'src/lock/judge-lease.ts', './.husky/pre-commit', 'src\\lock\\lease-record.ts']);
    expect(found.map(({ entry }) => entry.entryId)).toEqual(['DBG-045', 'DBG-044', 'DBG-030']);
    expect(found[0]?.matches.map((m) => m.file)).toEqual(['src/lock/judge-lease.ts', 'src/lock/lease-record.ts']);
  });

  it('maps lines of an entry of several sections to the ledger', () => {
    const entry = anEntry({
      content: '## DEC-012 | A\n\nfirst\n\n## DEC-012 | B\n\nsee src/a.ts',
      line: 10,
      lineEnd: 42,
      metadata: { source: 'section', line: 10, sectionLines: [10, 40], sectionEnds: [12, 42] },
    });
    expect(entriesForFiles([entry], ['src/a.ts'])[0]?.matches[0]?.line).toBe(42);
  });

  it('puts undated entries last and orders equal dates by id number', () => {
    const named = (entryId: string, createdAt: string | null) => anEntry({ entryId, createdAt, content: `## ${entryId}\n\nsrc/a.ts` });
    const found = entriesForFiles(
      [named('DEC-9', null), named('DEC-12', '2026-01-01'), named('DEC-100', '2026-01-01'), named('DEC-3', '2026-02-01')],
      ['src/a.ts'],
    );
    expect(found.map(({ entry }) => entry.entryId)).toEqual(['DEC-3', 'DEC-100', 'DEC-12', 'DEC-9']);
  });
});

describe('pathTokens', () => {
  it('finds paths in code ticks, links, lists and cells, without punctuation, line suffixes or anchors', () => {
    expect(pathTokens('Changed `src/a.ts:42`, [b](docs/b.md#why); c.json. (d/e/) and/or x 1.2 BUILD-153.1')).toEqual([
      'src/a.ts',
      'docs/b.md',
      'c.json',
      'd/e/',
      'and/or',
    ]);
    expect(pathTokens('a.ts,b.ts src/{x,y}.ts')).toEqual(['a.ts', 'b.ts', 'src/{x,y}.ts']);
    expect(pathTokens('**Files**: none')).toEqual([]);
  });
});

describe('globRegExp and normalizePath', () => {
  it('reads ** across folders, * and ? within one, braces as alternatives', () => {
    expect(globRegExp('src/**/*.ts').test('tools/x/src/a/b/c.ts')).toBe(true);
    expect(globRegExp('src/*.ts').test('src/a/b.ts')).toBe(false);
    expect(globRegExp('src/{a,b}.ts').test('src/b.ts')).toBe(true);
    expect(globRegExp('*.sql').test('db/migrations/001.sql')).toBe(true);
  });

  it('writes paths with forward slashes and without a leading ./', () => {
    expect(normalizePath(' .\\src\\\\a.ts ')).toBe('src/a.ts');
  });
});
