// What a summary line states, in the tidy tools' wording and in earlier sot-sync's, whatever follows the `|`.
import { parseSummaryLine } from './parse-summary';

describe('parseSummaryLine', () => {
  it.each([
    ['**Summary**: 199 build entries (172 unique builds) documented | Last updated: 2026-01-08 12:36:53', 199, 172],
    ['**Summary**: 5 build(s) documented | Last updated: 2026-01-08 12:36:53', 5, null],
    ['**Summary**: 43 decision(s) documented | Last updated: 2026-01-08 09:15:52', 43, null],
    ['**Summary**: 86 debug session(s) documented | Last updated: 2026-01-04 01:53:16', 86, null],
    ['**Summary**: 5 build entries (5 unique builds) documented | Last entry: 2026-12-03', 5, 5],
    ['**Summary**: 3 decisions (2 unique decisions) documented | Last entry: none', 3, 2],
    ['**Summary**: 1 debug session documented | Last entry: 2026-01-02', 1, null],
    ['**Summary**: 1 entry (1 unique id) documented', 1, 1],
    ['  **Summary**: 0 entry(ies) documented |  ', 0, null],
  ])('%s', (line, entries, unique) => {
    expect(parseSummaryLine(line)).toEqual({ entries, unique });
  });

  it.each([
    '',
    'Summary: 3 builds documented',
    '**Summary**: many builds documented',
    '**Summary**: 3 builds',
    '**Summary**: 3 builds documented so far',
    'text **Summary**: 3 builds documented',
  ])('reads nothing from %p', (line) => {
    expect(parseSummaryLine(line)).toBeNull();
  });
});
