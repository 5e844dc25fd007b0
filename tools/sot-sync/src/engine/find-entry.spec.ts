import { anEntry } from '../../test/support/entries';
import { closestIds, editDistance, findEntryAtLine, findEntryById, parseEntryRef } from './find-entry';

const file = 'docs/BUILD_HISTORY.md';
const entries = [
  anEntry({ fileType: 'build_history', entryId: 'BUILD-153', file, line: 10, lineEnd: 20 }),
  anEntry({
    fileType: 'build_history',
    entryId: 'BUILD-153.1',
    file,
    line: 22,
    lineEnd: 60,
    metadata: { source: 'section', line: 22, sectionLines: [22, 50], sectionEnds: [30, 60] },
  }),
  anEntry({ fileType: 'build_history', entryId: 'BUILD-154', file, line: 32, lineEnd: 48 }),
  anEntry({ entryId: 'DEC-012', file: 'docs/ARCHITECTURE_DECISIONS.md', line: 5, lineEnd: 9 }),
];

describe('parseEntryRef', () => {
  it('reads path:line as a place and anything else as an id', () => {
    expect(parseEntryRef('docs/DEBUG_LOG.md:120')).toEqual({ kind: 'line', file: 'docs/DEBUG_LOG.md', line: 120 });
    expect(parseEntryRef('C:\\repo\\docs\\DEBUG_LOG.md:7')).toEqual({ kind: 'line', file: 'C:\\repo\\docs\\DEBUG_LOG.md', line: 7 });
    expect(parseEntryRef(' BUILD-153.1 ')).toEqual({ kind: 'id', id: 'BUILD-153.1' });
  });
});

describe('findEntryById', () => {
  it('matches exactly, then ignoring case, then ignoring leading zeros; a dotted id is its own entry', () => {
    expect(findEntryById(entries, 'BUILD-153')?.entryId).toBe('BUILD-153');
    expect(findEntryById(entries, 'build-153.1')?.entryId).toBe('BUILD-153.1');
    expect(findEntryById(entries, 'DEC-12')?.entryId).toBe('DEC-012');
    expect(findEntryById(entries, 'DEC-013')).toBeUndefined();
  });
});

describe('findEntryAtLine', () => {
  it('finds the entry whose section holds the line, section by section for an entry of several', () => {
    expect(findEntryAtLine(entries, file, 10)?.entryId).toBe('BUILD-153');
    expect(findEntryAtLine(entries, file, 25)?.entryId).toBe('BUILD-153.1');
    expect(findEntryAtLine(entries, file, 40)?.entryId).toBe('BUILD-154');
    expect(findEntryAtLine(entries, file, 55)?.entryId).toBe('BUILD-153.1');
    expect(findEntryAtLine(entries, 'BUILD_HISTORY.md', 12)?.entryId).toBe('BUILD-153');
    expect(findEntryAtLine(entries, file, 21)).toBeUndefined();
  });
});

describe('closestIds', () => {
  it('suggests the nearest ids by edit distance', () => {
    expect(closestIds(entries, 'BUILD-135', 2)).toEqual(['BUILD-153', 'BUILD-154']);
    expect(editDistance('DEC-0312', 'DEC-031')).toBe(1);
  });
});
