// Adoption end to end (issue 10, "Proven by"): for Nx 22 and Nx 24, a fresh workspace written by hand in a temp dir,
// sot-sync installed from its `npm pack` tarball, `nx g sot-sync:init` for a project not rooted at docs/ (once with
// targets in project.json, once with --addPlugin), then the sync targets, Nx's cache and the pre-commit hook, each
// through the real CLI (npm, nx, git). Needs `npm run build` first and the npm registry; npm's cost is paid once per
// Nx major (the style workspaces are copies of the installed one).
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SUMMARY_END, SUMMARY_START } from '../../src/ledger/render-summary';
import type { E2eRun } from '../support/e2e-process';
import { copyWorkspace, findSqliteFiles, installPlugin, packPlugin, PLUGIN_DIR, writeFreshWorkspace, type E2eWorkspace } from '../support/e2e-workspace';
import { readFixture } from '../support/fixtures';
import { decisionsLedger } from '../support/temp-workspace';

jest.setTimeout(600_000);

const MAJORS = [22, 24];
const STYLES = [
  { style: 'targets in project.json', addPlugin: false },
  { style: 'inferred targets (--addPlugin)', addPlugin: true },
];
const WORKSPACE = { name: 'acme-notes', project: 'notes', projectRoot: 'libs/notes' };
/**
 * Real ledgers for the hook timing only, copied into the temp workspace at test time, never into this repository. This
 * snapshot has no errors and many warnings: the commit passes and shows them.
 */
const CORPUS = path.resolve(PLUGIN_DIR, '../../../shared/corpus/2026-01-02/docs');

const BUILDS = '# Build History\n\n## BUILD-12 | 2026-01-02 | Twelve\n\nDone.\n\n## BUILD-11 | 2026-01-01 | Eleven\n\nDone.\n';
// A summary block tidy would refresh (it says 1, the ledger holds 3): docs-only must leave it; a write target's tidy runs.
const STALE_SUMMARY = `${SUMMARY_START}\n**Summary**: 1 decision documented | Last updated: 2025-12-01 10:00\n${SUMMARY_END}\n`;
const DECISIONS = decisionsLedger(3).replace('# Architecture Decisions\n', `# Architecture Decisions\n\n${STALE_SUMMARY}`);
const DEBUG = '# Debug Log\n\n## DBG-001 | 2026-01-03 | Lease left behind after an abort\n\nFixed by the grace period.\n';
const ENTRIES = 6;
const LEDGERS = { 'BUILD_HISTORY.md': BUILDS, 'ARCHITECTURE_DECISIONS.md': DECISIONS, 'DEBUG_LOG.md': DEBUG };

let suiteDir: string;
let tarball: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(PLUGIN_DIR, 'dist/src/cli/main.js'))) throw new Error('sot-sync is not built: run `npm run build` at the repository root first');
  suiteDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-e2e-')));
  tarball = packPlugin(suiteDir);
});
afterAll(() => {
  if (suiteDir) fs.rmSync(suiteDir, { recursive: true, force: true });
});

const ledgerPath = (name: string): string => path.posix.join(WORKSPACE.projectRoot, name);
const dbCounts = (run: E2eRun): string | undefined => /db: (\d+ inserted, \d+ updated, \d+ deleted)/.exec(run.output)?.[1];
/** Nx took the task from its cache: what Nx prints on the task's line. */
const isHit = (run: E2eRun, target: string): boolean =>
  new RegExp(`nx run notes:${target}\\s+\\[(local cache|existing outputs match the cache[^\\]]*)\\]`).test(run.output);
/** `<file>:<line>` of a ledger in the project, as git names it (an absolute path ending so also counts). */
const fileLine = (name: string, line: number | string): RegExp => new RegExp(`(^|[\\s/])${ledgerPath(name).replace(/[./]/g, '\\$&')}:${line}\\b`, 'm');
const commitCount = (ws: E2eWorkspace): number => Number(ws.git('rev-list', '--count', 'HEAD').trim());

function ledgerBytes(ws: E2eWorkspace): Record<string, string> {
  return Object.fromEntries(Object.keys(LEDGERS).map((name) => [name, ws.read(ledgerPath(name))]));
}

