// Unit checks of the error wording for failures the local trust-auth server cannot produce (bad password, DNS, TLS).
import { ConnectionError } from '../../errors';
import { translatePgError, type ConnectionFacts } from './translate-pg-error';

const SECRET = 'hunter2-Secret';
const facts: ConnectionFacts = { host: 'db.example.com', port: 5433, database: 'ledgers', user: 'sync', secrets: [SECRET] };

function driverError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

function translated(error: Error): ConnectionError {
  const result = translatePgError(error, facts);
  expect(result).toBeInstanceOf(ConnectionError);
  return result as ConnectionError;
}

describe('translatePgError', () => {
  it('points a failed password at DATABASE_URL and never repeats the password', () => {
    const error = translated(driverError(`password authentication failed for user "sync" (tried ${SECRET})`, '28P01'));
    expect(error.message).toContain('password authentication failed for user sync at db.example.com:5433/ledgers');
    expect(error.message).toContain('check the password in DATABASE_URL');
    expect(String(error)).not.toContain(SECRET);
    expect(error.exitCode).toBe(2);
  });

  it('removes credentials from any URL quoted by the driver', () => {
    const error = translated(driverError(`connect ECONNREFUSED postgresql://sync:${SECRET}@db.example.com:5433`, 'ECONNREFUSED'));
    expect(error.message).toContain('is PostgreSQL running at db.example.com:5433/ledgers? start it or fix --database-url');
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND db.example.com', /host "db.example.com" not found/],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH', /no answer from db.example.com:5433\/ledgers/],
    [undefined, 'timeout expired', /no answer from/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', /TLS negotiation with .* failed: check sslmode/],
    ['3D000', 'database "ledgers" does not exist', /createdb ledgers/],
    ['28000', 'no pg_hba.conf entry for host', /pg_hba.conf/],
    ['57P03', 'the database system is starting up', /not accepting connections/],
    [undefined, 'Connection terminated unexpectedly', /was closed/],
  ])('explains %s (%s)', (code, message, expected) => {
    const error = translated(driverError(message, code));
    expect(error.message).toMatch(expected);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('reports a statement the server rejected as a rolled-back write (exit 2), keeping the server text', () => {
    const statementError = driverError('permission denied for table sot_entries', '42501');
    const error = translatePgError(statementError, facts) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/rejected the write, so the transaction was rolled back.*permission denied for table sot_entries/);
  });

  it("leaves errors that are not the driver's alone: they are bugs", () => {
    const bug = new TypeError('cannot read properties of undefined');
    expect(translatePgError(bug, facts)).toBe(bug);
  });

  it('describes a Unix-domain socket by its path', () => {
    const error = translatePgError(driverError('connect ENOENT', 'ENOENT'), { ...facts, host: '/var/run/postgresql' });
    expect((error as Error).message).toContain('/var/run/postgresql/.s.PGSQL.5433/ledgers');
  });
});
