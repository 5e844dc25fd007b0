// `--rebuild`: fill a new physical collection, then point the alias `<name>` at it, so readers never see a
// half-built index; the old physical collection is deleted afterwards.
import type { Schemas } from '@qdrant/js-client-rest';
import type { Embedder } from '../../embed/embedder';
import { Deadline } from '../../runtime/deadline';
import { configMismatches, applyCollectionConfig, readCollectionState } from './collection-config';
import type { QdrantHttp } from './qdrant-http';
import { projectFilter } from './read-points';

export interface RebuildContext {
  http: QdrantHttp;
  /** The name readers use; after the rebuild it is an alias. */
  name: string;
  embedders: readonly Embedder[];
  projectId: string;
  deadline: Deadline;
  /** ISO time of the run; names the new physical collection. */
  now: string;
}

/** What `<name>` is before the rebuild. */
type Current = { kind: 'alias'; physical: string } | { kind: 'collection' } | { kind: 'none' };

/**
 * 1. creates `<name>_<yyyymmddThhmmss…>` with the current embedders' config and payload indexes;
 * 2. copies the other projects' points into it when the old collection has the same vector config (with another
 *    config their vectors cannot be kept: those projects are re-written by their own next sync);
 * 3. `fill(physical)` writes this project (its snapshot there is empty, so every entry is inserted);
 * 4. switches the alias: for an alias, one `update_aliases` call (delete + create, atomic for readers), then the old
 *    physical collection is deleted. When `<name>` is still a real collection (made by an older version), it is
 *    deleted and the alias created right after: for the few milliseconds between the two calls readers get a 404,
 *    because Qdrant refuses an alias named like an existing collection. Later rebuilds have no such window.
 * If any step before the switch fails, the new collection is dropped and `<name>` is left as it was.
 */
export async function rebuildCollection<T>(rc: RebuildContext, fill: (physical: string) => Promise<T>): Promise<T> {
  const current = await readCurrent(rc);
  const physical = await freshName(rc);
  let result: T;
  try {
    await applyCollectionConfig(rc.http, physical, rc.embedders, rc.deadline);
    await copyOtherProjects(rc, current, physical);
    result = await fill(physical);
  } catch (error) {
    await dropQuietly(rc.http, physical);
    throw error;
  }
  await switchAlias(rc, current, physical);
  return result;
}

async function readCurrent(rc: RebuildContext): Promise<Current> {
  const { aliases } = await rc.http.call<Schemas['CollectionsAliasesResponse']>('GET', '/aliases', rc.deadline);
  const alias = aliases.find((entry) => entry.alias_name === rc.name);
  if (alias) return { kind: 'alias', physical: alias.collection_name };
  const { exists } = await rc.http.call<{ exists: boolean }>('GET', `/collections/${encodeURIComponent(rc.name)}/exists`, rc.deadline);
  return exists ? { kind: 'collection' } : { kind: 'none' };
}

async function freshName(rc: RebuildContext): Promise<string> {
  const stamp = rc.now.replace(/[-:.]/g, '').toLowerCase();
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${rc.name}_${stamp}` : `${rc.name}_${stamp}_${n}`;
    const { exists } = await rc.http.call<{ exists: boolean }>('GET', `/collections/${encodeURIComponent(name)}/exists`, rc.deadline);
    if (!exists) return name;
  }
}

async function copyOtherProjects(rc: RebuildContext, current: Current, physical: string): Promise<void> {
  if (current.kind === 'none') return;
  const source = current.kind === 'alias' ? current.physical : rc.name;
  const state = await readCollectionState(rc.http, source, rc.deadline);
  if (configMismatches(state.params, rc.embedders).length > 0) return;
  let offset: Schemas['ExtendedPointId'] | null = null;
  do {
    const body: Schemas['ScrollRequest'] = { filter: { must_not: projectFilter(rc.projectId).must }, limit: 256, with_payload: true, with_vector: true, ...(offset === null ? {} : { offset }) };
    const page = await rc.http.call<Schemas['ScrollResult']>('POST', `/collections/${encodeURIComponent(source)}/points/scroll`, rc.deadline, body);
    if (page.points.length > 0) {
      const points = page.points.map((p) => ({ id: p.id, vector: p.vector ?? {}, payload: p.payload ?? {} })) as Schemas['PointStruct'][];
      await rc.http.call('PUT', `/collections/${encodeURIComponent(physical)}/points?wait=true`, rc.deadline, { points });
    }
    offset = (page.next_page_offset ?? null) as Schemas['ExtendedPointId'] | null;
  } while (offset !== null);
}

async function switchAlias(rc: RebuildContext, current: Current, physical: string): Promise<void> {
  const create: Schemas['AliasOperations'] = { create_alias: { collection_name: physical, alias_name: rc.name } };
  if (current.kind === 'alias') {
    const actions: Schemas['AliasOperations'][] = [{ delete_alias: { alias_name: rc.name } }, create];
    await rc.http.call('POST', '/collections/aliases', rc.deadline, { actions });
    await rc.http.call('DELETE', `/collections/${encodeURIComponent(current.physical)}`, rc.deadline);
    return;
  }
  if (current.kind === 'collection') await rc.http.call('DELETE', `/collections/${encodeURIComponent(rc.name)}`, rc.deadline);
  await rc.http.call('POST', '/collections/aliases', rc.deadline, { actions: [create] });
}

// Cleanup gets its own short deadline: the run's may be the very reason we are here.
async function dropQuietly(http: QdrantHttp, physical: string): Promise<void> {
  const cleanup = new Deadline(5);
  try {
    await http.call('DELETE', `/collections/${encodeURIComponent(physical)}`, cleanup);
  } catch {
    // Best effort: a leftover `<name>_<time>` collection is harmless and is named in no alias.
  } finally {
    cleanup.dispose();
  }
}
