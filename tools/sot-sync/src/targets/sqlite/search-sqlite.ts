// SQLite's read side for retrieval: FTS5 search ranked with bm25(), the (key, hash) pairs and the last sync. It only
// reads: a search leaves the database file byte-identical.
import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { ConnectionError, LockHeldError, ModeRequirementError, SotSyncError } from '../../errors';
import type { TargetSnapshot } from '../../engine/plan-types';
import { dateRange, statusKey, type SearchFilters } from '../../engine/search-filters';
import type { SearchTerms } from '../../engine/search-terms';
import { lastSyncTime, parseStoredMetadata, type IndexHit, type IndexQuery, type IndexReader } from '../index-reader';
import { isSqliteBusy, type SqliteHandle } from './sqlite-handle';
import { hasTable, readSchemaVersion } from './sqlite-schema';
import { FTS_TABLE, hasSearchIndex } from './sqlite-search-schema';
import { readRows } from './sqlite-target';

/**
 * bm25() weight of each FTS column. A word in the title counts twice one in the body (the body repeats the heading,
 * so a title word already counts there too; 4 and 8 scored lower on the labelled queries of
 * test/fixtures/ledgers/retrieval); an id token (`dec12`) ten times, so `DEC-012` ranks the entry itself above the
 * entries that mention it.
 */
export const BM25_WEIGHTS = { title: 2, content: 1, ids: 10 } as const;

interface HitRow {
  fileType: string;
  entryId: string;
  title: string | null;
  content: string | null;
  contentHash: string | null;
  metadata: string | null;
  createdAt: string | null;
  score: number;
}

export class SqliteIndexReader implements IndexReader {
  readonly role = 'sql' as const;
  readonly kind = 'sqlite';

  private constructor(
    readonly label: string,
    private readonly db: SqliteHandle | null,
    private readonly busyTimeoutMs = 5000,
  ) {}

  /**
   * A connection that only reads; a database file that does not exist yet is an empty store (nothing was synced).
   * Not opened `readonly`: after a sync killed mid-write the rollback journal is hot, and only a connection that may
   * write can roll it back before reading (as any SQLite reader does). Without a hot journal nothing is written.
   */
  static open(file: string, label: string, busyTimeoutMs = 5000): SqliteIndexReader {
    if (file === ':memory:' || !fs.existsSync(file)) return new SqliteIndexReader(label, null);
    let db: SqliteHandle | undefined;
    try {
      db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs }) as unknown as SqliteHandle;
      readSchemaVersion(db, label);
    } catch (error) {
      db?.close();
      if (error instanceof SotSyncError) throw error;
      if (isSqliteBusy(error)) throw lockedForReading(label, busyTimeoutMs);
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectionError(`cannot read SQLite database ${label}: ${reason}; check the path in --database-url and its permissions`, { cause: error });
    }
    db.function?.('sot_status_key', { deterministic: true }, (status) => statusKey(typeof status === 'string' ? status : undefined) ?? null);
    return new SqliteIndexReader(label, db, busyTimeoutMs);
  }

  // better-sqlite3 is synchronous; the methods are async to honour the IndexReader contract (errors reject).
  async search(projectId: string, query: IndexQuery): Promise<IndexHit[]> {
    const db = this.searchable();
    const match = matchExpression(query.terms);
    if (match === '') return [];
    const { sql, params } = searchStatement(projectId, match, query.filters, query.limit);
    return this.reading(() => (db.prepare(sql).all(...params) as HitRow[]).map(toHit));
  }

  async readSnapshot(projectId: string): Promise<TargetSnapshot> {
    return this.reading(() => ({ projectId, rows: this.db && hasTable(this.db, 'sot_entries') ? readRows(this.db, projectId) : [] }));
  }

  async readLastSync(projectId: string): Promise<string | null> {
    return this.reading(() => {
      if (!this.db || !hasTable(this.db, 'sot_sync_meta')) return null;
      const row = this.db.prepare('SELECT value FROM sot_sync_meta WHERE key = ?').get(`last_sync:${projectId}`) as { value: string } | undefined;
      return lastSyncTime(row?.value);
    });
  }

  async readHash(projectId: string, fileType: string, entryId: string): Promise<string | null> {
    return this.reading(() => {
      if (!this.db || !hasTable(this.db, 'sot_entries')) return null;
      const row = this.db
        .prepare('SELECT content_hash AS hash FROM sot_entries WHERE project_id = ? AND file_type = ? AND entry_id = ?')
        .get(projectId, fileType, entryId) as { hash: string | null } | undefined;
      return row ? (row.hash ?? '') : null;
    });
  }

  async close(): Promise<void> {
    this.db?.close();
  }

  /** A read that finds the file locked by a writer past the busy timeout is refused as a lock (exit 5), not a crash. */
  private reading<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw isSqliteBusy(error) ? lockedForReading(this.label, this.busyTimeoutMs) : error;
    }
  }

  private searchable(): SqliteHandle {
    const db = this.db;
    if (!db || !this.reading(() => hasTable(db, 'sot_entries'))) {
      throw new ModeRequirementError(`no index at ${this.label} yet: build it with sot-sync --db-only --execute, then search`);
    }
    if (!this.reading(() => hasSearchIndex(db))) {
      throw new ModeRequirementError(
        `${this.label} has no full-text index yet (it was written by an older sot-sync): run sot-sync --db-only --execute once to build it, then search`,
      );
    }
    return db;
  }
}

