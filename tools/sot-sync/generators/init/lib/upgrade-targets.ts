// Pure: a project's targets merged with sot-sync's, upgrading what earlier versions of this generator wrote.
//
// Before issue 10 the generator wrote one `sot-sync` target (executor sot-sync:sync) with a configuration per mode,
// cached through nx.json targetDefaults["sot-sync:sync"] and a custom Nx hasher that read the database. The hasher is
// gone, so such a target's write configurations would now be cached on the ledgers alone: a hit could replay over a
// wiped or replaced database. Those two things are replaced; any other target, and any target of another executor,
// stays exactly as the user wrote it.
import type { NxJsonConfiguration, TargetConfiguration } from '@nx/devkit';
import { hasFingerprintInput } from '../../../src/plugin/sot-sync-targets';

type Targets = Record<string, TargetConfiguration>;

const SYNC_EXECUTOR = 'sot-sync:sync';
const LEGACY_WRITE_CONFIGURATIONS = ['db-only', 'qdrant-only', 'full'];
/** Options each target of the new shape sets itself; everything else an old target held is carried over. */
const PER_TARGET_OPTIONS = ['mode', 'execute', 'reportFile'];

/** The old `sot-sync` target: executor sot-sync:sync, write configurations, no runtime fingerprint input. */
export function isLegacySyncTarget(target: TargetConfiguration | undefined): target is TargetConfiguration {
  if (target?.executor !== SYNC_EXECUTOR || hasFingerprintInput(target.inputs)) return false;
  return Object.keys(target.configurations ?? {}).some((name) => LEGACY_WRITE_CONFIGURATIONS.includes(name));
}

/** The options of a legacy sync target that its replacements keep (e.g. `root`, `strict`). */
export function carriedOptions(target: TargetConfiguration | undefined): Record<string, unknown> {
  if (!isLegacySyncTarget(target)) return {};
  const options = (target.options ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(options).filter(([key]) => !PER_TARGET_OPTIONS.includes(key)));
}

/**
 * The targets with every wanted target that is missing added and a legacy `sot-sync` replaced, carrying its options
 * into the sync targets added now. `current` itself when nothing changes, so a second run writes nothing.
 */
export function mergeTargets(current: Targets, wanted: Targets, legacyName = 'sot-sync'): Targets {
  const legacy = isLegacySyncTarget(current[legacyName]);
  const added = Object.keys(wanted).filter((name) => !current[name] || (legacy && name === legacyName));
  if (added.length === 0) return current;
  const carried = carriedOptions(current[legacyName]);
  const merged: Targets = { ...wanted, ...current };
  for (const name of added) {
    const target = wanted[name] as TargetConfiguration;
    merged[name] = target.executor === SYNC_EXECUTOR ? { ...target, options: { ...carried, ...target.options } } : target;
  }
  return merged;
}

/**
 * nx.json without the old targetDefaults["sot-sync:sync"] (inputs but no runtime fingerprint); null when there is
 * none. Without it a target of that executor is not cached unless it says so itself, which is safe.
 */
export function withoutLegacyTargetDefaults(nxJson: NxJsonConfiguration): NxJsonConfiguration | null {
  const defaults = nxJson.targetDefaults?.[SYNC_EXECUTOR];
  if (defaults === undefined || Array.isArray(defaults) || defaults.inputs === undefined || hasFingerprintInput(defaults.inputs)) return null;
  const { [SYNC_EXECUTOR]: _legacy, ...targetDefaults } = nxJson.targetDefaults ?? {};
  return { ...nxJson, targetDefaults };
}
