// Qdrant's read side for retrieval: one Query API request (sparse, dense, or both fused with RRF), chunks collapsed
// to one hit per entry, plus the (key, hash) pairs read from the points. Reads only.
import type { Schemas } from '@qdrant/js-client-rest';
import { embeddersFingerprint, type Embedder } from '../../embed/embedder';
import type { TargetSnapshot } from '../../engine/plan-types';
import { ExitCode, ModeRequirementError, SotSyncError, UsageError } from '../../errors';
import type { Deadline } from '../../runtime/deadline';
import { parseStoredMetadata, type IndexHit, type IndexQuery, type IndexReader } from '../index-reader';
import { QdrantHttp, QdrantRequestError } from './qdrant-http';
import { DEFAULT_COLLECTION } from './qdrant-target';
import { projectFilter, readPoints } from './read-points';
import { collapseChunks, queryBody, type QueryVector, searchFilter } from './search-query';
import { snapshotRows } from './snapshot-from-points';

export interface QdrantReaderOptions {
  url: string;
  apiKey?: string;
  /** Default `autopack_sot_docs`. */
  collection?: string;
  /** The embedders the collection was synced with (the same options as the sync). */
  embedders: readonly Embedder[];
}

/** Chunks asked for per entry wanted: an entry's chunks collapse into one hit. */
const CHUNKS_PER_ENTRY = 2;

export class QdrantIndexReader implements IndexReader {
  readonly role = 'qdrant' as const;
  readonly kind = 'qdrant';
  readonly label: string;
  private readonly http: QdrantHttp;
  private readonly collection: string;
  /** The latest `updated_at` seen by readSnapshot, per project. */
  private readonly lastWrite = new Map<string, string | null>();

  constructor(private readonly options: QdrantReaderOptions) {
    if (options.embedders.length === 0) throw new UsageError('search on Qdrant needs at least one embedder');
    this.http = new QdrantHttp(options.url, options.apiKey);
    this.collection = options.collection ?? DEFAULT_COLLECTION;
    this.label = `${this.http.label} (collection ${this.collection})`;
  }

  /** Embeds the query with every embedder and runs one Query API request within `deadline`. */
  async search(projectId: string, query: IndexQuery, deadline: Deadline): Promise<IndexHit[]> {
    const vectors: QueryVector[] = [];
    for (const embedder of this.options.embedders) vectors.push({ using: embedder.vectorName, query: await embedder.embedQuery(query.text, { deadline }) });
    const body = queryBody(vectors, searchFilter(projectId, query.filters), Math.min(query.limit * CHUNKS_PER_ENTRY, query.limit + 400));
    const answer = await this.http.call<Schemas['QueryResponse']>('POST', `${this.collectionPath()}/points/query`, deadline, body).catch((error: unknown) => {
      throw this.explain(error);
    });
    const chunks = answer.points.map((point) => ({ score: point.score, payload: (point.payload ?? {}) as Record<string, unknown> }));
    return collapseChunks(chunks, query.limit).map((hit) => ({
      fileType: hit.fileType,
      entryId: hit.entryId,
      title: hit.title,
      content: hit.content,
      contentHash: String(hit.payload['content_hash'] ?? ''),
      score: hit.score,
      metadata: parseStoredMetadata(hit.payload['metadata']),
      createdAt: typeof hit.payload['created_at'] === 'string' ? hit.payload['created_at'] : null,
    }));
  }

  async readSnapshot(projectId: string, deadline: Deadline): Promise<TargetSnapshot> {
    const points = await readPoints(this.http, this.collection, projectId, deadline, true).catch((error: unknown) => {
      throw this.explain(error);
    });
    let latest: string | null = null;
    for (const point of points) if (point.updatedAt !== undefined && (latest === null || point.updatedAt > latest)) latest = point.updatedAt;
    this.lastWrite.set(projectId, latest);
    return { projectId, rows: snapshotRows(points, embeddersFingerprint(this.options.embedders)) };
  }

  /** Qdrant keeps no record of syncs: the latest `updated_at` of the project's points is when a sync last wrote. */
  async readLastSync(projectId: string, deadline: Deadline): Promise<string | null> {
    if (!this.lastWrite.has(projectId)) await this.readSnapshot(projectId, deadline);
    return this.lastWrite.get(projectId) ?? null;
  }

  async readHash(projectId: string, fileType: string, entryId: string, deadline: Deadline): Promise<string | null> {
    const must = [
      ...(projectFilter(projectId).must as Schemas['Condition'][]),
      { key: 'file_type', match: { value: fileType } },
      { key: 'entry_id', match: { value: entryId } },
    ];
    const body: Schemas['ScrollRequest'] = { filter: { must }, limit: 1, with_payload: ['content_hash'], with_vector: false };
    const page = await this.http.call<Schemas['ScrollResult']>('POST', `${this.collectionPath()}/points/scroll`, deadline, body).catch((error: unknown) => {
      throw this.explain(error);
    });
    const payload = (page.points[0]?.payload ?? null) as Record<string, unknown> | null;
    return payload ? String(payload['content_hash'] ?? '') : null;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private collectionPath(): string {
    return `/collections/${encodeURIComponent(this.collection)}`;
  }

  private explain(error: unknown): unknown {
    if (!(error instanceof QdrantRequestError)) return error;
    if (error.status === null || error.status >= 500) return new ModeRequirementError(`Qdrant unavailable at ${this.http.label}: ${error.reason}`);
    if (error.status === 404) {
      return new SotSyncError(
        `Qdrant collection "${this.collection}" at ${this.http.label} does not exist: index the ledgers first with sot-sync --qdrant-only --execute`,
        ExitCode.connection,
      );
    }
    return error;
  }
}
