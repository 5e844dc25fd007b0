// scanMarkdown: which lines are headings, fences and comments, as GitHub (CommonMark) renders them.
import { fc, test } from '@fast-check/jest';
import { leadingSpacesAt, lineText } from './ledger-bytes';
import { LINE_COMMENT, LINE_FENCE, LINE_TEXT, parseAtxHeadingAt, scanMarkdown, type HiddenBlock, type Heading } from './scan-markdown';

/** The byte-level readers, applied to one line given as text. */
const parseAtxHeading = (line: string, index: number): Heading | null => parseAtxHeadingAt(Buffer.from(line), 0, Buffer.byteLength(line), index);
const leadingSpaces = (line: string): number => leadingSpacesAt(Buffer.from(line), 0, Buffer.byteLength(line));

/** Blocks without the fence info string, which most tests below do not look at. */
const dropInfo = ({ info: _info, ...block }: HiddenBlock): Omit<HiddenBlock, 'info'> => block;

/** 1-based lines of the headings the scanner sees. */
const headingLines = (lines: string[]): number[] => scanMarkdown(lines.join('\n')).headings.map((h) => h.index + 1);

describe('scanMarkdown', () => {
  describe('lines', () => {
    it('splits on LF, CRLF and CR alike', () => {
      const lines = (text: string): string[] => {
        const scan = scanMarkdown(text);
        return Array.from({ length: scan.lineCount }, (_, i) => lineText(scan, i));
      };
      expect(lines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
      expect(lines('')).toEqual(['']);
      expect(lines('a\n')).toEqual(['a', '']);
      expect(lines('\ufeff✅ a\r\n\r\nb')).toEqual(['✅ a', '', 'b']);
    });

    it('marks every line as text, fence or comment', () => {
      const scan = scanMarkdown(['text', '```', 'code', '```', '<!--', 'hidden', '-->', 'after'].join('\n'));
      expect([...scan.mask]).toEqual([LINE_TEXT, LINE_FENCE, LINE_FENCE, LINE_FENCE, LINE_COMMENT, LINE_COMMENT, LINE_COMMENT, LINE_TEXT]);
    });
  });

  describe('headings', () => {
    it('finds ATX headings with their depth and text', () => {
      const scan = scanMarkdown(['# Title', '## BUILD-1 | 2026-01-01 | A', '   ### Indented three', '###### Six'].join('\n'));
      expect(scan.headings).toEqual([
        { index: 0, depth: 1, text: 'Title' },
        { index: 1, depth: 2, text: 'BUILD-1 | 2026-01-01 | A' },
        { index: 2, depth: 3, text: 'Indented three' },
        { index: 3, depth: 6, text: 'Six' },
      ]);
    });

    it('skips lines that are not ATX headings', () => {
      expect(headingLines(['##BUILD-1', '####### seven', '    ## indented code', '#hashtag', 'text ## x'])).toEqual([]);
    });

    it('skips headings inside a fence or a comment', () => {
      const lines = ['```bash', '# comment in bash', '## BUILD-1', '```', '<!--', '## BUILD-2', '-->', '## BUILD-3'];
      expect(headingLines(lines)).toEqual([8]);
    });
  });

  describe('fences', () => {
    it('records the info string of a fence', () => {
      expect(scanMarkdown(['```python', 'x', '```', '~~~', '~~~'].join('\n')).blocks.map((block) => block.info)).toEqual(['python', '']);
    });

    it('closes a fence only with the same character, at least as long, and nothing after it', () => {
      const lines = ['````md', '```', '~~~~', '```` trailing', '`````', '## after'];
      const scan = scanMarkdown(lines.join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([{ kind: 'fence', index: 0, end: 5, closed: true }]);
      expect(scan.headings.map((h) => h.index)).toEqual([5]);
    });

    it('accepts a closing fence with up to three spaces of indent and trailing spaces', () => {
      expect(scanMarkdown(['~~~', 'x', '   ~~~  ', '## after'].join('\n')).blocks.map(dropInfo)).toEqual([{ kind: 'fence', index: 0, end: 3, closed: true }]);
    });

    it('does not open a fence on two backticks, four spaces of indent, or a backtick in the info string', () => {
      const scan = scanMarkdown(['``', '    ```', '``` a`b', '## visible'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([]);
      expect(scan.headings.map((h) => h.index)).toEqual([3]);
    });

    it('runs an unclosed fence to the end of the file', () => {
      const scan = scanMarkdown(['intro', '```', '## hidden', 'more'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([{ kind: 'fence', index: 1, end: 4, closed: false }]);
      expect(scan.headings).toEqual([]);
    });

    it('pairs a stray fence with the next one (an opening line with an info string cannot close)', () => {
      const scan = scanMarkdown(['```', 'a', '```', '```', '## hidden', '```bash', '```', '## visible'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([
        { kind: 'fence', index: 0, end: 3, closed: true },
        { kind: 'fence', index: 3, end: 7, closed: true },
      ]);
      expect(scan.headings.map((h) => h.index)).toEqual([7]);
    });

    it('ends an unclosed fence in a list item where the item ends', () => {
      const scan = scanMarkdown(['- step', '  ```bash', '  run', '', '## visible'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([{ kind: 'fence', index: 1, end: 4, closed: false }]);
      expect(scan.headings.map((h) => h.index)).toEqual([4]);
    });

    it('ends a fence opened right after a list marker where the item ends', () => {
      const scan = scanMarkdown(['1. ```', '   code', '## visible'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([{ kind: 'fence', index: 0, end: 2, closed: false }]);
      expect(scan.headings.map((h) => h.index)).toEqual([2]);
    });

    it('lets a fence in a list item close on an indented closing line', () => {
      const scan = scanMarkdown(['- step', '  ```', '  ## hidden', '  ```', '## visible'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([{ kind: 'fence', index: 1, end: 4, closed: true }]);
      expect(scan.headings.map((h) => h.index)).toEqual([4]);
    });

    it('opens a new top-level fence on a closing line that is outdented out of the item', () => {
      // CommonMark: the outdented ``` ends the list item (and its fence) and opens a fence of its own.
      const scan = scanMarkdown(['- step', '  ```', '  code', '```', '## hidden'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([
        { kind: 'fence', index: 1, end: 3, closed: false },
        { kind: 'fence', index: 3, end: 5, closed: false },
      ]);
      expect(scan.headings).toEqual([]);
    });

    // Scanner bug (checked against cmark-gfm): only the innermost list level is tracked, so a fence at the outer
    // item's indent after a nested item is taken for a top-level fence and hides the rest of the file.
    it('ends a fence in the outer item of a nested list where that item ends', () => {
      expect(headingLines(['- outer', '  - inner', '  ```', '  code', '## visible'])).toEqual([5]);
    });

    // Scanner bug (checked against cmark-gfm): a lazy continuation line keeps the list item open, but the
    // scanner leaves the list on it, so the indented fence after it runs to the end of the file.
    it('keeps a list item open across a lazy continuation line', () => {
      expect(headingLines(['- item', 'lazy continuation', '  ```', '  code', '## visible'])).toEqual([5]);
    });
  });

  describe('on any text', () => {
    /** Text made of the characters that build markdown structure, so fences, lists and comments come up often. */
    const structuralText = fc.string({
      unit: fc.constantFrom('#', ' ', ' ', '`', '`', '~', '\n', '\n', '\r', '-', '<', '!', '>', 'a', '1', '.', '\t', '|', '*'),
      maxLength: 300,
    });

    test.prop([structuralText], { numRuns: 500 })('keeps headings off hidden lines and blocks in order, apart and masked', (text) => {
      const scan = scanMarkdown(text);
      expect(scan.mask).toHaveLength(scan.lineCount);
      for (const heading of scan.headings) expect(scan.mask[heading.index]).toBe(LINE_TEXT);
      let previousEnd = 0;
      for (const block of scan.blocks) {
        expect(block.index).toBeGreaterThanOrEqual(previousEnd);
        expect(block.end).toBeGreaterThan(block.index);
        expect(block.end).toBeLessThanOrEqual(scan.lineCount);
        const hidden = block.kind === 'fence' ? LINE_FENCE : LINE_COMMENT;
        for (let i = block.index; i < block.end; i++) expect(scan.mask[i]).toBe(hidden);
        previousEnd = block.end;
      }
    });
  });

  describe('indentation', () => {
    // Scanner bug (checked against cmark-gfm): CommonMark indents with spaces and tabs only, but the scanner finds
    // the start of a heading, fence or comment with trimStart(), which also skips NBSP, U+3000 and U+FEFF. So
    // "\u00a0## BUILD-2" becomes an entry that GitHub shows as a paragraph, and "\u3000```" hides what follows.
    it('treats only spaces and tabs as indentation', () => {
      expect(headingLines(['\u00a0## BUILD-2'])).toEqual([]);
      expect(headingLines(['\u3000```', '## BUILD-3'])).toEqual([2]);
      expect(headingLines(['```', '\uFEFF```', '## hidden'])).toEqual([]);
    });
  });

  describe('comments', () => {
    it('treats a one-line comment as nothing and a multi-line one as a block', () => {
      const scan = scanMarkdown(['<!-- one line -->', '## visible', '<!-- META', '## hidden', '-->', '## after'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([{ kind: 'comment', index: 2, end: 5, closed: true }]);
      expect(scan.headings.map((h) => h.index)).toEqual([1, 5]);
    });

    it('runs an unclosed comment to the end of the file', () => {
      const scan = scanMarkdown(['<!-- draft', '## hidden'].join('\n'));
      expect(scan.blocks.map(dropInfo)).toEqual([{ kind: 'comment', index: 0, end: 2, closed: false }]);
      expect(scan.headings).toEqual([]);
    });

    it('does not open a comment in the middle of a line', () => {
      expect(headingLines(['text <!-- not a block', '## visible'])).toEqual([2]);
    });

    // Scanner bug (checked against cmark-gfm): an HTML block in a list item ends with the item, like a fence does,
    // but the scanner runs the unclosed comment to the end of the file.
    it('ends an unclosed comment in a list item where the item ends', () => {
      expect(headingLines(['- note', '  <!-- draft', '## visible'])).toEqual([3]);
    });

    // Scanner bug (checked against cmark-gfm): `<!-->` and `<!--->` end the comment on their own line
    // (the end condition is searched from the start of `<!--`), so nothing after them is hidden.
    it('closes the comments <!--> and <!---> on their own line', () => {
      expect(headingLines(['<!-->', '## visible'])).toEqual([2]);
      expect(headingLines(['<!--->', '## visible'])).toEqual([2]);
    });
  });
});

describe('parseAtxHeading', () => {
  it.each([
    ['## BUILD-1', 2, 'BUILD-1'],
    ['#\tTab after hashes', 1, 'Tab after hashes'],
    ['## BUILD-3 ##', 2, 'BUILD-3'],
    ['## closing with spaces ###   ', 2, 'closing with spaces'],
    ['## C# is kept', 2, 'C# is kept'],
    ['## ends with#', 2, 'ends with#'],
    ['#', 1, ''],
    ['### ###', 3, ''],
  ])('reads %j as depth %i with text %j', (line, depth, text) => {
    expect(parseAtxHeading(line, 7)).toEqual({ index: 7, depth, text });
  });

  it.each(['', 'text', '#hashtag', '####### seven', '    # four spaces', '\t# tab indent'])('rejects %j', (line) => {
    expect(parseAtxHeading(line, 0)).toBeNull();
  });
});

describe('leadingSpaces', () => {
  it('counts spaces and expands tabs to the next multiple of four', () => {
    expect(leadingSpaces('')).toBe(0);
    expect(leadingSpaces('   x')).toBe(3);
    expect(leadingSpaces('\tx')).toBe(4);
    expect(leadingSpaces('  \tx')).toBe(4);
    expect(leadingSpaces('     \tx')).toBe(8);
    expect(leadingSpaces('    ')).toBe(4);
  });
});
