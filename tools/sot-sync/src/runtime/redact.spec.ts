// The redactor over generated secrets (lengths 1-64, reserved characters, percent-encoded) in every form a secret
// reaches the tool: URL userinfo, password/sslpassword/sslkey and api-key/apikey parameters, and bare values echoed
// back by a server (issue 11, D4 and D18).
import { fc, test as property } from '@fast-check/jest';
import { decodePercent, MASK, redactDeep, redactSecrets, redactUrl, secretsInUrl, secretsOfEnv } from './redact';

/** Letters that never occur in the tool's own output, so finding one in it can only be a leak. */
const DISTINCT = ['ж', 'щ', 'ψ', 'λ', 'Ω', 'ё'];
const RESERVED = ['@', ':', '/', '?', '#', '&', '%', '=', '+', ' ', '!', '*', "'", '(', ')', ';', ',', '$', '[', ']', '"', '\\', '~'];
const PLAIN = ['a', 'Z', '0', '9', '-', '_', '.'];

/** A secret of 1 to 64 characters, at least one of them distinctive. */
const secret = fc
  .string({ unit: fc.constantFrom(...DISTINCT, ...DISTINCT, ...RESERVED, ...PLAIN), minLength: 1, maxLength: 64 })
  .filter((text) => DISTINCT.some((char) => text.includes(char)));

/** Every spelling of the secret that would give it away. */
function spellings(value: string): string[] {
  const encoded = encodeURIComponent(value);
  const strict = encoded.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return [
    value,
    decodePercent(value),
    value.trim(),
    encoded,
    strict,
    strict.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    JSON.stringify(value).slice(1, -1),
  ].filter((s) => s.length > 0);
}

function expectNoLeak(output: string, value: string): void {
  for (const spelling of spellings(value)) expect(output).not.toContain(spelling);
}

const URL_FORMS: Record<string, (encoded: string) => string> = {
  userinfo: (e) => `postgresql://postgres:${e}@db.example.com:5432/ledgers?sslmode=require`,
  password: (e) => `postgresql://postgres@db.example.com:5432/ledgers?sslmode=require&password=${e}&schema=docs`,
  sslpassword: (e) => `postgres://postgres@db.example.com/ledgers?sslpassword=${e}`,
  sslkey: (e) => `postgresql://postgres@db.example.com/ledgers?sslkey=${e}&schema=docs`,
  qdrantApiKey: (e) => `http://qdrant.internal:6333?api-key=${e}`,
  qdrantApikey: (e) => `https://qdrant.internal:6333/?apikey=${e}`,
  embedApiKey: (e) => `https://embed.example.com/openai?api-version=2024-02-01&api-key=${e}`,
};

describe('redactUrl', () => {
  property.prop([secret, fc.constantFrom(...Object.keys(URL_FORMS))])('hides a secret in every URL form, whatever its length or characters', (value, form) => {
    const url = (URL_FORMS[form] as (encoded: string) => string)(encodeURIComponent(value));
    const shown = redactUrl(`cannot connect to ${url} (from flag)`);
    expectNoLeak(shown, value);
    expect(shown).toContain(MASK);
    // Everything else stays readable: the host and the other parameters.
    expect(shown).toMatch(/db\.example\.com|qdrant\.internal|embed\.example\.com/);
    if (url.includes('schema=docs')) expect(shown).toContain('schema=docs');
    expect(secretsInUrl(url).map(decodePercent)).toContain(value);
  });

  it('hides a percent-encoded parameter name and a raw @ or / in a password', () => {
    expect(redactUrl('postgresql://u@h/db?pass%77ord=QueryPw555')).toBe('postgresql://u@h/db?pass%77ord=***');
    expect(redactUrl('postgresql://u:p@ss/w@h:5432/db')).toBe('postgresql://u:***@h:5432/db');
    expect(redactUrl('postgresql://postgres@127.0.0.1:5999/db?password=QueryPw555')).toBe('postgresql://postgres@127.0.0.1:5999/db?password=***');
  });
});

describe('redactSecrets', () => {
  property.prop([secret, fc.constantFrom('"', "'", ' ', ': ', '=', '(')])(
    'hides a known secret echoed bare by a server, in any of its spellings',
    (value, quote) => {
      const close = quote === '(' ? ')' : quote.trim();
      for (const spelling of spellings(value)) {
        const echoed = `server said: password ${quote}${spelling}${close} is wrong; json ${JSON.stringify({ key: value })}`;
        expectNoLeak(redactSecrets(echoed, [value]), value);
      }
    },
  );

  it('redacts a secret of one or two characters wherever it stands alone (D18)', () => {
    expect(redactSecrets('password authentication failed: password "ab" is wrong', ['ab'])).toBe('password authentication failed: password "***" is wrong');
    expect(redactSecrets('key=x, got x.', ['x'])).toBe('key=***, got ***.');
  });

  it('does not take a short secret out of the words around it', () => {
    expect(redactSecrets('parsed 3 entries from 3 ledgers', ['e', 'r'])).toBe('parsed 3 entries from 3 ledgers');
  });

  it('knows the secrets of the environment', () => {
    const env = {
      PGPASSWORD: 'pgpw',
      DATABASE_URL: 'postgresql://u:urlpw@h/db?sslkey=%2Fkeys%2Fk.pem',
      QDRANT_HOST: 'http://q?api-key=qk',
      OPENAI_API_KEY: 'sk-1',
    };
    expect(secretsOfEnv(env).map(decodePercent).sort()).toEqual(['/keys/k.pem', 'pgpw', 'qk', 'sk-1', 'urlpw']);
  });

  it('redacts every string of a report, deeply', () => {
    const report = { targets: { db: { location: 'postgresql://u@h/db?password=pw1' } }, error: 'said pw2', list: ['pw2', 3] };
    expect(redactDeep(report, ['pw2'])).toEqual({ targets: { db: { location: 'postgresql://u@h/db?password=***' } }, error: 'said ***', list: ['***', 3] });
  });
});