/** The directory holding `name/package.json` that Node resolves from `from` (walking up node_modules), or null. */
function resolvePackageDir(from: string, name: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

const majorOf = (packageDir: string): number =>
  Number((JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version.split('.')[0]);

/** What the team had committed before touching the ledgers; the hook is not run for it. */
function ensureBaseCommit(ws: E2eWorkspace): void {
  if (ws.run('git', ['rev-parse', '--verify', '-q', 'HEAD']).code === 0) return;
  ws.git('add', '-A');
  ws.git('commit', '-q', '--no-verify', '-m', 'adopt sot-sync');
}

function projectIds(ws: E2eWorkspace, database: string): string[] {
  const db = new Database(path.join(ws.root, database), { readonly: true });
  try {
    return (db.prepare('SELECT DISTINCT project_id AS id FROM sot_entries ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

describe.each(MAJORS)('Nx %i: a fresh workspace adopts sot-sync from its tarball', (major) => {
  let template: E2eWorkspace;
  let install: E2eRun;

  beforeAll(() => {
    template = writeFreshWorkspace(path.join(suiteDir, `nx${major}-fresh`), WORKSPACE);
    install = installPlugin(template, major, tarball);
    console.log(
      `[e2e] npm install -D nx@${major} ${path.basename(tarball)} --no-audit --no-fund into a fresh workspace: ${(install.ms / 1000).toFixed(1)} s (exit ${String(install.code)})`,
    );
  });
  afterAll(() => {
    for (const dir of fs.readdirSync(suiteDir).filter((name) => name.startsWith(`nx${major}-`)))
      fs.rmSync(path.join(suiteDir, dir), { recursive: true, force: true });
  });

  it(`installs with nx@${major} and no --force or --legacy-peer-deps: no ERESOLVE, @nx/devkit comes as sot-sync's dependency, nx does not`, () => {
    expect({ code: install.code, output: install.output }).toEqual({ code: 0, output: expect.not.stringMatching(/ERESOLVE/) as unknown });
    expect(majorOf(path.join(template.root, 'node_modules/nx'))).toBe(major);
    const sotSync = path.join(template.root, 'node_modules/sot-sync');
    expect(resolvePackageDir(sotSync, '@nx/devkit')).not.toBeNull();
    expect(resolvePackageDir(sotSync, 'nx')).toBe(path.join(template.root, 'node_modules/nx'));
  });

  it(`resolves an @nx/devkit whose peer range accepts nx@${major} (npm ls: nothing invalid)`, () => {
    const ls = template.run('npm', ['ls', 'nx', '@nx/devkit']);
    expect({ code: ls.code, output: ls.output }).toEqual({ code: 0, output: expect.not.stringMatching(/invalid|ELSPROBLEMS/) as unknown });
  });

  describe.each(STYLES)('$style', ({ style, addPlugin }) => {
    let ws: E2eWorkspace;

    beforeAll(() => {
      if (install.code !== 0) throw new Error(`npm install failed, nothing to adopt:\n${install.output}`);
      ws = copyWorkspace(template.root, path.join(suiteDir, `nx${major}-${addPlugin ? 'plugin' : 'targets'}`));
      ws.git('init', '-q');
      for (const [name, text] of Object.entries(LEDGERS)) ws.write(ledgerPath(name), text);
    });

    it(`nx g sot-sync:init --project=notes${addPlugin ? ' --addPlugin' : ''} succeeds, installs the hook and gives notes the sync targets`, () => {
      const init = ws.nx(['g', 'sot-sync:init', '--project=notes', ...(addPlugin ? ['--addPlugin'] : []), '--no-interactive']);
      expect({ code: init.code, output: init.output }).toEqual({ code: 0, output: expect.any(String) as unknown });
      expect(ws.run('git', ['config', 'core.hooksPath']).output.trim()).toBe('.husky/_');
      expect(fs.existsSync(path.join(ws.root, '.husky/pre-commit'))).toBe(true);
      expect(fs.existsSync(path.join(ws.root, 'node_modules/.bin/lint-staged'))).toBe(true);
      const shown = ws.nx(['show', 'project', 'notes', '--json']);
      const targets = (JSON.parse(shown.output.slice(shown.output.indexOf('{'))) as { targets: Record<string, { dependsOn?: unknown[] }> }).targets;
      expect(Object.keys(targets)).toEqual(expect.arrayContaining(['tidy', 'sot-sync', 'sot-sync-db', 'sot-sync-qdrant', 'sot-sync-full']));
      expect(JSON.stringify(targets['sot-sync-db']?.dependsOn ?? [])).toContain('tidy');
    });

    it('`nx run notes:sot-sync` (docs-only) changes no ledger byte and creates no database', () => {
      const before = ledgerBytes(ws);
      const run = ws.nx(['run', 'notes:sot-sync']);
      expect({ code: run.code, output: run.output }).toEqual({ code: 0, output: expect.any(String) as unknown });
      expect(ledgerBytes(ws)).toEqual(before);
      expect(findSqliteFiles(ws.root)).toEqual([]);
    });

    it('`nx run notes:sot-sync-db` writes after tidy; the next run writes nothing; the one after is a cache hit; deleting the database is a miss that syncs', () => {
      const first = ws.nx(['run', 'notes:sot-sync-db']);
      expect({ code: first.code, hit: isHit(first, 'sot-sync-db'), db: dbCounts(first) }).toEqual({
        code: 0,
        hit: false,
        db: `${ENTRIES} inserted, 0 updated, 0 deleted`,
      });
      expect(first.output.indexOf('nx run notes:tidy')).toBeGreaterThan(-1);
      expect(first.output.indexOf('nx run notes:tidy')).toBeLessThan(first.output.indexOf('nx run notes:sot-sync-db'));
      expect(ws.read(ledgerPath('ARCHITECTURE_DECISIONS.md'))).not.toContain(STALE_SUMMARY);
      expect(first.output).not.toMatch(/deprecated/i);

      const second = ws.nx(['run', 'notes:sot-sync-db']);
      expect({ code: second.code, db: dbCounts(second) }).toEqual({ code: 0, db: '0 inserted, 0 updated, 0 deleted' });
      const third = ws.nx(['run', 'notes:sot-sync-db']);
      expect({ code: third.code, hit: isHit(third, 'sot-sync-db'), db: dbCounts(third) }).toEqual({
        code: 0,
        hit: true,
        db: '0 inserted, 0 updated, 0 deleted',
      });

      const databases = findSqliteFiles(ws.root);
      expect(databases).toHaveLength(1);
      for (const file of databases) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(ws.root, `${file}${suffix}`), { force: true });
      const wiped = ws.nx(['run', 'notes:sot-sync-db']);
      expect({ code: wiped.code, hit: isHit(wiped, 'sot-sync-db'), db: dbCounts(wiped) }).toEqual({
        code: 0,
        hit: false,
        db: `${ENTRIES} inserted, 0 updated, 0 deleted`,
      });
      expect(findSqliteFiles(ws.root)).toEqual(databases);
    });

    it('keeps the database at the workspace root, named after the workspace or project (not autopack.db), ignored by git with .autonomous_runs/', () => {
      const databases = findSqliteFiles(ws.root);
      expect(databases).toEqual([expect.stringMatching(/^[^/]*notes[^/]*$/i)]);
      expect(databases).not.toContain('autopack.db');
      const status = ws.git('status', '--porcelain', '--untracked-files=all');
      expect(status.split('\n').filter((line) => databases.some((db) => line.endsWith(db)))).toEqual([]);
      for (const ignored of [...databases, '.autonomous_runs/.locks/docs.lock']) {
        expect({ file: ignored, ignored: ws.run('git', ['check-ignore', '-q', ignored]).code === 0 }).toEqual({ file: ignored, ignored: true });
      }
    });

    it('stores the rows under a project id derived from the workspace or project, not autopack', () => {
      const [database] = findSqliteFiles(ws.root);
      expect(database).toBeDefined();
      expect(projectIds(ws, database as string)).toEqual([expect.stringMatching(/notes/i)]);
    });

    it.each([
      ['stray-fence-pairs.md', 8],
      ['fence-hides-entry.md', 7],
    ])('rejects a commit staging a BUILD_HISTORY.md like %s (a fence swallows an entry heading) with file:line', (fixture, line) => {
      ensureBaseCommit(ws);
      const before = commitCount(ws);
      ws.write(ledgerPath('BUILD_HISTORY.md'), readFixture(fixture));
      ws.git('add', ledgerPath('BUILD_HISTORY.md'));
      const commit = ws.run('git', ['commit', '-m', `stray fence (${fixture})`]);
      try {
        expect({ exit: commit.code === 0 ? 'accepted' : 'rejected', output: commit.output }).toEqual({
          exit: 'rejected',
          output: expect.stringMatching(fileLine('BUILD_HISTORY.md', line)) as unknown,
        });
        expect(commitCount(ws)).toBe(before);
      } finally {
        ws.git('reset', '-q', '--hard', commitCount(ws) > before ? 'HEAD~1' : 'HEAD');
      }
    });

    it('lets a clean commit through and shows the warnings sot-sync printed', () => {
      ensureBaseCommit(ws);
      const before = commitCount(ws);
      const decisions = ledgerPath('ARCHITECTURE_DECISIONS.md');
      ws.write(decisions, `${ws.read(decisions)}\n### DEC-001 | 2026-01-09 | Again\n\nA second section for DEC-001: a warning, not an error.\n`);
      ws.git('add', decisions);
      const commit = ws.run('git', ['commit', '-m', 'a decision revisited']);
      const warning = new RegExp(`${fileLine('ARCHITECTURE_DECISIONS.md', '\\d+').source}(:\\d+)? warning duplicate-id DEC-001`, 'm');
      expect({ code: commit.code, output: commit.output }).toEqual({ code: 0, output: expect.stringMatching(warning) as unknown });
      expect(commitCount(ws)).toBe(before + 1);
    });

    (fs.existsSync(CORPUS) ? it : it.skip)('measures the hook on a commit staging three real ledgers (../shared/corpus)', () => {
      ensureBaseCommit(ws);
      const before = commitCount(ws);
      let bytes = 0;
      for (const name of Object.keys(LEDGERS)) {
        const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
        bytes += Buffer.byteLength(text);
        ws.write(ledgerPath(name), text);
      }
      ws.git('add', WORKSPACE.projectRoot);
      const commit = ws.run('git', ['commit', '-m', 'three real ledgers']);
      ws.git('reset', '-q', '--hard', commitCount(ws) > before ? 'HEAD~1' : 'HEAD');
      const summary = /sot-sync validate: [^\n]*/.exec(commit.output)?.[0] ?? 'no validate summary shown';
      console.log(
        `[e2e] Nx ${major}, ${style}: git commit staging 3 corpus ledgers (${Math.round(bytes / 1024)} KB): ${commit.ms} ms, exit ${String(commit.code)}; ${summary}`,
      );
      expect({ code: commit.code, output: commit.output }).toEqual({ code: 0, output: expect.stringMatching(/ warning /) as unknown });
    });
  });
});
