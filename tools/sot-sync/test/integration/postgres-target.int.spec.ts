// PostgresTarget against the real server: each test in its own schema, plans written by hand, no mocks of pg.
import { createServer, type Server, type Socket } from 'node:net';
import { ConnectionError, DeadlineExceededError, UsageError } from '../../src/errors';
import type { Operation } from '../../src/engine/plan-types';
import { storedMetadata } from '../../src/ledger/entry-provenance';
import type { LedgerEntry } from '../../src/ledger/types';
import { Deadline } from '../../src/runtime/deadline';
import type { PlanBuilder, TargetContext } from '../../src/targets/target';
import { PostgresTarget } from '../../src/targets/postgres/postgres-target';
import { projectLockKey } from '../../src/targets/postgres/advisory-lock-keys';
import { POSTGRES_SCHEMA_VERSION } from '../../src/targets/postgres/schema-sql';
import { aPlan, anEntry, inserts, manyEntries } from '../support/entries';
import { describePostgres, freshSchema, PG_TEST_URL, testUrlWith, type TestSchema } from '../support/postgres';

const NOW = '2026-02-01T10:00:00.000Z';
const LATER = '2026-02-02T11:00:00.000Z';

/** The tiny planner of these tests: insert what is new, update what changed, delete what the ledger lost. */
function diffPlan(projectId: string, entries: readonly LedgerEntry[]): PlanBuilder {
  return (snapshot) => {
    const held = new Map(snapshot.rows.map((row) => [`${row.fileType}\t${row.entryId}`, row.contentHash]));
    const ops: Operation[] = [];
    for (const entry of entries) {
      const key = `${entry.fileType}\t${entry.entryId}`;
      const previousHash = held.get(key);
      if (previousHash === undefined) ops.push({ kind: 'insert', entry });
      else if (previousHash !== entry.contentHash) ops.push({ kind: 'update', entry, previousHash });
      held.delete(key);
    }
    for (const key of held.keys()) {
      const [fileType = '', entryId = ''] = key.split('\t');
      ops.push({ kind: 'delete', fileType, entryId });
    }
    return aPlan(projectId, ops, entries.length - ops.filter((op) => op.kind !== 'delete').length);
  };
}

