// Turns driver and socket errors into ConnectionError messages that name the server and the fix, with secrets removed.
import { ConnectionError } from '../../errors';
import { redactSecrets } from '../../runtime/redact';

/** What pg resolved from the URL, PG* variables and defaults; `secrets` are removed from every message. */
export interface ConnectionFacts {
  host: string;
  port: number;
  database: string;
  user: string;
  secrets: (string | undefined)[];
}

interface DriverError {
  code?: string;
  message: string;
}

interface Rule {
  matches: (error: DriverError) => boolean;
  explain: (facts: ConnectionFacts, where: string) => string;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|EPROTO$|UNABLE_TO_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;
const UNREACHABLE_CODES = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

/** First match wins; order runs from the most specific (SQLSTATE) to the most generic (socket closed). */
const RULES: Rule[] = [
  {
    matches: (e) => e.code === '3D000',
    explain: (f, where) =>
      `database "${f.database}" does not exist at ${where}: create it with createdb ${f.database} or fix the database name in --database-url`,
  },
  {
    matches: (e) => e.code === '28P01' || /password must be a string|no password/i.test(e.message),
    explain: (f, where) => `password authentication failed for user ${f.user} at ${where}: check the password in DATABASE_URL (or PGPASSWORD / ~/.pgpass)`,
  },
  {
    matches: (e) => e.code === '28000' || e.code?.startsWith('28') === true,
    explain: (f, where) => `the server at ${where} rejected user ${f.user}: check the user name in --database-url and the server's pg_hba.conf`,
  },
  {
    matches: (e) => TLS_CODES.test(e.code ?? '') || (!isSqlState(e.code) && /SSL|TLS|certificate/i.test(e.message)),
    explain: (_f, where) =>
      `TLS negotiation with ${where} failed: check sslmode / sslrootcert in --database-url (e.g. ?sslmode=require, or sslmode=disable for a local server)`,
  },
  {
    matches: (e) => e.code === 'ECONNREFUSED' || e.code === 'ENOENT',
    explain: (_f, where) => `connection refused: is PostgreSQL running at ${where}? start it or fix --database-url`,
  },
  {
    matches: (e) => e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN',
    explain: (f) => `host "${f.host}" not found: check the host name in --database-url`,
  },
  {
    matches: (e) => (e.code !== undefined && UNREACHABLE_CODES.has(e.code)) || /timeout expired/i.test(e.message),
    explain: (_f, where) => `no answer from ${where}: check the host and port in --database-url and that a firewall lets you reach it`,
  },
  {
    matches: (e) => ['53300', '57P01', '57P02', '57P03'].includes(e.code ?? '') || e.code?.startsWith('08') === true,
    explain: (_f, where) => `the server at ${where} is not accepting connections right now: try again, or ask its administrator`,
  },
  {
    matches: (e) => ['ECONNRESET', 'EPIPE'].includes(e.code ?? '') || (!isSqlState(e.code) && /Connection terminated/i.test(e.message)),
    explain: (_f, where) => `the connection to ${where} was closed: check that the server is up and that --database-url points at PostgreSQL`,
  },
  {
    // Anything else the server says (a trigger, a permission, a full disk): the transaction is rolled back.
    matches: (e) => isSqlState(e.code),
    explain: (_f, where) => `the server at ${where} rejected the write, so the transaction was rolled back and nothing was written`,
  },
];

/** Passwords a connection URL carries, in the userinfo or as `?password=`, raw and percent-decoded. */
export function urlSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    const raw = [parsed.password, parsed.searchParams.get('password') ?? ''];
    return [...raw, ...raw.map((secret) => decodeURIComponent(secret))].filter((secret) => secret.length > 0);
  } catch {
    // Not a WHATWG-parsable URL (or bad percent-encoding): pg's own parse still supplies the password.
    return [];
  }
}

/** Server-side errors carry a five-character SQLSTATE; socket and TLS errors carry Node codes or none. */
function isSqlState(code: string | undefined): boolean {
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code);
}

/** `host:port/database`, or the socket path for a Unix-domain connection. */
export function describeServer(facts: ConnectionFacts): string {
  const server = facts.host.startsWith('/') ? `${facts.host}/.s.PGSQL.${facts.port}` : `${facts.host}:${facts.port}`;
  return `${server}/${facts.database}`;
}

/** A ConnectionError (exit 2) for connection failures and server-side errors; anything else (a bug) is returned as is. */
export function translatePgError(error: unknown, facts: ConnectionFacts): unknown {
  // Duck-typed, not `instanceof Error`: socket errors may come from another realm (jest's vm) and must still translate.
  if (typeof error !== 'object' || error === null || typeof (error as DriverError).message !== 'string') return error;
  const driver = error as DriverError;
  const rule = RULES.find((candidate) => candidate.matches(driver));
  if (!rule) return error;
  const text = `cannot use PostgreSQL: ${rule.explain(facts, describeServer(facts))} (${driver.message || driver.code})`;
  return new ConnectionError(redactSecrets(text, facts.secrets), { cause: error });
}