function lockedForReading(label: string, busyTimeoutMs: number): LockHeldError {
  return new LockHeldError(`${label} is locked by another process (waited ${busyTimeoutMs / 1000}s); nothing was read, try again when it finishes`);
}

/**
 * The FTS5 query: every term as a phrase over title and content, or-ed with the id tokens over the id column.
 * Terms are runs of letters and digits, so quoting them is all the escaping FTS5 needs.
 */
export function matchExpression(terms: SearchTerms): string {
  const phrases = terms.terms.map((term) => `{title content} : "${term.tokens.join(' ')}"`);
  const ids = terms.idTokens.map((token) => `ids : "${token}"`);
  return [...phrases, ...ids].join(' OR ');
}

/**
 * Two steps: the best `limit` rows by bm25() among the rows in scope (the project and the filters, read through the
 * covering index when only the file type filters), then those rows' columns. Sorting every match together with
 * its content costs ten times as much when most entries match (a common word over 10,000 entries). `+rowid` keeps
 * SQLite from probing the FTS index once per row in scope.
 */
function searchStatement(projectId: string, match: string, filters: SearchFilters, limit: number): { sql: string; params: unknown[] } {
  const scope = ['project_id = ?'];
  const params: unknown[] = [projectId];
  if (filters.fileType) {
    scope.push('file_type = ?');
    params.push(filters.fileType);
  }
  if (filters.status) {
    const status = "json_extract(metadata, '$.status')";
    scope.push(`(sot_status_key(${status}) = ? OR ${status} = ? OR json_extract(metadata, '$.lifecycle') = ?)`);
    params.push(statusKey(filters.status) ?? filters.status, filters.status, filters.status.trim().toLowerCase());
  }
  const range = dateRange(filters);
  for (const [bound, operator] of [
    ['gte', '>='],
    ['lt', '<'],
    ['lte', '<='],
  ] as const) {
    if (range[bound] === undefined) continue;
    scope.push(`julianday(created_at) ${operator} julianday(?)`);
    params.push(range[bound]);
  }
  const { title, content, ids } = BM25_WEIGHTS;
  const sql = `WITH scope AS (SELECT id FROM sot_entries WHERE ${scope.join(' AND ')}),
    top AS (SELECT rowid AS id, -bm25(${FTS_TABLE}, ${title}, ${content}, ${ids}) AS score FROM ${FTS_TABLE}
      WHERE ${FTS_TABLE} MATCH ? AND +rowid IN (SELECT id FROM scope) ORDER BY score DESC LIMIT ?)
    SELECT e.file_type AS fileType, e.entry_id AS entryId, e.title, e.content, e.content_hash AS contentHash,
      e.metadata, e.created_at AS createdAt, top.score
    FROM top JOIN sot_entries e ON e.id = top.id
    ORDER BY top.score DESC, e.file_type, e.entry_id`;
  return { sql, params: [...params, match, limit] };
}

function toHit(row: HitRow): IndexHit {
  return {
    fileType: row.fileType,
    entryId: row.entryId,
    title: row.title ?? row.entryId,
    content: row.content ?? '',
    contentHash: row.contentHash ?? '',
    score: row.score,
    metadata: parseStoredMetadata(row.metadata),
    createdAt: row.createdAt,
  };
}
