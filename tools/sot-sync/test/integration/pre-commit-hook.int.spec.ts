// The pre-commit hook end to end, in throwaway git repositories: a real `git commit` runs the repository's own
// .husky/pre-commit (installed by husky) -> lint-staged with the repository's own "lint-staged" config ->
// `sot-sync validate --staged`. It checks the index, not the working tree. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const BIN = path.resolve(__dirname, '../../bin/sot-sync.js');
const LINT_STAGED_CONFIG = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { 'lint-staged': unknown })['lint-staged'];

const DECISIONS = [
  '# Architecture Decisions',
  '',
  '### DEC-001 | 2026-01-02 | First',
  '',
  'Body.',
  '',
  '### DEC-002 | 2026-01-05 | Second',
  '',
  'Body.',
  '',
].join('\n');
// A stray fence pairs with nothing: everything after it, DEC-002's heading included, renders as code.
const HIDDEN_ENTRY = DECISIONS.replace('Body.\n\n### DEC-002', 'Body.\n\n```\n### DEC-002');
const BUILDS = ['# Build History', '', '## BUILD-11 | 2026-01-01 | Eleven', '', 'Done.', ''].join('\n');
const MALFORMED_ID = `${BUILDS}\n## BUILD 12 | 2026-01-02 | Twelve\n\nDone.\n`;

interface Run {
  code: number | null;
  output: string;
}

let dirs: string[] = [];

/** Environment for git and the hook: none of the caller's git, husky or lint-staged settings, and not jest's NODE_ENV
 * (with NODE_ENV=test lint-staged prints JSON events instead of its usual output). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(GIT_|HUSKY|LINT_STAGED|NODE_ENV$|DATABASE_URL$|QDRANT_HOST$)/.test(key)));
}

function run(cwd: string, command: string, args: string[]): Run {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 30000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

function git(cwd: string, ...args: string[]): string {
  const result = run(cwd, 'git', args);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.output}`);
  return result.output;
}

function write(root: string, name: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
}

/** A repository like a workspace: nx.json, the ledgers committed, the repository's hook and lint-staged config. */
function makeRepo(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-hook-')));
  dirs.push(root);
  git(root, 'init', '-q');
  git(root, 'config', 'user.email', 'hook@example.com');
  git(root, 'config', 'user.name', 'hook test');
  git(root, 'config', 'commit.gpgsign', 'false');
  write(root, 'package.json', `${JSON.stringify({ name: 'hook-fixture', private: true, 'lint-staged': LINT_STAGED_CONFIG }, null, 2)}\n`);
  write(root, 'nx.json', '{}\n');
  write(root, '.gitignore', 'node_modules\n');
  write(root, '.husky/pre-commit', fs.readFileSync(path.join(REPO, '.husky/pre-commit'), 'utf8'));
  write(root, 'docs/ARCHITECTURE_DECISIONS.md', DECISIONS);
  write(root, 'docs/BUILD_HISTORY.md', BUILDS);
  linkNodeModules(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base', '--no-verify');
  return root;
}

/** node_modules of the repository (husky, lint-staged, sot-sync), then husky's install step (`prepare`). */
function linkNodeModules(root: string): void {
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const husky = run(root, path.join(root, 'node_modules/.bin/husky'), []);
  if (husky.code !== 0) throw new Error(`husky failed: ${husky.output}`);
}

function commit(cwd: string): Run {
  return run(cwd, 'git', ['commit', '-m', 'change ledgers']);
}

const headCount = (root: string): number => Number(git(root, 'rev-list', '--count', 'HEAD').trim());

beforeAll(() => {
  if (!fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/main.js')))
    throw new Error('the CLI is not built: run `npm run build` at the repository root first');
});
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe('pre-commit hook (husky -> lint-staged -> sot-sync validate --staged)', () => {
  it('rejects a staged ledger whose stray fence hides an entry, with file:line, and creates no commit', () => {
    const root = makeRepo();
    write(root, 'docs/ARCHITECTURE_DECISIONS.md', HIDDEN_ENTRY);
    git(root, 'add', 'docs');
    const result = commit(root);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/docs\/ARCHITECTURE_DECISIONS\.md:7:1 error unclosed-fence .*DEC-002 \(line 8\)/);
    expect(headCount(root)).toBe(1);
  });

  it('rejects a malformed id (## BUILD 12) with file:line', () => {
    const root = makeRepo();
    write(root, 'docs/BUILD_HISTORY.md', MALFORMED_ID);
    git(root, 'add', 'docs');
    const result = commit(root);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/docs\/BUILD_HISTORY\.md:7:1 error malformed-id "BUILD 12 \| 2026-01-02 \| Twelve" is not a valid BUILD id/);
  });

  it('lets a clean ledger through (warnings are shown but pass), and ignores markdown that is no ledger', () => {
    const root = makeRepo();
    write(root, 'docs/ARCHITECTURE_DECISIONS.md', `${DECISIONS}\n### DEC-001 | 2026-01-09 | Again\n\nDuplicate id: a warning.\n`);
    write(root, 'docs/notes/README.md', '## BUILD 12 is not checked here: not a ledger\n');
    git(root, 'add', 'docs');
    const result = commit(root);
    expect(result).toEqual({ code: 0, output: expect.any(String) as unknown });
    expect(headCount(root)).toBe(2);
  });

  it('checks the index, not the working tree: broken staged + fixed unstaged is rejected, and the fix is kept', () => {
    const root = makeRepo();
    write(root, 'docs/BUILD_HISTORY.md', MALFORMED_ID);
    git(root, 'add', 'docs');
    write(root, 'docs/BUILD_HISTORY.md', `${BUILDS}\n## BUILD-12 | 2026-01-02 | Twelve\n\nDone.\n`);
    const result = commit(root);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/docs\/BUILD_HISTORY\.md:7:1 error malformed-id/);
    expect(fs.readFileSync(path.join(root, 'docs/BUILD_HISTORY.md'), 'utf8')).toMatch(/## BUILD-12 \|/);
  });

  it('checks the index, not the working tree: fixed staged + broken unstaged passes, and the unstaged edit stays unstaged', () => {
    const root = makeRepo();
    write(root, 'docs/BUILD_HISTORY.md', `${BUILDS}\n## BUILD-12 | 2026-01-02 | Twelve\n\nDone.\n`);
    git(root, 'add', 'docs');
    write(root, 'docs/BUILD_HISTORY.md', MALFORMED_ID);
    expect(commit(root).code).toBe(0);
    expect(git(root, 'show', 'HEAD:docs/BUILD_HISTORY.md')).toMatch(/## BUILD-12 \|/);
    expect(git(root, 'status', '--porcelain')).toBe(' M docs/BUILD_HISTORY.md\n');
  });

  it('rejects a staged deletion of a ledger, naming it and the way to retire one on purpose', () => {
    const root = makeRepo();
    git(root, 'rm', '-q', 'docs/BUILD_HISTORY.md');
    const result = commit(root);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/docs\/BUILD_HISTORY\.md:1:1 error deleted-ledger .*"enabled": false/);
    expect(git(root, 'status', '--porcelain')).toBe('D  docs/BUILD_HISTORY.md\n');
  });

  it('accepts retiring a ledger when sot-sync.config.json disables it in the same commit (the staged config counts)', () => {
    const root = makeRepo();
    git(root, 'rm', '-q', 'docs/BUILD_HISTORY.md');
    write(root, 'sot-sync.config.json', `${JSON.stringify({ ledgers: [{ fileType: 'build_history', enabled: false }] })}\n`);
    git(root, 'add', 'sot-sync.config.json');
    expect(commit(root).code).toBe(0);
  });

  it('works when the commit is made from a subdirectory', () => {
    const root = makeRepo();
    write(root, 'docs/ARCHITECTURE_DECISIONS.md', HIDDEN_ENTRY);
    git(root, 'add', 'docs/ARCHITECTURE_DECISIONS.md');
    const result = commit(path.join(root, 'docs'));
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/docs\/ARCHITECTURE_DECISIONS\.md:7:1 error unclosed-fence/);
  });

  it("works in a linked worktree, reading that worktree's own index", () => {
    const root = makeRepo();
    const worktree = `${root}-wt`;
    dirs.push(worktree);
    git(root, 'worktree', 'add', '-q', worktree);
    linkNodeModules(worktree);
    write(worktree, 'docs/BUILD_HISTORY.md', MALFORMED_ID);
    git(worktree, 'add', 'docs');
    write(root, 'docs/BUILD_HISTORY.md', `${BUILDS}\n## BUILD-12 | 2026-01-02 | Twelve\n\nDone.\n`);
    git(root, 'add', 'docs');
    const rejected = commit(worktree);
    expect(rejected.code).toBe(1);
    expect(rejected.output).toMatch(/docs\/BUILD_HISTORY\.md:7:1 error malformed-id/);
    expect(commit(root).code).toBe(0);
  });
});

