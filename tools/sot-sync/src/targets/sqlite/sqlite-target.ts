// SQLite adapter: reads (key, hash) pairs and applies a plan in one IMMEDIATE transaction. Decides nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { explainFsError } from '../../io/explain-fs-error';
import { ConnectionError, DeadlineExceededError, LockHeldError } from '../../errors';
import { fingerprintRows, rowsAfter } from '../../engine/fingerprint-rows';
import type { Operation, SyncPlan, TargetRow, TargetSnapshot } from '../../engine/plan-types';
import { storedMetadata } from '../../ledger/entry-provenance';
import type { LedgerEntry } from '../../ledger/types';
import { SkipInvalidatedError, type LedgerRecording, type PlanBuilder, type Target, type TargetContext } from '../target';
import type { LastSyncRecord } from '../index-reader';
import { planLedgerSkips, type LedgerProof } from '../../engine/plan-ledger-skips';
import { readLedgerProof, writeLedgerRecords } from './sqlite-ledger-state';
import { isSqliteBusy, type SqliteHandle } from './sqlite-handle';
import { ensureSchema, hasTable, needsMigration, readSchemaVersion } from './sqlite-schema';
import { readSearchIndexDrift, rebuildSearchIndex, withBulkIndexing } from './sqlite-search-schema';

export interface SqliteTargetOptions {
  /** `--rebuild`: rebuild the full-text index from the rows in the sync's transaction, even when nothing else changes. */
  rebuildSearchIndex?: boolean;
}

export class SqliteTarget implements Target {
  readonly kind = 'sqlite';
  readonly role = 'db' as const;
  private db: SqliteHandle | null = null;

  /**
   * @param file database path (`:memory:` allowed); it is created by the first sync that writes, not before.
   * @param lockWaitMs how long to wait for another writer of the file (`--lock-timeout`, default 30 s).
   */
  constructor(
    readonly file: string,
    readonly label: string,
    private readonly lockWaitMs = 30_000,
    private readonly options: SqliteTargetOptions = {},
  ) {}

  open(ctx: TargetContext): Promise<void> {
    if (this.file !== ':memory:' && !fs.existsSync(this.file)) return Promise.resolve();
    const db = (this.db = this.connect(ctx));
    return this.reading(ctx, () => void readSchemaVersion(db, this.label));
  }

  readSnapshot(projectId: string, ctx: TargetContext): Promise<TargetSnapshot> {
    return this.reading(ctx, () => ({ projectId, rows: this.db ? readRows(this.db, projectId) : [] }));
  }

  /** The per-ledger records and the row count per file type (schema version 3); none before the first sync. */
  readLedgerProof(projectId: string, ctx: TargetContext): Promise<LedgerProof> {
    return this.reading(ctx, () => (this.db ? readLedgerProof(this.db, projectId) : { records: [], rowCounts: {} }));
  }

  async sync(projectId: string, buildPlan: PlanBuilder, ctx: TargetContext, recording?: LedgerRecording): Promise<SyncPlan> {
    ctx.deadline.check();
    // A file that does not exist yet is created only by a sync with something to write (issue 11, D14).
    if (this.db === null && this.file !== ':memory:' && !fs.existsSync(this.file)) {
      const plan = buildPlan({ projectId, rows: [] });
      if (plan.operations.length === 0) return Promise.resolve(plan);
    }
    const db = this.db ?? (this.db = this.create(ctx));
    try {
      // IMMEDIATE: the snapshot read and the writes it leads to cannot interleave with another writer.
      db.exec('BEGIN IMMEDIATE');
      const version = readSchemaVersion(db, this.label);
      const skipped = recording?.skipped.map((record) => record.fileType) ?? [];
      // The skipped ledgers' records are checked again under the write lock: a change since the proof was read
      // (another sync, a hand edit) sends the run back to parsing everything.
      if (
        skipped.length > 0 &&
        planLedgerSkips(recording?.skipped.map((r) => ({ fileType: r.fileType, key: r.ledgerKey })) ?? [], readLedgerProof(db, projectId)).length !==
          skipped.length
      ) {
        throw new SkipInvalidatedError(`${this.label}: a skipped ledger's record changed`);
      }
      const snapshot = { projectId, rows: readRows(db, projectId, skipped) };
      const plan = buildPlan(snapshot);
      const records = recording?.records(snapshot, plan) ?? [];
      // A version-1 database is migrated by the first sync even when no entry changed; a current one with nothing
      // to write is left byte-identical.
      if (plan.operations.length > 0 || needsMigration(db, version)) ensureSchema(db, version);
      // A bulk write rebuilds the index after the rows anyway, so --rebuild does not build it first as well.
      const bulk = plan.operations.length > 0 && isBulk(db, plan);
      if (this.options.rebuildSearchIndex && !bulk && hasTable(db, 'sot_entries')) rebuildSearchIndex(db);
      if (plan.operations.length > 0) {
        if (bulk) withBulkIndexing(db, () => applyOperations(db, projectId, plan.operations, ctx));
        else applyOperations(db, projectId, plan.operations, ctx);
        // With skipped ledgers the snapshot holds only some file types, so no fingerprint of all rows is known.
        recordSync(db, plan, skipped.length === 0 ? fingerprintRows(rowsAfter(snapshot.rows, plan.operations)) : null, ctx.now);
      }
      // After the rows, whose triggers dropped the records of the file types they touched.
      if (records.length > 0) writeLedgerRecords(db, projectId, records, ctx.now);
      ctx.deadline.check();
      db.exec('COMMIT');
      return Promise.resolve(plan);
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw translateBusy(error, ctx, this.label, this.lockWaitMs);
    }
  }

