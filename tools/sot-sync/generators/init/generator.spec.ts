// The init generator on the devkit's virtual tree: what it adds to an empty workspace (names derived from the
// workspace, the database at the workspace root, .gitignore, the hook with --verbose), a second project beside the
// first, the upgrade of targets an earlier version wrote, how it merges with an existing setup, a project with its
// own tidy target (issue 16), and that a second run changes nothing. Also: how Nx finds it (package.json "generators" -> generators.json "init", what `nx add` runs).
import { addProjectConfiguration, logger, readJson, readNxJson, readProjectConfiguration, updateNxJson, type TargetConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncTargets } from '../../src/plugin/sot-sync-targets';
import { sqlitePathFromUrl } from '../../src/targets/sqlite/sqlite-url';
import initGenerator from './generator';

interface PackageJson {
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
  'lint-staged'?: Record<string, string | string[]>;
}

let tree: Tree;
beforeEach(() => {
  tree = createTreeWithEmptyWorkspace(); // root package.json: "@proj/source", Nx's default name
});

/** Every file of the tree with its content, to compare two states. */
function snapshot(t: Tree): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of t.children(dir)) {
      const file = dir ? `${dir}/${name}` : name;
      if (t.isFile(file)) files[file] = t.read(file, 'utf-8') ?? '';
      else walk(file);
    }
  };
  walk('');
  return files;
}

const lintStaged = (t: Tree): PackageJson['lint-staged'] => readJson<PackageJson>(t, 'package.json')['lint-staged'];
const gitignore = (t: Tree): string[] => (t.read('.gitignore', 'utf-8') ?? '').split('\n');
/** Where a config's SQLite file lands, relative to the workspace root, resolved as sot-sync resolves it. */
function databaseFileOf(t: Tree, configFile: string): string {
  const url = readJson<{ databaseUrl: string }>(t, configFile).databaseUrl;
  return path.relative('/ws', sqlitePathFromUrl(url, path.join('/ws', path.dirname(configFile))) ?? '');
}

