// Issue 16: sot-sync's tidy and the workspace's own tidy tool never fight over a summary block. The tool is modelled
// below from the description (its format, META before headings, a rewrite only when the line changed with
// the timestamp ignored), written independently of sot-sync's code. On the summary-*.md fixtures, alternating the
// two in either order rewrites nothing once the block states the counts (bytes identical), and `tidy:check` agrees.
import type { ExecutorContext } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureOutput, type CapturedOutput } from '../../test/support/capture-output';
import { readFixture } from '../../test/support/fixtures';
import { makeTempWorkspace, type TempWorkspace } from '../../test/support/temp-workspace';
import tidyExecutor from './executor';

type Kind = 'build_history' | 'architecture' | 'debug_log';
const LEDGER: Record<Kind, { file: string; prefix: string; metaKey: string }> = {
  build_history: { file: 'BUILD_HISTORY.md', prefix: 'BUILD', metaKey: 'Builds' },
  architecture: { file: 'ARCHITECTURE_DECISIONS.md', prefix: 'DEC', metaKey: 'Decisions' },
  debug_log: { file: 'DEBUG_LOG.md', prefix: 'DBG', metaKey: 'Issues' },
};

interface ToolOptions {
  /** How the tool derives the unique build count: distinct heading ids, or every id mentioned anywhere. */
  unique?: 'headings' | 'mentions';
}

/** The workspace's tidy tool, summary step: returns the ledger text it leaves behind at time `now`. */
function workspaceTidy(text: string, kind: Kind, now: string, { unique = 'headings' }: ToolOptions = {}): string {
  const { prefix, metaKey } = LEDGER[kind];
  const headingIds = [...text.matchAll(new RegExp(`^#{2,3}\\s+(${prefix}-\\d+)\\b`, 'gm'))].map((m) => m[1]);
  const mentioned = [...text.matchAll(new RegExp(`\\b${prefix}-\\d+\\b`, 'g'))].map((m) => m[0]);
  const meta = new RegExp(`^Total_${metaKey}:\\s*(\\d+)\\s*$`, 'm').exec(text);
  const n = meta ? Number(meta[1]) : headingIds.length;
  const u = new Set(unique === 'headings' ? headingIds : mentioned).size;
  const what =
    kind === 'build_history'
      ? u !== n
        ? `${n} build entries (${u} unique builds)`
        : `${n} build(s)`
      : kind === 'architecture'
        ? `${n} decision(s)`
        : `${n} debug session(s)`;
  const block = `<!-- AUTO-GENERATED SUMMARY - DO NOT EDIT MANUALLY -->\n**Summary**: ${what} documented | Last updated: ${now}\n<!-- END AUTO-GENERATED SUMMARY -->\n`;
  const pattern = /<!-- AUTO-GENERATED SUMMARY.*?<!-- END AUTO-GENERATED SUMMARY -->\n?/s;
  const existing = pattern.exec(text);
  if (!existing) throw new Error('every fixture here has a block');
  const withoutTime = (s: string): string => s.replace(/\| Last updated: [^|]+/, '| Last updated: <TIMESTAMP>');
  return withoutTime(existing[0]) === withoutTime(block) ? text : text.replace(pattern, block);
}

let ws: TempWorkspace;
let output: CapturedOutput;
beforeEach(() => {
  ws = makeTempWorkspace();
  output = captureOutput();
});
afterEach(() => {
  jest.restoreAllMocks();
  ws.cleanup();
});

