// INDEX tables: columns mapped by header, one row per ledger id, malformed id cells reported.
import { fc, test } from '@fast-check/jest';
import { parseIndexTable, splitCells } from './parse-index-table';
import { scanMarkdown } from './scan-markdown';

/** Reads every table in `lines` as INDEX rows of `prefix`. */
const readTable = (lines: string[], prefix = 'BUILD'): ReturnType<typeof parseIndexTable> => {
  const scan = scanMarkdown(lines.join('\n'));
  return parseIndexTable(scan, 0, scan.lineCount, prefix);
};

describe('parseIndexTable', () => {
  it('maps the columns of a build history INDEX', () => {
    const table = readTable([
      '| Timestamp | BUILD-ID | Phase | Summary | Files Changed |',
      '|-----------|----------|-------|---------|---------------|',
      '| 2026-01-08 | BUILD-194 | Promotion UX | **Derive the family** | 4 |',
    ]);
    expect(table).toEqual({
      rows: [
        {
          index: 2,
          entryId: 'BUILD-194',
          cells: { date: '2026-01-08', title: 'Promotion UX', summary: '**Derive the family**', filesChanged: '4' },
        },
      ],
      malformed: [],
    });
  });

  it('maps the columns of a decisions INDEX', () => {
    const table = readTable(
      [
        '| Date | DEC-ID | Decision | Status | Impact |',
        '|:-----|:------:|---------:|--------|--------|',
        '| 2026-01-05 | DEC-045 | Diff gate | ✅ Implemented | CI blocks |',
      ],
      'DEC',
    );
    expect(table.rows).toEqual([
      { index: 2, entryId: 'DEC-045', cells: { date: '2026-01-05', title: 'Diff gate', status: '✅ Implemented', impact: 'CI blocks' } },
    ]);
  });

  it('maps the columns of a debug log INDEX', () => {
    const table = readTable(
      ['| Timestamp | DBG-ID | Severity | Summary | Status |', '|---|---|---|---|---|', '| 2025-12-20 | DBG-055 | HIGH | Router patch blocked | ✅ Resolved |'],
      'DBG',
    );
    expect(table.rows).toEqual([
      { index: 2, entryId: 'DBG-055', cells: { date: '2025-12-20', severity: 'HIGH', summary: 'Router patch blocked', status: '✅ Resolved' } },
    ]);
  });

  it('reads ids written as links, in bold or in code', () => {
    const table = readTable(['| ID | Title |', '|----|-------|', '| [BUILD-1](#build-1) | a |', '| **BUILD-2** | b |', '| `BUILD-3.1` | c |']);
    expect(table.rows.map((row) => row.entryId)).toEqual(['BUILD-1', 'BUILD-2', 'BUILD-3.1']);
  });

  it('finds the id cell by its content when no header names an id column', () => {
    const table = readTable(['| When | Build | Title |', '|---|---|---|', '| 2026-01-01 | BUILD-7 | t |']);
    expect(table.rows).toEqual([{ index: 2, entryId: 'BUILD-7', cells: { date: '2026-01-01', title: 't' } }]);
  });

  it('skips rows whose id cell holds no id of the ledger, reports the ones meant as ids, and accepts an annotated id', () => {
    const table = readTable([
      '| Date | BUILD-ID | Title |',
      '|------|----------|-------|',
      '| 2026-01-04 | P0 Reliability Track | not an id |',
      '| 2026-01-04 | DEC-001 | another ledger |',
      '| 2026-01-04 |  | empty |',
      '| 2026-01-04 | BUILD 15 | space |',
      '| 2026-01-04 | BUILD-16 (P1) | extra text |',
      '| 2026-01-04 | BUILD-17 | good |',
    ]);
    expect(table.rows.map((row) => row.entryId)).toEqual(['BUILD-16', 'BUILD-17']);
    expect(table.malformed).toEqual([{ index: 5, text: 'BUILD 15' }]);
  });

  it('needs a delimiter row under the header, and ends a table at a blank line', () => {
    const table = readTable([
      '| Date | BUILD-ID |',
      '| 2026-01-01 | BUILD-1 |',
      '',
      '| Date | BUILD-ID |',
      '|---|---|',
      '| 2026-01-02 | BUILD-2 |',
      '',
      '| 2026-01-03 | BUILD-3 |',
    ]);
    expect(table.rows.map((row) => row.entryId)).toEqual(['BUILD-2']);
  });

  it('ignores tables inside a code fence', () => {
    const table = readTable(['```', '| Date | BUILD-ID |', '|---|---|', '| 2026-01-01 | BUILD-1 |', '```']);
    expect(table).toEqual({ rows: [], malformed: [] });
  });

  it('reads only the lines it is given', () => {
    const scan = scanMarkdown(['| ID |', '|---|', '| BUILD-1 |', '| BUILD-2 |'].join('\n'));
    expect(parseIndexTable(scan, 0, 3, 'BUILD').rows.map((row) => row.entryId)).toEqual(['BUILD-1']);
  });

  test.prop([fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 12 })])('never throws on table-shaped junk', (cells) => {
    const row = `| ${cells.join(' | ')} |`;
    expect(() => readTable(['| ID | Title |', '|---|---|', row, row.replace(/\|/g, '\\|')])).not.toThrow();
  });
});

describe('splitCells', () => {
  it.each([
    ['| a | b |', ['a', 'b']],
    ['a | b', ['a', 'b']],
    ['| a | b', ['a', 'b']],
    ['| a |  | c |', ['a', '', 'c']],
    ['| `a\\|b` | c |', ['`a|b`', 'c']],
    ['| |', ['']],
  ])('splits %j into %j', (line, cells) => {
    expect(splitCells(line)).toEqual(cells);
  });
});
