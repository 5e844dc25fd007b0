// One in-memory collection: vector config, points, payload indexes and the point operations on them.
import { compileFilter } from './filter-match';
import { compilePayloadPath, payloadValues } from './payload-path';
import { normalizePointId, type PointId, pointIdKey } from './point-id';
import { PointOrder } from './point-order';
import { batchToPoints, parsePointVectors, type VectorConfig } from './point-vectors';
import type { CreateCollectionBody, DenseParams, Filter, PointsSelectorBody, ScrollBody, SetPayloadBody, SparseParams, UpsertBody } from './qdrant-api-types';
import { notFound, notModelled, wrongInput } from './qdrant-http-error';
import { formatRecord, type RecordJson, type StoredPoint } from './record-format';

export interface UpdateResultJson {
  operation_id: number;
  status: 'completed';
}

export class QdrantCollection {
  readonly vectorConfig: VectorConfig;
  private readonly points = new Map<string, StoredPoint>();
  // Scroll order kept across requests: sorting per page made a full scroll quadratic.
  private readonly order = new PointOrder((id) => this.points.has(pointIdKey(id)));
  private readonly indexes = new Map<string, unknown>();
  private nextOperation = 0;
  // payload_schema counts points per indexed field: one pass over the points, reused until the next write.
  private schemaCache: { operation: number; schema: Record<string, unknown> } | null = null;

  constructor(
    readonly name: string,
    private readonly createBody: CreateCollectionBody,
  ) {
    this.vectorConfig = readVectorConfig(createBody);
  }

  /** Points in scroll order (ids ascending, integers before UUIDs). */
  allPoints(): StoredPoint[] {
    return this.order.ids().map((id) => this.points.get(pointIdKey(id)) as StoredPoint);
  }

  get(id: PointId): StoredPoint | undefined {
    return this.points.get(pointIdKey(id));
  }

  upsert(body: UpsertBody): UpdateResultJson {
    if (body.shard_key != null) throw wrongInput('Shard key specified, but the collection does not use custom sharding');
    const incoming = body.points ?? (body.batch ? batchToPoints(body.batch) : null);
    if (incoming === null) throw wrongInput('Either `points` or `batch` must be given');
    // Everything is checked before anything is written: Qdrant rejects the whole request on one bad point.
    const parsed = incoming.map((point, i) => ({
      id: normalizePointId(point.id),
      payload: point.payload ?? {},
      vectors: parsePointVectors(this.vectorConfig, point.vector, `points[${i}].vector`),
    }));
    const updateFilter = body.update_filter ? compileFilter(body.update_filter) : null;
    const version = this.nextOperation++;
    const mode = body.update_mode ?? 'upsert';
    for (const point of parsed) {
      const key = pointIdKey(point.id);
      const existing = this.points.get(key);
      if (existing ? mode === 'insert_only' : mode === 'update_only') continue;
      if (existing && updateFilter && !updateFilter(existing)) continue;
      const vectorNames = [...point.vectors.dense.keys(), ...point.vectors.sparse.keys()];
      if (!existing) this.order.add(point.id);
      this.points.set(key, { ...point, vectorNames, version });
    }
    return { operation_id: version, status: 'completed' };
  }

  deletePoints(selector: PointsSelectorBody): UpdateResultJson {
    const doomed = this.select(selector, false);
    for (const point of doomed) this.points.delete(pointIdKey(point.id));
    if (doomed.length > 0) this.order.remove();
    return { operation_id: this.nextOperation++, status: 'completed' };
  }

  setPayload(body: SetPayloadBody, overwrite: boolean): UpdateResultJson {
    if (body.key != null) throw notModelled('set_payload with `key`');
    const version = this.nextOperation++;
    for (const point of this.select(body, true)) {
      point.payload = overwrite ? { ...body.payload } : { ...point.payload, ...body.payload };
      point.version = version;
    }
    return { operation_id: version, status: 'completed' };
  }

  createIndex(field: string, schema: unknown): UpdateResultJson {
    this.indexes.set(field, schema ?? inferFieldType(this.allPoints().flatMap((p) => payloadValues(p.payload, field))));
    return { operation_id: this.nextOperation++, status: 'completed' };
  }

  deleteIndex(field: string): UpdateResultJson {
    this.indexes.delete(field);
    return { operation_id: this.nextOperation++, status: 'completed' };
  }