describePostgres('PostgresTarget (integration)', () => {
  let db: TestSchema;
  let deadline: Deadline;
  let opened: PostgresTarget[];

  beforeEach(async () => {
    db = await freshSchema();
    deadline = new Deadline(30);
    opened = [];
  });

  afterEach(async () => {
    await Promise.all(opened.map((target) => target.close()));
    deadline.dispose();
    await db.drop();
  });

  const ctx = (now = NOW, runDeadline = deadline): TargetContext => ({ deadline: runDeadline, now });
  const target = (options: { url?: string; table?: string } = {}): PostgresTarget => {
    const created = new PostgresTarget({ url: options.url ?? PG_TEST_URL, schema: db.schema, table: options.table });
    opened.push(created);
    return created;
  };
  const table = (): string => `"${db.schema}".sot_entries`;
  const rowsOf = async (projectId: string) =>
    (
      await db.admin.query<{
        entry_id: string;
        content_hash: string;
        xmin: string;
        updated_at: Date;
        created_at: Date | null;
        metadata: unknown;
        content: string;
      }>(
        `SELECT entry_id, content_hash, xmin::text AS xmin, updated_at, created_at, metadata, content
         FROM ${table()} WHERE project_id = $1 ORDER BY file_type, entry_id`,
        [projectId],
      )
    ).rows;
  const metaRow = async (key: string) =>
    (await db.admin.query<{ value: string; xmin: string }>(`SELECT value, xmin::text AS xmin FROM "${db.schema}".sot_sync_meta WHERE key = $1`, [key])).rows[0];

  const three = [
    anEntry({ entryId: 'DEC-001' }),
    anEntry({ entryId: 'DEC-002', createdAt: '2025-12-28T18:30' }),
    anEntry({ entryId: 'DEC-003', createdAt: null, metadata: { source: 'index', line: 9, status: 'Accepted' } }),
  ];

  it('first sync inserts every entry with UTC dates, JSONB metadata, updated_at = now and a last_sync record', async () => {
    const pg = target();
    const plan = aPlan('p1', inserts(three));
    await expect(pg.sync('p1', () => plan, ctx())).resolves.toBe(plan);

    const rows = await rowsOf('p1');
    expect(rows.map((row) => row.entry_id)).toEqual(['DEC-001', 'DEC-002', 'DEC-003']);
    expect(rows.map((row) => row.created_at?.toISOString() ?? null)).toEqual(['2026-01-08T00:00:00.000Z', '2025-12-28T18:30:00.000Z', null]);
    expect(rows[2]?.metadata).toEqual(storedMetadata(three[2] as LedgerEntry));
    expect(rows[2]?.metadata).toMatchObject({ source: 'index', line: 9, status: 'Accepted', file: 'docs/ARCHITECTURE_DECISIONS.md', lineStart: 1 });
    expect(rows.every((row) => row.updated_at.toISOString() === NOW)).toBe(true);
    expect((await metaRow('schema_version'))?.value).toBe(String(POSTGRES_SCHEMA_VERSION));
    const lastSync = JSON.parse((await metaRow('last_sync:p1'))?.value ?? 'null');
    expect(lastSync).toEqual({ at: NOW, counts: plan.counts, fingerprint: await pg.readFingerprint('p1', ctx()) });
  });

  it('indexes a new table once per purpose: the unique key, and the (key) INCLUDE (content_hash) index', async () => {
    await target().sync('p1', () => aPlan('p1', inserts(three)), ctx());
    const { rows } = await db.admin.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname', [
      db.schema,
      'sot_entries',
    ]);
    const keyed = rows.map((row) => row.indexdef.replace(/^.* USING btree /, '')).filter((def) => def.startsWith('(project_id, file_type, entry_id)'));
    expect(keyed.sort()).toEqual(['(project_id, file_type, entry_id)', '(project_id, file_type, entry_id) INCLUDE (content_hash)']);
  });

  it('a zero-operation resync writes nothing: same xmin, same updated_at, meta untouched', async () => {
    await target().sync('p1', diffPlan('p1', three), ctx());
    const before = await rowsOf('p1');
    const metaBefore = await metaRow('last_sync:p1');

    const again = target();
    const plan = await again.sync('p1', diffPlan('p1', three), ctx(LATER));
    expect(plan.operations).toEqual([]);
    expect(plan.counts).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 3 });
    expect(await rowsOf('p1')).toEqual(before);
    expect(await metaRow('last_sync:p1')).toEqual(metaBefore);
  });

  it('updates and deletes exactly what the plan says and leaves other rows and projects alone', async () => {
    const pg = target();
    await pg.sync('p1', () => aPlan('p1', inserts(three)), ctx());
    await pg.sync('p2', () => aPlan('p2', inserts(three)), ctx());
    const p2Before = await rowsOf('p2');
    const first = (await rowsOf('p1'))[0];

    const changed = anEntry({ entryId: 'DEC-002', content: 'rewritten' });
    const plan = aPlan('p1', [
      { kind: 'update', entry: changed, previousHash: three[1]?.contentHash ?? '' },
      { kind: 'delete', fileType: 'architecture', entryId: 'DEC-003' },
    ]);
    await pg.sync('p1', () => plan, ctx(LATER));

    const after = await rowsOf('p1');
    expect(after).toHaveLength(3 + plan.counts.inserted - plan.counts.deleted);
    expect(after[0]).toEqual(first);
    expect(after[1]).toMatchObject({ entry_id: 'DEC-002', content: 'rewritten', content_hash: changed.contentHash });
    expect(after[1]?.updated_at.toISOString()).toBe(LATER);
    expect(await rowsOf('p2')).toEqual(p2Before);
  });

  it('rolls everything back when the plan builder throws or a write fails halfway', async () => {
    const pg = target();
    await pg.sync('p1', () => aPlan('p1', inserts(three)), ctx());
    const before = await rowsOf('p1');
    const metaBefore = await metaRow('last_sync:p1');

    const refused = new Error('mass delete refused');
    await expect(
      pg.sync(
        'p1',
        () => {
          throw refused;
        },
        ctx(LATER),
      ),
    ).rejects.toBe(refused);

    const halfway = aPlan('p1', [
      { kind: 'delete', fileType: 'architecture', entryId: 'DEC-001' },
      { kind: 'insert', entry: anEntry({ entryId: 'DEC-009', createdAt: '2026-13-45' }) },
    ]);
    await expect(pg.sync('p1', () => halfway, ctx(LATER))).rejects.toThrow(/date|time|range/i);

    expect(await rowsOf('p1')).toEqual(before);
    expect(await metaRow('last_sync:p1')).toEqual(metaBefore);
    await expect(pg.sync('p1', diffPlan('p1', three), ctx(LATER))).resolves.toMatchObject({ operations: [] });
  });

  it.each([2, 10])('%i concurrent syncs of one project end with one row per key and no errors', async (count) => {
    const entries = manyEntries(200);
    const contenders = Array.from({ length: count }, () => target());
    const plans = await Promise.all(contenders.map((pg) => pg.sync('p1', diffPlan('p1', entries), ctx())));

    expect(plans.reduce((sum, plan) => sum + plan.counts.inserted, 0)).toBe(entries.length);
    expect(plans.filter((plan) => plan.operations.length > 0)).toHaveLength(1);
    const { rows } = await db.admin.query<{ total: string; keys: string }>(
      `SELECT count(*) AS total, count(DISTINCT (file_type, entry_id)) AS keys FROM ${table()} WHERE project_id = 'p1'`,
    );
    expect(rows[0]).toEqual({ total: '200', keys: '200' });
  });

  it('queues concurrent calls on one instance instead of interleaving their transactions', async () => {
    const pg = target();
    const entries = manyEntries(50);
    const plans = await Promise.all(Array.from({ length: 5 }, () => pg.sync('p1', diffPlan('p1', entries), ctx())));
    expect(plans.map((plan) => plan.counts.inserted)).toEqual([50, 0, 0, 0, 0]);
  });

  it('fingerprints the rows it holds: null when empty, changed by an edit or a wipe', async () => {
    const pg = target();
    expect(await pg.readFingerprint('p1', ctx())).toBeNull();
    await pg.sync('p1', () => aPlan('p1', inserts(three)), ctx());
    const synced = await pg.readFingerprint('p1', ctx());
    expect(synced).toMatch(/^[0-9a-f]{16}$/);

    await db.admin.query(`UPDATE ${table()} SET content_hash = 'edited' WHERE entry_id = 'DEC-002'`);
    const edited = await pg.readFingerprint('p1', ctx());
    expect(edited).not.toBe(synced);
    await db.admin.query(`DELETE FROM ${table()}`);
    expect(await pg.readFingerprint('p1', ctx())).toBeNull();
  });

  it('reads the snapshot of one project in one query', async () => {
    const pg = target();
    await pg.sync('p1', () => aPlan('p1', inserts(three)), ctx());
    await pg.sync('p2', () => aPlan('p2', inserts(three.slice(0, 1))), ctx());
    const snapshot = await pg.readSnapshot('p2', ctx());
    expect(snapshot).toEqual({ projectId: 'p2', rows: [{ fileType: 'architecture', entryId: 'DEC-001', contentHash: three[0]?.contentHash }] });
  });

  it('quotes every identifier: creates and uses a missing schema and table with awkward names', async () => {
    const schema = `${db.schema} "Odd" Schema`;
    const pg = new PostgresTarget({ url: PG_TEST_URL, schema, table: 'Ledger Entries' });
    opened.push(pg);
    try {
      await pg.sync('p1', () => aPlan('p1', inserts(three)), ctx());
      expect(await pg.readSnapshot('p1', ctx())).toMatchObject({ rows: expect.arrayContaining([expect.objectContaining({ entryId: 'DEC-003' })]) });
      const { rows } = await db.admin.query(`SELECT count(*)::int AS n FROM "${schema.replace(/"/g, '""')}"."Ledger Entries"`);
      expect(rows[0]).toEqual({ n: 3 });
    } finally {
      await db.admin.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
    }
  });

  it('refuses a database whose schema_version is newer, without touching it', async () => {
    await db.admin.query(`CREATE TABLE "${db.schema}".sot_sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    await db.admin.query(`INSERT INTO "${db.schema}".sot_sync_meta VALUES ('schema_version', $1)`, [String(POSTGRES_SCHEMA_VERSION + 1)]);

    const error = await target()
      .open(ctx())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(new RegExp(`schema_version "${POSTGRES_SCHEMA_VERSION + 1}".*upgrade sot-sync`)),
    });
    const { rows } = await db.admin.query(`SELECT to_regclass($1) AS entries`, [`"${db.schema}".sot_entries`]);
    expect(rows[0]).toEqual({ entries: null });
  });

  it.each([
    ['JSONB', 'JSONB'],
    ['TEXT', 'TEXT'],
  ])('adopts a table the old Python tool created (metadata %s), keeping its columns and adding only the full-text column', async (_label, metadataType) => {
    await db.admin.query(`CREATE TABLE ${table()} (
      id SERIAL PRIMARY KEY, project_id TEXT NOT NULL, file_type TEXT NOT NULL, entry_id TEXT NOT NULL,
      title TEXT, content TEXT, metadata ${metadataType}, created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), content_hash TEXT NOT NULL, UNIQUE(project_id, file_type, entry_id))`);
    await db.admin.query(`CREATE INDEX idx_sot_entries_lookup ON ${table()} (project_id, file_type, entry_id)`);
    await db.admin.query(`INSERT INTO ${table()} (project_id, file_type, entry_id, title, content, metadata, created_at, content_hash)
      VALUES ('p1', 'architecture', 'DEC-001', 'old', 'old', '{}', '2020-05-05T00:00:00Z', 'oldhash')`);
    const columnsSql = `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = 'sot_entries' ORDER BY ordinal_position`;
    const columnsBefore = (await db.admin.query(columnsSql, [db.schema])).rows;

    const entries = [anEntry({ entryId: 'DEC-001', createdAt: null }), anEntry({ entryId: 'DEC-002', createdAt: null })];
    const plan = await target().sync('p1', diffPlan('p1', entries), ctx());

    expect(plan.counts).toMatchObject({ inserted: 1, updated: 1 });
    expect((await db.admin.query(columnsSql, [db.schema])).rows).toEqual([
      ...columnsBefore,
      { column_name: 'search_vector', data_type: 'tsvector', is_nullable: 'YES', column_default: null },
    ]);
    const rows = await rowsOf('p1');
    expect(rows.map((row) => row.created_at?.toISOString())).toEqual(['2020-05-05T00:00:00.000Z', NOW]);
    const metadata = rows[1]?.metadata;
    expect(typeof metadata === 'string' ? JSON.parse(metadata) : metadata).toEqual(storedMetadata(entries[1] as LedgerEntry));
    expect((await metaRow('schema_version'))?.value).toBe(String(POSTGRES_SCHEMA_VERSION));
  });
});

describePostgres('PostgresTarget (failures)', () => {
  const closedPort = async (): Promise<number> => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  };
  const run = async (url: string, seconds = 10) => {
    const deadline = new Deadline(seconds);
    const pg = new PostgresTarget({ url });
    const started = Date.now();
    try {
      return {
        error: await pg.open({ deadline, now: NOW }).then(
          () => null,
          (caught: unknown) => caught as Error,
        ),
        ms: Date.now() - started,
      };
    } finally {
      deadline.dispose();
      await pg.close();
    }
  };
  const SECRET = 'Sup3r-Secret-Pw';
  const expectRedacted = (error: Error): void => {
    for (const text of [error.message, String(error), error.stack ?? '']) expect(text).not.toContain(SECRET);
  };

  it('names host:port and the fix for a refused connection, and never shows the password', async () => {
    const port = await closedPort();
    const { error } = await run(testUrlWith({ password: SECRET, port }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toContain(`is PostgreSQL running at 127.0.0.1:${port}/`);
    expect((error as ConnectionError).exitCode).toBe(2);
    expect(error?.cause).toMatchObject({ code: 'ECONNREFUSED' });
    expectRedacted(error as Error);
  });

  it('says how to create a database that does not exist', async () => {
    const { error } = await run(testUrlWith({ password: SECRET, database: 'sot_sync_no_such_db' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toMatch(/database "sot_sync_no_such_db" does not exist .*createdb sot_sync_no_such_db/);
    expectRedacted(error as Error);
  });

  it('reports a TLS failure as a connection error that points at sslmode', async () => {
    const url = `${testUrlWith({ password: SECRET })}?sslmode=verify-full`;
    const { error } = await run(url);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toMatch(/TLS negotiation .* failed: check sslmode/);
    expectRedacted(error as Error);
  });

  it('rejects a URL that is not PostgreSQL as a usage error with the password hidden', async () => {
    const { error } = await run(`mysql://root:${SECRET}@127.0.0.1/db`);
    expect(error).toBeInstanceOf(UsageError);
    expectRedacted(error as Error);
    expect(new PostgresTarget({ url: testUrlWith({ password: SECRET }) }).label).not.toContain(SECRET);
    expect(new PostgresTarget({ url: `${PG_TEST_URL}?password=${SECRET}` }).label).not.toContain(SECRET);
  });

  it('gives up on a server that accepts the connection and never answers, at the deadline', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const { error, ms } = await run(testUrlWith({ port }), 1);
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect((error as DeadlineExceededError).exitCode).toBe(3);
      expect(ms).toBeLessThan(1000 + 500);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('drops the connection when the deadline passes inside the transaction, so the server rolls back', async () => {
    const db = await freshSchema();
    const setup = new Deadline(30);
    const pg = new PostgresTarget({ url: PG_TEST_URL, schema: db.schema });
    try {
      await pg.open({ deadline: setup, now: NOW });
      await db.admin.query('SELECT pg_advisory_lock($1::bigint)', [projectLockKey('p1')]);
      const short = new Deadline(1);
      const started = Date.now();
      const error = await pg.sync('p1', () => aPlan('p1', inserts(manyEntries(3))), { deadline: short, now: NOW }).catch((e: unknown) => e);
      short.dispose();
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(Date.now() - started).toBeLessThan(1000 + 500);
      await expect(waitForNoSotSyncBackend(db)).resolves.toBe(true);
      await db.admin.query('SELECT pg_advisory_unlock($1::bigint)', [projectLockKey('p1')]);
      const { rows } = await db.admin.query(`SELECT count(*)::int AS n FROM "${db.schema}".sot_entries`);
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      setup.dispose();
      await pg.close();
      await db.drop();
    }
  });
});

/** The server notices a dropped socket within moments; poll until the sync's backend is gone from pg_stat_activity. */
async function waitForNoSotSyncBackend(db: TestSchema): Promise<boolean> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const { rows } = await db.admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sot-sync' AND wait_event = 'advisory'`);
    if ((rows[0] as { n: number }).n === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
