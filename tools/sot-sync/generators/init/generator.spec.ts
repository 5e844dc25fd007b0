// The init generator on the devkit's virtual tree: what it adds to an empty workspace, how it merges with an existing
// setup (prepare script, lint-staged config, hook, versions, targets, config), and that a second run changes nothing.
// Also: how Nx finds it (package.json "generators" -> generators.json "init", the entry `nx add` runs).
import { addProjectConfiguration, readJson, readNxJson, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncTargetDefaults, syncTargets } from '../../src/plugin/sot-sync-targets';
import initGenerator from './generator';

interface PackageJson {
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
  'lint-staged'?: Record<string, string | string[]>;
}

let tree: Tree;
beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
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

describe('sot-sync:init', () => {
  it('wires an empty workspace: docs project with tidy + sot-sync, caching in nx.json, config, hook, lint-staged, husky', async () => {
    await initGenerator(tree, {});
    const project = readProjectConfiguration(tree, 'docs');
    const { tidy, sync } = syncTargets({ reportDir: 'dist/sot-sync/docs' });
    expect(project.targets).toEqual({ tidy, 'sot-sync': sync });
    expect(sync.configurations?.['full']).toEqual({ mode: 'full', execute: true, reportFile: 'dist/sot-sync/docs/full.json' });
    const nxJson = readNxJson(tree);
    expect(nxJson?.namedInputs?.['ledgers']).toEqual(['{projectRoot}/**/*.md', '{workspaceRoot}/sot-sync.config.json']);
    expect(nxJson?.targetDefaults).toMatchObject(syncTargetDefaults());
    expect(readJson(tree, 'sot-sync.config.json')).toEqual({ docsDir: 'docs' });
    const pkg = readJson<PackageJson>(tree, 'package.json');
    expect(pkg.scripts?.['prepare']).toBe('husky');
    expect(pkg['lint-staged']).toEqual({ 'docs/**/*.md': 'sot-sync validate --staged' });
    expect(pkg.devDependencies).toMatchObject({ husky: expect.any(String) as unknown, 'lint-staged': expect.any(String) as unknown });
    expect(tree.read('.husky/pre-commit', 'utf-8')).toMatch(/^lint-staged --diff-filter=ACMRD$/m);
  });

  it('merges with an existing setup and replaces nothing the user wrote', async () => {
    tree.write('package.json', JSON.stringify({ name: 'ws', scripts: { prepare: 'patch-package' }, devDependencies: { husky: '^8.0.3' }, 'lint-staged': { '*.ts': 'eslint --fix', 'docs/**/*.md': 'prettier --check' } }));
    tree.write('.husky/pre-commit', 'npx lint-staged\nnpm test\n');
    tree.write('sot-sync.config.json', '{ "projectId": "mine" }\n');
    addProjectConfiguration(tree, 'ledgers', { root: 'libs/ledgers', targets: { tidy: { executor: 'nx:run-commands', options: { command: 'my-tidy' } } } });
    await initGenerator(tree, { project: 'ledgers' });
    const pkg = readJson<PackageJson>(tree, 'package.json');
    expect(pkg.scripts?.['prepare']).toBe('patch-package && husky');
    expect(pkg.devDependencies?.['husky']).toBe('^8.0.3');
    expect(pkg['lint-staged']).toEqual({ '*.ts': 'eslint --fix', 'docs/**/*.md': 'prettier --check', 'libs/ledgers/**/*.md': 'sot-sync validate --staged' });
    expect(tree.read('.husky/pre-commit', 'utf-8')).toBe('npx lint-staged\nnpm test\n');
    expect(tree.read('sot-sync.config.json', 'utf-8')).toBe('{ "projectId": "mine" }\n');
    const targets = readProjectConfiguration(tree, 'ledgers').targets ?? {};
    expect(targets['tidy']).toEqual({ executor: 'nx:run-commands', options: { command: 'my-tidy' } });
    expect(targets['sot-sync']).toMatchObject({ executor: 'sot-sync:sync', dependsOn: ['tidy'] });
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
    expect(readJson<PackageJson>(tree, 'package.json')['lint-staged']).toEqual({ 'docs/**/*.md': ['prettier --write', 'sot-sync validate --staged'] });
    // lint-staged has another task here, which would receive deleted paths: plain lint-staged.
    expect(tree.read('.husky/pre-commit', 'utf-8')).toBe('npm test\nlint-staged\n');
  });

  it('merges into .lintstagedrc.json, and leaves a JavaScript lint-staged config to the user', async () => {
    tree.write('.lintstagedrc.json', JSON.stringify({ '*.css': 'stylelint' }));
    await initGenerator(tree, {});
    expect(readJson(tree, '.lintstagedrc.json')).toEqual({ '*.css': 'stylelint', 'docs/**/*.md': 'sot-sync validate --staged' });
    expect(readJson<PackageJson>(tree, 'package.json')['lint-staged']).toBeUndefined();
    const js = createTreeWithEmptyWorkspace();
    js.write('lint-staged.config.js', 'module.exports = {};\n');
    await initGenerator(js, {});
    expect(js.read('lint-staged.config.js', 'utf-8')).toBe('module.exports = {};\n');
    expect(readJson<PackageJson>(js, 'package.json')['lint-staged']).toBeUndefined();
  });

  it('with addPlugin: registers sot-sync/plugin and puts the config in the project root, writing no targets', async () => {
    await initGenerator(tree, { addPlugin: true, projectId: 'ws-docs' });
    expect(readNxJson(tree)?.plugins).toEqual(['sot-sync/plugin']);
    expect(readJson(tree, 'docs/sot-sync.config.json')).toEqual({ projectId: 'ws-docs', docsDir: '.' });
    expect(tree.exists('sot-sync.config.json')).toBe(false);
    expect(readProjectConfiguration(tree, 'docs').targets).toEqual({});
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
