// The Nx targets sot-sync gives a project: `tidy`, then `sot-sync` with one configuration per mode. One definition
// for the inferred-targets plugin and the init generator; a spec holds the repository's docs/project.json to it.
import type { TargetConfiguration } from '@nx/devkit';

/** The configurations of the sync target; the write modes carry `execute: true`, the reviewed opt-in (issue #5). */
export const SYNC_CONFIGURATIONS = ['docs-only', 'db-only', 'qdrant-only', 'full'] as const;

/** Environment that chooses a sync's targets and embedder, so part of its cache key. README, "Why caching is safe". */
export const SYNC_ENV_INPUTS = ['DATABASE_URL', 'QDRANT_HOST', 'SOT_SYNC_EMBED_BASE_URL', 'SOT_SYNC_EMBED_MODEL', 'SOT_SYNC_EMBED_DIMENSIONS'] as const;

/** nx.json namedInputs.ledgers: the ledgers of a project and the workspace's sot-sync config. */
export const LEDGERS_NAMED_INPUT = ['{projectRoot}/**/*.md', '{workspaceRoot}/sot-sync.config.json'];

export interface SyncTargetOptions {
  /** Where each configuration's JSON report goes (`<reportDir>/<configuration>.json`), relative to the workspace root. */
  reportDir: string;
  /** The sot-sync root of the targets (where sot-sync.config.json is read); default: the workspace root. */
  root?: string;
  /** Name of the tidy target that runs first. Default `tidy`. */
  tidyTarget?: string;
}

/** `tidy` and `sot-sync` as a project.json holds them (caching comes from nx.json targetDefaults, see syncTargetDefaults). */
export function syncTargets({ reportDir, root, tidyTarget = 'tidy' }: SyncTargetOptions): { tidy: TargetConfiguration; sync: TargetConfiguration } {
  const options = root === undefined ? {} : { root };
  const configurations = Object.fromEntries(
    SYNC_CONFIGURATIONS.map((mode) => [mode, { mode, ...(mode === 'docs-only' ? {} : { execute: true }), reportFile: `${reportDir}/${mode}.json` }]),
  );
  return {
    tidy: { executor: 'sot-sync:tidy', options, configurations: { check: { check: true } } },
    sync: { executor: 'sot-sync:sync', dependsOn: [tidyTarget], options, defaultConfiguration: 'docs-only', configurations },
  };
}

/** nx.json targetDefaults for every target using the executors: the sync cached on its inputs, tidy never cached. */
export function syncTargetDefaults(ledgersInput = 'ledgers'): Record<'sot-sync:sync' | 'sot-sync:tidy', Partial<TargetConfiguration>> {
  return {
    'sot-sync:sync': { cache: true, inputs: [ledgersInput, ...SYNC_ENV_INPUTS.map((env) => ({ env }))], outputs: ['{options.reportFile}'] },
    'sot-sync:tidy': { cache: false },
  };
}
