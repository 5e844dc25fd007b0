// The engine's IO shell, shared by the CLI and the executor: parse -> connect -> plan inside the target's
// transaction -> apply. It returns a report (expected failures included); it never prints and never exits.
import { secretsOf, type NormalizedSyncOptions } from '../config/normalize-options';
import { planSync, type LedgerReadState } from '../engine/plan-sync';
import type { SyncPlan, TargetSnapshot } from '../engine/plan-types';
import { ExitCode, ModeRequirementError, PlanRefusedError, SotSyncError } from '../errors';
import { targetRolesOf, usesStores, type TargetRole } from '../config/sync-modes';
import type * as DbTargets from '../targets/create-db-target';
import type * as QdrantTargets from '../targets/create-qdrant-target';
import type * as SyncLocks from '../lock/take-sync-locks';
import type { Target, TargetContext } from '../targets/target';
import type { Deadline } from '../runtime/deadline';
import { redactSecrets, redactUrl } from '../runtime/redact';
import { planLedgerRecords, planLedgerSkips, type LedgerRecord } from '../engine/plan-ledger-skips';
import { SkipInvalidatedError, type LedgerRecording } from '../targets/target';
import { openParseCache, type ParseCache } from '../io/parse-cache';
import { parseLedgerReads, readLedgerSources, type LedgerReads, type ParsedLedgers } from './read-ledgers';
import type { Drift, SyncReport } from './sync-report';

/** Takes the run's file locks; resolves to a release function. Write modes only. */
export type LockTaker = (options: NormalizedSyncOptions, deadline: Deadline, onMessage: (line: string) => void) => Promise<() => Promise<void>>;

export interface RunDependencies {
  /** Progress of long Qdrant writes (points done, points to write). */
  onProgress?: (done: number, total: number) => void;
  deadline: Deadline;
  now?: () => Date;
  /** Default: the lease files shared with the tidy tools (`archive`, `docs`). */
  takeLocks?: LockTaker;
  onMessage?: (line: string) => void;
  /**
   * Where a run that needs no entry's content (`--docs-only`) keeps each ledger's parse; null: parse every ledger.
   * Default: the user's cache directory (io/parse-cache.ts), unless SOT_SYNC_PARSE_CACHE=off.
   */
  parseCache?: ParseCache | null;
}

export async function runSync(options: NormalizedSyncOptions, deps: RunDependencies): Promise<SyncReport> {
  const started = performance.now();
  const report = emptyReport(options);
  const ledgers = new LedgerParse(
    options,
    report,
    timed(report, 'parse', () => readLedgerSources(options)),
  );
  try {
    if (usesStores(options.mode)) await runTargets(options, deps, ledgers, report);
    else ledgers.parse([], deps.parseCache === undefined ? openParseCache(options.root, process.env) : deps.parseCache);
  } catch (error) {
    // Expected failures become part of the report; anything else is a bug and propagates.
    if (!(error instanceof SotSyncError)) throw error;
    // A run that stopped before parsing (an unreachable store, a lock) still reports the ledgers' diagnostics.
    if (!ledgers.parsed) ledgers.parse();
    // A refused plan is reported by its refusals alone (each printed once), any other failure by its message.
    if (error instanceof PlanRefusedError) report.refusals = error.refusals;
    else report.error = redactSecrets(error.message, secretsOf(options));
    report.exitCode = error.exitCode;
  } finally {
    report.timings.total = Math.round(performance.now() - started);
  }
  return report;
}

/**
 * The ledgers of one run: read and hashed up front, parsed once the targets say which ledgers they still hold as
 * last synced (db-only writes; `--verify`, `--rebuild` and Qdrant always parse everything).
 */
class LedgerParse {
  parsed: ParsedLedgers | null = null;
  skipped: LedgerRecord[] = [];

  constructor(
    private readonly options: NormalizedSyncOptions,
    private readonly report: SyncReport,
    readonly reads: LedgerReads,
  ) {}

  parse(skipped: LedgerRecord[] = [], cache: ParseCache | null = null): ParsedLedgers {
    const t = performance.now();
    this.skipped = skipped;
    const parsed = (this.parsed = parseLedgerReads(this.reads.files, this.options, skipped, this.reads.sources, cache));
    this.report.timings['parse'] = (this.report.timings['parse'] ?? 0) + Math.round(performance.now() - t);
    const exitCode = this.report.exitCode;
    fillParse(this.report, parsed, this.options.strict);
    this.report.exitCode = Math.max(exitCode, this.report.exitCode);
    return parsed;
  }

