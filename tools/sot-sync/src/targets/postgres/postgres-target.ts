// The PostgreSQL store: one transaction per sync under a per-project advisory lock. Never decides what to write.
import { SotSyncError, ExitCode, UsageError } from '../../errors';
import { redactSecrets } from '../../runtime/redact';
import type { SyncPlan, TargetSnapshot } from '../../engine/plan-types';
import { SkipInvalidatedError, type LedgerRecording, type PlanBuilder, type Target, type TargetContext, type TargetRole } from '../target';
import { planLedgerSkips, type LedgerProof } from '../../engine/plan-ledger-skips';
import { readLedgerProof, writeLedgerRecords } from './pg-ledger-state';
import { openSchema, type TableLayout } from './open-schema';
import { PgSession } from './pg-session';
import { fingerprintRows, rowsAfter } from '../../engine/fingerprint-rows';
import { projectLockKey } from './advisory-lock-keys';
import { readProjectRows, writeLastSync } from './project-state';
import { schemaNames, type SchemaNames } from './schema-sql';
import { urlSecrets } from './translate-pg-error';
import { writeRows, type WriteCounts } from './write-rows';

export interface PostgresTargetOptions {
  /** `postgresql://` or `postgres://`; sslmode and the PG* environment variables apply as in pg itself. */
  url: string;
  /** Default `public`. Created when missing. */
  schema?: string;
  /** Default `sot_entries`. Created when missing; an existing table with the expected columns is adopted as is. */
  table?: string;
  /** Cap on the connect handshake in ms (default 10 000), always cut to the run's remaining time. */
  connectTimeoutMs?: number;
}

interface Opened {
  session: PgSession;
  layout: TableLayout;
}

