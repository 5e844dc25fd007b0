// CLI habits people expect (issue 10, item 5): --version, `help [command]`, a "did you mean" for a mistyped command,
// and a --help per command listing exactly the options that command reads. The built CLI, as a process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_OPTIONS, type CommandName, type FlagsOf } from '../../src/cli/command-options';
import { runCli } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(2) });
});
afterEach(() => ws.cleanup());

const cli = (...args: string[]) => runCli(args, ws.root);

/**
 * Every key of the flags each action receives, with the flag that sets it. Typed by the actions' own parameter types:
 * an action that starts reading a new flag changes its type, and this table stops compiling until the flag is listed
 * here, where the tests below require it in that command's --help.
 */
const FLAGS_READ: { [C in CommandName]: Record<keyof FlagsOf<C>, string> } = {
  sync: {
    docsOnly: '--docs-only',
    dbOnly: '--db-only',
    qdrantOnly: '--qdrant-only',
    full: '--full',
    execute: '--execute',
    root: '--root',
    docsDir: '--docs-dir',
    databaseUrl: '--database-url',
    qdrantHost: '--qdrant-host',
    qdrantApiKey: '--qdrant-api-key',
    qdrantCollection: '--qdrant-collection',
    rebuild: '--rebuild',
    bm25: '--no-bm25',
    embedBaseUrl: '--embed-base-url',
    embedModel: '--embed-model',
    embedDimensions: '--embed-dimensions',
    embedRequestsPerMinute: '--embed-requests-per-minute',
    embedTokensPerMinute: '--embed-tokens-per-minute',
    projectId: '--project-id',
    maxSeconds: '--max-seconds',
    lockTimeout: '--lock-timeout',
    prune: '--no-prune',
    allowMassDelete: '--allow-mass-delete',
    strict: '--strict',
    verify: '--verify',
    json: '--json',
    timing: '--no-timing',
    verbose: '--verbose',
  },
  validate: { staged: '--staged', root: '--root', docsDir: '--docs-dir', strict: '--strict', json: '--json', verbose: '--verbose' },
  fingerprint: {
    docsOnly: '--docs-only',
    dbOnly: '--db-only',
    qdrantOnly: '--qdrant-only',
    full: '--full',
    root: '--root',
    docsDir: '--docs-dir',
    databaseUrl: '--database-url',
    qdrantHost: '--qdrant-host',
    qdrantApiKey: '--qdrant-api-key',
    qdrantCollection: '--qdrant-collection',
    bm25: '--no-bm25',
    embedBaseUrl: '--embed-base-url',
    embedModel: '--embed-model',
    embedDimensions: '--embed-dimensions',
    projectId: '--project-id',
    maxSeconds: '--max-seconds',
    json: '--json',
    verbose: '--verbose',
  },
  search: {
    root: '--root',
    docsDir: '--docs-dir',
    databaseUrl: '--database-url',
    target: '--target',
    includeStale: '--include-stale',
    qdrantHost: '--qdrant-host',
    qdrantApiKey: '--qdrant-api-key',
    qdrantCollection: '--qdrant-collection',
    bm25: '--no-bm25',
    embedBaseUrl: '--embed-base-url',
    embedModel: '--embed-model',
    embedDimensions: '--embed-dimensions',
    embedRequestsPerMinute: '--embed-requests-per-minute',
    embedTokensPerMinute: '--embed-tokens-per-minute',
    projectId: '--project-id',
    maxSeconds: '--max-seconds',
    lockTimeout: '--lock-timeout',
    limit: '--limit',
    fileType: '--file-type',
    status: '--status',
    since: '--since',
    until: '--until',
    json: '--json',
    verbose: '--verbose',
  },
  get: {
    root: '--root',
    docsDir: '--docs-dir',
    databaseUrl: '--database-url',
    projectId: '--project-id',
    maxSeconds: '--max-seconds',
    lockTimeout: '--lock-timeout',
    json: '--json',
    verbose: '--verbose',
  },
  mcp: {
    root: '--root',
    docsDir: '--docs-dir',
    databaseUrl: '--database-url',
    qdrantHost: '--qdrant-host',
    qdrantApiKey: '--qdrant-api-key',
    qdrantCollection: '--qdrant-collection',
    bm25: '--no-bm25',
    embedBaseUrl: '--embed-base-url',
    embedModel: '--embed-model',
    embedDimensions: '--embed-dimensions',
    embedRequestsPerMinute: '--embed-requests-per-minute',
    embedTokensPerMinute: '--embed-tokens-per-minute',
    projectId: '--project-id',
    maxSeconds: '--max-seconds',
    verbose: '--verbose',
  },
};

