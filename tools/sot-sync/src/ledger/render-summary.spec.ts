// The summary block: the line in the workspace tidy tools' format (word for word, the time passed in), and that
// refreshing it changes nothing outside the markers, whatever surrounds them (property tests), line endings included;
// a block the caller accepts (`keep`) is left byte for byte.
import { fc, test as property } from '@fast-check/jest';
import { LEDGERS } from '../../test/support/fixtures';
import { parseSummaryLine } from './parse-summary';
import { SUMMARY_END, SUMMARY_START, formatUpdatedAt, refreshSummaryBlocks, renderSummary } from './render-summary';

const BUILD = [
  '# Build History',
  '',
  SUMMARY_START,
  '**Summary**: 1 build entries (1 unique builds) documented | Last updated: 2025-12-01 10:00:00',
  SUMMARY_END,
  '',
  '## BUILD-1 | 2026-01-02 | First',
  '',
  'Done.',
  '',
].join('\n');
const AT = '2026-01-08 12:36:53';

/** Everything but the lines between the markers. */
function outsideBlocks(text: string): string {
  return text.replace(/(<!-- AUTO-GENERATED SUMMARY - DO NOT EDIT MANUALLY -->(?:\r\n|\n|\r))[\s\S]*?(<!-- END AUTO-GENERATED SUMMARY -->)/g, '$1$2');
}

describe('renderSummary', () => {
  it('words each default ledger exactly as the tidy tools do: both build counts only when they differ, (s) otherwise', () => {
    expect(renderSummary(LEDGERS.build, { entries: 199, unique: 172 }, AT)).toBe(
      '**Summary**: 199 build entries (172 unique builds) documented | Last updated: 2026-01-08 12:36:53',
    );
    expect(renderSummary(LEDGERS.build, { entries: 5, unique: 5 }, AT)).toBe('**Summary**: 5 build(s) documented | Last updated: 2026-01-08 12:36:53');
    expect(renderSummary(LEDGERS.dec, { entries: 43, unique: 41 }, AT)).toBe('**Summary**: 43 decision(s) documented | Last updated: 2026-01-08 12:36:53');
    expect(renderSummary(LEDGERS.dbg, { entries: 1, unique: 1 }, AT)).toBe('**Summary**: 1 debug session(s) documented | Last updated: 2026-01-08 12:36:53');
  });

  it("words another ledger on the builds' pattern", () => {
    const incidents = { fileType: 'incidents', path: 'INCIDENTS.md', prefix: 'INC' };
    expect(renderSummary(incidents, { entries: 1, unique: 1 }, AT)).toBe('**Summary**: 1 entry(ies) documented | Last updated: 2026-01-08 12:36:53');
    expect(renderSummary(incidents, { entries: 3, unique: 2 }, AT)).toBe(
      '**Summary**: 3 entries (2 unique ids) documented | Last updated: 2026-01-08 12:36:53',
    );
  });

  it('renders lines that parseSummaryLine reads back to the same counts', () => {
    for (const spec of [...Object.values(LEDGERS), { fileType: 'incidents', path: 'I.md', prefix: 'INC' }]) {
      for (const [entries, unique] of [
        [0, 0],
        [1, 1],
        [7, 5],
      ] as const) {
        const stated = parseSummaryLine(renderSummary(spec, { entries, unique }, AT));
        expect(stated?.entries).toBe(entries);
      }
    }
  });

  it('stamps local time as YYYY-MM-DD HH:MM:SS, zero-padded', () => {
    expect(formatUpdatedAt(new Date(2026, 0, 8, 9, 5, 3))).toBe('2026-01-08 09:05:03');
    expect(formatUpdatedAt(new Date(2025, 11, 31, 23, 59, 59))).toBe('2025-12-31 23:59:59');
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

  it('leaves a block that `keep` accepts byte for byte, and rewrites the others', () => {
    const text = [SUMMARY_START, 'old one', SUMMARY_END, '', SUMMARY_START, 'old two  ', SUMMARY_END, ''].join('\r\n');
    const result = refreshSummaryBlocks(text, LINE, (inner) => inner.startsWith('old two'));
    expect(result).toMatchObject({ starts: [1, 5], changed: true });
    expect(result.text).toBe(text.replace('old one', LINE));
    expect(refreshSummaryBlocks(text, LINE, () => true)).toEqual({ text, starts: [1, 5], changed: false, unclosed: [] });
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