describe('sot-sync validate --staged (the CLI the hook runs, called directly)', () => {
  it('takes relative paths from a subdirectory and ignores files that are not ledgers or not staged', () => {
    const root = makeRepo();
    write(root, 'docs/ARCHITECTURE_DECISIONS.md', HIDDEN_ENTRY);
    git(root, 'add', 'docs');
    const cwd = path.join(root, 'docs');
    const result = run(cwd, process.execPath, [BIN, 'validate', '--staged', 'ARCHITECTURE_DECISIONS.md', 'BUILD_HISTORY.md', '../package.json']);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^docs\/ARCHITECTURE_DECISIONS\.md:7:1 error unclosed-fence/m);
    expect(result.output).toMatch(/sot-sync validate: 1 ledger\(s\) checked, 1 problem\(s\) blocking/);
    expect(run(cwd, process.execPath, [BIN, 'validate', '--staged', 'BUILD_HISTORY.md']).code).toBe(0);
  });

  it('treats warnings as errors with --strict, and never loads a database driver', () => {
    const root = makeRepo();
    write(root, 'docs/ARCHITECTURE_DECISIONS.md', `${DECISIONS}\n### DEC-001 | 2026-01-09 | Again\n`);
    git(root, 'add', 'docs');
    expect(run(root, process.execPath, [BIN, 'validate', '--staged']).code).toBe(0);
    expect(run(root, process.execPath, [BIN, 'validate', '--staged', '--strict']).code).toBe(1);
    const probe = `const main = require(${JSON.stringify(path.resolve(__dirname, '../../dist/src/cli/main.js'))});
      main.run(['validate', '--staged']).then(() => {
        const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](better-sqlite3|pg|@qdrant)[\\\\/]/.test(f));
        process.stdout.write('drivers:' + JSON.stringify(loaded) + '\\n');
      });`;
    expect(run(root, process.execPath, ['-e', probe]).output).toMatch(/^drivers:\[\]$/m);
  });
});
