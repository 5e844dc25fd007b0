// The META comment: its Total_* counts and their lines, only from the first META comment block, never from one shown
// in fenced code or quoted inline in an entry's text.
import { readFixture } from '../../test/support/fixtures';
import { parseMeta } from './parse-meta';

describe('parseMeta', () => {
  it('reads the Total_* lines of the META comment, with their 1-based lines', () => {
    expect(parseMeta(readFixture('summary-decisions-meta.md'))).toEqual({ totals: { Decisions: { count: 3, line: 10 } } });
  });

  it('ignores a META comment inside fenced code (the fixture shows one after its entries)', () => {
    expect(parseMeta(readFixture('summary-debug-meta-ahead.md'))).toEqual({ totals: { Issues: { count: 4, line: 9 } } });
  });

  it('takes only the first META comment, and only a comment that opens a line', () => {
    const text = [
      '# L',
      '',
      '**Rationale**: <!-- META',
      'Total_Builds: 19',
      '-->',
      '',
      '<!-- META',
      'Total_Builds: 5',
      'Total_Builds: 6',
      '-->',
      '<!-- META',
      'Total_Builds: 7',
      '-->',
      '',
    ].join('\n');
    expect(parseMeta(text)).toEqual({ totals: { Builds: { count: 5, line: 8 } } });
  });

  it('is null without a META comment, and has no totals for one without counts; CRLF and a BOM change nothing', () => {
    expect(parseMeta('# Ledger\n\n<!-- a comment\nTotal_Builds: 3\n-->\n')).toBeNull();
    expect(parseMeta('<!-- META\nLast_Updated: 2026-01-01T00:00:00Z\n-->\n')).toEqual({ totals: {} });
    expect(parseMeta('\uFEFF# L\r\n<!-- META\r\nTotal_Issues: 12 \r\n-->\r\n')).toEqual({ totals: { Issues: { count: 12, line: 3 } } });
  });
});
