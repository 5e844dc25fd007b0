// The Qdrant store: reads entry hashes from the points themselves and applies a plan with idempotent requests.
// Not transactional; it never decides what to write (the planner does).
import { embeddersFingerprint, maxInputCharsOf, type Embedder } from '../../embed/embedder';
import type { RetryPolicy } from '../../http/http-retry';
import { fingerprintRows } from '../../engine/fingerprint-rows';
import type { SyncPlan, TargetSnapshot } from '../../engine/plan-types';
import { ConnectionError, ModeRequirementError, UsageError } from '../../errors';
import type { LedgerEntry } from '../../ledger/types';
import type { PlanBuilder, Target, TargetContext } from '../target';
import { planChunks } from './build-points';
import { configMismatches, applyCollectionConfig, mismatchError, readCollectionState } from './collection-config';
import { QdrantHttp, QdrantRequestError } from './qdrant-http';
import { readPoints, type StoredPoint } from './read-points';
import { rebuildCollection } from './rebuild-collection';
import { entryKey, groupByEntry, snapshotRows } from './snapshot-from-points';
import { applyEntryDeletions, applyPointDeletions, type PointWriter, writePoints } from './write-points';

export const DEFAULT_COLLECTION = 'autopack_sot_docs';

export interface QdrantTargetOptions {
  /** e.g. `http://localhost:6333`; a path prefix is kept. */
  url: string;
  /** QDRANT_API_KEY / --qdrant-api-key, sent as `api-key`; never printed. */
  apiKey?: string;
  /** Default `autopack_sot_docs`. May be an alias (it is one after `--rebuild`). */
  collection?: string;
  /** At least one; every point carries one vector per embedder. */
  embedders: readonly Embedder[];
  /** Called with (points written, points to write) as batches complete. */
  onProgress?: (done: number, total: number) => void;
  /** `--rebuild`: write into a new collection and switch the alias `collection` to it (see rebuild-collection.ts). */
  rebuild?: boolean;
  /** Points per upsert (default 128) and upserts in flight (default 4). */
  batchSize?: number;
  concurrency?: number;
  /** Retry policy of every Qdrant request (defaults in http-retry.ts). */
  retry?: Partial<RetryPolicy>;
}

export class QdrantTarget implements Target {
  readonly kind = 'qdrant';
  readonly role = 'qdrant' as const;
  readonly label: string;
  readonly collection: string;
  /** The fingerprint stored in each point's `embedder` field, e.g. `bm25-v1`. */
  readonly fingerprint: string;
  private readonly http: QdrantHttp;

  constructor(private readonly options: QdrantTargetOptions) {
    if (options.embedders.length === 0) throw new UsageError('the Qdrant target needs at least one embedder');
    this.collection = options.collection ?? DEFAULT_COLLECTION;
    this.http = new QdrantHttp(options.url, options.apiKey, options.retry);
    this.label = `${this.http.label} (collection ${this.collection})`;
    this.fingerprint = embeddersFingerprint(options.embedders);
  }

  /**
   * One cheap read (does the collection exist, and with which vectors), so `--full` learns before anything is
   * written that Qdrant is unreachable (ModeRequirementError, exit 4) or holds an incompatible collection (exit 2).
   */
  async open(ctx: TargetContext): Promise<void> {
    const state = await readCollectionState(this.http, this.collection, ctx.deadline).catch((error: unknown) => {
      throw this.unavailable(error);
    });
    if (!state.exists || this.options.rebuild) return;
    const problems = configMismatches(state.params, this.options.embedders);
    if (problems.length > 0) throw mismatchError(this.collection, this.http.label, problems);
  }

  async readSnapshot(projectId: string, ctx: TargetContext): Promise<TargetSnapshot> {
    const points = await readPoints(this.http, this.collection, projectId, ctx.deadline);
    return { projectId, rows: snapshotRows(points, this.fingerprint) };
  }

  /** Read points -> plan (a throw writes nothing) -> upsert new/changed chunks -> delete stale chunks and entries. */
  sync(projectId: string, buildPlan: PlanBuilder, ctx: TargetContext): Promise<SyncPlan> {
    ctx.deadline.check();
    if (!this.options.rebuild) return this.syncInto(this.collection, projectId, buildPlan, ctx, true);
    const rebuild = { http: this.http, name: this.collection, embedders: this.options.embedders, projectId, deadline: ctx.deadline, now: ctx.now };
    return rebuildCollection(rebuild, (physical) => this.syncInto(physical, projectId, buildPlan, ctx, false));
  }

  /** Computed from the points themselves, with the same recipe as the SQL targets. */
  async readFingerprint(projectId: string, ctx: TargetContext): Promise<string | null> {
    return fingerprintRows((await this.readSnapshot(projectId, ctx)).rows);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async syncInto(collection: string, projectId: string, buildPlan: PlanBuilder, ctx: TargetContext, configure: boolean): Promise<SyncPlan> {
    const points = await readPoints(this.http, collection, projectId, ctx.deadline);
    const plan = buildPlan({ projectId, rows: snapshotRows(points, this.fingerprint) });
    if (plan.operations.length === 0) return plan;
    if (configure) await applyCollectionConfig(this.http, collection, this.options.embedders, ctx.deadline);
    const writer = this.writer(collection, projectId, ctx);
    const written = plan.operations.flatMap((op) => (op.kind === 'delete' ? [] : [op.entry]));
    const chunks = planChunks(projectId, written, maxInputCharsOf(this.options.embedders));
    await writePoints(writer, chunks);
    await applyPointDeletions(writer, leftoverIds(points, written, new Set(chunks.map((chunk) => chunk.id))));
    await applyEntryDeletions(
      writer,
      plan.operations.flatMap((op) => (op.kind === 'delete' ? [op] : [])),
    );
    return plan;
  }

  private writer(collection: string, projectId: string, ctx: TargetContext): PointWriter {
    const { embedders, onProgress, batchSize = 128, concurrency = 4 } = this.options;
    return {
      http: this.http,
      collection,
      projectId,
      embedders,
      fingerprint: this.fingerprint,
      deadline: ctx.deadline,
      now: ctx.now,
      batchSize,
      concurrency,
      onProgress,
    };
  }

  private unavailable(error: unknown): unknown {
    if (!(error instanceof QdrantRequestError)) return error;
    if (error.status === 401 || error.status === 403) {
      return new ConnectionError(
        `Qdrant at ${this.http.label} refused the request (HTTP ${error.status}): check QDRANT_API_KEY or --qdrant-api-key; nothing was written`,
      );
    }
    if (error.status !== null && error.status < 500) return error;
    return new ModeRequirementError(`Qdrant unavailable at ${this.http.label}: ${error.reason}; nothing was written`);
  }
}

/** Points of rewritten entries that the new chunking no longer produces (an entry that got shorter). */
function leftoverIds(points: readonly StoredPoint[], written: readonly LedgerEntry[], newIds: ReadonlySet<string>): string[] {
  const groups = groupByEntry(points);
  return written.flatMap((entry) => (groups.get(entryKey(entry.fileType, entry.entryId)) ?? []).map((p) => p.id).filter((id) => !newIds.has(id)));
}
