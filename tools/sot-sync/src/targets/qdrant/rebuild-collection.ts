// `--rebuild`: fill a new physical collection, then point the alias `<name>` at it, so readers never see a
// half-built index; whatever a failure leaves is dropped at once or swept by the next rebuild (issue 11, D10, D11).
import type { Schemas } from '@qdrant/js-client-rest';
import type { Embedder } from '../../embed/embedder';
import { ConnectionError, DeadlineExceededError, SotSyncError } from '../../errors';
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

/** Budget of clean-up and read-back calls, which run even when the run's own deadline is what failed. */
const CLEANUP_SECONDS = 5;
/** The legacy switch (delete, then create the alias) starts only with this much time left, and may finish past it. */
const LEGACY_SWITCH_SECONDS = 10;

/**
 * 1. creates `<name>_<yyyymmddThhmmss…>` with the current embedders' config and payload indexes;
 * 2. copies the other projects' points into it when the old collection has the same vector config (with another
 *    config their vectors cannot be kept: those projects are re-written by their own next sync);
 * 3. `fill(physical)` writes this project (its snapshot there is empty, so every entry is inserted);
 * 4. switches `<name>` to it (switchAlias, or switchLegacy for a plain collection made by an older version);
 * 5. sweeps what no alias serves any more: the old physical collection and leftovers of earlier failed rebuilds.
 * A failure before the switch drops the new collection and leaves `<name>` as it was.
 */
export async function rebuildCollection<T>(rc: RebuildContext, fill: (physical: string) => Promise<T>): Promise<T> {
  const current = await readCurrent(rc, rc.deadline);
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
  if (current.kind === 'collection') await switchLegacy(rc, physical);
  else await switchAlias(rc, current, physical);
  await sweepLeftovers(rc, physical, current.kind === 'alias' ? current.physical : null);
  return result;
}

async function readCurrent(rc: RebuildContext, deadline: Deadline): Promise<Current> {
  const { aliases } = await rc.http.call<Schemas['CollectionsAliasesResponse']>('GET', '/aliases', deadline);
  const alias = aliases.find((entry) => entry.alias_name === rc.name);
  if (alias) return { kind: 'alias', physical: alias.collection_name };
  const { exists } = await rc.http.call<{ exists: boolean }>('GET', `/collections/${encodeURIComponent(rc.name)}/exists`, deadline);
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
    const body: Schemas['ScrollRequest'] = {
      filter: { must_not: projectFilter(rc.projectId).must },
      limit: 256,
      with_payload: true,
      with_vector: true,
      ...(offset === null ? {} : { offset }),
    };
    const page = await rc.http.call<Schemas['ScrollResult']>('POST', `/collections/${encodeURIComponent(source)}/points/scroll`, rc.deadline, body);
    if (page.points.length > 0) {
      const points = page.points.map((p) => ({ id: p.id, vector: p.vector ?? {}, payload: p.payload ?? {} })) as Schemas['PointStruct'][];
      await rc.http.call('PUT', `/collections/${encodeURIComponent(physical)}/points?wait=true`, rc.deadline, { points });
    }
    offset = (page.next_page_offset ?? null) as Schemas['ExtendedPointId'] | null;
  } while (offset !== null);
}

/**
 * `<name>` is an alias or nothing: one update_aliases call (delete + create, atomic for readers) moves readers from
 * the old complete index to the new complete one. When the call fails, the answer may still have been applied, so
 * the alias is read back: the outcome reported is the one readers see.
 */
async function switchAlias(rc: RebuildContext, current: Current, physical: string): Promise<void> {
  const create: Schemas['AliasOperations'] = { create_alias: { collection_name: physical, alias_name: rc.name } };
  const actions: Schemas['AliasOperations'][] = current.kind === 'alias' ? [{ delete_alias: { alias_name: rc.name } }, create] : [create];
  try {
    await rc.http.call('POST', '/collections/aliases', rc.deadline, { actions });
  } catch (error) {
    const now = await withCleanupDeadline((deadline) => readCurrent(rc, deadline));
    if (now?.kind === 'alias' && now.physical === physical) return;
    if (now === null)
      throw withNote(
        error,
        `could not tell whether readers of "${rc.name}" were switched; the new collection ${physical} is kept and the next --rebuild removes it if no alias serves it`,
      );
    await dropQuietly(rc.http, physical);
    throw withNote(
      error,
      `readers of "${rc.name}" still see ${current.kind === 'alias' ? `the old index (${current.physical})` : 'what they saw before'}; the new collection ${physical} was dropped`,
    );
  }
}