  /** Skips only for a write to one store that keeps records (the SQL table alone): every other run needs every entry. */
  async parseFor(targets: readonly Target[], ctx: TargetContext): Promise<ParsedLedgers> {
    const [db] = targets;
    const skippable = this.options.execute && !this.options.verify && !this.options.qdrant.rebuild;
    if (!skippable || targets.length !== 1 || !db?.readLedgerProof) return this.parse();
    const proof = await ctx.deadline.race(db.readLedgerProof(this.options.projectId, ctx));
    const parsed = this.parse(planLedgerSkips(this.reads.sources, proof));
    this.rowCounts = proof.rowCounts;
    return parsed;
  }

  /** Row counts per file type the proof read; a sync with nothing parsed and nothing held needs no transaction. */
  rowCounts: Record<string, number> = {};
}

async function runTargets(options: NormalizedSyncOptions, deps: RunDependencies, ledgers: LedgerParse, report: SyncReport): Promise<void> {
  if (targetRolesOf(options.mode).includes('qdrant') && !options.qdrant.url) {
    throw new ModeRequirementError(`--${options.mode} needs Qdrant: set QDRANT_HOST or pass --qdrant-host (nothing was written)`);
  }
  const ctx: TargetContext = { deadline: deps.deadline, now: (deps.now?.() ?? new Date()).toISOString() };
  const targets = await createTargets(options, deps);
  // Locks and targets are loaded only by the modes that use them: --docs-only starts without them.
  const takeLocks = deps.takeLocks ?? (require('../lock/take-sync-locks') as typeof SyncLocks).takeSyncLocks;
  const release = options.execute && !options.verify ? await takeLocks(options, deps.deadline, deps.onMessage ?? (() => undefined)) : null;
  try {
    // Every target is reached before anything is written: --full with an unreachable Qdrant leaves the table alone.
    await timedAsync(report, 'connect', async () => {
      for (const target of targets) await deps.deadline.race(target.open(ctx));
    });
    const parsed = await ledgers.parseFor(targets, ctx);
    for (const target of targets) {
      if (options.verify) report.drift[target.role] = await verifyTarget(target, options, parsed, ctx);
      else report[target.role] = (await syncWithSkips(target, options, ledgers, ctx, report)).counts;
    }
  } finally {
    for (const target of targets) await target.close();
    await release?.();
  }
  if (Object.values(report.drift).some((drift) => drift && hasDrift(drift))) report.exitCode = Math.max(report.exitCode, ExitCode.invalid);
}

/** The mode's targets in the order they are written; each store's code is loaded only when its mode uses it. */
async function createTargets(options: NormalizedSyncOptions, deps: RunDependencies): Promise<Target[]> {
  const targets: Target[] = [];
  for (const role of targetRolesOf(options.mode)) targets.push(await createTarget(role, options, deps));
  return targets;
}

function createTarget(role: TargetRole, options: NormalizedSyncOptions, deps: RunDependencies): Promise<Target> {
  if (role === 'db') {
    const { createDbTarget } = require('../targets/create-db-target') as typeof DbTargets;
    // --rebuild rebuilds every index the run writes: the SQL full-text index too (issue 12).
    return createDbTarget(options.database.url, options.root, options.lockTimeoutSeconds * 1000, { rebuildSearchIndex: options.qdrant.rebuild });
  }
  const { createQdrantTarget } = require('../targets/create-qdrant-target') as typeof QdrantTargets;
  return createQdrantTarget(options, deps.onProgress);
}

/**
 * Syncs with the ledgers left unparsed; when nothing was parsed and the store holds nothing of what was parsed, the
 * store's records are the whole answer (no transaction). A record that changed meanwhile: parse all, sync again.
 */
async function syncWithSkips(target: Target, options: NormalizedSyncOptions, ledgers: LedgerParse, ctx: TargetContext, report: SyncReport): Promise<SyncPlan> {
  const parsed = ledgers.parsed ?? ledgers.parse();
  const skipped = ledgers.skipped;
  const unchanged = skipped.reduce((sum, record) => sum + record.rowCount, 0);
  if (
    skipped.length > 0 &&
    parsed.entries.length === 0 &&
    parsed.parsedStates.every((l) => l.state !== 'invalid' && (ledgers.rowCounts[l.fileType] ?? 0) === 0)
  ) {
    report.timings.plan = 0;
    const scope = [...skipped.map((r) => r.fileType), ...parsed.parsedStates.map((l) => l.fileType)];
    return { projectId: options.projectId, scope, operations: [], counts: { inserted: 0, updated: 0, deleted: 0, unchanged }, refusals: [] };
  }
  const recording: LedgerRecording | undefined = target.readLedgerProof
    ? { skipped, records: (snapshot, plan) => planLedgerRecords(parsed.parsedStates, snapshot, plan) }
    : undefined;
  try {
    const plan = await syncTarget(target, options, parsed, ctx, report, recording);
    return { ...plan, scope: [...skipped.map((r) => r.fileType), ...plan.scope], counts: { ...plan.counts, unchanged: plan.counts.unchanged + unchanged } };
  } catch (error) {
    if (!(error instanceof SkipInvalidatedError)) throw error;
    const all = ledgers.parse();
    return syncTarget(
      target,
      options,
      all,
      ctx,
      report,
      recording && { skipped: [], records: (snapshot, plan) => planLedgerRecords(all.parsedStates, snapshot, plan) },
    );
  }
}

