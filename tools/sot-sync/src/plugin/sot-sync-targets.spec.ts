// chooseTidy: which tidy target the write targets run after (the project's own, else sot-sync's), and syncTargets
// without a tidy of its own (issue 16).
import { SYNC_TARGETS, chooseTidy, syncTargets } from './sot-sync-targets';

describe('chooseTidy', () => {
  const runCommands = { executor: 'nx:run-commands', options: { command: 'python scripts/tidy/tidy_up.py --docs' } };

  it("is sot-sync's `tidy` when the project defines no tidy target", () => {
    expect(chooseTidy({})).toEqual({ name: 'tidy', own: true });
    expect(chooseTidy({ targets: { build: runCommands }, scripts: { test: 'jest' } })).toEqual({ name: 'tidy', own: true });
  });

  it("is the project's own: another executor, a command, or a package.json script, under the usual names in order", () => {
    expect(chooseTidy({ targets: { tidy: runCommands } })).toEqual({ name: 'tidy', own: false });
    expect(chooseTidy({ targets: { tidy: { command: 'make tidy' } } })).toEqual({ name: 'tidy', own: false });
    expect(chooseTidy({ scripts: { tidy: 'python tidy_up.py' } })).toEqual({ name: 'tidy', own: false });
    expect(chooseTidy({ targets: { 'tidy-ledgers': runCommands, 'tidy-up': runCommands } })).toEqual({ name: 'tidy-up', own: false });
    expect(chooseTidy({ targets: { 'docs-tidy': runCommands } })).toEqual({ name: 'docs-tidy', own: false });
  });

  it("does not take sot-sync's tidy, nor a target that only adds options to it, for the project's own", () => {
    expect(chooseTidy({ targets: { tidy: { executor: 'sot-sync:tidy', options: {} } } })).toEqual({ name: 'tidy', own: true });
    expect(chooseTidy({ targets: { tidy: { options: { lockTimeout: 60 } } } })).toEqual({ name: 'tidy', own: true });
    expect(chooseTidy({ targets: { tidy: { executor: 'sot-sync:tidy' }, 'tidy-docs': runCommands } })).toEqual({ name: 'tidy-docs', own: false });
    // A project.json target of the name wins over a package.json script of the same name.
    expect(chooseTidy({ targets: { tidy: { executor: 'sot-sync:tidy' } }, scripts: { tidy: 'x' } })).toEqual({ name: 'tidy', own: true });
  });

  it('with a name: only that name is looked at; sot-sync adds its tidy under it when the project has none', () => {
    expect(chooseTidy({ targets: { tidy: runCommands } }, 'ledgers-tidy')).toEqual({ name: 'ledgers-tidy', own: true });
    expect(chooseTidy({ targets: { 'ledgers-tidy': runCommands } }, 'ledgers-tidy')).toEqual({ name: 'ledgers-tidy', own: false });
  });
});

describe('syncTargets with the workspace tidy', () => {
  it('adds no tidy target and points the write targets, and only them, at the named one', () => {
    const targets = syncTargets({ reportDir: 'dist/sot-sync/docs', tidyTarget: 'tidy-up', ownTidy: false });
    expect(Object.keys(targets)).toEqual(Object.keys(SYNC_TARGETS));
    for (const [name, mode] of Object.entries(SYNC_TARGETS)) expect(targets[name]?.dependsOn).toEqual(mode === 'docs-only' ? undefined : ['tidy-up']);
    const own = syncTargets({ reportDir: 'dist/sot-sync/docs' });
    expect(own['tidy']).toEqual({ executor: 'sot-sync:tidy', cache: false, options: {}, configurations: { check: { check: true } } });
    // Otherwise the same targets as with sot-sync's tidy.
    const withoutOwn = Object.entries(own).filter(([name]) => name !== 'tidy');
    expect(targets).toEqual(Object.fromEntries(withoutOwn.map(([name, t]) => [name, t.dependsOn ? { ...t, dependsOn: ['tidy-up'] } : t])));
  });
});