describe('sot-sync:init on an empty workspace', () => {
  it('adds the docs project with tidy and a target per mode, the named input, and no caching defaults', async () => {
    await initGenerator(tree, {});
    expect(readProjectConfiguration(tree, 'docs').targets).toEqual(syncTargets({ reportDir: 'dist/sot-sync/docs' }));
    const nxJson = readNxJson(tree);
    expect(nxJson?.namedInputs?.['ledgers']).toEqual(['{projectRoot}/**/*.md', '{workspaceRoot}/sot-sync.config.json']);
    expect(Object.keys(nxJson?.targetDefaults ?? {}).filter((key) => key.startsWith('sot-sync'))).toEqual([]);
  });

  it('names the project id, collection and database after the workspace, the database at the workspace root', async () => {
    await initGenerator(tree, {});
    expect(readJson(tree, 'sot-sync.config.json')).toEqual({
      projectId: 'proj',
      docsDir: 'docs',
      databaseUrl: 'sqlite:///proj.db',
      qdrantCollection: 'proj_sot_docs',
    });
    expect(databaseFileOf(tree, 'sot-sync.config.json')).toBe('proj.db');
    expect(gitignore(tree)).toEqual(expect.arrayContaining(['proj.db', 'proj.db-journal', 'proj.db-wal', 'proj.db-shm', '.autonomous_runs/']));
  });

  it('wires the hook: husky in prepare, the lint-staged entry, lint-staged --verbose in .husky/pre-commit', async () => {
    await initGenerator(tree, {});
    const pkg = readJson<PackageJson>(tree, 'package.json');
    expect(pkg.scripts?.['prepare']).toBe('husky');
    expect(pkg['lint-staged']).toEqual({ 'docs/**/*.md': 'sot-sync validate --staged' });
    expect(pkg.devDependencies).toMatchObject({ husky: expect.any(String) as unknown, 'lint-staged': expect.any(String) as unknown });
    expect(tree.read('.husky/pre-commit', 'utf-8')).toMatch(/^lint-staged --verbose --diff-filter=ACMRD$/m);
  });

  it.each([
    ['acme-web', undefined, 'acme-web'],
    ['@acme/source', undefined, 'acme'],
    ['@acme/tools', 'ledgers', 'tools-ledgers'],
    ['@acme/source', '@acme/ledgers', 'acme-acme-ledgers'],
    ['My Repo!', undefined, 'My-Repo'],
    [undefined, undefined, 'virtual'],
  ])('derives the project id from the package name %p and the project %p: %p', async (name, project, projectId) => {
    tree.write('package.json', JSON.stringify(name === undefined ? {} : { name }));
    if (project) addProjectConfiguration(tree, project, { root: 'libs/ledgers' });
    await initGenerator(tree, { project, skipHook: true });
    const config = readJson<{ projectId: string; qdrantCollection: string }>(tree, 'sot-sync.config.json');
    expect(config).toMatchObject({ projectId, qdrantCollection: `${projectId}_sot_docs` });
    expect(config.qdrantCollection).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('takes --projectId as given for the id, the collection and the database', async () => {
    await initGenerator(tree, { projectId: 'ledgers.v2' });
    expect(readJson(tree, 'sot-sync.config.json')).toMatchObject({
      projectId: 'ledgers.v2',
      databaseUrl: 'sqlite:///ledgers.v2.db',
      qdrantCollection: 'ledgers.v2_sot_docs',
    });
  });
});

describe('sot-sync:init with --addPlugin, for a project not rooted at docs/', () => {
  beforeEach(() => addProjectConfiguration(tree, 'ledgers', { root: 'libs/ledgers' }));

  it('registers sot-sync/plugin, puts the config in the project root and the database at the workspace root', async () => {
    await initGenerator(tree, { project: 'ledgers', addPlugin: true });
    expect(readNxJson(tree)?.plugins).toEqual(['sot-sync/plugin']);
    expect(readJson(tree, 'libs/ledgers/sot-sync.config.json')).toEqual({
      projectId: 'proj-ledgers',
      docsDir: '.',
      databaseUrl: 'sqlite:///../../proj-ledgers.db',
      qdrantCollection: 'proj-ledgers_sot_docs',
    });
    expect(databaseFileOf(tree, 'libs/ledgers/sot-sync.config.json')).toBe('proj-ledgers.db');
    expect(gitignore(tree)).toEqual(expect.arrayContaining(['proj-ledgers.db', 'proj-ledgers.db-wal', '.autonomous_runs/']));
    expect(tree.exists('sot-sync.config.json')).toBe(false);
    expect(readProjectConfiguration(tree, 'ledgers').targets ?? {}).toEqual({});
    expect(lintStaged(tree)).toEqual({ 'libs/ledgers/**/*.md': 'sot-sync validate --staged' });
  });
});

describe('sot-sync:init for a second project', () => {
  beforeEach(() => addProjectConfiguration(tree, 'ledgers', { root: 'libs/ledgers' }));

  it('gives it its own config and targets rooted there, and a lint-staged entry beside the first', async () => {
    await initGenerator(tree, {});
    await initGenerator(tree, { project: 'ledgers' });
    expect(readJson(tree, 'sot-sync.config.json')).toMatchObject({ projectId: 'proj', docsDir: 'docs' });
    expect(readJson(tree, 'libs/ledgers/sot-sync.config.json')).toMatchObject({
      projectId: 'proj-ledgers',
      docsDir: '.',
      databaseUrl: 'sqlite:///../../proj-ledgers.db',
    });
    const targets = readProjectConfiguration(tree, 'ledgers').targets ?? {};
    expect(targets).toEqual(
      syncTargets({ reportDir: 'dist/sot-sync/ledgers', root: 'libs/ledgers', fileInputs: ['{projectRoot}/**/*.md', '{projectRoot}/sot-sync.config.json'] }),
    );
    expect(targets['sot-sync-db']?.inputs).toContainEqual({ runtime: 'node node_modules/sot-sync/bin/sot-sync.js fingerprint --db-only --root libs/ledgers' });
    expect(lintStaged(tree)).toEqual({ 'docs/**/*.md': 'sot-sync validate --staged', 'libs/ledgers/**/*.md': 'sot-sync validate --staged' });
    expect(gitignore(tree)).toEqual(expect.arrayContaining(['proj.db', 'proj-ledgers.db']));
    expect(gitignore(tree).filter((line) => line.startsWith('# sot-sync'))).toHaveLength(1);
    const both = snapshot(tree);
    await initGenerator(tree, {});
    await initGenerator(tree, { project: 'ledgers' });
    expect(snapshot(tree)).toEqual(both);
  });

  it('with --addPlugin too, and never adds an entry for ledgers an entry already covers', async () => {
    await initGenerator(tree, { addPlugin: true });
    await initGenerator(tree, { project: 'ledgers', addPlugin: true });
    expect(lintStaged(tree)).toEqual({ 'docs/**/*.md': 'sot-sync validate --staged', 'libs/ledgers/**/*.md': 'sot-sync validate --staged' });
    const covered = createTreeWithEmptyWorkspace();
    addProjectConfiguration(covered, 'ledgers', { root: 'libs/ledgers' });
    covered.write('package.json', JSON.stringify({ name: 'ws', 'lint-staged': { 'libs/**/*.md': ['sot-sync validate --staged'] } }));
    await initGenerator(covered, { project: 'ledgers' });
    expect(lintStaged(covered)).toEqual({ 'libs/**/*.md': ['sot-sync validate --staged'] });
  });
});

/** docs/project.json and nx.json as the generator wrote them before issue 10. */
function legacySetup(t: Tree): void {
  const reportFile = (mode: string): string => `dist/sot-sync/docs/${mode}.json`;
  const configurations = Object.fromEntries(
    ['docs-only', 'db-only', 'qdrant-only', 'full'].map((mode) => [
      mode,
      { mode, ...(mode === 'docs-only' ? {} : { execute: true }), reportFile: reportFile(mode) },
    ]),
  );
  addProjectConfiguration(t, 'docs', {
    root: 'docs',
    targets: {
      tidy: { executor: 'sot-sync:tidy', options: {}, configurations: { check: { check: true } } },
      'sot-sync': { executor: 'sot-sync:sync', dependsOn: ['tidy'], options: { strict: true }, defaultConfiguration: 'docs-only', configurations },
      'sot-sync-qdrant': { executor: 'nx:run-commands', options: { command: 'my-own-qdrant-sync' } },
      lint: { executor: 'nx:run-commands', options: { command: 'markdownlint docs' } },
    },
  });
  const nxJson = readNxJson(t) ?? {};
  const targetDefaults = {
    ...nxJson.targetDefaults,
    'sot-sync:sync': { cache: true, inputs: ['ledgers', { env: 'DATABASE_URL' }], outputs: ['{options.reportFile}'] },
    'sot-sync:tidy': { cache: false },
  };
  updateNxJson(t, { ...nxJson, namedInputs: { ledgers: ['{projectRoot}/**/*.md', '{workspaceRoot}/sot-sync.config.json'] }, targetDefaults });
  t.write('sot-sync.config.json', '{ "docsDir": "docs" }\n');
  t.write(
    '.husky/pre-commit',
    '# Blocks a commit whose staged ledgers have errors (sot-sync validate --staged, through lint-staged).\nlint-staged --diff-filter=ACMRD\n',
  );
}

describe('sot-sync:init over what an earlier version wrote', () => {
  it('replaces the legacy sot-sync target and targetDefaults, keeps every target the user wrote, then changes nothing', async () => {
    legacySetup(tree);
    await initGenerator(tree, {});
    const targets = readProjectConfiguration(tree, 'docs').targets ?? {};
    const wanted = syncTargets({ reportDir: 'dist/sot-sync/docs' });
    const withStrict = (target: TargetConfiguration | undefined): TargetConfiguration => ({ ...target, options: { strict: true, ...target?.options } });
    expect(targets['sot-sync']).toEqual(withStrict(wanted['sot-sync']));
    expect(targets['sot-sync-db']).toEqual(withStrict(wanted['sot-sync-db']));
    expect(targets['sot-sync-full']).toEqual(withStrict(wanted['sot-sync-full']));
    expect(targets['sot-sync-qdrant']).toEqual({ executor: 'nx:run-commands', options: { command: 'my-own-qdrant-sync' } });
    expect(targets['lint']).toEqual({ executor: 'nx:run-commands', options: { command: 'markdownlint docs' } });
    expect(targets['tidy']).toEqual({ executor: 'sot-sync:tidy', options: {}, configurations: { check: { check: true } } });
    expect(readNxJson(tree)?.targetDefaults?.['sot-sync:sync']).toBeUndefined();
    expect(readNxJson(tree)?.targetDefaults?.['sot-sync:tidy']).toEqual({ cache: false });
    expect(tree.read('sot-sync.config.json', 'utf-8')).toBe('{ "docsDir": "docs" }\n');
    expect(gitignore(tree)).toEqual(expect.arrayContaining(['autopack.db', '.autonomous_runs/']));
    expect(tree.read('.husky/pre-commit', 'utf-8')).toMatch(/^lint-staged --verbose --diff-filter=ACMRD$/m);
    const once = snapshot(tree);
    await initGenerator(tree, {});
    expect(snapshot(tree)).toEqual(once);
  });

  it('leaves a target named sot-sync of another executor, and targetDefaults that carry the fingerprint', async () => {
    addProjectConfiguration(tree, 'docs', {
      root: 'docs',
      targets: { 'sot-sync': { executor: 'nx:run-commands', options: { command: 'sot-sync --db-only --execute' }, configurations: { 'db-only': {} } } },
    });
    const fingerprinted = { cache: true, inputs: ['ledgers', { runtime: 'node node_modules/sot-sync/bin/sot-sync.js fingerprint --db-only' }] };
    updateNxJson(tree, { ...readNxJson(tree), targetDefaults: { 'sot-sync:sync': fingerprinted } });
    await initGenerator(tree, {});
    expect(readProjectConfiguration(tree, 'docs').targets?.['sot-sync']).toEqual({
      executor: 'nx:run-commands',
      options: { command: 'sot-sync --db-only --execute' },
      configurations: { 'db-only': {} },
    });
    expect(readNxJson(tree)?.targetDefaults?.['sot-sync:sync']).toEqual(fingerprinted);
  });
});

describe('sot-sync:init in a workspace with its own setup', () => {
  it('merges and replaces nothing the user wrote; an existing config is kept and its database ignored', async () => {
    tree.write(
      'package.json',
      JSON.stringify({
        name: 'ws',
        scripts: { prepare: 'patch-package' },
        devDependencies: { husky: '^8.0.3' },
        'lint-staged': { '*.ts': 'eslint --fix', 'docs/**/*.md': 'prettier --check' },
      }),
    );
    tree.write('.husky/pre-commit', 'npx lint-staged\nnpm test\n');
    tree.write('.gitignore', 'node_modules\n/mine.db');
    tree.write('sot-sync.config.json', '{ "projectId": "mine", "docsDir": "libs/ledgers", "databaseUrl": "sqlite:///mine.db" }\n');
    addProjectConfiguration(tree, 'ledgers', { root: 'libs/ledgers', targets: { tidy: { executor: 'nx:run-commands', options: { command: 'my-tidy' } } } });
    await initGenerator(tree, { project: 'ledgers' });
    const pkg = readJson<PackageJson>(tree, 'package.json');
    expect(pkg.scripts?.['prepare']).toBe('patch-package && husky');
    expect(pkg.devDependencies?.['husky']).toBe('^8.0.3');
    expect(pkg['lint-staged']).toEqual({ '*.ts': 'eslint --fix', 'docs/**/*.md': 'prettier --check', 'libs/ledgers/**/*.md': 'sot-sync validate --staged' });
    expect(tree.read('.husky/pre-commit', 'utf-8')).toBe('npx lint-staged\nnpm test\n');
    expect(tree.read('sot-sync.config.json', 'utf-8')).toBe('{ "projectId": "mine", "docsDir": "libs/ledgers", "databaseUrl": "sqlite:///mine.db" }\n');
    expect(tree.exists('libs/ledgers/sot-sync.config.json')).toBe(false);
    expect(tree.read('.gitignore', 'utf-8')).toBe(
      'node_modules\n/mine.db\n\n# sot-sync: the SQLite index (rebuilt from the ledgers) and the lease files of write runs\nmine.db-journal\nmine.db-wal\nmine.db-shm\n.autonomous_runs/\n',
    );
    const targets = readProjectConfiguration(tree, 'ledgers').targets ?? {};
    expect(targets['tidy']).toEqual({ executor: 'nx:run-commands', options: { command: 'my-tidy' } });
    expect(targets['sot-sync-db']).toMatchObject({ executor: 'sot-sync:sync', dependsOn: ['tidy'], options: { mode: 'db-only', execute: true } });
    expect(tree.exists('docs/project.json')).toBe(false);
  });

  it('changes nothing when run twice (default, and with the plugin)', async () => {
    await initGenerator(tree, { projectId: 'p1' });
    const once = snapshot(tree);
    await initGenerator(tree, { projectId: 'p1' });
    expect(snapshot(tree)).toEqual(once);
    const other = createTreeWithEmptyWorkspace();
    await initGenerator(other, { addPlugin: true });
    const pluginOnce = snapshot(other);
    await initGenerator(other, { addPlugin: true });
    expect(snapshot(other)).toEqual(pluginOnce);
  });

  it('joins the commands of a glob that already exists, and appends to a hook that does not run lint-staged', async () => {
    tree.write('package.json', JSON.stringify({ name: 'ws', 'lint-staged': { 'docs/**/*.md': ['prettier --write'] } }));
    tree.write('.husky/pre-commit', 'npm test');
    await initGenerator(tree, {});
    expect(lintStaged(tree)).toEqual({ 'docs/**/*.md': ['prettier --write', 'sot-sync validate --staged'] });
    // lint-staged has another task here, which would receive deleted paths: no --diff-filter.
    expect(tree.read('.husky/pre-commit', 'utf-8')).toBe('npm test\nlint-staged --verbose\n');
  });

  it('merges into .lintstagedrc.json, and leaves a JavaScript lint-staged config to the user', async () => {
    tree.write('.lintstagedrc.json', JSON.stringify({ '*.css': 'stylelint' }));
    await initGenerator(tree, {});
    expect(readJson(tree, '.lintstagedrc.json')).toEqual({ '*.css': 'stylelint', 'docs/**/*.md': 'sot-sync validate --staged' });
    expect(lintStaged(tree)).toBeUndefined();
    const js = createTreeWithEmptyWorkspace();
    js.write('lint-staged.config.js', 'module.exports = {};\n');
    await initGenerator(js, {});
    expect(js.read('lint-staged.config.js', 'utf-8')).toBe('module.exports = {};\n');
    expect(lintStaged(js)).toBeUndefined();
  });

  it('refuses an unknown project other than the default, naming the projects there are', async () => {
    addProjectConfiguration(tree, 'app', { root: 'apps/app' });
    await expect(initGenerator(tree, { project: 'nope' })).rejects.toThrow(/no project "nope".*projects: app/);
  });

  it('with skipHook: touches neither the hook nor package.json', async () => {
    const before = tree.read('package.json', 'utf-8');
    await initGenerator(tree, { skipHook: true });
    expect(tree.read('package.json', 'utf-8')).toBe(before);
    expect(tree.exists('.husky/pre-commit')).toBe(false);
  });
});

describe('sot-sync:init in a project that already has a tidy target (issue 16)', () => {
  const ownTidy = { executor: 'nx:run-commands', options: { command: 'python scripts/tidy/tidy_up.py --docs' } };
  const writeTargets = ['sot-sync-db', 'sot-sync-qdrant', 'sot-sync-full'];
  const tidyTargetsOf = (targets: Record<string, TargetConfiguration>): string[] =>
    Object.entries(targets)
      .filter(([, target]) => target.executor === 'sot-sync:tidy')
      .map(([name]) => name);

  it("adds no tidy of its own, chains the write targets (not docs-only) after the project's, keeps it, then changes nothing", async () => {
    addProjectConfiguration(tree, 'docs', { root: 'docs', targets: { tidy: ownTidy } });
    await initGenerator(tree, {});
    const targets = readProjectConfiguration(tree, 'docs').targets ?? {};
    expect(targets['tidy']).toEqual(ownTidy);
    expect(tidyTargetsOf(targets)).toEqual([]);
    for (const name of writeTargets) expect(targets[name]?.dependsOn).toEqual(['tidy']);
    expect(targets['sot-sync']?.dependsOn).toBeUndefined();
    const wanted = syncTargets({ reportDir: 'dist/sot-sync/docs', ownTidy: false });
    expect(targets).toEqual({ ...wanted, tidy: ownTidy });
    const once = snapshot(tree);
    await initGenerator(tree, {});
    expect(snapshot(tree)).toEqual(once);
  });

  it('finds it under the other usual names, and as a package.json script', async () => {
    addProjectConfiguration(tree, 'docs', { root: 'docs', targets: { 'tidy-up': ownTidy } });
    await initGenerator(tree, { skipHook: true });
    const targets = readProjectConfiguration(tree, 'docs').targets ?? {};
    expect(tidyTargetsOf(targets)).toEqual([]);
    expect(targets['sot-sync-db']?.dependsOn).toEqual(['tidy-up']);

    const scripted = createTreeWithEmptyWorkspace();
    addProjectConfiguration(scripted, 'ledgers', { root: 'libs/ledgers' });
    scripted.write('libs/ledgers/package.json', JSON.stringify({ name: 'ledgers', scripts: { tidy: 'python tidy_up.py' } }));
    await initGenerator(scripted, { project: 'ledgers', skipHook: true });
    const fromScript = readProjectConfiguration(scripted, 'ledgers').targets ?? {};
    expect(tidyTargetsOf(fromScript)).toEqual([]);
    expect(fromScript['sot-sync-full']?.dependsOn).toEqual(['tidy']);
  });

  it("takes sot-sync's own tidy target (even one with options of its own) for sot-sync's, not the workspace's", async () => {
    const mine = { executor: 'sot-sync:tidy', options: { lockTimeout: 90 } };
    addProjectConfiguration(tree, 'docs', { root: 'docs', targets: { tidy: mine } });
    await initGenerator(tree, { skipHook: true });
    const targets = readProjectConfiguration(tree, 'docs').targets ?? {};
    expect(targets['tidy']).toEqual(mine);
    expect(targets['sot-sync-db']?.dependsOn).toEqual(['tidy']);
  });

  it("--tidyTarget names it: the project's own target of that name, or sot-sync's tidy added under that name", async () => {
    addProjectConfiguration(tree, 'docs', { root: 'docs', targets: { 'refresh-ledgers': ownTidy } });
    await initGenerator(tree, { tidyTarget: 'refresh-ledgers', skipHook: true });
    expect(tidyTargetsOf(readProjectConfiguration(tree, 'docs').targets ?? {})).toEqual([]);
    expect(readProjectConfiguration(tree, 'docs').targets?.['sot-sync-db']?.dependsOn).toEqual(['refresh-ledgers']);

    const fresh = createTreeWithEmptyWorkspace();
    await initGenerator(fresh, { tidyTarget: 'ledgers-tidy', skipHook: true });
    const targets = readProjectConfiguration(fresh, 'docs').targets ?? {};
    expect(tidyTargetsOf(targets)).toEqual(['ledgers-tidy']);
    expect(targets['sot-sync-qdrant']?.dependsOn).toEqual(['ledgers-tidy']);
  });

  it('with --addPlugin, --tidyTarget goes into the plugin entry; an existing entry is left as it is', async () => {
    addProjectConfiguration(tree, 'ledgers', { root: 'libs/ledgers', targets: { 'refresh-ledgers': ownTidy } });
    await initGenerator(tree, { project: 'ledgers', addPlugin: true, tidyTarget: 'refresh-ledgers', skipHook: true });
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'sot-sync/plugin', options: { tidyTargetName: 'refresh-ledgers' } }]);
    await initGenerator(tree, { project: 'ledgers', addPlugin: true, tidyTarget: 'other', skipHook: true });
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'sot-sync/plugin', options: { tidyTargetName: 'refresh-ledgers' } }]);
    expect(readProjectConfiguration(tree, 'ledgers').targets).toEqual({ 'refresh-ledgers': ownTidy });
  });
});

