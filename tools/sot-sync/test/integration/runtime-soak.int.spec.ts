// The runtime under the native SQLite driver: 50 consecutive CLI syncs of 3,000 entries (first syncs into a fresh
// file and no-op resyncs, alternating) on the Node that runs the suite (.ci/run runs it on Node 22 and on Node 24).
// better-sqlite3 12 aborted here on Node 24 (SIGABRT in a statement's destructor) and left its lease files behind;
// every run must exit 0 on its own, with exact counts, and release both leases.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateLedgers } from '../../bench/generate-ledgers';
import { runCli } from '../support/run-cli';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const RUNS = 50;
const ENTRIES = 3000;
let ws: TempWorkspace;
let expected: number;

beforeAll(() => {
  ws = makeTempWorkspace();
  const ledgers = generateLedgers(ENTRIES, { edited: false });
  for (const file of ledgers.files) ws.write(`docs/${file.name}`, file.text);
  expected = ledgers.entries;
});
afterAll(() => ws.cleanup());

const counts = (stdout: string): string | undefined => /db: (\d+ inserted, \d+ updated, \d+ deleted)/.exec(stdout)?.[1];
const leases = (): string[] => {
  const dir = path.join(ws.root, '.autonomous_runs/.locks');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.lock')) : [];
};

it(`${RUNS} consecutive syncs of ${ENTRIES} entries on Node ${process.versions.node}: no abort, exact counts, no lease left`, () => {
  const outcomes: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const first = run % 2 === 0;
    if (first) fs.rmSync(path.join(ws.root, 'autopack.db'), { force: true });
    const result = runCli(['--db-only', '--execute', '--no-timing'], ws.root);
    const want = first ? `${expected} inserted, 0 updated, 0 deleted` : '0 inserted, 0 updated, 0 deleted';
    const got = { code: result.code, signal: result.signal, counts: counts(result.stdout), leases: leases() };
    if (got.code !== 0 || got.signal !== null || got.counts !== want || got.leases.length > 0) {
      outcomes.push(`run ${run + 1}: ${JSON.stringify(got)} ${result.stderr.slice(-400)}`);
    }
  }
  expect(outcomes).toEqual([]);
}, 300_000);
