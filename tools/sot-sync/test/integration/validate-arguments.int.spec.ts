// `sot-sync validate` never passes having checked nothing (issue 10, item 9): each argument it cannot check is a usage
// error (exit 2) naming it; --json prints one document; --docs-dir is honoured; config errors name the file and key.
import * as path from 'node:path';
import { runCli, type CliResult } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

let ws: TempWorkspace;
beforeEach(() => {
  ws = makeTempWorkspace({
    'ARCHITECTURE_DECISIONS.md': decisionsLedger(2),
    'BUILD_HISTORY.md': '# Build History\n\n## BUILD-1 | 2026-01-01 | One\n\nDone.\n',
  });
});
afterEach(() => ws.cleanup());

const validate = (...args: string[]): CliResult => runCli(['validate', ...args], ws.root);
const CONFIGURED = /docs\/BUILD_HISTORY\.md, docs\/ARCHITECTURE_DECISIONS\.md, docs\/DEBUG_LOG\.md/;

describe('sot-sync validate: what it cannot check is a usage error (exit 2)', () => {
  it('a file argument that does not exist', () => {
    const run = validate('docs/ARCHITECTURE_DECISONS.md');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/docs\/ARCHITECTURE_DECISONS\.md does not exist/);
    expect(run.stderr).toMatch(CONFIGURED);
  });

  it('a file that is not a configured ledger, naming the configured ledgers', () => {
    ws.write('docs/notes.md', '# Notes\n');
    const run = validate('docs/notes.md');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/docs\/notes\.md is not a configured ledger/);
    expect(run.stderr).toMatch(CONFIGURED);
  });

  it('a file outside the docs directory, even next to a good one (nothing is checked then)', () => {
    ws.write('README.md', '# Readme\n');
    const run = validate('docs/ARCHITECTURE_DECISIONS.md', 'README.md');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/README\.md is outside the docs directory \(docs\)/);
    expect(run.stderr).not.toMatch(/ledger\(s\) checked/);
  });

  it('a --root that does not exist', () => {
    const run = validate('--root', 'no/such/dir');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--root no\/such\/dir: no such directory/);
  });

  it('a --docs-dir that does not exist', () => {
    const run = validate('--docs-dir', 'handbok');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--docs-dir handbok is not a directory/);
  });

  it('no ledger configured: every one disabled', () => {
    const disabled = ['build_history', 'architecture', 'debug_log'].map((fileType) => ({ fileType, enabled: false }));
    ws.write('sot-sync.config.json', JSON.stringify({ ledgers: disabled }));
    const run = validate();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`no ledger is configured .*${path.join(ws.root, 'sot-sync.config.json').replace(/[.]/g, '\\.')}`));
  });
});

describe('sot-sync validate: what it can check', () => {
  it('with no files, checks every configured ledger as before (a missing one is a warning)', () => {
    const run = validate();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/docs\/DEBUG_LOG\.md:1:1 warning missing-ledger/);
    expect(run.stderr).toMatch(/sot-sync validate: 3 ledger\(s\) checked, 0 problem\(s\) blocking, 1 warning\(s\)/);
  });

  it('a given ledger, relative to the working directory', () => {
    const run = runCli(['validate', 'ARCHITECTURE_DECISIONS.md'], path.join(ws.root, 'docs'));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/1 ledger\(s\) checked/);
  });

  it('honours --docs-dir', () => {
    ws.write('handbook/ARCHITECTURE_DECISIONS.md', `${decisionsLedger(1)}\n## DEC 9 | 2026-01-03 | Typo\n`);
    const run = validate('--docs-dir', 'handbook', 'handbook/ARCHITECTURE_DECISIONS.md');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^handbook\/ARCHITECTURE_DECISIONS\.md:\d+:1 error malformed-id/m);
    expect(validate('--docs-dir', 'handbook', 'docs/ARCHITECTURE_DECISIONS.md').code).toBe(2);
  });
});

describe('sot-sync validate --json', () => {
  it('prints exactly one JSON document on stdout; the human text goes to stderr', () => {
    ws.write('docs/ARCHITECTURE_DECISIONS.md', `${decisionsLedger(2)}\n### DEC-001 | 2026-01-09 | Again\n`);
    const run = validate('--json', '--strict', 'docs/ARCHITECTURE_DECISIONS.md');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      checked: ['docs/ARCHITECTURE_DECISIONS.md'],
      skipped: [],
      diagnostics: [expect.objectContaining({ file: 'docs/ARCHITECTURE_DECISIONS.md', severity: 'warning', rule: 'duplicate-id' })],
      blocking: 1,
      warnings: 1,
      exitCode: 1,
    });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/warning duplicate-id[\s\S]*1 ledger\(s\) checked, 1 problem\(s\) blocking, 1 warning\(s\)/);
  });

  it('prints {error, exitCode} on a usage error', () => {
    const run = validate('--json', 'docs/NOPE.md');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: expect.stringMatching(/docs\/NOPE\.md does not exist/) as unknown, exitCode: 2 });
  });
});

describe('config errors name the file and the key (issue 10, item 11)', () => {
  it('an unknown key, with the keys allowed', () => {
    ws.write('sot-sync.config.json', JSON.stringify({ ledgres: [] }));
    const run = validate();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path.join(ws.root, 'sot-sync.config.json')}: unknown key "ledgres" (allowed: docsDir, databaseUrl,`);
    expect(run.stderr).not.toMatch(/must NOT have additional properties/);
  });

  it('a value of the wrong type, for the sync too, and never a password', () => {
    // A database URL pasted into the wrong key: the message shows what it got, with the password redacted.
    ws.write('sot-sync.config.json', JSON.stringify({ maxSeconds: '10', qdrantCollection: 'postgresql://bob:s3cretpass@db/x' }));
    const run = runCli([], ws.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sot-sync.config.json: "qdrantCollection" must match pattern');
    expect(run.stderr).toContain('(got "postgresql://bob:***@db/x")');
    expect(run.stderr).toContain('"maxSeconds" must be number (got "10")');
    expect(run.stderr).not.toContain('s3cretpass');
  });
});