  /** Rows the full-text index lacks, or one line when it disagrees with the rows (`--verify`). Reads only. */
  verifySearchIndex(projectId: string, ctx: TargetContext): Promise<string[]> {
    return this.reading(ctx, () => (this.db && hasTable(this.db, 'sot_entries') ? readSearchIndexDrift(this.db, projectId) : []));
  }

  readFingerprint(projectId: string, ctx: TargetContext): Promise<string | null> {
    return this.reading(ctx, () => (this.db ? fingerprintRows(readRows(this.db, projectId)) : null));
  }

  /**
   * A read outside the sync's transaction. Another process holding the file EXCLUSIVE (mid-commit, or a plain
   * `BEGIN EXCLUSIVE`) blocks even readers: after the busy timeout that is exit 5, or 3 when the deadline came first,
   * naming the file, as for a writer (D7).
   */
  private reading<T>(ctx: TargetContext, read: () => T): Promise<T> {
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(translateBusy(error, ctx, this.label, this.lockWaitMs, 'read'));
    }
  }

  close(): Promise<void> {
    this.db?.close();
    this.db = null;
    return Promise.resolve();
  }

  /** A path the file cannot be made at (a directory that is a regular file, a full disk) is exit 2 naming it (D8). */
  private create(ctx: TargetContext): SqliteHandle {
    try {
      if (this.file !== ':memory:') fs.mkdirSync(path.dirname(this.file), { recursive: true });
    } catch (error) {
      const explained = explainFsError(error, 'create the SQLite database', this.file);
      throw explained === null ? error : new ConnectionError(`${explained}; or point --database-url elsewhere`, { cause: error });
    }
    return this.connect(ctx);
  }

  private connect(ctx: TargetContext): SqliteHandle {
    try {
      const timeout = Math.max(1, Math.min(this.lockWaitMs, ctx.deadline.remainingMs()));
      return new Database(this.file, { timeout }) as unknown as SqliteHandle;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectionError(`cannot open SQLite database ${this.label}: ${reason}; check the path in --database-url and its permissions`, {
        cause: error,
      });
    }
  }
}

/** Every (key, hash) pair of the project, through the covering index; without the file types in `except`. */
export function readRows(db: SqliteHandle, projectId: string, except: readonly string[] = []): TargetRow[] {
  if (!hasTable(db, 'sot_entries')) return [];
  const without = except.length === 0 ? '' : ` AND file_type NOT IN (${except.map(() => '?').join(', ')})`;
  const statement = db.prepare(`SELECT file_type, entry_id, content_hash FROM sot_entries WHERE project_id = ?${without}`);
  const raw = (statement.raw?.(true) ?? statement).all(projectId, ...except) as [string, string, string | null][];
  return raw.map(([fileType, entryId, contentHash]) => ({ fileType, entryId, contentHash: contentHash ?? '' }));
}

