// One pg connection whose every wait honours the run's deadline. Owns connect, query, transactions and teardown.
import { Client, type ClientConfig, type QueryResultRow } from 'pg';
import { ConnectionError, SotSyncError } from '../../errors';
import type { Deadline } from '../../runtime/deadline';
import { describeServer, translatePgError, urlSecrets, type ConnectionFacts } from './translate-pg-error';

/** Upper bound for the TCP + startup handshake, so an unreachable host fails as a connection error, not a timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const CONNECTION_CHECK_SQL = `SELECT set_config('client_connection_check_interval', '1000', false)
  WHERE current_setting('server_version_num')::int >= 140000`;

/** When pg's own connect timer fires this close to the deadline, the deadline is the honest reason. */
const DEADLINE_SLACK_MS = 100;

export class PgSession {
  private client: Client | undefined;
  private lastError: unknown;

  private constructor(readonly facts: ConnectionFacts) {}

  /** Connects within min(connectTimeoutMs, remaining time); a deadline that passes first wins. */
  static async connect(url: string, deadline: Deadline, connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): Promise<PgSession> {
    deadline.check();
    const config: ClientConfig = {
      connectionString: url,
      connectionTimeoutMillis: Math.max(1, Math.min(connectTimeoutMs, deadline.remainingMs())),
      application_name: 'sot-sync',
    };
    const client = newClient(config);
    const session = new PgSession(factsOf(client, url));
    // Without a listener a dropped socket would be an uncaught 'error' event and crash the run.
    client.on('error', (error) => {
      session.lastError = error;
    });
    session.client = client;
    try {
      await deadline.race(client.connect());
      // PostgreSQL 14+ then notices a dropped client even while it waits on a lock, and rolls back at once.
      await session.query(deadline, CONNECTION_CHECK_SQL);
    } catch (error) {
      session.destroy();
      throw await session.explain(error, deadline);
    }
    return session;
  }

  /** Runs one statement raced against the deadline; when the deadline wins, the connection is destroyed. */
  async query<R extends QueryResultRow>(deadline: Deadline, sql: string, params: unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
    const client = this.requireClient();
    try {
      const result = await deadline.race(client.query<R>(sql, params));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw await this.explain(error, deadline);
    }
  }

  /** BEGIN … COMMIT around `work`; any throw rolls back (or, after a deadline, drops the connection). */
  async transaction<T>(deadline: Deadline, work: () => Promise<T>): Promise<T> {
    await this.query(deadline, 'BEGIN');
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.rollbackQuietly(deadline);
      throw error;
    }
    await this.commit(deadline);
    return result;
  }

  /**
   * COMMIT, whose outcome is unknown when its reply never comes: the server may have committed before the connection
   * or the time ran out. Then the error says so, keeps its exit code, and never claims a rollback (D12).
   */
  private async commit(deadline: Deadline): Promise<void> {
    try {
      await this.query(deadline, 'COMMIT');
    } catch (error) {
      this.destroy();
      // A COMMIT the server answered with an error (a deferred constraint, a serialization failure) did roll back.
      if (isServerError(error) || !(error instanceof SotSyncError)) throw error;
      throw commitOutcomeUnknown(error, describeServer(this.facts));
    }
  }

  /** Kills the socket at once: the server sees the disconnect and rolls back any open transaction. */
  destroy(): void {
    const client = this.client;
    this.client = undefined;
    client?.connection.stream.destroy();
  }

  async end(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A polite Terminate; a server that never answers must not hold close() up, so the socket goes after 1 s.
    const timer = setTimeout(() => client.connection.stream.destroy(), 1000);
    timer.unref();
    await client.end().catch(() => undefined);
    clearTimeout(timer);
  }

  get isOpen(): boolean {
    return this.client !== undefined;
  }

  private async rollbackQuietly(deadline: Deadline): Promise<void> {
    if (!this.client || deadline.signal.aborted) return this.destroy();
    await this.query(deadline, 'ROLLBACK').catch(() => this.destroy());
  }

  private requireClient(): Client {
    if (!this.client) {
      throw translatePgError(this.lastError ?? new Error('Connection terminated'), this.facts);
    }
    return this.client;
  }

  /** Deadline reasons pass through untouched (after dropping the connection); driver errors become ConnectionError. */
  private async explain(error: unknown, deadline: Deadline): Promise<unknown> {
    if (!deadline.signal.aborted && deadline.remainingMs() <= DEADLINE_SLACK_MS) {
      await deadline.sleep(deadline.remainingMs() + DEADLINE_SLACK_MS).catch(() => undefined);
    }
    if (deadline.signal.aborted) {
      this.destroy();
      return deadline.signal.reason;
    }
    const translated = translatePgError(error, this.facts);
    if (translated !== error) this.destroy();
    return translated;
  }
}

/**
 * pg reads the files named by sslcert, sslkey and sslrootcert while it parses the URL, and its error names the path,
 * which may itself be a secret (issue 11, D4): a file it cannot read is a connection error (exit 2) saying which
 * parameters to check, without the path (D8).
 */
function newClient(config: ClientConfig): Client {
  try {
    return new Client(config);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    throw new ConnectionError(
      `cannot use PostgreSQL: a file named by sslcert, sslkey or sslrootcert in --database-url cannot be read (${code}); check those parameters`,
      { cause: error },
    );
  }
}

/** pg has already merged the URL with PG* variables and defaults: read the result for messages. */
function factsOf(client: Client, url: string): ConnectionFacts {
  const password = typeof client.password === 'string' ? client.password : undefined;
  const secrets = [password, process.env['PGPASSWORD'], ...urlSecrets(url)];
  return { host: client.host, port: client.port, database: client.database ?? '', user: client.user ?? '', secrets };
}

/** True for an error the server sent (a SQLSTATE came back): the server did answer, and a failed COMMIT rolled back. */
function isServerError(error: unknown): boolean {
  const cause = error instanceof SotSyncError ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57P');
}

/** The error of a COMMIT that got no reply: same exit code as the failure (3 deadline, 2 connection, 130/143 signal). */
function commitOutcomeUnknown(error: SotSyncError, server: string): SotSyncError {
  const why = error.message.replace(/[:;] (the run stopped and )?any open transaction was rolled back$/, '');
  return new SotSyncError(
    `COMMIT was sent to ${server} but its reply never came (${why}): the transaction may or may not have been committed; ` +
      'run the same command with --verify to see whether the table holds the ledgers',
    error.exitCode,
    { cause: error },
  );
}
