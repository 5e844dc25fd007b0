// The pre-commit hook checks the ledgers of every sot-sync project of the repository (issue 10, item 9): a project
// whose sot-sync.config.json lives in its own folder (`"docsDir": "."`, as the init generator with --addPlugin
// writes it) is found in the git index, and its staged ledgers are checked, in temp git repositories.
// Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const BIN = path.resolve(__dirname, '../../bin/sot-sync.js');

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
const NOTES = 'libs/notes';

interface Run {
  code: number | null;
  stdout: string;
  output: string;
}

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
beforeAll(() => {
  if (!fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/main.js')))
    throw new Error('the CLI is not built: run `npm run build` at the repository root first');
});

/** None of the caller's git, husky or lint-staged settings, and not jest's NODE_ENV. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(GIT_|HUSKY|LINT_STAGED|NODE_ENV$|DATABASE_URL$|QDRANT_HOST$)/.test(key)));
  return { ...env, ...extra };
}

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 30000 });
  return { code: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

function git(cwd: string, ...args: string[]): string {
  const result = run(cwd, 'git', args);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.output}`);
  return result.output;
}

const validate = (cwd: string, ...args: string[]): Run => run(cwd, process.execPath, [BIN, 'validate', '--staged', ...args]);

function write(root: string, name: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
}

/** A workspace (nx.json, docs/ ledgers with the defaults) holding a project libs/notes with its own config, committed. */
function makeRepo(files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-projects-')));
  dirs.push(root);
  git(root, 'init', '-q');
  git(root, 'config', 'user.email', 'hook@example.com');
  git(root, 'config', 'user.name', 'hook test');
  git(root, 'config', 'commit.gpgsign', 'false');
  const all: Record<string, string> = {
    'nx.json': '{}\n',
    'docs/ARCHITECTURE_DECISIONS.md': DECISIONS,
    'docs/BUILD_HISTORY.md': BUILDS,
    [`${NOTES}/sot-sync.config.json`]: '{ "docsDir": "." }\n',
    [`${NOTES}/ARCHITECTURE_DECISIONS.md`]: DECISIONS,
    [`${NOTES}/README.md`]: '# Notes\n',
    ...files,
  };
  for (const [name, text] of Object.entries(all)) write(root, name, text);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base', '--no-verify');
  return root;
}

describe('sot-sync validate --staged across projects', () => {
  it("checks a nested project's staged ledger from the repository root: exit 1 with file:line, counted in the summary", () => {
    const root = makeRepo();
    write(root, `${NOTES}/ARCHITECTURE_DECISIONS.md`, HIDDEN_ENTRY);
    write(root, 'docs/BUILD_HISTORY.md', `${BUILDS}\n## BUILD-12 | 2026-01-02 | Twelve\n\nDone.\n`);
    git(root, 'add', '-A');
    const result = validate(root);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^libs\/notes\/ARCHITECTURE_DECISIONS\.md:7:1 error unclosed-fence .*DEC-002 \(line 8\)/m);
    expect(result.output).toMatch(/sot-sync validate: 2 ledger\(s\) checked, 1 problem\(s\) blocking, 0 warning\(s\)/);
  });

  it('takes the absolute paths lint-staged passes, and keeps passing staged markdown that is no ledger (exit 0)', () => {
    const root = makeRepo();
    write(root, `${NOTES}/ARCHITECTURE_DECISIONS.md`, HIDDEN_ENTRY);
    write(root, `${NOTES}/README.md`, '## BUILD 12 is no ledger here\n');
    git(root, 'add', '-A');
    const failing = validate(root, path.join(root, NOTES, 'ARCHITECTURE_DECISIONS.md'), path.join(root, NOTES, 'README.md'));
    expect(failing.code).toBe(1);
    expect(failing.output).toMatch(/^libs\/notes\/ARCHITECTURE_DECISIONS\.md:7:1 error unclosed-fence/m);
    expect(failing.output).toMatch(/1 ledger\(s\) checked, 1 problem\(s\) blocking/);
    const notes = validate(root, path.join(root, NOTES, 'README.md'));
    expect(notes.code).toBe(0);
    expect(notes.output).toMatch(/0 ledger\(s\) checked/);
  });

  it('checks a ledger that two configs name only once', () => {
    const root = makeRepo({ 'sot-sync.config.json': `{ "docsDir": "${NOTES}" }\n` });
    write(root, `${NOTES}/ARCHITECTURE_DECISIONS.md`, HIDDEN_ENTRY);
    git(root, 'add', '-A');
    const result = validate(root, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ checked: [`${NOTES}/ARCHITECTURE_DECISIONS.md`], blocking: 1, exitCode: 1 });
  });

  it('reads each config as staged: a project added in this commit counts, an unstaged config edit does not', () => {
    const root = makeRepo();
    write(root, 'apps/web/handbook/BUILD_HISTORY.md', `${BUILDS}\n## BUILD 12 | 2026-01-02 | Twelve\n`);
    write(root, 'apps/web/sot-sync.config.json', '{ "docsDir": "handbook" }\n');
    git(root, 'add', '-A');
    write(root, 'apps/web/sot-sync.config.json', '{ "docsDir": "elsewhere" }\n');
    const result = validate(root);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^apps\/web\/handbook\/BUILD_HISTORY\.md:7:1 error malformed-id/m);
  });

  it('refuses a staged deletion of a nested ledger, unless its config retires it in the same commit', () => {
    const root = makeRepo();
    git(root, 'rm', '-q', `${NOTES}/ARCHITECTURE_DECISIONS.md`);
    const deleted = validate(root);
    expect(deleted.code).toBe(1);
    expect(deleted.output).toMatch(/^libs\/notes\/ARCHITECTURE_DECISIONS\.md:1:1 error deleted-ledger/m);
    write(root, `${NOTES}/sot-sync.config.json`, '{ "docsDir": ".", "ledgers": [{ "fileType": "architecture", "enabled": false }] }\n');
    git(root, 'add', '-A');
    expect(validate(root).code).toBe(0);
  });

  it('names a broken nested config and its key (exit 2)', () => {
    const root = makeRepo();
    write(root, `${NOTES}/sot-sync.config.json`, '{ "docsDir": ".", "ledgres": [] }\n');
    git(root, 'add', '-A');
    const result = validate(root);
    expect(result.code).toBe(2);
    expect(result.output).toContain(`${path.join(root, NOTES, 'sot-sync.config.json')} (staged): unknown key "ledgres"`);
  });

  it('checks only the project --root names', () => {
    const root = makeRepo();
    write(root, `${NOTES}/ARCHITECTURE_DECISIONS.md`, HIDDEN_ENTRY);
    git(root, 'add', '-A');
    expect(validate(root, '--root', '.').output).toMatch(/0 ledger\(s\) checked/);
    expect(validate(root, '--root', NOTES).code).toBe(1);
  });

  it('starts a fixed number of git processes however many projects and ledgers are staged', () => {
    const projects = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e'].flatMap((p) => [
        [`libs/${p}/sot-sync.config.json`, '{ "docsDir": "." }\n'],
        [`libs/${p}/BUILD_HISTORY.md`, BUILDS],
      ]),
    );
    const root = makeRepo(projects);
    for (const p of ['a', 'b', 'c', 'd', 'e']) write(root, `libs/${p}/BUILD_HISTORY.md`, `${BUILDS}\n## BUILD-12 | 2026-01-02 | Twelve\n\nDone.\n`);
    write(root, `${NOTES}/ARCHITECTURE_DECISIONS.md`, HIDDEN_ENTRY);
    git(root, 'add', '-A');
    write(root, 'libs/a/BUILD_HISTORY.md', BUILDS); // unstaged edit: this one is read from the index
    const shim = path.join(root, '.shim');
    const log = path.join(root, '.git-calls');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    write(root, '.shim/git', `#!/bin/sh\necho "$1" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(realGit)} "$@"\n`);
    fs.chmodSync(path.join(shim, 'git'), 0o755);
    const result = run(root, process.execPath, [BIN, 'validate', '--staged'], { PATH: `${shim}${path.delimiter}${process.env['PATH'] ?? ''}` });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/6 ledger\(s\) checked, 1 problem\(s\) blocking/);
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual(['rev-parse', 'diff', 'ls-files', 'cat-file']);
  });
});

