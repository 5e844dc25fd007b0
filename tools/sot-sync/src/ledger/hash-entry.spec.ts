// The canonical text of an entry and its content hash: CRLF == LF, trailing whitespace ignored.
import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/jest';
import { hashEntry, normalizeContent } from './hash-entry';

const sha256Prefix = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

/** Lines with no line breaks in them, so the line structure is what the test says it is. */
const lineArb = fc.string({ unit: 'binary', maxLength: 30 }).map((line) => line.replace(/[\r\n]/g, ''));

describe('normalizeContent', () => {
  it('writes every line ending as LF', () => {
    expect(normalizeContent('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('drops trailing whitespace of each line and blank lines at both ends, and keeps the rest', () => {
    expect(normalizeContent('\n \n## BUILD-1  \n\n  indented\t\n\n\nlast \u00a0\n \n')).toBe('## BUILD-1\n\n  indented\n\n\nlast');
  });

  it('gives the empty string for blank text', () => {
    expect(normalizeContent('')).toBe('');
    expect(normalizeContent(' \r\n\t\n')).toBe('');
  });
});

describe('hashEntry', () => {
  it('is the first 16 hex chars of SHA-256 over the normalized text', () => {
    expect(hashEntry('')).toBe('e3b0c44298fc1c14');
    expect(hashEntry('## BUILD-1\r\n\r\nBody  \r\n')).toBe(sha256Prefix('## BUILD-1\n\nBody'));
  });

  it('changes with the words, the inner blank lines and the leading indentation', () => {
    const base = hashEntry('## BUILD-1\n\nBody');
    expect(hashEntry('## BUILD-1\n\nBody!')).not.toBe(base);
    expect(hashEntry('## BUILD-1\nBody')).not.toBe(base);
    expect(hashEntry('## BUILD-1\n\n Body')).not.toBe(base);
  });

  test.prop([fc.array(lineArb, { maxLength: 20 }), fc.array(fc.constantFrom(' ', '\t', '  '), { maxLength: 20 })])(
    'is the same for LF, CRLF and CR copies with any trailing spaces',
    (lines, trailing) => {
      const lf = lines.join('\n');
      const untidy = lines.map((line, i) => line + (trailing[i] ?? '')).join('\r\n');
      const cr = lines.join('\r');
      expect(hashEntry(untidy)).toBe(hashEntry(lf));
      expect(hashEntry(cr)).toBe(hashEntry(lf));
      expect(hashEntry(`\n\n${lf}\n \n`)).toBe(hashEntry(lf));
    },
  );

  test.prop([fc.string({ unit: 'binary' })])('is 16 hex chars for any text, and idempotent under normalization', (text) => {
    expect(hashEntry(text)).toMatch(/^[0-9a-f]{16}$/);
    expect(normalizeContent(normalizeContent(text))).toBe(normalizeContent(text));
    expect(hashEntry(normalizeContent(text))).toBe(hashEntry(text));
  });
});
