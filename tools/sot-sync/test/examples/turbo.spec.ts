// The documented Turborepo example (tools/sot-sync/examples/turbo.json): valid turbo.json (JSON with comments), the
// validation keyed on the ledgers, the sync never cached, and every variable that selects a target declared for
// strict mode (the same list the Nx targets hash), secrets passed through unhashed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SYNC_ENV_INPUTS } from '../../src/plugin/sot-sync-targets';

interface TurboTask {
  dependsOn?: string[];
  cache?: boolean;
  inputs?: string[];
  env?: string[];
  passThroughEnv?: string[];
  outputs?: string[];
}

const FILE = path.resolve(__dirname, '../../examples/turbo.json');
const text = fs.readFileSync(FILE, 'utf8');
// turbo.json is JSONC: drop whole-line comments (the example has no others) and parse the rest as JSON.
const turbo = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { $schema: string; tasks: Record<string, TurboTask> };

describe('examples/turbo.json', () => {
  it('is a turbo 2 config with a validation task and a sync task, both root tasks', () => {
    expect(turbo.$schema).toBe('https://turborepo.com/schema.v2.json');
    expect(Object.keys(turbo.tasks).sort()).toEqual(['//#ledgers:sync', '//#ledgers:validate']);
  });

  it('keys the validation on the ledgers and the config, with no environment (cacheable on the ledgers alone)', () => {
    const validate = turbo.tasks['//#ledgers:validate'];
    expect(validate?.inputs).toEqual(['docs/**/*.md', 'sot-sync.config.json']);
    expect(validate?.env).toEqual([]);
    expect(validate?.cache).not.toBe(false);
  });

  it('never caches the sync, and declares for strict mode every variable that selects a target; secrets unhashed', () => {
    const sync = turbo.tasks['//#ledgers:sync'];
    expect(sync?.cache).toBe(false);
    expect(sync?.inputs).toEqual(expect.arrayContaining(['docs/**/*.md', 'sot-sync.config.json']));
    expect(sync?.env).toEqual([...SYNC_ENV_INPUTS]);
    expect(sync?.passThroughEnv).toEqual(expect.arrayContaining(['QDRANT_API_KEY', 'PGPASSWORD']));
    expect(sync?.env).not.toContain('QDRANT_API_KEY');
    expect(sync?.dependsOn).toEqual(['//#ledgers:validate']);
  });

  it('names the root package.json script of each task, with the CLI flags it needs', () => {
    expect(text).toMatch(/"ledgers:validate": "sot-sync --docs-only"/);
    expect(text).toMatch(/"ledgers:sync": "sot-sync --db-only --execute"/);
  });
});
