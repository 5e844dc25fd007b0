// Finding the part of a URL whose percent-encoding does not decode, named without showing a secret (issue 11, D9).
import { decodeOrNull, findMalformedPercentEncoding } from './percent-encoding';

describe('findMalformedPercentEncoding', () => {
  it.each([
    ['postgresql://u@h/db?schema=%E0%A4%A', 'the parameter "schema" ("%E0%A4%A")'],
    ['postgresql://u:p%ZZ@h/db', 'the password'],
    ['postgresql://u%E0@h/db', 'the user name'],
    ['postgresql://u@h/db?password=%E0%A4%A', 'the parameter "password"'],
    ['sqlite:///a%2.db', 'the host or path ("/a%2.db")'],
    ['http://q:6333/?api-key=%', 'the parameter "api-key"'],
    ['http://q:6333/#%zz', 'the fragment (after #)'],
  ])('%s: %s', (url, part) => {
    expect(findMalformedPercentEncoding(url)).toEqual({ part });
  });

  it('accepts well-formed URLs, encoded or not', () => {
    for (const url of ['postgresql://u:p%40ss@h:5432/db?schema=my%20docs&sslmode=require', 'sqlite:///autopack.db', 'http://127.0.0.1:6333']) {
      expect(findMalformedPercentEncoding(url)).toBeNull();
    }
    expect(decodeOrNull('%E0%A4%A')).toBeNull();
    expect(decodeOrNull('a%20b')).toBe('a b');
  });
});
