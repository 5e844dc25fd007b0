// Pure: the warning for a write target that Nx caches without sot-sync's runtime fingerprint input (a target written
// before the fingerprint moved from a custom hasher to a runtime input). Such a cache can replay a run over a wiped or
// replaced store, so the user is told how to fix the target; the run itself goes on.
import type { TargetConfiguration } from '@nx/devkit';
import { hasFingerprintInput } from '../../../src/plugin/sot-sync-targets';

/** The warning for `target` running in `mode`, or null when its caching is safe (docs-only, uncached, or fingerprinted). */
export function legacyCacheWarning(
  target: TargetConfiguration | undefined,
  mode: string | undefined,
  verify: boolean | undefined,
  label: string,
): string | null {
  const readsStore = (mode ?? 'docs-only') !== 'docs-only' || verify === true;
  if (!readsStore || target === undefined || target.cache !== true || hasFingerprintInput(target.inputs)) return null;
  return (
    `sot-sync: warning: ${label} is cached by Nx but its inputs do not include sot-sync's fingerprint of the store, so a cache hit ` +
    'could hide a wiped or replaced database or collection. Run `nx g sot-sync:init` to update the targets ' +
    '(README, "Why caching is safe"), or set "cache": false on this target.'
  );
}
