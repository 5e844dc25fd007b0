// Ledger input the parser must take whatever its size or bytes, through the real CLI: 150,000 entry headings or
// diagnostics (no stack overflow in docs-only or validate), and a NUL byte (the same rows in SQLite and PostgreSQL,
// and a warning naming file:line).
import Database from 'better-sqlite3';
import * as path from 'node:path';
import { PG_TEST_URL, describePostgres, freshSchema, type TestSchema } from '../support/postgres';
import { runCli, startCli, type CliResult } from '../support/run-cli';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const HUGE = 150_000;

const workspaces: TempWorkspace[] = [];
afterEach(() => {
  for (const ws of workspaces.splice(0)) ws.cleanup();
});

function workspace(ledgers: Record<string, string>): TempWorkspace {
  const ws = makeTempWorkspace(ledgers);
  workspaces.push(ws);
  return ws;
}

/** Runs the CLI without a cap on its output (150,000 diagnostics are megabytes of it). */
function runUncapped(args: readonly string[], cwd: string): Promise<CliResult> {
  return startCli(args, cwd).done;
}

function buildLedger(count: number, heading: (n: number) => string): string {
  const lines = ['# Build History', ''];
  for (let n = 1; n <= count; n++) lines.push(heading(n), '', `Body of build ${n}.`, '');
  return lines.join('\n');
}

describe('a ledger of any size parses (no recursion or spread as deep as the input)', () => {
  it(`syncs docs-only and validates ${HUGE} entry headings`, async () => {
    const ws = workspace({ 'BUILD_HISTORY.md': buildLedger(HUGE, (n) => `## BUILD-${n} | 2026-01-08 | Build ${n}`) });
    const docsOnly = await runUncapped(['--docs-only', '--no-timing'], ws.root);
    expect(docsOnly.stderr).not.toMatch(/call stack/);
    expect(docsOnly.code).toBe(0);
    expect(docsOnly.stdout).toContain(`parsed ${HUGE} entries from 3 ledgers [docs/BUILD_HISTORY.md ${HUGE},`);
    const validate = await runUncapped(['validate', 'docs/BUILD_HISTORY.md'], ws.root);
    expect(validate.stderr).not.toMatch(/call stack/);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(/sot-sync validate: 1 ledger\(s\) checked, 0 problem\(s\) blocking, 0 warning\(s\)/);
  }, 240_000);

  it(`reports ${HUGE} diagnostics in docs-only and validate, each with its file and line`, async () => {
    const ws = workspace({ 'BUILD_HISTORY.md': buildLedger(HUGE, (n) => `## BUILD ${n} | 2026-01-08 | Build ${n}`) });
    const docsOnly = await runUncapped(['--docs-only', '--no-timing'], ws.root);
    expect(docsOnly.stderr).not.toMatch(/call stack/);
    expect(docsOnly.code).toBe(1);
    expect(docsOnly.stdout).toMatch(new RegExp(`: ${HUGE} errors, `));
    const validate = await runUncapped(['validate', 'docs/BUILD_HISTORY.md'], ws.root);
    expect(validate.stderr).not.toMatch(/call stack/);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(`sot-sync validate: 1 ledger(s) checked, ${HUGE} problem(s) blocking`);
    const lastLine = 3 + (HUGE - 1) * 4;
    expect(validate.stderr).toContain(`docs/BUILD_HISTORY.md:${lastLine}:1 error malformed-id "BUILD ${HUGE} | 2026-01-08 | Build ${HUGE}"`);
    expect(validate.stderr.split('\n').filter((line) => line.includes(' error malformed-id '))).toHaveLength(HUGE);
  }, 240_000);
});

// Line 5 (an INDEX cell), line 7 (the heading), line 9 (a key line) and line 11 (the body) each hold a NUL byte.
const NUL_LEDGER = [
  '## INDEX',
  '',
  '| ID | Date | Title | Status |',
  '|---|---|---|---|',
  '| DEC-002 | 2026-01-02 | Only a row\u0000 | Proposed\u0000 |',
  '',
  '### DEC-001 | 2026-01-01 | Null\u0000 title',
  '',
  '**Status**: Accepted\u0000',
  '',
  'The body holds a NUL \u0000 byte.',
  '',
].join('\n');

interface StoredRow {
  entry_id: string;
  title: string;
  content: string;
  content_hash: string;
  metadata: unknown;
}

describePostgres('a NUL byte in a ledger', () => {
  let pg: TestSchema;
  beforeEach(async () => {
    pg = await freshSchema();
  });
  afterEach(async () => {
    await pg.drop();
  });

  it('is stored as U+FFFD alike in SQLite and PostgreSQL, and validate names its file and line', async () => {
    const ws = workspace({ 'ARCHITECTURE_DECISIONS.md': NUL_LEDGER });
    const sqlite = runCli(['--db-only', '--execute', '--no-timing', '--database-url', 'sqlite:///index.db'], ws.root);
    const postgres = runCli(
      ['--db-only', '--execute', '--no-timing', '--database-url', `${PG_TEST_URL}${PG_TEST_URL.includes('?') ? '&' : '?'}schema=${pg.schema}`],
      ws.root,
    );
    expect(postgres.stderr).not.toMatch(/0x00|invalid byte sequence/);
    expect(sqlite.code).toBe(0);
    expect(postgres.code).toBe(sqlite.code);
    expect(sqlite.stdout).toMatch(/db: 2 inserted/);
    expect(postgres.stdout).toMatch(/db: 2 inserted/);

    const db = new Database(path.join(ws.root, 'index.db'), { readonly: true });
    let fromSqlite: StoredRow[];
    try {
      fromSqlite = (db.prepare('SELECT entry_id, title, content, content_hash, metadata FROM sot_entries ORDER BY entry_id').all() as StoredRow[]).map(
        (row) => ({ ...row, metadata: JSON.parse(row.metadata as string) as unknown }),
      );
    } finally {
      db.close();
    }
    const fromPostgres = (
      await pg.admin.query<StoredRow>(`SELECT entry_id, title, content, content_hash, metadata FROM "${pg.schema}".sot_entries ORDER BY entry_id`)
    ).rows;
    expect(fromPostgres).toEqual(fromSqlite);
    const dec1 = fromSqlite.find((row) => row.entry_id === 'DEC-001');
    expect(dec1?.title).toBe('Null\uFFFD title');
    expect(dec1?.content).toContain('The body holds a NUL \uFFFD byte.');
    expect(JSON.stringify(fromSqlite)).not.toContain('\\u0000');
    expect(fromSqlite.find((row) => row.entry_id === 'DEC-002')?.metadata).toMatchObject({ status: 'Proposed\uFFFD' });

    const validate = runCli(['validate', 'docs/ARCHITECTURE_DECISIONS.md'], ws.root);
    expect(validate.code).toBe(0);
    for (const line of [5, 7, 9, 11]) expect(validate.stderr).toContain(`docs/ARCHITECTURE_DECISIONS.md:${line}:1 warning nul-byte a NUL byte (U+0000)`);
    expect(sqlite.stdout).toContain('docs/ARCHITECTURE_DECISIONS.md:11:1 warning nul-byte');
  });
});