function context(): ExecutorContext {
  return {
    root: ws.root,
    cwd: ws.root,
    isVerbose: false,
    projectName: 'docs',
    targetName: 'tidy',
    projectsConfigurations: { version: 2, projects: { docs: { root: 'docs', targets: {} } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  };
}

/** The ledger on disk, and each tool run against it. */
function ledger(kind: Kind): {
  read(): string;
  write(text: string): void;
  sotSync(): Promise<void>;
  check(): Promise<boolean>;
  workspace(now: string, options?: ToolOptions): void;
} {
  const file = path.join(ws.root, 'docs', LEDGER[kind].file);
  const read = (): string => fs.readFileSync(file, 'utf8');
  const write = (text: string): void => ws.write(`docs/${LEDGER[kind].file}`, text);
  return {
    read,
    write,
    async sotSync() {
      expect(await tidyExecutor({}, context())).toEqual({ success: true });
    },
    async check() {
      return (await tidyExecutor({ check: true }, context())).success;
    },
    workspace(now, options) {
      const before = read();
      const after = workspaceTidy(before, kind, now, options);
      if (after !== before) write(after);
    },
  };
}

const CURRENT: [string, Kind][] = [
  ['summary-build-existing-format.md', 'build_history'],
  ['summary-decisions-meta.md', 'architecture'],
  ['summary-debug-meta-ahead.md', 'debug_log'],
];

describe('sot-sync tidy alternating with the workspace tidy tool', () => {
  it.each(CURRENT)('%s: a block that states the counts is rewritten by neither, in either order; check passes', async (fixture, kind) => {
    const original = readFixture(fixture);
    const l = ledger(kind);
    l.write(original);
    await l.sotSync();
    expect(l.read()).toBe(original);
    l.workspace('2031-05-06 07:08:09');
    expect(l.read()).toBe(original);
    await l.sotSync();
    l.workspace('2032-01-01 00:00:00');
    expect(l.read()).toBe(original);
    expect(await l.check()).toBe(true);
    expect(output.stdout).not.toMatch(/summary refreshed/);
  });

  it('a stale block: sot-sync writes the line the tool writes (only the time differs), which then neither rewrites', async () => {
    const original = readFixture('summary-stale.md');
    const l = ledger('build_history');
    l.write(original);
    expect(await l.check()).toBe(false);
    await l.sotSync();
    const written = l.read();
    expect(written).not.toBe(original);
    const stamp = /Last updated: ([\d :-]{19})\n/.exec(written)?.[1] ?? '';
    expect(written).toBe(workspaceTidy(original, 'build_history', stamp));
    expect(written).toMatch(/^\*\*Summary\*\*: 3 build\(s\) documented \| Last updated: /m);
    l.workspace('2031-05-06 07:08:09');
    expect(l.read()).toBe(written);
    await l.sotSync();
    expect(l.read()).toBe(written);
    expect(await l.check()).toBe(true);
  });

  it('a stale block the other way round: the tool writes first, then sot-sync keeps its block and check passes', async () => {
    const l = ledger('build_history');
    l.write(readFixture('summary-stale.md'));
    l.workspace('2025-10-23 16:45:00');
    const written = l.read();
    expect(written).toMatch(/^\*\*Summary\*\*: 3 build\(s\) documented \| Last updated: 2025-10-23 16:45:00$/m);
    expect(await l.check()).toBe(true);
    await l.sotSync();
    expect(l.read()).toBe(written);
  });

  it('a tool that derives the unique build count by a rule of its own (every id mentioned) still does not fight', async () => {
    // The INDEX lists BUILD-4, which has no section: this tool says 4 unique builds, so it words the line `4 build(s)`.
    const l = ledger('build_history');
    l.write(readFixture('summary-build-existing-format.md'));
    l.workspace('2031-05-06 07:08:09', { unique: 'mentions' });
    const written = l.read();
    expect(written).toMatch(/^\*\*Summary\*\*: 4 build\(s\) documented \| Last updated: 2031-05-06 07:08:09$/m);
    await l.sotSync();
    expect(l.read()).toBe(written);
    expect(await l.check()).toBe(true);
    l.workspace('2032-01-01 00:00:00', { unique: 'mentions' });
    expect(l.read()).toBe(written);
  });

  it('a block an earlier sot-sync wrote (`Last entry:`): sot-sync keeps it; the tool rewrites its wording once, then both keep it', async () => {
    const original = readFixture('summary-sot-sync-format.md');
    const l = ledger('architecture');
    l.write(original);
    await l.sotSync();
    expect(l.read()).toBe(original);
    expect(await l.check()).toBe(true);
    l.workspace('2031-05-06 07:08:09');
    const reworded = l.read();
    expect(reworded).toBe(original.replace('2 decisions documented | Last entry: 2025-10-09', '2 decision(s) documented | Last updated: 2031-05-06 07:08:09'));
    await l.sotSync();
    l.workspace('2032-01-01 00:00:00');
    expect(l.read()).toBe(reworded);
    expect(await l.check()).toBe(true);
  });
});