  scroll(body: ScrollBody): { points: RecordJson[]; next_page_offset: PointId | null } {
    if (body.order_by != null) throw notModelled('scroll with order_by');
    const limit = body.limit ?? 10;
    const offset = body.offset == null ? null : normalizePointId(body.offset);
    const matches = compileFilter(body.filter);
    const ids = this.order.ids();
    const page: StoredPoint[] = [];
    let next: PointId | null = null;
    // Starts at the offset (binary search) and stops at the first match past the page, the next_page_offset.
    for (let i = offset === null ? 0 : this.order.lowerBound(offset); i < ids.length && next === null; i += 1) {
      const point = this.points.get(pointIdKey(ids[i] as PointId)) as StoredPoint;
      if (!matches(point)) continue;
      if (page.length < limit) page.push(point);
      else next = point.id;
    }
    const withPayload = body.with_payload ?? true;
    const records = page.map((point) => formatRecord(point, this.vectorConfig, withPayload, body.with_vector ?? false));
    return { points: records, next_page_offset: next };
  }

  count(filter: Filter | null | undefined): number {
    return filter ? this.select({ filter }, false).length : this.points.size;
  }

  /** Info as GET /collections/{name} returns it; the constant parts are Qdrant 1.19's defaults. */
  info(): Record<string, unknown> {
    const { vectors, sparse_vectors: sparse } = this.createBody;
    const payloadSchema = this.payloadSchema();
    return {
      status: 'green',
      optimizer_status: 'ok',
      indexed_vectors_count: 0,
      points_count: this.points.size,
      segments_count: 1,
      config: {
        params: {
          vectors: vectors ? echoParams(vectors) : {},
          shard_number: 1,
          replication_factor: 1,
          write_consistency_factor: 1,
          on_disk_payload: true,
          ...(sparse ? { sparse_vectors: echoParams(sparse) } : {}),
        },
        hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000, max_indexing_threads: 0, on_disk: false },
        optimizer_config: {
          deleted_threshold: 0.2,
          vacuum_min_vector_number: 1000,
          default_segment_number: 0,
          max_segment_size: null,
          memmap_threshold: null,
          indexing_threshold: 10000,
          flush_interval_sec: 5,
          max_optimization_threads: null,
        },
        wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0, wal_retain_closed: 1 },
        quantization_config: null,
        strict_mode_config: { enabled: false },
      },
      payload_schema: payloadSchema,
      update_queue: { length: 0 },
    };
  }

  private payloadSchema(): Record<string, unknown> {
    if (this.schemaCache?.operation === this.nextOperation) return this.schemaCache.schema;
    const fields = [...this.indexes].map(([field, schema]) => ({ field, schema, values: compilePayloadPath(field).values, points: 0 }));
    for (const point of this.points.values()) {
      for (const counted of fields) if (counted.values(point.payload).some((v) => v !== null)) counted.points++;
    }
    const schema = Object.fromEntries(fields.map(({ field, schema, points }) => [field, indexInfo(schema, points)]));
    this.schemaCache = { operation: this.nextOperation, schema };
    return schema;
  }

  // Ids that do not exist are skipped on delete; set_payload on a missing id is Qdrant's 404.
  private select(selector: PointsSelectorBody, mustExist: boolean): StoredPoint[] {
    if (selector.shard_key != null) throw wrongInput('Shard key specified, but the collection does not use custom sharding');
    if (selector.points != null) {
      return selector.points.flatMap((raw) => {
        const point = this.get(normalizePointId(raw));
        if (!point && mustExist) throw notFound(`No point with id ${String(raw)} found`);
        return point ? [point] : [];
      });
    }
    if (selector.filter != null) return [...this.points.values()].filter(compileFilter(selector.filter));
    throw wrongInput('Either `points` or `filter` must be given');
  }
}

function indexInfo(schema: unknown, points: number): Record<string, unknown> {
  if (typeof schema === 'string') return { data_type: schema, points };
  return { data_type: (schema as { type: string }).type, params: schema, points };
}

function readVectorConfig(body: CreateCollectionBody): VectorConfig {
  const vectors = body.vectors ?? {};
  const named: Record<string, DenseParams> =
    'size' in vectors && 'distance' in vectors ? { '': vectors as DenseParams } : (vectors as Record<string, DenseParams>);
  for (const params of Object.values(named)) {
    if (params.multivector_config != null) throw notModelled('multivector_config');
  }
  return {
    dense: new Map(Object.entries(named)),
    sparse: new Map(Object.entries(body.sparse_vectors ?? {}) as [string, SparseParams][]),
  };
}

// Qdrant leaves unset options out of the echoed config; nulls sent by a client are unset options.
function echoParams(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, echoParams(v)]),
  );
}

function inferFieldType(values: unknown[]): string {
  const sample = values.find((v) => v !== null);
  if (typeof sample === 'string') return 'keyword';
  if (typeof sample === 'boolean') return 'bool';
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'integer' : 'float';
  throw wrongInput("Can't auto-detect field type, please specify `field_schema` in the request");
}
