// The summary block: what it says (counts, unique ids, last entry date from the ledger) and that refreshing it changes
// nothing outside the markers, whatever surrounds them (property tests), line endings included.
import { fc, test as property } from '@fast-check/jest';
import { LEDGERS, parseText } from '../../test/support/fixtures';
import { SUMMARY_END, SUMMARY_START, refreshSummaryBlocks, renderSummary, summarizeEntries } from './render-summary';

const BUILD = [
  '# Build History',
  '',
  SUMMARY_START,
  '**Summary**: 1 build entries (1 unique builds) documented | Last updated: 2025-12-01 10:00:00',
  SUMMARY_END,
  '',
  '## INDEX',
  '| Timestamp | BUILD-ID | Phase |',
  '|---|---|---|',
  '| 2026-01-09 | BUILD-3 | Index only |',
  '',
  '## BUILD-2 | 2026-01-08 | Second, part one',
  '',
  'One.',
  '',
  '## BUILD-1 | 2026-01-02 | First',
  '',
  'Done.',
  '',
  '## BUILD-2 | 2026-01-08 | Second, part two',
  '',
  'Two.',
  '',
].join('\n');

/** Everything but the lines between the markers. */
function outsideBlocks(text: string): string {
  return text.replace(/(<!-- AUTO-GENERATED SUMMARY - DO NOT EDIT MANUALLY -->(?:\r\n|\n|\r))[\s\S]*?(<!-- END AUTO-GENERATED SUMMARY -->)/g, '$1$2');
}

describe('summarizeEntries / renderSummary', () => {
  it('counts sections (a multi-part build once per part) and index-only rows, unique ids, and the latest entry date', () => {
    const { entries } = parseText(BUILD, 'build');
    expect(summarizeEntries(entries)).toEqual({ entries: 4, unique: 3, lastDate: '2026-01-09' });
    expect(renderSummary(LEDGERS.build, summarizeEntries(entries))).toBe(
      '**Summary**: 4 build entries (3 unique builds) documented | Last entry: 2026-01-09',
    );
  });

  it('words each default ledger as the tidy tools do (unique ids for decisions and sessions only when they differ)', () => {
    const same = { entries: 2, unique: 2, lastDate: null };
    const joined = { entries: 3, unique: 2, lastDate: '2026-01-02' };
    expect(renderSummary(LEDGERS.dec, same)).toBe('**Summary**: 2 decisions documented | Last entry: none');
    expect(renderSummary(LEDGERS.dec, joined)).toBe('**Summary**: 3 decisions (2 unique decisions) documented | Last entry: 2026-01-02');
    expect(renderSummary(LEDGERS.dbg, { entries: 1, unique: 1, lastDate: null })).toBe('**Summary**: 1 debug session documented | Last entry: none');
    expect(renderSummary(LEDGERS.build, same)).toBe('**Summary**: 2 build entries (2 unique builds) documented | Last entry: none');
    expect(renderSummary({ fileType: 'incidents', path: 'INCIDENTS.md', prefix: 'INC' }, { entries: 1, unique: 1, lastDate: null })).toBe(
      '**Summary**: 1 entry (1 unique id) documented | Last entry: none',
    );
  });

  it('takes dates from the ledger, never the clock: the same text always renders the same line', () => {
    const render = (): string => renderSummary(LEDGERS.build, summarizeEntries(parseText(BUILD, 'build').entries));
    expect(render()).toBe(render());
  });
});

describe('refreshSummaryBlocks', () => {
  const LINE = '**Summary**: new';

  it('replaces only the lines between the markers and says when it changed something', () => {
    const result = refreshSummaryBlocks(BUILD, LINE);
    expect(result).toMatchObject({ starts: [3], changed: true, unclosed: [] });
    expect(result.text).toBe(BUILD.replace(/\*\*Summary\*\*: 1 build entries.*\n/, `${LINE}\n`));
    expect(refreshSummaryBlocks(result.text, LINE)).toEqual({ text: result.text, starts: [3], changed: false, unclosed: [] });
  });

  it('keeps CRLF line endings (the new line ends like the start marker) and a BOM', () => {
    const crlf = `\uFEFF${BUILD.replace(/\n/g, '\r\n')}`;
    const { text } = refreshSummaryBlocks(crlf, LINE);
    expect(text).toBe(crlf.replace(/\*\*Summary\*\*: 1 build entries[^\r]*\r\n/, `${LINE}\r\n`));
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('fills an empty block and collapses a block of several lines to one', () => {
    expect(refreshSummaryBlocks(`${SUMMARY_START}\n${SUMMARY_END}\n`, LINE).text).toBe(`${SUMMARY_START}\n${LINE}\n${SUMMARY_END}\n`);
    expect(refreshSummaryBlocks(`${SUMMARY_START}\na\n\nb\n${SUMMARY_END}`, LINE).text).toBe(`${SUMMARY_START}\n${LINE}\n${SUMMARY_END}`);
  });

  it('ignores markers inside fenced code (documentation showing the format) and indented variants are still whole lines', () => {
    const text = ['```', SUMMARY_START, 'example', SUMMARY_END, '```', '', `  ${SUMMARY_START}`, 'old', `${SUMMARY_END}  `, ''].join('\n');
    const result = refreshSummaryBlocks(text, LINE);
    expect(result.starts).toEqual([7]);
    expect(result.text).toBe(text.replace('old', LINE));
  });

  it('leaves a start marker without an end marker alone and reports its line; a later block is still refreshed', () => {
    const text = [SUMMARY_START, 'dangling', '', SUMMARY_START, 'old', SUMMARY_END, ''].join('\n');
    const result = refreshSummaryBlocks(text, LINE);
    expect(result).toMatchObject({ starts: [4], unclosed: [1] });
    expect(result.text).toBe(text.replace('old', LINE));
    expect(refreshSummaryBlocks(`x\n${SUMMARY_START}\nold\n`, LINE)).toEqual({ text: `x\n${SUMMARY_START}\nold\n`, starts: [], changed: false, unclosed: [2] });
  });

  it('leaves text without markers exactly as it is', () => {
    expect(refreshSummaryBlocks('# Ledger\r\n\r\nno block\n', LINE)).toEqual({ text: '# Ledger\r\n\r\nno block\n', starts: [], changed: false, unclosed: [] });
  });

  const chunk = fc.oneof(fc.string(), fc.constantFrom('\n', '\r\n', '\r', '```\n', '~~~\n', '<!-- x\n', '-->\n', '# h\n', '\uFEFF', '\uFFFD'));
  const text = fc.array(chunk, { maxLength: 12 }).map((parts) => parts.join(''));
  const eol = fc.constantFrom('\n', '\r\n');

  property.prop([text, text, text, eol])('changes no character outside the markers, whatever surrounds them', (before, inside, after, nl) => {
    // The block sits after a line break so its markers are whole lines; fences in `before` may hide it, then nothing changes.
    const ledger = `${before}${nl}${SUMMARY_START}${nl}${inside.replace(/<!--/g, '<!- -')}${nl}${SUMMARY_END}${nl}${after}`;
    const result = refreshSummaryBlocks(ledger, LINE);
    expect(outsideBlocks(result.text)).toBe(outsideBlocks(ledger));
    expect(refreshSummaryBlocks(result.text, LINE).text).toBe(result.text);
  });

  property.prop([text])('never throws and returns the text unchanged when it has no markers', (anything) => {
    fc.pre(!anything.includes('AUTO-GENERATED SUMMARY'));
    expect(refreshSummaryBlocks(anything, LINE).text).toBe(anything);
  });
});
