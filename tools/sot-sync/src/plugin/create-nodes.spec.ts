// Inferred targets: createNodesV2 on real files in a temp workspace gives a project holding sot-sync.config.json the
// same tidy + sot-sync targets as the repository's docs/project.json, rooted at that project and cached on its ledgers.
// Also holds the repository's own docs/project.json and nx.json to the shared target definitions (no drift).
import type { CreateNodesContextV2, CreateNodesResult } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempWorkspace, type TempWorkspace } from '../../test/support/temp-workspace';
import { createNodes, createNodesV2 } from './create-nodes';
import { SYNC_CONFIGURATIONS, SYNC_ENV_INPUTS, syncTargetDefaults, syncTargets } from './sot-sync-targets';

const REPO = path.resolve(__dirname, '../../../..');
let ws: TempWorkspace;
beforeEach(() => {
  ws = makeTempWorkspace();
});
afterEach(() => ws.cleanup());

async function infer(files: string[], options?: { targetName?: string; tidyTargetName?: string }): Promise<Record<string, CreateNodesResult>> {
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

  it('gives the project holding the config tidy and sot-sync with every configuration, rooted there and cached', async () => {
    ws.write('libs/ledgers/project.json', '{"name": "ledgers"}');
    ws.write('libs/ledgers/sot-sync.config.json', '{"docsDir": "."}');
    const result = await infer(['libs/ledgers/sot-sync.config.json']);
    const targets = result['libs/ledgers/sot-sync.config.json']?.projects?.['libs/ledgers']?.targets ?? {};
    const { tidy, sync } = syncTargets({ reportDir: 'dist/sot-sync/{projectName}', root: '{projectRoot}' });
    expect(targets['tidy']).toEqual({ ...tidy, cache: false });
    expect(targets['sot-sync']).toEqual({
      ...sync,
      cache: true,
      inputs: ['{workspaceRoot}/libs/ledgers/**/*.md', '{projectRoot}/sot-sync.config.json', ...SYNC_ENV_INPUTS.map((env) => ({ env }))],
      outputs: ['{options.reportFile}'],
    });
    expect(Object.keys(targets['sot-sync']?.configurations ?? {})).toEqual([...SYNC_CONFIGURATIONS]);
    expect(SYNC_ENV_INPUTS).toEqual(expect.arrayContaining(['DATABASE_URL', 'QDRANT_HOST', 'SOT_SYNC_EMBED_BASE_URL', 'SOT_SYNC_EMBED_MODEL']));
    expect(targets['sot-sync']?.dependsOn).toEqual(['tidy']);
  });

  it('takes the ledgers glob from docsDir (default docs), and falls back to all markdown when it cannot tell', async () => {
    const glob = async (config: string): Promise<unknown> => {
      ws.write('pkg/package.json', '{"name": "pkg"}');
      ws.write('pkg/sot-sync.config.json', config);
      return (await infer(['pkg/sot-sync.config.json']))['pkg/sot-sync.config.json']?.projects?.['pkg']?.targets?.['sot-sync']?.inputs?.[0];
    };
    expect(await glob('{}')).toBe('{workspaceRoot}/pkg/docs/**/*.md');
    expect(await glob('{"docsDir": "../shared/ledgers/"}')).toBe('{workspaceRoot}/shared/ledgers/**/*.md');
    expect(await glob('{"docsDir": "/abs"}')).toBe('{workspaceRoot}/**/*.md');
    expect(await glob('{ not json')).toBe('{workspaceRoot}/**/*.md');
  });

  it('honours target names from the plugin options', async () => {
    ws.write('docs/project.json', '{"name": "docs"}');
    ws.write('docs/sot-sync.config.json', '{}');
    const targets = (await infer(['docs/sot-sync.config.json'], { targetName: 'ledgers-sync', tidyTargetName: 'ledgers-tidy' }))['docs/sot-sync.config.json']?.projects?.['docs']?.targets ?? {};
    expect(Object.keys(targets).sort()).toEqual(['ledgers-sync', 'ledgers-tidy']);
    expect(targets['ledgers-sync']?.dependsOn).toEqual(['ledgers-tidy']);
  });

  it('infers nothing for a directory that is not a project (nor for the workspace root without a project.json)', async () => {
    ws.write('notes/sot-sync.config.json', '{}');
    ws.write('sot-sync.config.json', '{}');
    ws.write('package.json', '{"name": "root"}');
    const result = await infer(['notes/sot-sync.config.json', 'sot-sync.config.json']);
    expect(result).toEqual({ 'notes/sot-sync.config.json': {}, 'sot-sync.config.json': {} });
    ws.write('project.json', '{"name": "root"}');
    expect(Object.keys((await infer(['sot-sync.config.json']))['sot-sync.config.json']?.projects ?? {})).toEqual(['.']);
  });
});

describe('the repository follows the shared definitions', () => {
  it('docs/project.json holds exactly syncTargets, and nx.json the caching defaults and named input', () => {
    const docs = JSON.parse(fs.readFileSync(path.join(REPO, 'docs/project.json'), 'utf8')) as { targets: Record<string, unknown> };
    const { tidy, sync } = syncTargets({ reportDir: 'dist/sot-sync/docs' });
    expect(docs.targets).toEqual({ tidy, 'sot-sync': sync });
    const nxJson = JSON.parse(fs.readFileSync(path.join(REPO, 'nx.json'), 'utf8')) as { targetDefaults: Record<string, unknown>; namedInputs: Record<string, unknown> };
    expect(nxJson.targetDefaults).toMatchObject(syncTargetDefaults());
    expect(nxJson.namedInputs['ledgers']).toEqual(['{projectRoot}/**/*.md', '{workspaceRoot}/sot-sync.config.json']);
  });
});
