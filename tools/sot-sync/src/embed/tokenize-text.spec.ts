// The BM25 tokenizer: compounds split and kept, ids kept whole, stop words dropped, plurals folded.
import { fc, test } from '@fast-check/jest';
import { stemTerm, tokenizeText } from './tokenize-text';

describe('tokenizeText', () => {
  it('keeps ledger ids as one term besides their parts', () => {
    expect(tokenizeText('Fixed BUILD-12 and DBG-045.')).toEqual(['fixed', 'build', '12', 'build-12', 'dbg', '045', 'dbg-045']);
  });

  it('splits camelCase, snake_case, kebab-case and dotted names, keeping the whole compound', () => {
    expect(tokenizeText('QdrantClient')).toEqual(['qdrant', 'client', 'qdrantclient']);
    expect(tokenizeText('HTTPServer')).toEqual(['http', 'server', 'httpserver']);
    expect(tokenizeText('run_id')).toEqual(['run', 'id', 'run_id']);
    expect(tokenizeText('lock-timeout')).toEqual(['lock', 'timeout', 'lock-timeout']);
    expect(tokenizeText('autonomous_executor.py')).toEqual(['autonomous', 'executor', 'py', 'autonomous_executor.py']);
  });

  it('lowercases, folds accents, drops apostrophes, punctuation, stop words and single letters', () => {
    expect(tokenizeText("The café's API doesn't retry: a (b) is OK!")).toEqual(['cafe', 'api', 'doesnt', 'retry', 'ok']);
  });

  it('keeps numbers and non-Latin letters', () => {
    expect(tokenizeText('2026 год 7 日本語')).toEqual(['2026', 'год', '7', '日本語']);
  });

  it('drops blob-like terms longer than 40 characters', () => {
    expect(tokenizeText(`hash ${'a'.repeat(41)} end`)).toEqual(['hash', 'end']);
  });

  test.prop([fc.string({ maxLength: 200 })])('never throws, and gives lowercase terms without spaces', (text) => {
    for (const term of tokenizeText(text)) {
      expect(term).toBe(term.toLowerCase());
      expect(term).not.toMatch(/\s/);
      expect(term.length).toBeGreaterThan(0);
    }
  });
});

describe('stemTerm', () => {
  it.each([
    ['retries', 'retry'],
    ['policies', 'policy'],
    ['patches', 'patch'],
    ['indexes', 'index'],
    ['tests', 'test'],
    ['files', 'file'],
    ['classes', 'class'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['access', 'access'],
    ['bus', 'bus'],
    ['v1s', 'v1s'],
  ])('%s -> %s', (term, stem) => {
    expect(stemTerm(term)).toBe(stem);
  });
});
