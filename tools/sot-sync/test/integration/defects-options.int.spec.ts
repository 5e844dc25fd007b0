// Options and deadlines through the real CLI (issue 11): long --max-seconds values work (D6), malformed
// percent-encoding in a URL is a usage error naming the part (D9), "." and ".." are no collection names (D16), and
// a Qdrant request that hangs until the deadline says it got no answer (D17).
import { UsageError } from '../../src/errors';
import { Deadline } from '../../src/runtime/deadline';
import { QdrantHttp } from '../../src/targets/qdrant/qdrant-http';
import { describePostgres, freshSchema, PG_TEST_URL, type TestSchema } from '../support/postgres';
import { startQdrantTestServer } from '../support/qdrant/qdrant-test-server';
import { runCli, startCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
beforeEach(() => (ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3) })));
afterEach(() => ws.cleanup());

describe('D6: a --max-seconds past the 24.8-day timer limit', () => {
  it.each(['2147484', '2592000', '31536000'])('--max-seconds %s: the SQLite sync runs to its end, without TimeoutOverflowWarning', (seconds) => {
    const run = runCli(['--db-only', '--execute', '--max-seconds', seconds], ws.root);
    expect(run.stderr).not.toMatch(/TimeoutOverflowWarning/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/db: 3 inserted/);
  });

  it('refuses a value past the range the schema states (365 days), naming it', () => {
    const run = runCli(['--db-only', '--execute', '--max-seconds', '31536001'], ws.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"maxSeconds" \(--max-seconds\) must be <= 31536000/);
  });

  describePostgres('on PostgreSQL', () => {
    let pg: TestSchema;
    beforeEach(async () => (pg = await freshSchema()));
    afterEach(() => pg.drop());

    it('--max-seconds 2592000 commits instead of exiting 3 at once', () => {
      const run = runCli(
        ['--db-only', '--execute', '--max-seconds', '2592000', '--lock-timeout', '3000000', '--database-url', `${PG_TEST_URL}?schema=${pg.schema}`],
        ws.root,
      );
      expect(run.stderr).not.toMatch(/TimeoutOverflowWarning/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/db: 3 inserted/);
    });
  });
});

describe('D9: malformed percent-encoding in a URL is a usage error naming the part', () => {
  it.each([
    [
      '?schema=%E0%A4%A',
      ['--database-url', 'postgresql://postgres@127.0.0.1:5432/test?schema=%E0%A4%A'],
      {},
      /"databaseUrl" \(--database-url\): the parameter "schema" \("%E0%A4%A"\) is not valid percent-encoding/,
    ],
    [
      'a SQLite path',
      ['--database-url', 'sqlite:///index%2.db'],
      {},
      /"databaseUrl" \(--database-url\): the host or path \("\/index%2\.db"\) is not valid percent-encoding/,
    ],
    [
      'a password in DATABASE_URL (not shown)',
      [],
      { DATABASE_URL: 'postgresql://u:pw%ZZsecret@127.0.0.1/test' },
      /^sot-sync: DATABASE_URL: the password is not valid percent-encoding/m,
    ],
  ])('%s', (_label, args, env, message) => {
    const run = runCli(['--db-only', '--execute', ...args], ws.root, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/URI malformed|unexpected error|secret/);
  });
});

describe('D16: "." and ".." are refused as collection names', () => {
  it.each(['.', '..'])('--qdrant-collection %s: a usage error before any request', (name) => {
    const run = runCli(['--qdrant-only', '--execute', '--qdrant-host', 'http://127.0.0.1:9', '--qdrant-collection', name], ws.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`"qdrantCollection" (--qdrant-collection) must be a collection name, not "${name}"`);
  });

  it('the same from sot-sync.config.json', () => {
    ws.write('sot-sync.config.json', JSON.stringify({ qdrantCollection: '..' }));
    const run = runCli(['--qdrant-only', '--execute', '--qdrant-host', 'http://127.0.0.1:9'], ws.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"qdrantCollection" in sot-sync.config.json must be a collection name, not ".."');
  });

  it.each(['/collections/../exists', '/collections/./points', '/collections/%2E%2e'])(
    'the Qdrant gateway sends no request for the dot segment in %s',
    async (requestPath) => {
      const server = await startQdrantTestServer();
      const deadline = new Deadline(5);
      try {
        await expect(new QdrantHttp(server.url, undefined).call('GET', requestPath, deadline)).rejects.toBeInstanceOf(UsageError);
        expect(server.requests).toEqual([]);
      } finally {
        deadline.dispose();
        await server.close();
      }
    },
  );
});

describe('D17: a Qdrant that never answers', () => {
  it('exits 3 saying the request got no answer before the time limit, not that it was asked to retry', async () => {
    const server = await startQdrantTestServer();
    server.faults.delay(60_000);
    try {
      const started = Date.now();
      const result = await startCli(['--qdrant-only', '--execute', '--qdrant-host', server.url, '--max-seconds', '1'], ws.root).done;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(
        /^error: Qdrant at http:\/\/127\.0\.0\.1:\d+ \(GET \/collections\/autopack_sot_docs\/exists\) got no answer before the time limit of 1s \(--max-seconds\)/m,
      );
      expect(result.stdout).not.toMatch(/asked to retry/);
    } finally {
      await server.close();
    }
  });
});