describe('the MCP server entry', () => {
  const printed = async (schema: Parameters<typeof initGenerator>[1]): Promise<string> => {
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      await initGenerator(tree, schema);
      return info.mock.calls.map((call) => String(call[0])).join('\n');
    } finally {
      info.mockRestore();
    }
  };
  const snippetIn = (text: string): unknown => JSON.parse(/\{[\s\S]*\}/.exec(text)?.[0] ?? 'null');

  it('prints the .mcp.json snippet for `sot-sync mcp` and never writes .mcp.json', async () => {
    const text = await printed({ skipHook: true });
    expect(text).toMatch(/\.mcp\.json/);
    expect(snippetIn(text)).toEqual({ mcpServers: { 'sot-sync': { command: 'npx', args: ['sot-sync', 'mcp'] } } });
    expect(tree.exists('.mcp.json')).toBe(false);
  });

  it('names the config folder with --root when the config is in the project', async () => {
    addProjectConfiguration(tree, 'ledgers', { root: 'libs/ledgers', targets: {} });
    expect(snippetIn(await printed({ project: 'ledgers', addPlugin: true, skipHook: true }))).toEqual({
      mcpServers: { 'sot-sync': { command: 'npx', args: ['sot-sync', 'mcp', '--root', 'libs/ledgers'] } },
    });
  });
});

