// The tidy executor on real files in a temp workspace, with a hand-built ExecutorContext: it rewrites only the lines
// between the summary markers (bytes elsewhere identical, CRLF kept) in the tidy tools' format, leaves a block that
// states the right count alone, fails in check mode on drift, skips ledgers with errors, and leaves no lease behind.
// Also: schema.json and schema.d.ts declare the same options. Alternating with the tidy tools: interop.spec.ts.
import type { ExecutorContext } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureOutput, type CapturedOutput } from '../../test/support/capture-output';
import { readFixture } from '../../test/support/fixtures';
import { makeTempWorkspace, type TempWorkspace } from '../../test/support/temp-workspace';
import { SUMMARY_END, SUMMARY_START } from '../../src/ledger/render-summary';
import tidyExecutor from './executor';

const DECISIONS = [
  '# Architecture Decisions',
  '',
  '',
  SUMMARY_START,
  '**Summary**: 43 decision(s) documented | Last updated: 2026-01-08 09:15:52',
  SUMMARY_END,
  '',
  '### DEC-002 | 2026-01-05 | Second  ',
  '',
  'Trailing spaces and caf\u00e9 stay.\t',
  '',
  '### DEC-001 | 2026-01-02 | First',
  '',
  'Body.',
  '',
].join('\n');
/** What tidy writes for DECISIONS: the tidy tools' line, stamped with the time of the run. */
const FRESH = /^\*\*Summary\*\*: 2 decision\(s\) documented \| Last updated: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m;

let ws: TempWorkspace;
let output: CapturedOutput;

function context(): ExecutorContext {
  return {
    root: ws.root,
    cwd: ws.root,
    isVerbose: false,
    projectName: 'docs',
    targetName: 'tidy',
    projectsConfigurations: { version: 2, projects: { docs: { root: 'docs', targets: { tidy: { executor: 'sot-sync:tidy' } } } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  };
}

const read = (name: string): Buffer => fs.readFileSync(path.join(ws.root, 'docs', name));

/** The summary line a ledger holds now. */
function summaryLine(text: string): string {
  return /^\*\*Summary\*\*:.*$/m.exec(text)?.[0] ?? '';
}

/** The bytes of a file with the summary block's inner lines cut out. */
function outside(bytes: Buffer): Buffer {
  const start = bytes.indexOf(SUMMARY_START) + SUMMARY_START.length;
  const end = bytes.indexOf(SUMMARY_END);
  return Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
}

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': DECISIONS });
  output = captureOutput();
});
afterEach(() => {
  jest.restoreAllMocks();
  ws.cleanup();
});

