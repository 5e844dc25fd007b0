// What a summary must state: the META count when there is one, else the entry headings (a multi-part build once per
// part, INDEX-only ids not at all); the warning when META and headings disagree; and when a block already states it.
import { parseFixture, readFixture, LEDGERS } from '../../test/support/fixtures';
import { countSummary, isSummaryCurrent, metaMismatch } from './count-summary';
import { parseMeta } from './parse-meta';

function countsOf(name: string, kind: 'build' | 'dec' | 'dbg'): ReturnType<typeof countSummary> {
  return countSummary(LEDGERS[kind], parseFixture(name, kind).entries, parseMeta(readFixture(name)));
}

describe('countSummary', () => {
  it('without META: the entry headings, a multi-part build once per part, ids with only an INDEX row not counted', () => {
    expect(countsOf('summary-build-existing-format.md', 'build')).toEqual({ entries: 4, unique: 3, headings: 4, indexOnly: 1, meta: null });
  });

  it('with META: its Total_* count, whatever the headings say', () => {
    expect(countsOf('summary-decisions-meta.md', 'dec')).toEqual({
      entries: 3,
      unique: 3,
      headings: 3,
      indexOnly: 0,
      meta: { key: 'Total_Decisions', count: 3, line: 10 },
    });
    expect(countsOf('summary-debug-meta-ahead.md', 'dbg')).toEqual({
      entries: 4,
      unique: 2,
      headings: 2,
      indexOnly: 2,
      meta: { key: 'Total_Issues', count: 4, line: 9 },
    });
  });

  it('reads only the META key of its own kind, and none for other ledgers', () => {
    const meta = parseMeta('<!-- META\nTotal_Builds: 9\nTotal_Entries: 9\n-->\n');
    expect(countSummary(LEDGERS.dec, [], meta)).toMatchObject({ entries: 0, meta: null });
    expect(countSummary({ fileType: 'incidents', path: 'I.md', prefix: 'INC' }, [], meta)).toMatchObject({ entries: 0, meta: null });
    expect(countSummary(LEDGERS.build, [], meta)).toMatchObject({ entries: 9, meta: { key: 'Total_Builds', count: 9, line: 2 } });
  });
});

describe('metaMismatch', () => {
  it('warns at the META line when META and the headings disagree, naming the INDEX-only ids; silent when they agree', () => {
    expect(metaMismatch(countsOf('summary-debug-meta-ahead.md', 'dbg'))).toEqual({
      line: 9,
      message:
        'META Total_Issues is 4 but the ledger has 2 entry heading(s) and 2 id(s) with only an INDEX row; the summary states 4, the META count (correct Total_Issues to silence this)',
    });
    expect(metaMismatch(countsOf('summary-decisions-meta.md', 'dec'))).toBeNull();
    expect(metaMismatch(countsOf('summary-build-existing-format.md', 'build'))).toBeNull();
  });
});

describe('isSummaryCurrent', () => {
  const counts = { entries: 4, unique: 3, headings: 4, indexOnly: 0, meta: null };

  it('accepts one line stating the count, in any wording, with any timestamp or date, LF or CRLF', () => {
    for (const line of [
      '**Summary**: 4 build entries (3 unique builds) documented | Last updated: 2020-01-01 00:00:00',
      '**Summary**: 4 build(s) documented | Last updated: 2031-07-04 23:59:59',
      '**Summary**: 4 build entries (4 unique builds) documented | Last entry: 2026-01-08',
      '**Summary**: 4 build entries (9 unique builds) documented',
    ]) {
      expect(isSummaryCurrent(`${line}\n`, counts)).toBe(true);
      expect(isSummaryCurrent(`${line}\r\n`, counts)).toBe(true);
    }
  });

  it('rejects another count, an unreadable line, an empty block and a block of several lines', () => {
    expect(isSummaryCurrent('**Summary**: 5 build(s) documented | Last updated: 2020-01-01 00:00:00\n', counts)).toBe(false);
    expect(isSummaryCurrent('4 builds\n', counts)).toBe(false);
    expect(isSummaryCurrent('', counts)).toBe(false);
    expect(isSummaryCurrent('**Summary**: 4 build(s) documented\n\n', counts)).toBe(false);
    expect(isSummaryCurrent('**Summary**: 4 build(s) documented\nmore\n', counts)).toBe(false);
  });
});
