// SQLite adapter: reads (key, hash) pairs and applies a plan in one IMMEDIATE transaction. Decides nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { explainFsError } from '../../io/explain-fs-error';
import { ConnectionError, DeadlineExceededError, LockHeldError } from '../../errors';
import { fingerprintRows, rowsAfter } from '../../engine/fingerprint-rows';
import type { Operation, SyncPlan, TargetRow, TargetSnapshot } from '../../engine/plan-types';
import { storedMetadata } from '../../ledger/entry-provenance';
import type { PlanBuilder, Target, TargetCapabilities, TargetContext } from '../target';
import type { SqliteHandle } from './sqlite-handle';
import { ensureSchema, hasTable, needsMigration, readSchemaVersion } from './sqlite-schema';
import { readSearchIndexDrift, rebuildSearchIndex } from './sqlite-search-schema';

export interface SqliteTargetOptions {
  /** `--rebuild`: rebuild the full-text index from the rows in the sync's transaction, even when nothing else changes. */
  rebuildSearchIndex?: boolean;
}

export class SqliteTarget implements Target {
  readonly kind = 'sqlite';
  readonly role = 'db' as const;
  readonly capabilities: TargetCapabilities = { transactional: true, needsEmbeddings: false, crossMachineLock: false };
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
    this.db = this.connect(ctx);
    readSchemaVersion(this.db, this.label);
    return Promise.resolve();
  }

  readSnapshot(projectId: string): Promise<TargetSnapshot> {
    return Promise.resolve({ projectId, rows: this.db ? readRows(this.db, projectId) : [] });
  }

  sync(projectId: string, buildPlan: PlanBuilder, ctx: TargetContext): Promise<SyncPlan> {
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
      const snapshot = { projectId, rows: readRows(db, projectId) };
      const plan = buildPlan(snapshot);
      // A version-1 database is migrated by the first sync even when no entry changed; a current one with nothing
      // to write is left byte-identical.
      if (plan.operations.length > 0 || needsMigration(db, version)) ensureSchema(db, version);
      if (this.options.rebuildSearchIndex && hasTable(db, 'sot_entries')) rebuildSearchIndex(db);
      if (plan.operations.length > 0) {
        applyOperations(db, projectId, plan.operations, ctx.now);
        recordSync(db, plan, fingerprintRows(rowsAfter(snapshot.rows, plan.operations)), ctx.now);
      }
      ctx.deadline.check();
      db.exec('COMMIT');
      return Promise.resolve(plan);
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw translateBusy(error, ctx, this.label, this.lockWaitMs);
    }
  }

  /** Rows the full-text index lacks, or one line when it disagrees with the rows (`--verify`). Reads only. */
  verifySearchIndex(projectId: string): Promise<string[]> {
    if (!this.db || !hasTable(this.db, 'sot_entries')) return Promise.resolve([]);
    return Promise.resolve(readSearchIndexDrift(this.db, projectId));
  }

  readFingerprint(projectId: string): Promise<string | null> {
    return Promise.resolve(this.db ? fingerprintRows(readRows(this.db, projectId)) : null);
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

/** Every (key, hash) pair of the project, through the covering index. */
export function readRows(db: SqliteHandle, projectId: string): TargetRow[] {
  if (!hasTable(db, 'sot_entries')) return [];
  const statement = db.prepare('SELECT file_type, entry_id, content_hash FROM sot_entries WHERE project_id = ?');
  const raw = (statement.raw?.(true) ?? statement).all(projectId) as [string, string, string | null][];
  return raw.map(([fileType, entryId, contentHash]) => ({ fileType, entryId, contentHash: contentHash ?? '' }));
}

/** One row in: project, file type, entry id, title, content, metadata, created_at, updated_at, content hash. */
export const INSERT_ENTRY_SQL = `INSERT INTO sot_entries (project_id, file_type, entry_id, title, content, metadata, created_at, updated_at, content_hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** One row changed: title, content, metadata, created_at, updated_at, content hash, then its key. */
export const UPDATE_ENTRY_SQL = `UPDATE sot_entries SET title = ?, content = ?, metadata = ?, created_at = ?, updated_at = ?, content_hash = ?
  WHERE project_id = ? AND file_type = ? AND entry_id = ?`;

function applyOperations(db: SqliteHandle, projectId: string, operations: readonly Operation[], now: string): void {
  const insert = db.prepare(INSERT_ENTRY_SQL);
  const update = db.prepare(UPDATE_ENTRY_SQL);
  const remove = db.prepare('DELETE FROM sot_entries WHERE project_id = ? AND file_type = ? AND entry_id = ?');
  for (const op of operations) {
    const changes =
      op.kind === 'delete'
        ? remove.run(projectId, op.fileType, op.entryId).changes
        : op.kind === 'insert'
          ? insert.run(projectId, op.entry.fileType, op.entry.entryId, op.entry.title, op.entry.content, JSON.stringify(storedMetadata(op.entry)), op.entry.createdAt, now, op.entry.contentHash).changes
          : update.run(op.entry.title, op.entry.content, JSON.stringify(storedMetadata(op.entry)), op.entry.createdAt, now, op.entry.contentHash, projectId, op.entry.fileType, op.entry.entryId).changes;
    if (changes !== 1) throw new Error(`sot_entries changed under the sync: ${op.kind} touched ${changes} rows`);
  }
}

function recordSync(db: SqliteHandle, plan: SyncPlan, fingerprint: string | null, now: string): void {
  const value = JSON.stringify({ at: now, counts: plan.counts, fingerprint });
  db.prepare('INSERT INTO sot_sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    `last_sync:${plan.projectId}`,
    value,
  );
}

/**
 * SQLITE_BUSY after the busy timeout: another writer holds the file (exit 5), or the run's deadline came first
 * (exit 3). Any other SQLite error (a trigger, a full disk, a read-only file) rolled the transaction back: exit 2.
 */
function translateBusy(error: unknown, ctx: TargetContext, label: string, waitedMs: number): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_') && code !== 'SQLITE_BUSY') {
    return new ConnectionError(`${label} rejected the write (${(error as Error).message}); the transaction was rolled back and nothing was written`, { cause: error });
  }
  if (code !== 'SQLITE_BUSY') return error;
  if (ctx.deadline.remainingMs() === 0) return new DeadlineExceededError(`time limit exceeded while waiting for ${label}, locked by another writer; nothing was written`);
  return new LockHeldError(`${label} is locked by another writer (waited ${waitedMs / 1000}s, --lock-timeout); nothing was written, try again when it finishes`);
}
