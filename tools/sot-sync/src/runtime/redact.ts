// The one redactor: every message, report field and stack the tool prints passes through it. It hides secrets by
// position (a URL's password, secret-bearing query parameters, whatever their length or encoding) and by value
// (every secret the run knows: from its options, its environment and its command line). Issue 11, D4 and D18.

/** Query parameters whose value is a secret; names are compared lowercased and percent-decoded. */
const SECRET_PARAMETERS = new Set([
  'password',
  'sslpassword',
  'sslkey',
  'api-key',
  'apikey',
  'api_key',
  'key',
  'token',
  'access_token',
  'secret',
  'client_secret',
]);

/** Environment variables whose value is a secret, and those holding URLs that may carry one. */
const SECRET_VARIABLES = ['PGPASSWORD', 'QDRANT_API_KEY', 'SOT_SYNC_EMBED_API_KEY', 'OPENAI_API_KEY'] as const;
const URL_VARIABLES = ['DATABASE_URL', 'QDRANT_HOST', 'SOT_SYNC_EMBED_BASE_URL'] as const;

export const MASK = '***';

const URL_TOKEN = /\b[a-z][a-z0-9+.-]*:\/\/\S*/gi;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Secrets the run has learnt (options, flags); see `rememberSecrets`. */
const remembered = new Set<string>();

/** `postgresql://user:secret@host/db?sslpassword=x` -> `postgresql://user:***@host/db?sslpassword=***`, in any text. */
export function redactUrl(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_TOKEN, (token) => {
    let out = '';
    let at = 0;
    for (const [start, end] of secretSpans(token)) {
      out += token.slice(at, start) + MASK;
      at = end;
    }
    return out + token.slice(at);
  });
}

/** The secrets a URL carries where `redactUrl` hides them (as written, percent-encoded or not). */
export function secretsInUrl(url: string | null | undefined): string[] {
  if (!url) return [];
  return [...url.matchAll(URL_TOKEN)].flatMap(([token]) => secretSpans(token).map(([start, end]) => token.slice(start, end)));
}

/** Every secret an environment holds: PGPASSWORD, API keys, and the secrets inside DATABASE_URL and friends. */
export function secretsOfEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return [...SECRET_VARIABLES.map((name) => env[name] ?? ''), ...URL_VARIABLES.flatMap((name) => secretsInUrl(env[name]))].filter(Boolean);
}

/** Tells the redactor secrets the run learnt from its options; every later message is cleaned of them. */
export function rememberSecrets(secrets: Iterable<string | null | undefined>): void {
  for (const secret of secrets) if (secret) remembered.add(secret);
}

/** Hides URL credentials, every remembered secret, every secret of the environment, and `secrets`. */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  return runRedactor(secrets).redact(text);
}

/** `value` with every string in it (deeply) redacted, for a report about to be printed or written. */
export function redactDeep<T>(value: T, secrets: readonly (string | null | undefined)[] = []): T {
  const redactor = runRedactor(secrets);
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return redactor.redact(node);
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item)]));
    return node;
  };
  return visit(value) as T;
}

function runRedactor(secrets: readonly (string | null | undefined)[]): Redactor {
  return new Redactor([...secrets, ...remembered, ...secretsOfEnv(process.env)]);
}

/**
 * Replaces known secret values by `***`. Each secret is also looked for percent-encoded, percent-decoded and
 * JSON-escaped. An occurrence counts where it stands as a value of its own: a letter or digit next to it means
 * it is part of a longer word (a one-character password "e" must not turn every "e" of a report into "***").
 */
export class Redactor {
  private readonly pattern: RegExp | null;

  constructor(secrets: Iterable<string | null | undefined>) {
    const variants = new Set<string>();
    for (const secret of secrets) if (secret) for (const variant of variantsOf(secret)) variants.add(variant);
    const sorted = [...variants].filter((variant) => variant.length > 0).sort((a, b) => b.length - a.length);
    this.pattern = sorted.length > 0 ? new RegExp(sorted.map(standalone).join('|'), 'gu') : null;
  }

  redact(text: string): string {
    return redactUrl(this.pattern ? text.replace(this.pattern, MASK) : text);
  }
}

/**
 * The spellings a secret can reach an output in: as given, percent-decoded, trimmed (an HTTP header), encoded as
 * encodeURIComponent, as URL parsers re-encode it (`'` becomes `%27`), with lower-case hex, `+` for space, and
 * JSON-escaped.
 */
function variantsOf(secret: string): string[] {
  const plain = [secret, decodePercent(secret), secret.trim()];
  const encoded = plain.flatMap((text) => {
    const once = encodeOrNull(text);
    return once === null ? [] : [once, once.replace(/%20/g, '+')];
  });
  const spelled = [...plain, ...encoded].flatMap((text) => [text, strictEncode(text)]);
  return [
    ...spelled,
    ...spelled.map((text) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())),
    ...plain.map((text) => JSON.stringify(text).slice(1, -1)),
  ];
}

/** `!'()*` percent-encoded too, as WHATWG URL parsing does in a query. */
function strictEncode(text: string): string {
  return text.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A regex alternative matching `value` where no letter or digit touches it. */
function standalone(value: string): string {
  const escaped = value.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const chars = [...value];
  const before = WORD_CHAR.test(chars[0] ?? '') ? '(?<![\\p{L}\\p{N}])' : '';
  const after = WORD_CHAR.test(chars[chars.length - 1] ?? '') ? '(?![\\p{L}\\p{N}])' : '';
  return `${before}${escaped}${after}`;
}

/**
 * Where a URL token holds secrets: the password of its userinfo (up to the last `@` before the query, so a raw
 * `@` or `/` inside a password is covered too) and the values of secret-bearing query or fragment parameters.
 */
function secretSpans(token: string): [number, number][] {
  const spans: [number, number][] = [];
  const start = token.indexOf('://') + 3;
  const queryAt = firstOf(token, '?#', start);
  const userinfoEnd = token.lastIndexOf('@', queryAt - 1);
  if (userinfoEnd >= start) {
    const colon = token.indexOf(':', start);
    if (colon >= 0 && colon < userinfoEnd) spans.push([colon + 1, userinfoEnd]);
  }
  const parameter = /([?&#;])([^=&#;]*)=([^&#;]*)/g;
  parameter.lastIndex = queryAt;
  for (let match = parameter.exec(token); match; match = parameter.exec(token)) {
    const [whole, separator, name, value] = match as unknown as [string, string, string, string];
    if (value.length > 0 && isSecretParameter(name)) {
      const valueStart = match.index + separator.length + name.length + 1;
      spans.push([valueStart, match.index + whole.length]);
    }
  }
  return spans;
}

/** True for a query parameter name (as written in a URL, possibly percent-encoded) whose value is a secret. */
export function isSecretParameter(name: string): boolean {
  return SECRET_PARAMETERS.has(decodePercent(name.replace(/\+/g, ' ')).trim().toLowerCase());
}

function firstOf(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text.charAt(i))) return i;
  return text.length;
}

/** Percent-decoding that never throws: a malformed sequence is left as it is. */
export function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** encodeURIComponent throws on a lone surrogate: such a secret is looked for as written only. */
function encodeOrNull(text: string): string | null {
  try {
    return encodeURIComponent(text);
  } catch {
    return null;
  }
}
