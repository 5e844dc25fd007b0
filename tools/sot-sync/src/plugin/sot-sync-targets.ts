// The Nx targets sot-sync gives a project: `tidy`, `sot-sync` (docs-only: parse and validate, write nothing) and one
// target per write mode (`sot-sync-db`, `sot-sync-qdrant`, `sot-sync-full`), which run after a tidy target: the
// workspace's own when the project has one, else sot-sync's (issue 16). One definition for the inferred-targets
// plugin and the init generator; a spec holds the repository's docs/project.json to it.
//
// Why a target per mode and not one target with a configuration per mode: Nx inputs belong to a target, not to a
// configuration, and a write mode's cache key must include what its store holds (a runtime input running
// `sot-sync fingerprint`), while docs-only must stay cacheable on the ledgers alone in a CI with no database.
// README, "Why caching is safe".
import type { TargetConfiguration } from '@nx/devkit';
import { usesStores } from '../config/sync-modes';
import type { SyncMode } from '../config/sync-options';

/** Target name → mode. The write modes carry `execute: true`, the reviewed opt-in (issue #5). */
export const SYNC_TARGETS: Readonly<Record<string, SyncMode>> = {
  'sot-sync': 'docs-only',
  'sot-sync-db': 'db-only',
  'sot-sync-qdrant': 'qdrant-only',
  'sot-sync-full': 'full',
};

/** The executor of sot-sync's own tidy target. */
export const TIDY_EXECUTOR = 'sot-sync:tidy';

/** Environment that chooses a sync's targets and embedder, so part of its cache key. README, "Why caching is safe". */
export const SYNC_ENV_INPUTS = ['DATABASE_URL', 'QDRANT_HOST', 'SOT_SYNC_EMBED_BASE_URL', 'SOT_SYNC_EMBED_MODEL', 'SOT_SYNC_EMBED_DIMENSIONS'] as const;

/**
 * How Nx starts `sot-sync fingerprint` for a runtime input: the installed package's bin through `node` (no `npx`,
 * which alone costs ~0.3 s, and no reliance on node_modules/.bin being on PATH). The bin moves itself onto the
 * workspace's Node 22+ when the first `node` on PATH is older.
 */
export const FINGERPRINT_BIN = 'node node_modules/sot-sync/bin/sot-sync.js fingerprint';

export interface SyncTargetOptions {
  /** Where each target's JSON report goes (`<reportDir>/<mode>.json`), relative to the workspace root. */
  reportDir: string;
  /** The sot-sync root of the targets (where sot-sync.config.json is read), relative to the workspace root; default: the workspace root. */
  root?: string;
  /** Name of the tidy target that the write targets run after. Default `tidy`. */
  tidyTarget?: string;
  /** Whether that target is sot-sync's own, added here; false when the workspace has its own (chooseTidy). Default true. */
  ownTidy?: boolean;
  /** The ledgers and config file inputs (file sets). Default: the `ledgers` named input. */
  fileInputs?: readonly string[];
}

/** sot-sync's tidy (unless the workspace has its own) and the sync targets, each with its own cache inputs. */
export function syncTargets({
  reportDir,
  root,
  tidyTarget = 'tidy',
  ownTidy = true,
  fileInputs = ['ledgers'],
}: SyncTargetOptions): Record<string, TargetConfiguration> {
  const base = root === undefined || root === '.' || root === '' ? {} : { root };
  const targets: Record<string, TargetConfiguration> = {};
  if (ownTidy) targets[tidyTarget] = { executor: TIDY_EXECUTOR, cache: false, options: { ...base }, configurations: { check: { check: true } } };
  for (const [name, mode] of Object.entries(SYNC_TARGETS)) {
    const writes = usesStores(mode);
    targets[name] = {
      executor: 'sot-sync:sync',
      ...(writes ? { dependsOn: [tidyTarget] } : {}),
      cache: true,
      inputs: [...fileInputs, ...SYNC_ENV_INPUTS.map((env) => ({ env })), { runtime: fingerprintCommand(mode, base.root) }],
      outputs: ['{options.reportFile}'],
      options: { ...base, mode, ...(writes ? { execute: true } : {}), reportFile: `${reportDir}/${mode}.json` },
    };
  }
  return targets;
}

/**
 * Names under which a project's own tidy target is recognised, in this order, when no name is given (issue 16).
 * `tidy-up` after the workspace tidy tool (`tidy_up`) whose lease files sot-sync shares.
 */
export const WORKSPACE_TIDY_NAMES: readonly string[] = ['tidy', 'tidy-up', 'tidy-docs', 'docs-tidy', 'tidy-ledgers'];

/** The tidy target the write targets run after, and whether it is sot-sync's own (to be added) or the workspace's. */
export interface TidyChoice {
  name: string;
  own: boolean;
}

/** What a project already defines itself: the targets of its project.json (or package.json `nx`) and its package.json scripts. */
export interface DefinedTargets {
  targets?: Record<string, TargetConfiguration | undefined>;
  scripts?: Record<string, unknown>;
}

/**
 * The workspace's own tidy target when the project defines one (a target of another executor than sot-sync:tidy, a
 * `command`, or a package.json script): `name` when given, else the first of WORKSPACE_TIDY_NAMES. Otherwise
 * sot-sync's tidy, under `name` or `tidy`. A target that only adds options to sot-sync's tidy is not the workspace's.
 */
export function chooseTidy(defined: DefinedTargets, name?: string): TidyChoice {
  const isWorkspaceTidy = (candidate: string): boolean => {
    const target = defined.targets?.[candidate];
    if (target !== undefined && (target.executor ? target.executor !== TIDY_EXECUTOR : typeof target.command === 'string')) return true;
    return target === undefined && typeof defined.scripts?.[candidate] === 'string';
  };
  const found = (name === undefined ? WORKSPACE_TIDY_NAMES : [name]).find(isWorkspaceTidy);
  return found === undefined ? { name: name ?? 'tidy', own: true } : { name: found, own: false };
}

/**
 * The runtime input of a sync target: the code identity of the installed sot-sync and, for a write mode, the state of
 * the targets it writes (deterministic only while they hold what the ledgers say, unique otherwise).
 */
export function fingerprintCommand(mode: SyncMode, root?: string): string {
  return `${FINGERPRINT_BIN} --${mode}${root ? ` --root ${root}` : ''}`;
}

/** nx.json namedInputs.ledgers: the ledgers of a project and the workspace's sot-sync config. */
export const LEDGERS_NAMED_INPUT = ['{projectRoot}/**/*.md', '{workspaceRoot}/sot-sync.config.json'];

/** True when an input list carries sot-sync's runtime fingerprint (a target the init generator wrote or upgraded). */
export function hasFingerprintInput(inputs: TargetConfiguration['inputs']): boolean {
  return (inputs ?? []).some((input) => typeof input === 'object' && 'runtime' in input && String(input.runtime).includes('sot-sync.js fingerprint'));
}
