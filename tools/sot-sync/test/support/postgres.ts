// The test PostgreSQL server: finding it (skip locally, fail under CI) and giving each test its own fresh schema.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { redactUrl } from '../../src/runtime/redact';

export const PG_TEST_URL = process.env['SOT_SYNC_TEST_PG_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * Probes the server from a child process, synchronously, because jest must know whether to skip a suite while it
 * collects tests, before any async hook can run.
 */
function probe(url: string): string | null {
  const script = `const { Client } = require(${JSON.stringify(require.resolve('pg'))});
    const c = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, PROBE_URL: url }, timeout: 8000, encoding: 'utf8' });
  return result.status === 0 ? null : (result.stderr || 'no answer').trim();
}

let probed: { problem: string | null; warned: boolean } | undefined;

/** `describe` when the server answers; otherwise one loud line and a skip, or a failing suite under CI=true. */
export function describePostgres(title: string, body: () => void): void {
  probed ??= { problem: probe(PG_TEST_URL), warned: false };
  const { problem } = probed;
  if (problem === null) {
    describe(title, body);
  } else if (process.env['CI'] === 'true') {
    describe(title, () => {
      it('needs PostgreSQL under CI', () => {
        throw new Error(`PostgreSQL is required under CI=true but ${redactUrl(PG_TEST_URL)} is unreachable: ${problem}`);
      });
    });
  } else {
    if (!probed.warned) console.warn(`!!! SKIPPING PostgreSQL suites: ${redactUrl(PG_TEST_URL)} is unreachable (${problem}); set SOT_SYNC_TEST_PG_URL`);
    probed.warned = true;
    describe.skip(title, body);
  }
}

/** A schema of its own for one test, and an admin connection to look at it directly. */
export interface TestSchema {
  schema: string;
  admin: Client;
  drop(): Promise<void>;
}

export async function freshSchema(): Promise<TestSchema> {
  const schema = `sot_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  return {
    schema,
    admin,
    async drop() {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** The test URL with parts replaced, e.g. a password, a port or a database that does not exist. */
export function testUrlWith(change: { password?: string; port?: number; database?: string; host?: string }): string {
  const url = new URL(PG_TEST_URL);
  if (change.password !== undefined) url.password = change.password;
  if (change.port !== undefined) url.port = String(change.port);
  if (change.host !== undefined) url.hostname = change.host;
  if (change.database !== undefined) url.pathname = `/${change.database}`;
  return url.toString();
}
