// Test support for the Qdrant target: a sync through the real planner, long multi-chunk entries, and point reads
// through the real @qdrant/js-client-rest client (an independent view of what the target wrote).
import type { QdrantClient } from '@qdrant/js-client-rest';
import { planSync } from '../../src/engine/plan-sync';
import type { SyncPlan } from '../../src/engine/plan-types';
import type { LedgerEntry } from '../../src/ledger/types';
import { Deadline } from '../../src/runtime/deadline';
import type { QdrantTarget } from '../../src/targets/qdrant/qdrant-target';
import type { TargetContext } from '../../src/targets/target';
import { anEntry } from './entries';
import { realQdrantSkipReason } from './qdrant/qdrant-under-test';
import type { RecordedRequest } from './qdrant/qdrant-test-server';

export const PROJECT = 'autopack';

/** A context with its own deadline (default 20 s); dispose it with `ctx.deadline.dispose()`. */
export function aContext(now = '2026-02-01T10:00:00.000Z', seconds = 20): TargetContext {
  return { deadline: new Deadline(seconds), now };
}

/** Plans with the real planner (every ledger of `entries` read fine, pruning on, no guard) and syncs. */
export async function syncEntries(
  target: QdrantTarget,
  entries: readonly LedgerEntry[],
  ctx: TargetContext,
  fileTypes?: readonly string[],
  projectId = PROJECT,
): Promise<SyncPlan> {
  const ledgers = [...new Set(fileTypes ?? entries.map((entry) => entry.fileType))].map((fileType) => ({ fileType, state: 'ok' as const }));
  return target.sync(projectId, (snapshot) => planSync(projectId, entries, ledgers, snapshot, { prune: true, allowMassDelete: true }), ctx);
}

/** An entry long enough for several chunks with the BM25 limit (4000 characters): `parts` subsections of ~2.1 KB, one chunk each. */
export function longEntry(entryId: string, parts: number, salt = ''): LedgerEntry {
  const body = Array.from(
    { length: parts },
    (_, i) => `### Part ${i + 1}${salt}\n\n${`Step ${i + 1} of ${entryId} retried the upsert and checked the payload index. `.repeat(30)}`,
  );
  return anEntry({
    fileType: 'build_history',
    entryId,
    title: `Long entry ${entryId}`,
    content: `## ${entryId}: Long entry ${entryId}\n\n${body.join('\n\n')}\n`,
  });
}

export interface PointView {
  id: string;
  entryId: string;
  chunkIndex: number;
  contentHash: string;
  updatedAt: string;
  embedder: string;
}

/** Every point of a project in a collection, through the official client, sorted by entry and chunk. */
export async function pointsOf(client: QdrantClient, collection: string, projectId = PROJECT): Promise<PointView[]> {
  const views: PointView[] = [];
  let offset: string | number | undefined;
  do {
    const page = await client.scroll(collection, {
      filter: { must: [{ key: 'project_id', match: { value: projectId } }] },
      limit: 500,
      offset,
      with_payload: true,
    });
    for (const point of page.points) {
      const p = point.payload as Record<string, unknown>;
      views.push({
        id: String(point.id),
        entryId: String(p['entry_id']),
        chunkIndex: Number(p['chunk_index']),
        contentHash: String(p['content_hash']),
        updatedAt: String(p['updated_at']),
        embedder: String(p['embedder']),
      });
    }
    offset = (page.next_page_offset ?? undefined) as string | number | undefined;
  } while (offset !== undefined);
  return views.sort((a, b) => a.entryId.localeCompare(b.entryId) || a.chunkIndex - b.chunkIndex);
}

/** Requests logged after `mark` with one of the given operation ids. */
export function requestsSince(requests: readonly RecordedRequest[], mark: number, ...operations: string[]): RecordedRequest[] {
  return requests.slice(mark).filter((request) => operations.length === 0 || operations.includes(request.operationId ?? ''));
}

/** Ids of the points an upsert request carried. */
export function upsertedIds(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((request) => ((request.body as { points?: { id: string }[] }).points ?? []).map((point) => point.id));
}

/** True when the test can use the test server's request log and faults; prints why not otherwise. */
export function hasTestServer(what: string): boolean {
  const reason = realQdrantSkipReason(what);
  if (reason) console.log(reason);
  return reason === null;
}
