// Types for the subset of Qdrant's REST bodies the test server reads. Shapes only; the OpenAPI doc is the authority.
import type { PointId } from './point-id';

export type Payload = Record<string, unknown>;
export type Distance = 'Cosine' | 'Dot' | 'Euclid' | 'Manhattan';

export interface SparseVector {
  indices: number[];
  values: number[];
}
export interface DenseParams {
  size: number;
  distance: Distance;
  [other: string]: unknown;
}
export interface SparseParams {
  modifier?: 'idf' | 'none' | null;
  [other: string]: unknown;
}

export interface Filter {
  must?: Condition | Condition[] | null;
  should?: Condition | Condition[] | null;
  must_not?: Condition | Condition[] | null;
  min_should?: { conditions: Condition[]; min_count: number } | null;
}

export interface FieldCondition {
  key: string;
  match?: { value?: unknown; any?: unknown[]; except?: unknown[]; text?: string; [other: string]: unknown } | null;
  range?: Partial<Record<'lt' | 'lte' | 'gt' | 'gte', number | string | null>> | null;
  is_empty?: boolean | null;
  is_null?: boolean | null;
  [other: string]: unknown;
}

export type Condition = FieldCondition | { has_id: PointId[] } | { is_empty: { key: string } } | { is_null: { key: string } } | { has_vector: string } | Filter;

export type WithPayload = boolean | string[] | { include: string[] } | { exclude: string[] } | null | undefined;
export type WithVector = boolean | string[] | null | undefined;

export interface CreateCollectionBody {
  vectors?: DenseParams | Record<string, DenseParams>;
  sparse_vectors?: Record<string, SparseParams> | null;
  [other: string]: unknown;
}

export interface IncomingPoint {
  id: PointId;
  vector: unknown;
  payload?: Payload | null;
}

export interface UpsertBody {
  points?: IncomingPoint[];
  batch?: { ids: PointId[]; vectors: unknown; payloads?: (Payload | null)[] | null };
  update_filter?: Filter | null;
  update_mode?: 'upsert' | 'insert_only' | 'update_only' | null;
  shard_key?: unknown;
}

export interface PointsSelectorBody {
  points?: PointId[] | null;
  filter?: Filter | null;
  shard_key?: unknown;
}

export interface SetPayloadBody extends PointsSelectorBody {
  payload: Payload;
  key?: string | null;
}

export interface ScrollBody {
  filter?: Filter | null;
  limit?: number | null;
  offset?: PointId | null;
  with_payload?: WithPayload;
  with_vector?: WithVector;
  order_by?: unknown;
  shard_key?: unknown;
}

export interface QueryNode {
  prefetch?: QueryNode | QueryNode[] | null;
  query?: unknown;
  using?: string | null;
  filter?: Filter | null;
  score_threshold?: number | null;
  limit?: number | null;
  params?: unknown;
  lookup_from?: unknown;
}

export interface QueryBody extends QueryNode {
  offset?: number | null;
  with_payload?: WithPayload;
  with_vector?: WithVector;
  shard_key?: unknown;
}

export interface AliasAction {
  create_alias?: { collection_name: string; alias_name: string };
  delete_alias?: { alias_name: string };
  rename_alias?: { old_alias_name: string; new_alias_name: string };
}