describe('sot-sync:tidy executor', () => {
  it('refreshes the summary from the ledger and changes no byte outside the markers', async () => {
    const before = read('ARCHITECTURE_DECISIONS.md');
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: true });
    const after = read('ARCHITECTURE_DECISIONS.md');
    const line = summaryLine(after.toString('utf8'));
    expect(line).toMatch(FRESH);
    expect(after.toString('utf8')).toBe(DECISIONS.replace(/\*\*Summary\*\*: 43.*/, line));
    expect(outside(after).equals(outside(before))).toBe(true);
    expect(output.stdout).toMatch(/^docs\/ARCHITECTURE_DECISIONS\.md:4 summary refreshed: \*\*Summary\*\*: 2 decision\(s\) documented \| Last updated: /m);
    expect(output.stdout).toMatch(/1 refreshed, 0 current, 0 without a block, 2 missing, 0 skipped/);
    expect(fs.readdirSync(path.join(ws.root, '.autonomous_runs', '.locks'))).toEqual([]);
  });

  it('keeps a CRLF ledger CRLF, and its file mode', async () => {
    ws.write('docs/ARCHITECTURE_DECISIONS.md', DECISIONS.replace(/\n/g, '\r\n'));
    fs.chmodSync(path.join(ws.root, 'docs/ARCHITECTURE_DECISIONS.md'), 0o640);
    const before = read('ARCHITECTURE_DECISIONS.md');
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: true });
    const after = read('ARCHITECTURE_DECISIONS.md');
    const line = summaryLine(after.toString('utf8'));
    expect(line).toMatch(FRESH);
    expect(after.toString('utf8')).toBe(DECISIONS.replace(/\*\*Summary\*\*: 43.*/, line).replace(/\n/g, '\r\n'));
    expect(outside(after).equals(outside(before))).toBe(true);
    expect(fs.statSync(path.join(ws.root, 'docs/ARCHITECTURE_DECISIONS.md')).mode & 0o777).toBe(0o640);
  });

  it('with check: writes nothing and fails on a stale block, naming file and line; passes once tidied', async () => {
    const before = read('ARCHITECTURE_DECISIONS.md');
    await expect(tidyExecutor({ check: true }, context())).resolves.toEqual({ success: false });
    expect(read('ARCHITECTURE_DECISIONS.md').equals(before)).toBe(true);
    // The expected line names the count, not a time: check's output never depends on the clock.
    expect(output.stdout).toMatch(/^docs\/ARCHITECTURE_DECISIONS\.md:4 summary is out of date, expected \*\*Summary\*\*: 2 decision\(s\) documented$/m);
    await tidyExecutor({}, context());
    output.stdout = '';
    await expect(tidyExecutor({ check: true }, context())).resolves.toEqual({ success: true });
    expect(output.stdout).toMatch(/0 out of date, 1 current/);
  });

  it('does not rewrite a file that is already current (same inode, same mtime)', async () => {
    await tidyExecutor({}, context());
    const file = path.join(ws.root, 'docs/ARCHITECTURE_DECISIONS.md');
    const { ino, mtimeMs } = fs.statSync(file);
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: true });
    expect(fs.statSync(file)).toMatchObject({ ino, mtimeMs });
  });

  it('skips a ledger with errors (its count would be wrong) without failing, and leaves a ledger without markers alone', async () => {
    const broken = `${DECISIONS}\n## DEC 3 | 2026-01-09 | Malformed id\n`;
    ws.write('docs/ARCHITECTURE_DECISIONS.md', broken);
    ws.write('docs/BUILD_HISTORY.md', '# Build history\n\n## BUILD-1 | 2026-01-01 | One\n');
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: true });
    expect(read('ARCHITECTURE_DECISIONS.md').toString('utf8')).toBe(broken);
    expect(read('BUILD_HISTORY.md').toString('utf8')).toBe('# Build history\n\n## BUILD-1 | 2026-01-01 | One\n');
    expect(output.stderr).toMatch(/docs\/ARCHITECTURE_DECISIONS\.md:1 warning has 1 error\(s\) \(see sot-sync validate/);
    expect(output.stdout).toMatch(/docs\/BUILD_HISTORY\.md: no summary block; left as it is/);
  });

  it('reads the ledgers of sot-sync.config.json (docsDir, extra ledgers)', async () => {
    ws.write('sot-sync.config.json', JSON.stringify({ docsDir: 'ledgers', ledgers: [{ fileType: 'incidents', path: 'INCIDENTS.md', prefix: 'INC' }] }));
    ws.write('ledgers/INCIDENTS.md', `# Incidents\n${SUMMARY_START}\n${SUMMARY_END}\n## INC-7 | 2026-02-01 | Outage\n`);
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: true });
    expect(fs.readFileSync(path.join(ws.root, 'ledgers/INCIDENTS.md'), 'utf8')).toMatch(
      new RegExp(
        `^# Incidents\n${SUMMARY_START}\n\\*\\*Summary\\*\\*: 1 entry\\(ies\\) documented \\| Last updated: [\\d :-]{19}\n${SUMMARY_END}\n## INC-7 \\| 2026-02-01 \\| Outage\n$`,
      ),
    );
  });

  it('leaves a block that states the META count alone, whatever its timestamp, and warns that the headings disagree', async () => {
    const ledger = readFixture('summary-debug-meta-ahead.md');
    ws.write('docs/DEBUG_LOG.md', ledger);
    const file = path.join(ws.root, 'docs/DEBUG_LOG.md');
    const { mtimeMs } = fs.statSync(file);
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: true });
    await expect(tidyExecutor({ check: true }, context())).resolves.toEqual({ success: true });
    expect(read('DEBUG_LOG.md').toString('utf8')).toBe(ledger);
    expect(fs.statSync(file).mtimeMs).toBe(mtimeMs);
    expect(output.stdout).toMatch(/^docs\/DEBUG_LOG\.md:4 summary is current$/m);
    expect(output.stderr).toMatch(
      /^docs\/DEBUG_LOG\.md:9 warning META Total_Issues is 4 but the ledger has 2 entry heading\(s\) and 2 id\(s\) with only an INDEX row; the summary states 4/m,
    );
  });

  it('leaves a block written by an earlier sot-sync (`Last entry:`) alone when its count is right', async () => {
    const ledger = readFixture('summary-sot-sync-format.md');
    ws.write('docs/ARCHITECTURE_DECISIONS.md', ledger);
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: true });
    await expect(tidyExecutor({ check: true }, context())).resolves.toEqual({ success: true });
    expect(read('ARCHITECTURE_DECISIONS.md').toString('utf8')).toBe(ledger);
    expect(output.stdout).toMatch(/0 out of date, 1 current/);
  });

  it('reports an invalid config as a failure, not a crash', async () => {
    ws.write('sot-sync.config.json', '{ not json');
    await expect(tidyExecutor({}, context())).resolves.toEqual({ success: false });
    expect(output.stderr).toMatch(/^sot-sync tidy: .*sot-sync\.config\.json is not valid JSON/m);
  });
});

describe('executors/tidy schema.json and schema.d.ts', () => {
  it('declare the same options, each documented', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'schema.json'), 'utf8')) as {
      version: number;
      properties: Record<string, { type: string; description: string }>;
    };
    const declared = [...fs.readFileSync(path.join(__dirname, 'schema.d.ts'), 'utf8').matchAll(/^\s+(\w+)\?: (\w+);/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(Object.entries(schema.properties).map(([key, p]) => [key, p.type])));
    expect(Object.values(schema.properties).every((p) => p.description.length > 20)).toBe(true);
    expect(schema.version).toBe(2);
  });
});
