// The Nx hasher of sot-sync:sync with a hand-built HasherContext (Nx's own hasher replaced by a constant): docs-only
// is keyed on the declared inputs and the plugin's code only; write configurations add the fingerprint of the targets
// they write, read with the task's own options and environment, so the key repeats only while nothing needs writing.
import type { HasherContext, Task } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../../../test/support/temp-workspace';
import syncExecutor from '../executor';
import hashSyncTask, { readTaskOptions } from './hash-sync-task';

let ws: TempWorkspace;

function task(configuration: string, overrides: Record<string, unknown> = {}): Task {
  return { id: `docs:sot-sync:${configuration}`, target: { project: 'docs', target: 'sot-sync', configuration }, overrides, outputs: [], parallelism: true } as unknown as Task;
}

function context(env: NodeJS.ProcessEnv = {}): HasherContext & { env: NodeJS.ProcessEnv } {
  const target = {
    executor: 'sot-sync:sync',
    options: { root: ws.root, databaseUrl: 'sqlite:///{projectName}.db' },
    configurations: {
      'docs-only': { mode: 'docs-only' },
      'db-only': { mode: 'db-only', execute: true, reportFile: '{projectRoot}/report.json' },
      'no-execute': { mode: 'db-only' },
    },
  };
  return {
    hasher: { hashTask: () => Promise.resolve({ value: 'inputs', details: { command: 'c', nodes: { 'docs:docs/**/*.md': 'n' } } }) },
    taskGraph: { roots: [], tasks: {}, dependencies: {}, continuousDependencies: {} },
    projectGraph: { nodes: {}, dependencies: {} },
    nxJsonConfiguration: {},
    projectsConfigurations: { version: 2, projects: { docs: { root: 'docs', targets: { 'sot-sync': target } } } },
    env,
  } as unknown as HasherContext & { env: NodeJS.ProcessEnv };
}

const hash = async (configuration: string, env: NodeJS.ProcessEnv = {}): Promise<string> => (await hashSyncTask(task(configuration), context(env))).value;

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3) });
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  jest.restoreAllMocks();
  ws.cleanup();
});

describe('readTaskOptions', () => {
  it('merges target options, the configuration and command-line overrides, and resolves Nx tokens', () => {
    const options = readTaskOptions(task('db-only', { projectId: 'p', __overrides_unparsed__: ['--project-id=p'] }), context(), '/ws');
    expect(options).toEqual({ root: ws.root, databaseUrl: 'sqlite:///docs.db', mode: 'db-only', execute: true, reportFile: 'docs/report.json', projectId: 'p' });
  });
});

describe('hashSyncTask', () => {
  it('keys docs-only on the declared inputs and the plugin code only: no fingerprint, no database touched', async () => {
    const result = await hashSyncTask(task('docs-only'), context());
    expect(Object.keys(result.details.runtime ?? {})).toEqual(['sot-sync code']);
    expect(result.details.nodes).toEqual({ 'docs:docs/**/*.md': 'n' });
    expect(await hash('docs-only')).toBe(result.value);
    expect(fs.existsSync(path.join(ws.root, 'docs.db'))).toBe(false);
  });

  it('adds the db fingerprint for db-only: unique until the table holds the ledgers, then stable', async () => {
    const first = await hashSyncTask(task('db-only'), context());
    expect(first.details.runtime?.['sot-sync fingerprint']).toMatch(/^db=stale:none:/);
    expect(await hash('db-only')).not.toBe(first.value);
    await expect(syncExecutor({ root: ws.root, databaseUrl: 'sqlite:///docs.db', mode: 'db-only', execute: true }, { root: ws.root } as never)).resolves.toEqual({ success: true });
    const synced = await hash('db-only');
    expect(await hash('db-only')).toBe(synced);
    fs.rmSync(path.join(ws.root, 'docs.db'));
    expect(await hash('db-only')).not.toBe(synced);
  });

  it('reads the target the task would write: the task environment counts when the options leave it open', async () => {
    const env = { DATABASE_URL: 'sqlite:///from-env.db' };
    const withoutUrl = context(env);
    const target = withoutUrl.projectsConfigurations.projects['docs']?.targets?.['sot-sync'];
    if (target?.options) delete (target.options as Record<string, unknown>)['databaseUrl'];
    const result = await hashSyncTask(task('db-only'), withoutUrl);
    expect(result.details.runtime?.['sot-sync fingerprint']).toMatch(/^db=stale:none:/);
    await syncExecutor({ root: ws.root, databaseUrl: 'sqlite:///from-env.db', mode: 'db-only', execute: true }, { root: ws.root } as never);
    expect((await hashSyncTask(task('db-only'), withoutUrl)).details.runtime?.['sot-sync fingerprint']).toMatch(/^db=[0-9a-f]{16}$/);
  });

  it('keys options the run will refuse (a write mode without execute) uniquely', async () => {
    const result = await hashSyncTask(task('no-execute'), context());
    expect(result.details.runtime?.['sot-sync fingerprint']).toMatch(/^invalid-options:[0-9a-f]{16}$/);
    expect(await hash('no-execute')).not.toBe(result.value);
  });
});