/** A `sot_entries` table in PostgreSQL. Calls on one instance run one at a time; use one instance per connection. */
export class PostgresTarget implements Target {
  readonly kind = 'postgres';
  readonly role: TargetRole = 'db';
  readonly label: string;
  private readonly names: SchemaNames;
  private opened: Opened | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PostgresTargetOptions) {
    this.names = schemaNames(options.schema ?? 'public', options.table ?? 'sot_entries');
    this.label = `${safeUrl(options.url)} (${this.names.schema}.${this.names.table})`;
  }

  async open(ctx: TargetContext): Promise<void> {
    await this.exclusive(() => this.ensureOpen(ctx));
  }

  readSnapshot(projectId: string, ctx: TargetContext): Promise<TargetSnapshot> {
    return this.exclusive(async () => {
      const { session } = await this.ensureOpen(ctx);
      return readProjectRows(session, ctx.deadline, this.names, projectId);
    });
  }

  sync(projectId: string, buildPlan: PlanBuilder, ctx: TargetContext, recording?: LedgerRecording): Promise<SyncPlan> {
    return this.exclusive(async () => {
      const opened = await this.ensureOpen(ctx);
      return opened.session.transaction(ctx.deadline, () => this.applyLocked(opened, projectId, buildPlan, ctx, recording));
    });
  }

  /** The per-ledger records and the row count per file type (schema version 3), in one statement and no lock. */
  readLedgerProof(projectId: string, ctx: TargetContext): Promise<LedgerProof> {
    return this.exclusive(async () => {
      const { session } = await this.ensureOpen(ctx);
      return readLedgerProof(session, ctx.deadline, this.names, projectId);
    });
  }

  /** Computed from the rows themselves, so a wiped table or an edited row changes it even without a sync. */
  async readFingerprint(projectId: string, ctx: TargetContext): Promise<string | null> {
    return fingerprintRows((await this.readSnapshot(projectId, ctx)).rows);
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    await opened?.session.end();
  }

  /** Runs inside the transaction: lock, read, plan, write, record. A plan without operations writes no row. */
  private async applyLocked(opened: Opened, projectId: string, buildPlan: PlanBuilder, ctx: TargetContext, recording?: LedgerRecording): Promise<SyncPlan> {
    const { session, layout } = opened;
    await session.query(ctx.deadline, 'SELECT pg_advisory_xact_lock($1::bigint)', [projectLockKey(projectId)]);
    const skipped = new Set(recording?.skipped.map((record) => record.fileType));
    await this.assertSkipsHold(session, ctx, projectId, recording);
    // The full snapshot keeps the fingerprint of all rows; the plan sees only the file types that were parsed.
    const snapshot = await readProjectRows(session, ctx.deadline, this.names, projectId);
    const parsed = skipped.size === 0 ? snapshot : { projectId, rows: snapshot.rows.filter((row) => !skipped.has(row.fileType)) };
    const plan = buildPlan(parsed);
    // Records are written after the rows, whose triggers dropped those of the file types they touched; only records
    // that differ from the stored ones are written, so a run with nothing new leaves every table untouched.
    const records = recording?.records(parsed, plan) ?? [];
    if (plan.operations.length === 0) {
      await writeLedgerRecords(session, ctx.deadline, this.names, projectId, records, ctx.now);
      return plan;
    }
    const target = { names: this.names, layout, projectId, now: ctx.now };
    assertWritten(plan, await writeRows(session, ctx.deadline, target, plan.operations), this.names);
    const fingerprint = fingerprintRows(rowsAfter(snapshot.rows, plan.operations));
    await writeLastSync(session, ctx.deadline, this.names, projectId, { at: ctx.now, counts: plan.counts, fingerprint });
    await writeLedgerRecords(session, ctx.deadline, this.names, projectId, records, ctx.now);
    return plan;
  }

  /**
   * The skipped ledgers' records are checked again under the advisory lock: a change since the proof was read
   * (another sync, a hand edit) sends the run back to parsing everything.
   */
  private async assertSkipsHold(session: PgSession, ctx: TargetContext, projectId: string, recording?: LedgerRecording): Promise<void> {
    const skipped = recording?.skipped ?? [];
    if (skipped.length === 0) return;
    const proof = await readLedgerProof(session, ctx.deadline, this.names, projectId);
    if (
      planLedgerSkips(
        skipped.map((r) => ({ fileType: r.fileType, key: r.ledgerKey })),
        proof,
      ).length !== skipped.length
    ) {
      throw new SkipInvalidatedError(`${this.label}: a skipped ledger's record changed`);
    }
  }

  private async ensureOpen(ctx: TargetContext): Promise<Opened> {
    if (this.opened?.session.isOpen) return this.opened;
    assertScheme(this.options.url);
    const session = await PgSession.connect(this.options.url, ctx.deadline, this.options.connectTimeoutMs);
    try {
      this.opened = { session, layout: await openSchema(session, ctx.deadline, this.names) };
      return this.opened;
    } catch (error) {
      await session.end();
      throw error;
    }
  }

  /** One pg connection carries one transaction at a time, so calls on this instance queue up behind each other. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function safeUrl(url: string): string {
  return redactSecrets(url, urlSecrets(url));
}

function assertScheme(url: string): void {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new UsageError(`--database-url ${safeUrl(url)} is not a PostgreSQL URL: expected postgresql://user@host:5432/db`);
  }
}

/**
 * The snapshot was read under the advisory lock, so every statement must touch exactly the rows the plan names.
 * A difference means a writer that ignores the lock (e.g. the old Python tool) ran meanwhile: roll back, do not guess.
 */
function assertWritten(plan: SyncPlan, written: WriteCounts, names: SchemaNames): void {
  const deletes = plan.operations.filter((op) => op.kind === 'delete').length;
  const upserts = plan.operations.length - deletes;
  if (written.deleted === deletes && written.upserted === upserts) return;
  throw new SotSyncError(
    `${names.schema}.${names.table} changed during the sync (expected ${upserts} upserts and ${deletes} deletes, ` +
      `touched ${written.upserted} and ${written.deleted}); another writer ignores the lock: nothing was written, run again`,
    ExitCode.lock,
  );
}