async function syncTarget(
  target: Target,
  options: NormalizedSyncOptions,
  parsed: ParsedLedgers,
  ctx: TargetContext,
  report: SyncReport,
  recording?: LedgerRecording,
): Promise<SyncPlan> {
  const states: LedgerReadState[] = parsed.parsedStates.map(({ fileType, state }) => ({ fileType, state }));
  const writeStarted = performance.now();
  let planMs = 0;
  const writePhase = target.role === 'db' ? 'write' : 'qdrant';
  const plan = await target.sync(
    options.projectId,
    (snapshot: TargetSnapshot) => {
      const t = performance.now();
      const built = planSync(options.projectId, parsed.entries, states, snapshot, options);
      planMs = performance.now() - t;
      // Thrown inside the target's transaction, which rolls back; runSync reports the refusals once.
      if (built.refusals.length > 0) throw new PlanRefusedError(built.refusals);
      return built;
    },
    ctx,
    recording,
  );
  report.timings.plan = (report.timings.plan ?? 0) + Math.round(planMs);
  report.timings[writePhase] = Math.round(performance.now() - writeStarted - planMs);
  return plan;
}

async function verifyTarget(target: Target, options: NormalizedSyncOptions, parsed: ParsedLedgers, ctx: TargetContext): Promise<Drift> {
  const snapshot = await ctx.deadline.race(target.readSnapshot(options.projectId, ctx));
  const states: LedgerReadState[] = parsed.ledgers.map(({ fileType, state }) => ({ fileType, state: state === 'invalid' ? 'ok' : state }));
  const plan = planSync(options.projectId, parsed.entries, states, snapshot, { prune: true, allowMassDelete: true });
  const drift: Drift = { missing: [], stale: [], changed: [] };
  for (const op of plan.operations) {
    if (op.kind === 'insert') drift.missing.push(`${op.entry.fileType}/${op.entry.entryId}`);
    else if (op.kind === 'update') drift.changed.push(`${op.entry.fileType}/${op.entry.entryId}`);
    else drift.stale.push(`${op.fileType}/${op.entryId}`);
  }
  // The full-text index is part of what the store serves: a row it lacks is found by no search (issue 12).
  for (const key of (await target.verifySearchIndex?.(options.projectId, ctx)) ?? []) drift.changed.push(key);
  return drift;
}

export function hasDrift(drift: Drift): boolean {
  return drift.missing.length + drift.stale.length + drift.changed.length > 0;
}

function fillParse(report: SyncReport, parsed: ParsedLedgers, strict: boolean): void {
  report.ledgers = parsed.ledgers;
  report.diagnostics = parsed.diagnostics;
  report.entries = parsed.summaries;
  const failing = parsed.diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
  report.exitCode = failing ? ExitCode.invalid : ExitCode.ok;
}

function emptyReport(options: NormalizedSyncOptions): SyncReport {
  const roles = targetRolesOf(options.mode);
  const usesDb = roles.includes('db');
  const usesQdrant = roles.includes('qdrant') && options.qdrant.url !== null;
  return {
    mode: options.mode,
    execute: options.execute,
    verify: options.verify,
    projectId: options.projectId,
    targets: {
      db: usesDb ? { kind: options.database.url.split(':')[0] ?? 'db', location: redactUrl(options.database.url), source: options.database.source } : null,
      qdrant: usesQdrant ? { kind: 'qdrant', location: redactUrl(options.qdrant.url ?? ''), source: options.qdrant.source } : null,
    },
    ledgers: [],
    entries: [],
    diagnostics: [],
    db: null,
    qdrant: null,
    drift: { db: null, qdrant: null },
    refusals: [],
    timings: {},
    error: null,
    exitCode: ExitCode.ok,
  };
}

function timed<T>(report: SyncReport, phase: string, work: () => T): T {
  const t = performance.now();
  try {
    return work();
  } finally {
    report.timings[phase] = Math.round(performance.now() - t);
  }
}

async function timedAsync<T>(report: SyncReport, phase: string, work: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await work();
  } finally {
    report.timings[phase] = Math.round(performance.now() - t);
  }
}
