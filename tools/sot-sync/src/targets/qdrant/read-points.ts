// Reads what the collection holds for one project: the key, chunk and hash fields of every point, page by page.
import type { Schemas } from '@qdrant/js-client-rest';
import type { Deadline } from '../../runtime/deadline';
import { type QdrantHttp, QdrantRequestError } from './qdrant-http';

/** One point as change detection sees it; fields the payload lacks are NaN / '' so the entry looks incomplete. */
export interface StoredPoint {
  id: string;
  fileType: string;
  entryId: string;
  chunkIndex: number;
  chunkCount: number;
  contentHash: string;
  embedder: string;
  /** `updated_at` (the run that wrote the point), read only when asked for. */
  updatedAt?: string;
}

/** Points per scroll page: large enough for few round trips, small enough for a quick answer. */
export const SCROLL_PAGE_SIZE = 1000;

const FIELDS = ['file_type', 'entry_id', 'chunk_index', 'chunk_count', 'content_hash', 'embedder'];

/**
 * Every point of `projectId` (no vectors, six payload fields, seven with `withUpdatedAt`); none when the collection
 * does not exist.
 */
export async function readPoints(http: QdrantHttp, collection: string, projectId: string, deadline: Deadline, withUpdatedAt = false): Promise<StoredPoint[]> {
  const points: StoredPoint[] = [];
  const path = `/collections/${encodeURIComponent(collection)}/points/scroll`;
  let offset: Schemas['ExtendedPointId'] | null = null;
  do {
    const body: Schemas['ScrollRequest'] = {
      filter: projectFilter(projectId),
      limit: SCROLL_PAGE_SIZE,
      with_payload: withUpdatedAt ? [...FIELDS, 'updated_at'] : FIELDS,
      with_vector: false,
      ...(offset === null ? {} : { offset }),
    };
    const page = await scrollPage(http, path, body, deadline);
    if (page === null) return [];
    for (const record of page.points) {
      const point = toStoredPoint(record);
      if (point) points.push(point);
    }
    offset = (page.next_page_offset ?? null) as Schemas['ExtendedPointId'] | null;
  } while (offset !== null);
  return points;
}

/** The filter every read and delete of a project starts from. */
export function projectFilter(projectId: string): Schemas['Filter'] {
  return { must: [{ key: 'project_id', match: { value: projectId } }] };
}

async function scrollPage(http: QdrantHttp, path: string, body: Schemas['ScrollRequest'], deadline: Deadline): Promise<Schemas['ScrollResult'] | null> {
  try {
    return await http.call<Schemas['ScrollResult']>('POST', path, deadline, body);
  } catch (error) {
    // A wiped or never-created collection holds nothing: the plan then writes everything.
    if (error instanceof QdrantRequestError && error.status === 404) return null;
    throw error;
  }
}

// Points without a readable key cannot be planned and are left alone (they were not written by sot-sync).
function toStoredPoint(record: Schemas['Record']): StoredPoint | null {
  const payload = (record.payload ?? {}) as Record<string, unknown>;
  const fileType = payload['file_type'];
  const entryId = payload['entry_id'];
  if (typeof fileType !== 'string' || typeof entryId !== 'string') return null;
  return {
    id: String(record.id),
    fileType,
    entryId,
    chunkIndex: typeof payload['chunk_index'] === 'number' ? payload['chunk_index'] : Number.NaN,
    chunkCount: typeof payload['chunk_count'] === 'number' ? payload['chunk_count'] : Number.NaN,
    contentHash: typeof payload['content_hash'] === 'string' ? payload['content_hash'] : '',
    embedder: typeof payload['embedder'] === 'string' ? payload['embedder'] : '',
    ...(typeof payload['updated_at'] === 'string' ? { updatedAt: payload['updated_at'] } : {}),
  };
}
