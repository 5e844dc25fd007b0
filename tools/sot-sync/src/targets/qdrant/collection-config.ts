// The collection's shape for a set of embedders: create it when missing, refuse one that does not match.
import type { Schemas } from '@qdrant/js-client-rest';
import type { Embedder } from '../../embed/embedder';
import { ConnectionError } from '../../errors';
import type { Deadline } from '../../runtime/deadline';
import { type QdrantHttp, QdrantRequestError } from './qdrant-http';

/** Payload indexes for the fields filters use (sync's scroll and delete, search's filters). */
export const PAYLOAD_INDEXES: readonly [string, Schemas['PayloadSchemaType']][] = [
  ['project_id', 'keyword'],
  ['file_type', 'keyword'],
  ['entry_id', 'keyword'],
  ['chunk_index', 'integer'],
  ['metadata.status', 'keyword'],
  ['status', 'keyword'],
  ['created_at', 'datetime'],
];

type VectorParamsMap = Record<string, { size?: number; distance?: string }>;

/** The create-collection body: one named dense vector per dense embedder, one `idf` sparse vector per sparse one. */
export function collectionBody(embedders: readonly Embedder[]): Schemas['CreateCollection'] {
  const vectors: Record<string, Schemas['VectorParams']> = {};
  const sparse: Record<string, Schemas['SparseVectorParams']> = {};
  for (const embedder of embedders) {
    if (embedder.kind === 'dense') vectors[embedder.vectorName] = { size: embedder.dimensions, distance: embedder.distance };
    else sparse[embedder.vectorName] = { modifier: 'idf' };
  }
  return { ...(Object.keys(vectors).length > 0 ? { vectors } : {}), sparse_vectors: sparse };
}

/** Pure: what differs between the collection's vector params and the embedders' (empty when they match). */
export function configMismatches(params: { vectors?: unknown; sparse_vectors?: unknown }, embedders: readonly Embedder[]): string[] {
  const wanted = collectionBody(embedders);
  const problems: string[] = [];
  const dense = namedDense(params.vectors);
  const wantedDense = (wanted.vectors ?? {}) as VectorParamsMap;
  for (const name of union(Object.keys(dense), Object.keys(wantedDense))) {
    const has = dense[name];
    const want = wantedDense[name];
    if (!want) problems.push(`it has a dense vector ${quote(name)} that no configured embedder fills`);
    else if (!has) problems.push(`it has no dense vector "${name}" (size ${want.size ?? '?'})`);
    else if (has.size !== want.size) problems.push(`dense vector "${name}" has size ${has.size ?? '?'}, expected ${want.size ?? '?'}`);
    else if (has.distance !== want.distance) problems.push(`dense vector "${name}" uses ${has.distance ?? '?'} distance, expected ${want.distance ?? '?'}`);
  }
  const sparse = (params.sparse_vectors ?? {}) as Record<string, { modifier?: string | null }>;
  const wantedSparse = wanted.sparse_vectors ?? {};
  for (const name of union(Object.keys(sparse), Object.keys(wantedSparse))) {
    if (!wantedSparse[name]) problems.push(`it has a sparse vector "${name}" that no configured embedder fills`);
    else if (!sparse[name]) problems.push(`it has no sparse vector "${name}"`);
    else if (sparse[name].modifier !== 'idf') problems.push(`sparse vector "${name}" lacks modifier "idf"`);
  }
  return problems;
}

/** The refusal for a collection that exists with another shape; the way out is a rebuild. */
export function mismatchError(collection: string, label: string, problems: readonly string[]): ConnectionError {
  return new ConnectionError(
    `Qdrant collection "${collection}" at ${label} does not match the configured embedders: ${problems.join('; ')}. ` +
      'Nothing was written. Rebuild it for the current embedders with --rebuild (builds a new collection, then switches the alias), or use another collection.',
  );
}

export interface CollectionState {
  exists: boolean;
  params: { vectors?: unknown; sparse_vectors?: unknown };
  indexed: string[];
}

/** Reads whether the collection (or alias) exists, its vector params and indexed payload fields. */
export async function readCollectionState(http: QdrantHttp, name: string, deadline: Deadline): Promise<CollectionState> {
  const path = `/collections/${encodeURIComponent(name)}`;
  const { exists } = await http.call<{ exists: boolean }>('GET', `${path}/exists`, deadline);
  if (!exists) return { exists, params: {}, indexed: [] };
  const info = await http.call<Schemas['CollectionInfo']>('GET', path, deadline);
  return { exists, params: info.config.params, indexed: Object.keys(info.payload_schema) };
}

/**
 * Creates the collection with its payload indexes when it is missing; refuses it when its vectors differ; adds
 * payload indexes an older collection lacks (an index changes no result, only speed).
 */
export async function applyCollectionConfig(http: QdrantHttp, name: string, embedders: readonly Embedder[], deadline: Deadline): Promise<void> {
  let state = await readCollectionState(http, name, deadline);
  if (!state.exists) {
    const created = await http.call('PUT', `/collections/${encodeURIComponent(name)}`, deadline, collectionBody(embedders)).then(
      () => true,
      (error: unknown) => {
        // 409: another run created it between our read and our create; check what it made instead.
        if (error instanceof QdrantRequestError && error.status === 409) return false;
        throw error;
      },
    );
    if (!created) state = await readCollectionState(http, name, deadline);
  }
  const problems = state.exists ? configMismatches(state.params, embedders) : [];
  if (problems.length > 0) throw mismatchError(name, http.label, problems);
  for (const [field, schema] of PAYLOAD_INDEXES) {
    if (state.indexed.includes(field)) continue;
    const body: Schemas['CreateFieldIndex'] = { field_name: field, field_schema: schema };
    await http.call('PUT', `/collections/${encodeURIComponent(name)}/index?wait=true`, deadline, body);
  }
}

// An unnamed vector (`{ size, distance }`) is the name "" in Qdrant.
function namedDense(vectors: unknown): VectorParamsMap {
  if (vectors === null || typeof vectors !== 'object') return {};
  if ('size' in vectors && 'distance' in vectors) return { '': vectors as { size: number; distance: string } };
  return vectors as VectorParamsMap;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function quote(name: string): string {
  return name === '' ? '(unnamed)' : `"${name}"`;
}
