// Inferred targets: createNodesV2 on real files in a temp workspace gives a project holding sot-sync.config.json the
// same tidy + sync targets as the repository's docs/project.json, rooted at that project, each cached on its ledgers,
// environment and runtime fingerprint; a project with its own tidy target gets no tidy and the write targets chain
// after its own (issue 16). Also holds the repository's own docs/project.json and nx.json to the shared
// target definitions (no drift, no caching default of the removed hasher's era).
import type { CreateNodesContextV2, CreateNodesResult, TargetConfiguration } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempWorkspace, type TempWorkspace } from '../../test/support/temp-workspace';
import { createNodes, createNodesV2, type SotSyncPluginOptions } from './create-nodes';
import { SYNC_ENV_INPUTS, SYNC_TARGETS, syncTargets } from './sot-sync-targets';

const REPO = path.resolve(__dirname, '../../../..');
let ws: TempWorkspace;
beforeEach(() => {
  ws = makeTempWorkspace();
});
afterEach(() => ws.cleanup());

async function infer(files: string[], options?: SotSyncPluginOptions): Promise<Record<string, CreateNodesResult>> {
  const context: CreateNodesContextV2 = { nxJsonConfiguration: {}, workspaceRoot: ws.root };
  const results = await createNodesV2[1](files, options, context);
  return Object.fromEntries(results);
}

describe('createNodesV2 (sot-sync/plugin)', () => {
  it('matches every sot-sync.config.json, under the name Nx 22 also reads (createNodes)', () => {
    expect(createNodesV2[0]).toBe('**/sot-sync.config.json');
    expect(createNodes).toBe(createNodesV2);
    const plugin = require(path.resolve(__dirname, '../../plugin.js')) as Record<string, unknown>;
    expect(Object.keys(plugin)).toEqual(expect.arrayContaining(['createNodesV2', 'createNodes']));
  });

  it('gives the project holding the config tidy and a target per mode, rooted there, each with its own cache key', async () => {
    ws.write('libs/ledgers/project.json', '{"name": "ledgers"}');
    ws.write('libs/ledgers/sot-sync.config.json', '{"docsDir": "."}');
    const result = await infer(['libs/ledgers/sot-sync.config.json']);
    const targets = result['libs/ledgers/sot-sync.config.json']?.projects?.['libs/ledgers']?.targets ?? {};
    const fileInputs = ['{workspaceRoot}/libs/ledgers/**/*.md', '{projectRoot}/sot-sync.config.json'];
    expect(targets).toEqual(syncTargets({ reportDir: 'dist/sot-sync/{projectName}', root: 'libs/ledgers', fileInputs }));
    expect(Object.keys(targets)).toEqual(['tidy', ...Object.keys(SYNC_TARGETS)]);
    expect(targets['tidy']).toMatchObject({ executor: 'sot-sync:tidy', cache: false, options: { root: 'libs/ledgers' } });
    for (const [name, mode] of Object.entries(SYNC_TARGETS)) {
      const target = targets[name];
      expect(target).toMatchObject({ executor: 'sot-sync:sync', cache: true, outputs: ['{options.reportFile}'], options: { root: 'libs/ledgers', mode } });
      expect(target?.inputs).toEqual([
        ...fileInputs,
        ...SYNC_ENV_INPUTS.map((env) => ({ env })),
        { runtime: `node node_modules/sot-sync/bin/sot-sync.js fingerprint --${mode} --root libs/ledgers` },
      ]);
      // docs-only writes nothing, so it neither runs tidy (which writes ledgers) nor opts into writing.
      expect(target?.dependsOn).toEqual(mode === 'docs-only' ? undefined : ['tidy']);
      expect(target?.options?.execute).toBe(mode === 'docs-only' ? undefined : true);
    }
    expect(SYNC_ENV_INPUTS).toEqual(expect.arrayContaining(['DATABASE_URL', 'QDRANT_HOST', 'SOT_SYNC_EMBED_BASE_URL', 'SOT_SYNC_EMBED_MODEL']));
  });

  it('takes the ledgers glob from docsDir (default docs), and falls back to all markdown when it cannot tell', async () => {
    const glob = async (config: string): Promise<unknown> => {
      ws.write('pkg/package.json', '{"name": "pkg"}');
      ws.write('pkg/sot-sync.config.json', config);
      const targets = (await infer(['pkg/sot-sync.config.json']))['pkg/sot-sync.config.json']?.projects?.['pkg']?.targets ?? {};
      const firstInputs = new Set(Object.keys(SYNC_TARGETS).map((name) => targets[name]?.inputs?.[0]));
      expect(firstInputs.size).toBe(1);
      return [...firstInputs][0];
    };
    expect(await glob('{}')).toBe('{workspaceRoot}/pkg/docs/**/*.md');
    expect(await glob('{"docsDir": "../shared/ledgers/"}')).toBe('{workspaceRoot}/shared/ledgers/**/*.md');
    expect(await glob('{"docsDir": "/abs"}')).toBe('{workspaceRoot}/**/*.md');
    expect(await glob('{ not json')).toBe('{workspaceRoot}/**/*.md');
  });

  it('honours the tidy target name from the plugin options', async () => {
    ws.write('docs/project.json', '{"name": "docs"}');
    ws.write('docs/sot-sync.config.json', '{}');
    const targets =
      (await infer(['docs/sot-sync.config.json'], { tidyTargetName: 'ledgers-tidy' }))['docs/sot-sync.config.json']?.projects?.['docs']?.targets ?? {};
    expect(Object.keys(targets).sort()).toEqual(['ledgers-tidy', 'sot-sync', 'sot-sync-db', 'sot-sync-full', 'sot-sync-qdrant']);
    expect(targets['sot-sync-db']?.dependsOn).toEqual(['ledgers-tidy']);
  });

  it('infers nothing for a directory that is not a project (nor for the workspace root without a project.json)', async () => {
    ws.write('notes/sot-sync.config.json', '{}');
    ws.write('sot-sync.config.json', '{}');
    ws.write('package.json', '{"name": "root"}');
    const result = await infer(['notes/sot-sync.config.json', 'sot-sync.config.json']);
    expect(result).toEqual({ 'notes/sot-sync.config.json': {}, 'sot-sync.config.json': {} });
    ws.write('project.json', '{"name": "root"}');
    const root = (await infer(['sot-sync.config.json']))['sot-sync.config.json']?.projects ?? {};
    expect(Object.keys(root)).toEqual(['.']);
    expect(root['.']?.targets?.['sot-sync-db']?.inputs).toContainEqual({ runtime: 'node node_modules/sot-sync/bin/sot-sync.js fingerprint --db-only' });
  });
});

