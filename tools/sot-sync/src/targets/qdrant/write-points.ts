// Applies the Qdrant side of a plan: embed + upsert chunks in batches (wait=true), delete stale points. Every
// request is idempotent (deterministic ids, deletes by id or filter), so a run cut short converges on the next one.
import type { Schemas } from '@qdrant/js-client-rest';
import type { Embedder, SparseVector } from '../../embed/embedder';
import type { Deadline } from '../../runtime/deadline';
import { type PendingChunk, pointPayload } from './build-points';
import type { QdrantHttp } from './qdrant-http';
import { projectFilter } from './read-points';

export interface PointWriter {
  http: QdrantHttp;
  collection: string;
  projectId: string;
  embedders: readonly Embedder[];
  /** Fingerprint of `embedders`, stored in every point. */
  fingerprint: string;
  deadline: Deadline;
  /** `updated_at` of the points written. */
  now: string;
  /** Points per upsert request (each one embedding call per embedder). */
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

/** Ids per delete request. */
const DELETE_BATCH = 500;

/** Embeds and upserts `chunks`; reports progress in points after each batch. No chunks: no request at all. */
export async function writePoints(writer: PointWriter, chunks: readonly PendingChunk[]): Promise<void> {
  const batches: PendingChunk[][] = [];
  for (let i = 0; i < chunks.length; i += writer.batchSize) batches.push(chunks.slice(i, i + writer.batchSize));
  let done = 0;
  if (chunks.length > 0) writer.onProgress?.(0, chunks.length);
  await runPool(batches, writer.concurrency, async (batch) => {
    await upsertBatch(writer, batch);
    done += batch.length;
    writer.onProgress?.(done, chunks.length);
  });
}

async function upsertBatch(writer: PointWriter, batch: readonly PendingChunk[]): Promise<void> {
  const inputs = batch.map((chunk) => chunk.embedInput);
  const vectors = await Promise.all(
    writer.embedders.map((embedder) => embedder.embed(inputs, { deadline: writer.deadline }) as Promise<(SparseVector | number[])[]>),
  );
  const points = batch.map((chunk, i): Schemas['PointStruct'] => ({
    id: chunk.id,
    vector: Object.fromEntries(
      writer.embedders.map((embedder, k) => [embedder.vectorName, (vectors[k] as (SparseVector | number[])[])[i]]),
    ) as Schemas['VectorStruct'],
    payload: pointPayload(writer.projectId, chunk, writer.fingerprint, writer.now),
  }));
  const body: Schemas['PointInsertOperations'] = { points };
  await writer.http.call('PUT', `${pointsPath(writer)}?wait=true`, writer.deadline, body);
}

/** Deletes points by id (chunks an updated entry no longer has). */
export async function applyPointDeletions(writer: PointWriter, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += DELETE_BATCH) {
    const body: Schemas['PointsSelector'] = { points: ids.slice(i, i + DELETE_BATCH) };
    await writer.http.call('POST', `${pointsPath(writer)}/delete?wait=true`, writer.deadline, body);
  }
}

/** Deletes every point of the given entries by filter (project + file type + entry id), whatever their chunks. */
export async function applyEntryDeletions(writer: PointWriter, entries: readonly { fileType: string; entryId: string }[]): Promise<void> {
  const byType = new Map<string, string[]>();
  for (const { fileType, entryId } of entries) byType.set(fileType, [...(byType.get(fileType) ?? []), entryId]);
  for (const [fileType, entryIds] of byType) {
    for (let i = 0; i < entryIds.length; i += DELETE_BATCH) {
      const must = [
        ...((projectFilter(writer.projectId).must ?? []) as Schemas['Condition'][]),
        { key: 'file_type', match: { value: fileType } },
        { key: 'entry_id', match: { any: entryIds.slice(i, i + DELETE_BATCH) } },
      ];
      const body: Schemas['PointsSelector'] = { filter: { must } };
      await writer.http.call('POST', `${pointsPath(writer)}/delete?wait=true`, writer.deadline, body);
    }
  }
}

function pointsPath(writer: PointWriter): string {
  return `/collections/${encodeURIComponent(writer.collection)}/points`;
}

/** Runs `work` over `items` with at most `limit` in flight; stops taking new items after the first failure. */
async function runPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