describe('how Nx finds the generator', () => {
  const pluginRoot = path.resolve(__dirname, '../..');
  const readPluginJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(pluginRoot, file), 'utf8')) as T;

  it('package.json "generators" -> generators.json "init" (what `nx add` runs), compiled factory and this schema', () => {
    expect(readPluginJson<{ generators: string }>('package.json').generators).toBe('./generators.json');
    const init = readPluginJson<{ generators: Record<string, { factory: string; schema: string }> }>('generators.json').generators['init'];
    expect(init?.factory).toBe('./dist/generators/init/generator.js');
    expect(path.resolve(pluginRoot, init?.schema ?? '')).toBe(path.join(__dirname, 'schema.json'));
  });

  it('schema.json and schema.d.ts declare the same options; keepExistingVersions is there for `nx add`', () => {
    const schema = readPluginJson<{ properties: Record<string, { type: string; description: string }> }>('generators/init/schema.json');
    const declared = [...fs.readFileSync(path.join(__dirname, 'schema.d.ts'), 'utf8').matchAll(/^\s+(\w+)\?: (\w+);/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(Object.entries(schema.properties).map(([key, p]) => [key, p.type])));
    expect(schema.properties['keepExistingVersions']).toBeDefined();
    expect(Object.values(schema.properties).every((p) => p.description.length > 20)).toBe(true);
  });
});
