// Retrieval on the embedded default (issue 12): FTS5 search with ids, provenance, freshness against the ledgers,
// lifecycle, `get`, the v1 -> v2 migration and --verify of the full-text index, on real SQLite files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { formatEntry, runGet } from '../../src/retrieval/get-entry';
import { formatSearchResults, runSearch, type SearchFlags, type SearchResults } from '../../src/retrieval/search-entries';
import type { NormalizedSyncOptions } from '../../src/config/normalize-options';
import { EntryNotFoundError, ModeRequirementError } from '../../src/errors';
import { lineOf, optionsFor, retrievalFixture, retrievalWorkspace, syncWith, withDeadline } from '../support/retrieval-workspace';
import type { TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
let options: NormalizedSyncOptions;
const dbFile = (): string => path.join(ws.root, 'index.db');
const fileHash = (): string => createHash('sha256').update(fs.readFileSync(dbFile())).digest('hex');
const search = (query: string, flags: SearchFlags = {}): Promise<SearchResults> => withDeadline((deadline) => runSearch(options, query, flags, deadline));
const get = (ref: string) => withDeadline((deadline) => runGet(options, ref, deadline));
const decisions = (): string => retrievalFixture('ARCHITECTURE_DECISIONS.md');

function exec(sql: string): void {
  const db = new Database(dbFile());
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile(), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** What sot-sync before issue 12 left: no full-text index, no provenance in metadata, schema_version 1. */
function downgradeToVersion1(): void {
  exec(`DROP TRIGGER sot_entries_fts_insert; DROP TRIGGER sot_entries_fts_delete; DROP TRIGGER sot_entries_fts_update;
    DROP TABLE sot_entries_fts; DROP VIEW sot_entries_fts_source;
    UPDATE sot_entries SET metadata = json_remove(metadata, '$.file', '$.lineStart', '$.lineEnd', '$.heading', '$.lifecycle', '$.supersededBy', '$.supersedes');
    UPDATE sot_sync_meta SET value = '1' WHERE key = 'schema_version'; VACUUM;`);
}

beforeEach(() => {
  ws = retrievalWorkspace();
  options = optionsFor(ws.root, { databaseUrl: 'sqlite:///index.db' });
});
afterEach(() => ws.cleanup());

describe('search on SQLite', () => {
  beforeEach(async () => {
    expect((await syncWith(options, 'db-only')).db).toMatchObject({ inserted: 44 });
  });

  it('finds ids as written, by their number, and without leading zeros, the entry itself first', async () => {
    for (const [text, id] of [
      ['DEC-012', 'DEC-012'],
      ['dec-12', 'DEC-012'],
      ['012', 'DEC-012'],
      ['153.1', 'BUILD-153.1'],
      ['BUILD-153.1', 'BUILD-153.1'],
      ['BUILD-153', 'BUILD-153'],
    ]) {
      const found = await search(text as string);
      expect({ text, first: found.results[0]?.entryId }).toEqual({ text, first: id });
    }
    expect((await search('12')).results.map((r) => r.entryId)).toContain('DEC-012');
  });

  it('locates every result: file relative to the root, the lines of its section, the heading', async () => {
    const [result] = (await search('DEC-012')).results;
    const line = lineOf(decisions(), 'DEC-012');
    expect(result).toMatchObject({
      file: 'docs/ARCHITECTURE_DECISIONS.md',
      lineStart: line,
      lineEnd: line + 5,
      heading: 'DEC-012 | 2026-01-10 | PID files as sync locks',
      freshness: 'fresh',
    });
    const stored = query<{ metadata: string }>("SELECT metadata FROM sot_entries WHERE entry_id = 'DEC-012'")[0];
    expect(JSON.parse(stored?.metadata ?? '{}')).toMatchObject({
      file: 'docs/ARCHITECTURE_DECISIONS.md',
      lineStart: line,
      lineEnd: line + 5,
      heading: result?.heading,
    });
    const indexOnly = (await search('DBG-039')).results[0];
    const row = lineOf(retrievalFixture('DEBUG_LOG.md'), 'DBG-039', true);
    expect(indexOnly).toMatchObject({ entryId: 'DBG-039', lineStart: row, lineEnd: row, heading: 'INDEX (Chronological - Most Recent First)' });
    expect(formatSearchResults(await search('DEC-012'))).toContain(`docs/ARCHITECTURE_DECISIONS.md:${line}`);
  });

  it('ranks superseded decisions below current ones and says what replaced them', async () => {
    const found = await search('lock pid file leases');
    const ids = found.results.map((r) => r.entryId);
    expect(ids.indexOf('DEC-031')).toBeLessThan(ids.indexOf('DEC-012'));
    expect(found.results.find((r) => r.entryId === 'DEC-012')).toMatchObject({
      lifecycle: 'superseded',
      supersededBy: 'DEC-031',
      status: '⚠️ SUPERSEDED (2026-01-25)',
    });
    expect(formatSearchResults(found)).toMatch(/DEC-012 .*\n.*\[superseded by DEC-031\]/);
    const rejected = await search('only keep the vector database');
    expect(rejected.results.find((r) => r.entryId === 'DEC-029')?.lifecycle).toBe('rejected');
  });

  it('filters by file type, status or lifecycle, and date range, like the Qdrant search', async () => {
    expect((await search('lock', { fileType: 'debug_log' })).results.every((r) => r.fileType === 'debug_log')).toBe(true);
    expect((await search('lock leases pid', { status: 'superseded' })).results.map((r) => r.entryId)).toEqual(['DEC-012']);
    expect((await search('deprecated report names', { status: 'deprecated' })).results.map((r) => r.entryId)).toEqual(['DEC-033']);
    const window = await search('lock timeout writer', { since: '2026-01-16', until: '2026-01-18' });
    expect(window.results.length).toBeGreaterThan(0);
    expect(window.results.every((r) => r.createdAt !== null && r.createdAt >= '2026-01-16' && r.createdAt <= '2026-01-18')).toBe(true);
    expect((await search('lease', { limit: 2 })).results).toHaveLength(2);
  });

  it('reads only: a search leaves the database file byte-identical, and a no-op sync still writes nothing', async () => {
    const before = fileHash();
    await search('lease files');
    expect(fileHash()).toBe(before);
    expect((await syncWith(options, 'db-only')).db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 44 });
    expect(fileHash()).toBe(before);
  });

  it('reads a database whose last writer was killed mid-write (a hot journal): rolled back, as any reader does', async () => {
    const script = `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(dbFile())}); db.pragma('cache_size = 1'); db.exec('BEGIN IMMEDIATE');
      db.exec("UPDATE sot_entries SET content = content || ' killed'"); process.kill(process.pid, 'SIGKILL');`;
    expect(spawnSync(process.execPath, ['-e', script]).signal).toBe('SIGKILL');
    expect(fs.existsSync(`${dbFile()}-journal`)).toBe(true);
    const found = await search('DEC-012');
    expect(found.results[0]).toMatchObject({ entryId: 'DEC-012', freshness: 'fresh' });
    expect(found.results[0]?.snippet).not.toContain('killed');
  });

  it('says when the index is fresh, with the last sync', async () => {
    const found = await search('lease');
    expect(found.index).toEqual({ fresh: true, behind: 0, lastSync: '2026-02-01T12:00:00.000Z' });
    expect(found.target).toBe('sql');
    expect(formatSearchResults(found)).not.toMatch(/index is behind/);
  });
});

describe('freshness: no ghost results', () => {
  beforeEach(async () => {
    await syncWith(options, 'db-only');
  });

  it("shows the ledger's current title and text for an entry edited after the sync, and says the index is behind", async () => {
    ws.write(
      'docs/ARCHITECTURE_DECISIONS.md',
      decisions()
        .replace('### DEC-010 | 2026-01-08 | SQLite as the embedded default', '### DEC-010 | 2026-01-08 | SQLite file as the zero-setup default')
        .replace('nobody needs a server to start.', 'nobody needs a server to start; the file lives beside nx.json.'),
    );
    const found = await search('database when there is no server');
    const edited = found.results.find((r) => r.entryId === 'DEC-010');
    expect(edited).toMatchObject({ freshness: 'changed', title: 'SQLite file as the zero-setup default' });
    expect(found.index).toMatchObject({ fresh: false, behind: 1 });
    const text = formatSearchResults(found);
    expect(text.split('\n')[0]).toBe('The index is behind the ledgers: 1 entry differs; run sot-sync --db-only --execute to sync them.');
    expect(text).toMatch(/\[changed since indexed/);
  });

  it('leaves out an entry deleted from the ledger (listed as removed with includeStale) and reports the current lines of the others', async () => {
    const withoutDec031 = decisions()
      .replace(/### DEC-031 [\s\S]*?(?=### DEC-029)/, '')
      .replace(/\| 2026-01-25 \| DEC-031 .*\n/, '');
    ws.write('docs/ARCHITECTURE_DECISIONS.md', withoutDec031);
    const found = await search('lease files for every writer');
    expect(found.results.map((r) => r.entryId)).not.toContain('DEC-031');
    expect(found.index).toMatchObject({ fresh: false, behind: 1 });
    const stale = await search('lease files for every writer', { includeStale: true });
    expect(stale.results.find((r) => r.entryId === 'DEC-031')).toMatchObject({ freshness: 'removed', file: 'docs/ARCHITECTURE_DECISIONS.md' });
    expect(formatSearchResults(stale)).toMatch(/\[removed from the ledgers/);
    // DEC-029 moved up when DEC-031 left: results carry where it is now, not where the index last saw it.
    const moved = (await search('DEC-029')).results[0];
    expect(moved).toMatchObject({ entryId: 'DEC-029', freshness: 'fresh', lineStart: lineOf(withoutDec031, 'DEC-029') });
  });
});

describe('get', () => {
  beforeEach(async () => {
    await syncWith(options, 'db-only');
  });

  it('prints an entry by id, any case, from the ledger, with its location, lifecycle and index state', async () => {
    const line = lineOf(decisions(), 'DEC-012');
    const found = await get('dec-012');
    expect(found).toMatchObject({
      fileType: 'architecture',
      entryId: 'DEC-012',
      title: 'PID files as sync locks',
      file: 'docs/ARCHITECTURE_DECISIONS.md',
      lineStart: line,
      lineEnd: line + 5,
      status: '⚠️ SUPERSEDED (2026-01-25)',
      lifecycle: 'superseded',
      supersededBy: 'DEC-031',
      index: { state: 'fresh' },
    });
    expect(found.content.split('\n')[0]).toBe('### DEC-012 | 2026-01-10 | PID files as sync locks');
    const text = formatEntry(found);
    expect(text).toContain(`docs/ARCHITECTURE_DECISIONS.md:${line}-${line + 5}`);
    expect(text).toContain('SUPERSEDED by DEC-031');
    expect((await get('BUILD-153.1')).entryId).toBe('BUILD-153.1');
  });

  it('finds the entry holding a line (path:line), and says when no entry holds it', async () => {
    const text = retrievalFixture('DEBUG_LOG.md');
    const heading = lineOf(text, 'DBG-044');
    expect((await get(`docs/DEBUG_LOG.md:${heading + 3}`)).entryId).toBe('DBG-044');
    expect((await get(`${path.join(ws.root, 'docs', 'DEBUG_LOG.md')}:${heading}`)).entryId).toBe('DBG-044');
    expect((await get(`DEBUG_LOG.md:${lineOf(text, 'DBG-039', true)}`)).entryId).toBe('DBG-039');
    await expect(get('docs/DEBUG_LOG.md:1')).rejects.toThrow(/no entry holds docs\/DEBUG_LOG.md:1; its first entry starts at line/);
    await expect(get('docs/NOTES.md:3')).rejects.toThrow(/is not a ledger with entries/);
  });

  it('refuses an unknown id with exit 1 and the closest ids', async () => {
    const error = await get('DEC-0312').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EntryNotFoundError);
    expect(error).toMatchObject({ exitCode: 1, suggestions: expect.arrayContaining(['DEC-031']) });
    expect((error as Error).message).toMatch(/^no entry DEC-0312 in the ledgers; closest: (DEC-\d+, )*DEC-031/);
  });

  it('reports the index state: changed after an edit, missing for a new entry, unavailable when the store cannot be read', async () => {
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisions().replace('first 16 hex characters', 'the first 16 hex characters'));
    expect((await get('DEC-008')).index.state).toBe('changed');
    ws.write('docs/ARCHITECTURE_DECISIONS.md', `${decisions()}\n### DEC-034 | 2026-01-27 | A new decision\n\n**Status**: Proposed\n\nNot synced yet.\n`);
    expect((await get('DEC-034')).index).toMatchObject({ state: 'missing' });
    fs.writeFileSync(dbFile(), 'not a database');
    const unavailable = await get('DEC-008');
    expect(unavailable.index.state).toBe('unavailable');
    expect(unavailable.content).toContain('SHA-256');
  });
});

describe('the schema migration and --verify', () => {
  it('migrates a version-1 database once: rows kept, search works, the next run writes nothing', async () => {
    await syncWith(options, 'db-only');
    downgradeToVersion1();
    const rowsBefore = query<{ id: number; content_hash: string }>('SELECT id, content_hash FROM sot_entries ORDER BY id');
    await expect(search('lease')).rejects.toThrow(ModeRequirementError);
    const migrated = await syncWith(options, 'db-only');
    expect(migrated.db).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 44 });
    expect(query('SELECT id, content_hash FROM sot_entries ORDER BY id')).toEqual(rowsBefore);
    expect(query("SELECT value FROM sot_sync_meta WHERE key = 'schema_version'")).toEqual([{ value: '3' }]);
    expect((await search('DEC-012')).results[0]).toMatchObject({ entryId: 'DEC-012', lineStart: lineOf(decisions(), 'DEC-012'), freshness: 'fresh' });
    const after = fileHash();
    expect((await syncWith(options, 'db-only')).db?.unchanged).toBe(44);
    expect(fileHash()).toBe(after);
  });

  it('search explains an index that does not exist yet', async () => {
    await expect(search('lease')).rejects.toThrow(/no index at .*index.db yet: build it with sot-sync --db-only --execute/);
  });

  it('--verify reports a row the full-text index lacks, and --rebuild repairs it', async () => {
    await syncWith(options, 'db-only');
    const synced = fileHash();
    expect((await syncWith(options, 'db-only', { verify: true, execute: false })).exitCode).toBe(0);
    expect(fileHash()).toBe(synced);
    const row = query<{ id: number; title: string; content: string }>("SELECT id, title, content FROM sot_entries WHERE entry_id = 'DBG-044'")[0];
    const db = new Database(dbFile());
    db.prepare("INSERT INTO sot_entries_fts (sot_entries_fts, rowid, title, content, ids) VALUES ('delete', ?, ?, ?, 'dbg44 44')").run(
      row?.id,
      row?.title,
      row?.content,
    );
    db.close();
    const verify = await syncWith(options, 'db-only', { verify: true, execute: false });
    expect(verify.exitCode).toBe(1);
    expect(verify.drift.db?.changed).toEqual(['debug_log/DBG-044 (missing from sot_entries_fts)']);
    await syncWith(options, 'db-only', { qdrant: { ...options.qdrant, rebuild: true } });
    expect((await syncWith(options, 'db-only', { verify: true, execute: false })).exitCode).toBe(0);
    expect((await search('DBG-044')).results[0]?.entryId).toBe('DBG-044');
  });

  it('--verify reports a full-text index that disagrees with the rows (a trigger dropped by hand)', async () => {
    await syncWith(options, 'db-only');
    exec("DROP TRIGGER sot_entries_fts_update; UPDATE sot_entries SET content = 'rewritten by hand' WHERE entry_id = 'DEC-005'");
    const verify = await syncWith(options, 'db-only', { verify: true, execute: false });
    expect(verify.drift.db?.changed).toContainEqual(expect.stringMatching(/sot_entries_fts \(search index\) disagrees with sot_entries/));
  });
});