describe('the repository follows the shared definitions', () => {
  it('docs/project.json holds exactly syncTargets, and nx.json the named input and no legacy caching default', () => {
    const docs = JSON.parse(fs.readFileSync(path.join(REPO, 'docs/project.json'), 'utf8')) as { targets: Record<string, unknown> };
    expect(docs.targets).toEqual(syncTargets({ reportDir: 'dist/sot-sync/docs' }));
    const nxJson = JSON.parse(fs.readFileSync(path.join(REPO, 'nx.json'), 'utf8')) as {
      targetDefaults?: Record<string, unknown>;
      namedInputs: Record<string, unknown>;
    };
    // The targets carry their own inputs; an executor-wide default would cache targets without the fingerprint.
    expect(Object.keys(nxJson.targetDefaults ?? {}).filter((key) => key.startsWith('sot-sync:'))).toEqual([]);
    expect(nxJson.namedInputs['ledgers']).toEqual(['{projectRoot}/**/*.md', '{workspaceRoot}/sot-sync.config.json']);
  });
});

describe('createNodesV2 (sot-sync/plugin) in a project with its own tidy target', () => {
  const targetsOf = async (options?: SotSyncPluginOptions): Promise<Record<string, TargetConfiguration>> =>
    (await infer(['docs/sot-sync.config.json'], options))['docs/sot-sync.config.json']?.projects?.['docs']?.targets ?? {};
  const writeTargets = Object.entries(SYNC_TARGETS)
    .filter(([, mode]) => mode !== 'docs-only')
    .map(([name]) => name);
  beforeEach(() => ws.write('docs/sot-sync.config.json', '{}'));

  it('infers no tidy when project.json defines one of another executor; the write targets run after that one', async () => {
    ws.write('docs/project.json', JSON.stringify({ name: 'docs', targets: { tidy: { command: 'python scripts/tidy/tidy_up.py' } } }));
    const targets = await targetsOf();
    expect(Object.keys(targets)).toEqual(Object.keys(SYNC_TARGETS));
    for (const name of writeTargets) expect(targets[name]?.dependsOn).toEqual(['tidy']);
    expect(targets['sot-sync']?.dependsOn).toBeUndefined();
  });

  it('finds it under the usual names and in package.json scripts', async () => {
    ws.write('docs/project.json', JSON.stringify({ name: 'docs', targets: { 'tidy-up': { executor: 'nx:run-commands', options: { command: 'tidy' } } } }));
    expect((await targetsOf())['sot-sync-db']?.dependsOn).toEqual(['tidy-up']);
    expect(Object.keys(await targetsOf())).not.toContain('tidy');
    ws.remove('docs/project.json');
    ws.write('docs/package.json', JSON.stringify({ name: 'docs', scripts: { tidy: 'python tidy_up.py' } }));
    expect(Object.keys(await targetsOf())).toEqual(Object.keys(SYNC_TARGETS));
    expect((await targetsOf())['sot-sync-full']?.dependsOn).toEqual(['tidy']);
  });

  it("still infers sot-sync's tidy when project.json only sets options on it, and when the file cannot be read", async () => {
    ws.write('docs/project.json', JSON.stringify({ name: 'docs', targets: { tidy: { executor: 'sot-sync:tidy', options: { lockTimeout: 90 } } } }));
    expect((await targetsOf())['tidy']).toMatchObject({ executor: 'sot-sync:tidy' });
    ws.write('docs/project.json', '{ not json');
    expect((await targetsOf())['tidy']).toMatchObject({ executor: 'sot-sync:tidy' });
    ws.write('docs/project.json', '{"name": "docs", "targets": {"tidy": null, "tidy-up": "x"}}');
    expect((await targetsOf())['tidy']).toMatchObject({ executor: 'sot-sync:tidy' });
  });

  it('inferTidyTarget: false for a tidy target another plugin infers (invisible here); true to infer it anyway', async () => {
    ws.write('docs/project.json', '{"name": "docs"}');
    const none = await targetsOf({ tidyTargetName: 'tidy-from-elsewhere', inferTidyTarget: false });
    expect(Object.keys(none)).toEqual(Object.keys(SYNC_TARGETS));
    expect(none['sot-sync-qdrant']?.dependsOn).toEqual(['tidy-from-elsewhere']);
    ws.write('docs/project.json', JSON.stringify({ name: 'docs', targets: { tidy: { command: 'make tidy' } } }));
    expect((await targetsOf({ inferTidyTarget: true }))['tidy']).toMatchObject({ executor: 'sot-sync:tidy' });
  });
});
