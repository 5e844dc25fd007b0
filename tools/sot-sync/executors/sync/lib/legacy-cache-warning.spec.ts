import { syncTargets } from '../../../src/plugin/sot-sync-targets';
import { legacyCacheWarning } from './legacy-cache-warning';

describe('legacyCacheWarning', () => {
  const legacy = { executor: 'sot-sync:sync', cache: true, inputs: ['ledgers', { env: 'DATABASE_URL' }] };

  it('warns for a cached write or verify target without the runtime fingerprint input, naming the target and the fix', () => {
    const warning = legacyCacheWarning(legacy, 'db-only', false, 'docs:sot-sync');
    expect(warning).toMatch(/docs:sot-sync is cached by Nx/);
    expect(warning).toMatch(/nx g sot-sync:init/);
    expect(legacyCacheWarning(legacy, 'docs-only', true, 'docs:sot-sync')).not.toBeNull();
  });

  it('is silent for docs-only, for an uncached target, and for every target syncTargets writes', () => {
    expect(legacyCacheWarning(legacy, 'docs-only', false, 'x')).toBeNull();
    expect(legacyCacheWarning({ ...legacy, cache: false }, 'full', false, 'x')).toBeNull();
    for (const target of Object.values(syncTargets({ reportDir: 'dist' }))) {
      expect(legacyCacheWarning(target, (target.options as { mode?: string }).mode, false, 'x')).toBeNull();
    }
  });
});