/** The long flags in the Options section of a --help text. */
function listedFlags(help: string): string[] {
  const options = help.split(/\n(?=\S)/).find((section) => section.startsWith('Options:')) ?? '';
  return [...options.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1] as string).sort();
}

describe('sot-sync --version', () => {
  it('prints the version of tools/sot-sync/package.json and exits 0', () => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(cli('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(cli('-V').stdout).toBe(`${version}\n`);
  });
});

describe('sot-sync help', () => {
  it('prints the help of the program, listing the commands, and exits 0', () => {
    const help = cli('help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sot-sync \[options\] \[command\]/);
    expect(help.stdout).toMatch(/^ {2}validate \[options\] \[files\.\.\.\]/m);
    expect(help.stdout).toMatch(/^ {2}search \[options\] <query>/m);
    expect(help.stdout).toMatch(/^ {2}help \[command\]/m);
  });

  it.each(['validate', 'fingerprint', 'search'])('`help %s` prints the help of that command and exits 0, as its --help does', (name) => {
    const help = cli('help', name);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: sot-sync ${name} \\[options\\]`));
    expect(cli(name, '--help')).toEqual({ ...help, stdout: help.stdout });
  });
});

describe('a mistyped command', () => {
  it('is an unknown command with a suggestion (exit 2), not "too many arguments"', () => {
    const run = cli('serch', 'lease locks');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'serch'/);
    expect(run.stderr).toMatch(/Did you mean search\?/);
    expect(run.stderr).not.toMatch(/too many arguments/);
    expect(cli('valdate', 'docs/X.md').stderr).toMatch(/unknown command 'valdate'[\s\S]*Did you mean validate\?/);
    expect(cli('help', 'serch').code).toBe(2);
  });
});

describe('the options of each command', () => {
  it.each(['validate', 'fingerprint', 'search', 'mcp'] as const)('%s --help lists exactly the options its action reads', (name) => {
    const help = cli(name, '--help');
    expect(help.code).toBe(0);
    expect(listedFlags(help.stdout)).toEqual([...Object.values(FLAGS_READ[name]), '--help'].sort());
  });

  it('the program --help lists every option of the sync, --version and --help', () => {
    expect(listedFlags(cli('--help').stdout)).toEqual([...Object.values(FLAGS_READ.sync), '--help', '--version'].sort());
  });

  it('the declared option lists and the typed table agree (one place declares what each command takes)', () => {
    for (const name of Object.keys(COMMAND_OPTIONS) as CommandName[]) expect([...COMMAND_OPTIONS[name]].sort()).toEqual(Object.keys(FLAGS_READ[name]).sort());
  });

  it('advertises the target options where they apply: search and fingerprint take --qdrant-host, --json, --root, --max-seconds, --project-id', () => {
    for (const name of ['search', 'fingerprint']) {
      expect(cli(name, '--help').stdout).toEqual(expect.stringMatching(/--qdrant-host[\s\S]*--project-id[\s\S]*--max-seconds[\s\S]*--json/));
      expect(cli(name, '--help').stdout).toMatch(/--root <dir>/);
    }
    expect(cli('fingerprint', '--help').stdout).toMatch(/--database-url <url>/);
    expect(cli('validate', '--help').stdout).toMatch(/--docs-dir <dir>[\s\S]*--json/);
  });

  it('refuses an option that does not apply to the command, after its name or before it (exit 2)', () => {
    expect(cli('validate', '--help').stdout).not.toMatch(/--execute|--database-url|--qdrant-host/);
    const after = cli('validate', '--execute');
    expect(after.code).toBe(2);
    expect(after.stderr).toMatch(/unknown option '--execute'/);
    const before = cli('--execute', 'validate');
    expect(before.code).toBe(2);
    expect(before.stderr).toMatch(/--execute does not apply to validate/);
    expect(cli('search', 'q', '--execute').code).toBe(2);
    expect(cli('get', 'DEC-001', '--qdrant-host', 'http://127.0.0.1:1').code).toBe(2);
    expect(cli('fingerprint', '--no-prune').code).toBe(2);
  });

  it('takes a program option given before the command when the command has it too', () => {
    ws.write('handbook/ARCHITECTURE_DECISIONS.md', `${decisionsLedger(1)}\n## DEC 9 | 2026-01-03 | Typo\n`);
    const run = cli('--docs-dir', 'handbook', 'validate', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      checked: expect.arrayContaining(['handbook/ARCHITECTURE_DECISIONS.md']) as unknown,
      blocking: 1,
      exitCode: 1,
    });
  });
});
