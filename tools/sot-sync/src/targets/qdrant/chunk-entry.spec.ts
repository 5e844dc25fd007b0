// Chunking: by subsection first, then by size; every chunk fits, no text is lost, the same input gives the same chunks.
import { fc, test } from '@fast-check/jest';
import { chunkEntry } from './chunk-entry';

const squash = (text: string): string => text.replace(/\s+/g, '');

describe('chunkEntry', () => {
  it('keeps an entry that fits as one chunk', () => {
    expect(chunkEntry('## BUILD-1\n\nShort body.\n', 100)).toEqual(['## BUILD-1\n\nShort body.']);
  });

  it('cuts at subsection headings and packs neighbouring subsections while they fit', () => {
    const section = (name: string): string => `### ${name}\n${'word '.repeat(12).trim()}\n`;
    const content = `## BUILD-7: Title\n\nIntro.\n\n${section('Problem')}${section('Fix')}${section('Tests')}`;
    const chunks = chunkEntry(content, 140);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(140);
    expect(chunks.slice(1).every((chunk) => /^#{3} /.test(chunk))).toBe(true);
  });

  it('does not cut at a heading inside a fenced code block', () => {
    const code = '```md\n## not a heading\n```';
    const content = `## DEC-1\n\n${'a '.repeat(30)}\n\n### Example\n${code}\n${'b '.repeat(30)}`;
    const chunks = chunkEntry(content, 120);
    expect(chunks.some((chunk) => chunk.startsWith('## not a heading'))).toBe(false);
  });

  it('splits a long subsection at paragraphs, then lines, then spaces', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} ${'text '.repeat(10)}`.trim()).join('\n\n');
    const chunks = chunkEntry(`## DBG-3\n\n${paragraphs}`, 130);
    expect(chunks.every((chunk) => chunk.length <= 130)).toBe(true);
    expect(chunks.every((chunk) => !/\bPar$|^agraph/.test(chunk))).toBe(true);
    const oneLine = chunkEntry('x '.repeat(200), 50);
    expect(oneLine.every((chunk) => chunk.length <= 50 && !chunk.startsWith(' '))).toBe(true);
  });

  it('cuts a word only when there is no space, and never inside a surrogate pair', () => {
    const chunks = chunkEntry('😀'.repeat(40), 17);
    expect(chunks.every((chunk) => chunk.length <= 17 && !/[\ud800-\udbff]$/.test(chunk))).toBe(true);
    expect(chunks.join('')).toBe('😀'.repeat(40));
  });

  it('returns one (empty) chunk for empty content and refuses tiny limits', () => {
    expect(chunkEntry('  \n', 100)).toEqual(['']);
    expect(() => chunkEntry('abc', 8)).toThrow(RangeError);
  });

  const markdown = fc
    .array(fc.oneof(fc.constantFrom('## H2', '### H3', '#### H4', '```', '', 'line of text', '- item'), fc.string({ maxLength: 120 })), { maxLength: 60 })
    .map((lines) => lines.join('\n'));

  test.prop([markdown, fc.integer({ min: 16, max: 400 })])('fits every chunk, loses no text, is deterministic', (content, max) => {
    const chunks = chunkEntry(content, max);
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(max);
    expect(squash(chunks.join(''))).toBe(squash(content.replace(/\r\n?/g, '\n')));
    expect(chunkEntry(content, max)).toEqual(chunks);
  });
});
