// Entry ids at the start of heading text and table cells: which are ids, which were meant to be.
import { fc, test } from '@fast-check/jest';
import { exampleId, looksLikeMalformedId, matchEntryId } from './entry-id';

describe('matchEntryId', () => {
  it.each([
    ['BUILD-12', 'BUILD-12', ''],
    ['BUILD-153.1: Canary', 'BUILD-153.1', ': Canary'],
    ['BUILD-170.10 | 2026-01-03 | x', 'BUILD-170.10', ' | 2026-01-03 | x'],
    ['BUILD-145 Follow-up: more', 'BUILD-145', ' Follow-up: more'],
    ['BUILD-1.2.3', 'BUILD-1.2.3', ''],
    ['BUILD-007', 'BUILD-007', ''],
    ['BUILD-12.', 'BUILD-12', '.'],
    ['BUILD-12 — dash', 'BUILD-12', ' — dash'],
    ['BUILD-12)', 'BUILD-12', ')'],
  ])('reads %j as %j followed by %j', (text, id, rest) => {
    expect(matchEntryId(text, 'BUILD')).toEqual({ id, rest });
  });

  it.each(['BUILD 12', 'BUILD12', 'build-12', 'BUILD-12a', 'BUILD-12_b', 'BUILD-12-3', 'BUILD-12.x', 'XBUILD-12', ' BUILD-12', 'BUILD-', 'DEC-12'])(
    'finds no BUILD id at the start of %j',
    (text) => {
      expect(matchEntryId(text, 'BUILD')).toBeNull();
    },
  );

  it('matches only the prefix it is given, escaped', () => {
    expect(matchEntryId('DEC-012 | 2026-01-01 | x', 'DEC')?.id).toBe('DEC-012');
    expect(matchEntryId('A.B-1', 'A.B')?.id).toBe('A.B-1');
    expect(matchEntryId('AxB-1', 'A.B')).toBeNull();
    expect(matchEntryId('C++-4', 'C++')?.id).toBe('C++-4');
  });

  it('gives up on a run of digits longer than an id can be', () => {
    expect(matchEntryId(`BUILD-${'9'.repeat(12)}`, 'BUILD')?.id).toBe(`BUILD-${'9'.repeat(12)}`);
    expect(matchEntryId(`BUILD-${'9'.repeat(13)}`, 'BUILD')).toBeNull();
  });

  test.prop([fc.nat(), fc.array(fc.nat({ max: 999 }), { maxLength: 6 }), fc.constantFrom('', ' | title', ': title', ' ', ')', '.')])(
    'reads back any formatted id, whatever separator follows',
    (major, parts, rest) => {
      const id = ['BUILD-' + String(major), ...parts.map(String)].join('.');
      expect(matchEntryId(id + rest, 'BUILD')).toEqual({ id, rest });
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 40 })])('never both matches and looks malformed', (text) => {
    expect(matchEntryId(text, 'BUILD') !== null && looksLikeMalformedId(text, 'BUILD')).toBe(false);
  });
});

describe('looksLikeMalformedId', () => {
  it.each(['BUILD 12', 'BUILD12', 'build-12', 'BUILD_12', 'BUILD-12a', 'BUILD - 12'])('flags %j', (text) => {
    expect(looksLikeMalformedId(text, 'BUILD')).toBe(true);
  });

  it.each(['BUILD-12', 'BUILD-12: Title', 'BUILDING the tool', 'Notes', 'INDEX', '', 'Rebuild 12'])('does not flag %j', (text) => {
    expect(looksLikeMalformedId(text, 'BUILD')).toBe(false);
  });
});

describe('exampleId', () => {
  it('shows the prefix with a number', () => {
    expect(exampleId('DBG')).toBe('DBG-123');
  });
});