/** One row in: project, file type, entry id, title, content, metadata, created_at, updated_at, content hash. */
export const INSERT_ENTRY_SQL = `INSERT INTO sot_entries (project_id, file_type, entry_id, title, content, metadata, created_at, updated_at, content_hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** One row changed: title, content, metadata, created_at, updated_at, content hash, then its key. */
export const UPDATE_ENTRY_SQL = `UPDATE sot_entries SET title = ?, content = ?, metadata = ?, created_at = ?, updated_at = ?, content_hash = ?
  WHERE project_id = ? AND file_type = ? AND entry_id = ?`;

/** Below this many operations the full-text index is kept in step row by row. */
const BULK_MIN_OPERATIONS = 1000;

/**
 * Whether rebuilding the full-text index once costs less than its row triggers: the plan writes at least half of the
 * rows the table will hold (all projects; a rebuild reads them all). A first sync always is.
 */
function isBulk(db: SqliteHandle, plan: SyncPlan): boolean {
  const written = plan.operations.length;
  if (written < BULK_MIN_OPERATIONS) return false;
  const { rows } = db.prepare('SELECT count(*) AS rows FROM sot_entries').get() as { rows: number };
  return written * 2 >= rows + plan.counts.inserted - plan.counts.deleted;
}

/** Operations between two looks at the clock: the loop is synchronous, so no timer can stop it (D5). */
const DEADLINE_CHECK_EVERY = 64;

function applyOperations(db: SqliteHandle, projectId: string, operations: readonly Operation[], ctx: TargetContext): void {
  const now = ctx.now;
  const insert = db.prepare(INSERT_ENTRY_SQL);
  const update = db.prepare(UPDATE_ENTRY_SQL);
  const remove = db.prepare('DELETE FROM sot_entries WHERE project_id = ? AND file_type = ? AND entry_id = ?');
  // The same values in both statements, the key first for an insert and last for an update.
  const write = (kind: 'insert' | 'update', entry: LedgerEntry): number => {
    const key = [projectId, entry.fileType, entry.entryId];
    const values = [entry.title, entry.content, JSON.stringify(storedMetadata(entry)), entry.createdAt, now, entry.contentHash];
    return (kind === 'insert' ? insert.run(...key, ...values) : update.run(...values, ...key)).changes;
  };
  for (const [i, op] of operations.entries()) {
    if (i % DEADLINE_CHECK_EVERY === 0) ctx.deadline.check();
    const changes = op.kind === 'delete' ? remove.run(projectId, op.fileType, op.entryId).changes : write(op.kind, op.entry);
    if (changes !== 1) throw new Error(`sot_entries changed under the sync: ${op.kind} touched ${changes} rows`);
  }
}

function recordSync(db: SqliteHandle, plan: SyncPlan, fingerprint: string | null, now: string): void {
  const record: LastSyncRecord = { at: now, counts: plan.counts, fingerprint };
  const value = JSON.stringify(record);
  db.prepare('INSERT INTO sot_sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    `last_sync:${plan.projectId}`,
    value,
  );
}

/**
 * SQLITE_BUSY after the busy timeout: another writer holds the file (exit 5), or the run's deadline came first
 * (exit 3). Any other SQLite error (a trigger, a full disk, a read-only file) rolled the transaction back: exit 2.
 */
function translateBusy(error: unknown, ctx: TargetContext, label: string, waitedMs: number, action: 'read' | 'write' = 'write'): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const busy = isSqliteBusy(error);
  const outcome = action === 'write' ? 'nothing was written' : 'nothing was read or written';
  if (typeof code === 'string' && code.startsWith('SQLITE_') && !busy) {
    const what =
      action === 'write'
        ? `rejected the write (${(error as Error).message}); the transaction was rolled back and nothing was written`
        : `could not be read (${(error as Error).message}); nothing was written`;
    // The file is kept as it is: it may be another program's data, or a damaged index only its owner may remove.
    const fix =
      code === 'SQLITE_NOTADB'
        ? '; the file is not a SQLite database: point --database-url at another file, or move this one away (the index is rebuilt from the ledgers)'
        : '';
    return new ConnectionError(`${label} ${what}${fix}`, { cause: error });
  }
  if (!busy) return error;
  if (ctx.deadline.remainingMs() === 0)
    return new DeadlineExceededError(`time limit exceeded (--max-seconds) while waiting for ${label}, locked by another process; ${outcome}`);
  return new LockHeldError(`${label} is locked by another process (waited ${waitedMs / 1000}s, --lock-timeout); ${outcome}, try again when it finishes`);
}
