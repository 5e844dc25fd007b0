// Pure: finds the part of a URL whose percent-encoding cannot be decoded, so a bad URL is a usage error that names
// the part (issue 11, D9) instead of a URIError deep in a driver. Never echoes a secret-bearing part.
import { isSecretParameter } from './redact';

/** What is wrong and where, in words: `the parameter "schema" ("%E0%A4%A")`, or `the password` (never shown). */
export interface MalformedPart {
  part: string;
}

/**
 * The first part of `url` (user, password, path, each query parameter name and value, fragment) that is not valid
 * percent-encoding (a `%` without two hex digits, or bytes that are not UTF-8), or null when every part decodes.
 */
export function findMalformedPercentEncoding(url: string): MalformedPart | null {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  const [beforeFragment = '', fragment] = splitOnce(rest, '#');
  const [beforeQuery = '', query] = splitOnce(beforeFragment, '?');
  const at = beforeQuery.lastIndexOf('@');
  if (at >= 0) {
    const [user = '', password] = splitOnce(beforeQuery.slice(0, at), ':');
    if (!decodes(user)) return { part: 'the user name' };
    if (password !== undefined && !decodes(password)) return { part: 'the password' };
  }
  if (!decodes(beforeQuery.slice(at + 1))) return { part: `the host or path ("${beforeQuery.slice(at + 1)}")` };
  for (const pair of query === undefined ? [] : query.split('&')) {
    const [name = '', value = ''] = splitOnce(pair, '=');
    if (!decodes(name)) return { part: `a parameter name ("${name}")` };
    if (!decodes(value)) return { part: isSecretParameter(name) ? `the parameter "${name}"` : `the parameter "${name}" ("${value}")` };
  }
  if (fragment !== undefined && !decodes(fragment)) return { part: 'the fragment (after #)' };
  return null;
}

/** decodeURIComponent, or null for malformed percent-encoding (where it would throw URIError). */
export function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function decodes(text: string): boolean {
  return decodeOrNull(text) !== null;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}