describe('the pre-commit hook (husky -> lint-staged -> sot-sync validate --staged) with a nested project', () => {
  it('rejects a commit whose nested ledger has a stray fence, with file:line, and creates no commit', () => {
    const lintStaged = { 'docs/**/*.md': 'sot-sync validate --staged', [`${NOTES}/**/*.md`]: 'sot-sync validate --staged' };
    const root = makeRepo({
      'package.json': `${JSON.stringify({ name: 'hook-fixture', private: true, 'lint-staged': lintStaged }, null, 2)}\n`,
      '.gitignore': 'node_modules\n',
      '.husky/pre-commit': fs.readFileSync(path.join(REPO, '.husky/pre-commit'), 'utf8'),
    });
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const husky = run(root, path.join(root, 'node_modules/.bin/husky'), []);
    if (husky.code !== 0) throw new Error(`husky failed: ${husky.output}`);
    write(root, `${NOTES}/ARCHITECTURE_DECISIONS.md`, HIDDEN_ENTRY);
    git(root, 'add', NOTES);
    const result = run(root, 'git', ['commit', '-m', 'change the notes ledger']);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/libs\/notes\/ARCHITECTURE_DECISIONS\.md:7:1 error unclosed-fence .*DEC-002 \(line 8\)/);
    expect(git(root, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  });
});