/**
 * `<name>` is a plain collection (made before sot-sync used aliases). Qdrant refuses an alias named like a collection,
 * so the collection must be deleted before the alias can be created: the one moment readers can get a 404, once in
 * a collection's life. Everything that can fail is done before it (the new index is complete), the two calls get a
 * budget of their own (neither the deadline nor a signal can fall between them), and a failure says how to finish.
 */
async function switchLegacy(rc: RebuildContext, physical: string): Promise<void> {
  if (rc.deadline.remainingMs() < LEGACY_SWITCH_SECONDS * 1000) {
    await dropQuietly(rc.http, physical);
    throw new DeadlineExceededError(
      `less than ${LEGACY_SWITCH_SECONDS}s of --max-seconds left to replace the collection "${rc.name}" by an alias; nothing changed for readers and the new collection was dropped: run again with a larger --max-seconds`,
    );
  }
  const critical = new Deadline(LEGACY_SWITCH_SECONDS);
  try {
    await deleteLegacy(rc, physical, critical);
    const create: Schemas['AliasOperations'] = { create_alias: { collection_name: physical, alias_name: rc.name } };
    await rc.http.call('POST', '/collections/aliases', critical, { actions: [create] }).catch((error: unknown) => {
      throw new ConnectionError(
        `the collection "${rc.name}" was deleted to make room for an alias, but creating the alias failed (${messageOf(error)}): readers of "${rc.name}" get 404 until it exists. ` +
          `The complete new index is the collection ${physical}: run --rebuild again, or POST /collections/aliases {"actions":[{"create_alias":{"collection_name":"${physical}","alias_name":"${rc.name}"}}]}`,
        { cause: error },
      );
    });
  } finally {
    critical.dispose();
  }
}

/** Deletes the legacy collection; when that fails and it is still there, readers keep it and the new one goes. */
async function deleteLegacy(rc: RebuildContext, physical: string, deadline: Deadline): Promise<void> {
  try {
    await rc.http.call('DELETE', `/collections/${encodeURIComponent(rc.name)}`, deadline);
  } catch (error) {
    const now = await withCleanupDeadline((cleanup) => readCurrent(rc, cleanup));
    if (now?.kind === 'none') return; // Deleted after all (the answer was lost): go on to the alias.
    if (now?.kind === 'collection') await dropQuietly(rc.http, physical);
    throw withNote(
      error,
      now?.kind === 'collection' ? `readers of "${rc.name}" still see the old collection; the new one was dropped` : `the new collection ${physical} is kept`,
    );
  }
}

/**
 * Drops the collections earlier rebuilds of `<name>` made that no alias serves any more (the index we switched away
 * from, a rebuild whose switch failed): named `<name>_<stamp>`, or the old physical collection of this switch. Best
 * effort: readers are in step whatever happens here, and what stays is swept by the next rebuild (D11).
 */
async function sweepLeftovers(rc: RebuildContext, physical: string, previous: string | null): Promise<void> {
  const stamped = new RegExp(`^${rc.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_\\d{8}t\\d{9}z(_\\d+)?$`);
  await withCleanupDeadline(async (deadline) => {
    const { collections } = await rc.http.call<Schemas['CollectionsResponse']>('GET', '/collections', deadline);
    const { aliases } = await rc.http.call<Schemas['CollectionsAliasesResponse']>('GET', '/aliases', deadline);
    const served = new Set(aliases.map((alias) => alias.collection_name));
    const unserved = collections.map((c) => c.name).filter((name) => name !== physical && !served.has(name) && (name === previous || stamped.test(name)));
    for (const name of unserved) await rc.http.call('DELETE', `/collections/${encodeURIComponent(name)}`, deadline).catch(() => undefined);
  });
}

/** Runs `work` with a fresh short deadline (the run's may be spent); null when it fails. */
async function withCleanupDeadline<T>(work: (deadline: Deadline) => Promise<T>): Promise<T | null> {
  const cleanup = new Deadline(CLEANUP_SECONDS);
  try {
    return await work(cleanup);
  } catch {
    return null;
  } finally {
    cleanup.dispose();
  }
}

async function dropQuietly(http: QdrantHttp, physical: string): Promise<void> {
  // Best effort: a leftover `<name>_<time>` collection is named in no alias, and the next rebuild sweeps it.
  await withCleanupDeadline((deadline) => http.call('DELETE', `/collections/${encodeURIComponent(physical)}`, deadline));
}

/** The same failure (class and exit code kept), its message completed with what readers see now. */
function withNote(error: unknown, note: string): unknown {
  if (error instanceof SotSyncError) error.message = `${error.message}; ${note}`;
  return error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
