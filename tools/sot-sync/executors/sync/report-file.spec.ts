// The report file (executor option reportFile, the output Nx caches): the run's JSON report, relative to the
// workspace root; a run that cannot start leaves `{ error, exitCode }` there, redacted.
import type { ExecutorContext } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../../test/support/temp-workspace';
import syncExecutor from './executor';

let ws: TempWorkspace;
const context = (): ExecutorContext => ({ root: ws.root, cwd: ws.root, isVerbose: false }) as ExecutorContext;
const readReport = (): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ws.root, 'dist/sot-sync/db.json'), 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(2) });
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  jest.restoreAllMocks();
  ws.cleanup();
});

describe('reportFile', () => {
  it('holds the JSON report of the run, under the workspace root, its directory created', async () => {
    await expect(
      syncExecutor({ mode: 'db-only', execute: true, databaseUrl: 'sqlite:///i.db', reportFile: 'dist/sot-sync/db.json' }, context()),
    ).resolves.toEqual({ success: true });
    expect(readReport()).toMatchObject({ mode: 'db-only', db: { inserted: 2, updated: 0, deleted: 0, unchanged: 0 }, exitCode: 0 });
  });

  it("keeps a failed run's report, its error redacted", async () => {
    const options = { mode: 'db-only' as const, execute: true, databaseUrl: 'mysql://root:hunter2@db/x', reportFile: 'dist/sot-sync/db.json' };
    await expect(syncExecutor(options, context())).resolves.toEqual({ success: false });
    expect(readReport()).toMatchObject({ error: expect.stringMatching(/root:\*\*\*@db/) as unknown, exitCode: 2 });
    expect(JSON.stringify(readReport())).not.toMatch(/hunter2/);
  });

  it('holds { error, exitCode } when the run cannot start (usage error)', async () => {
    await expect(syncExecutor({ mode: 'db-only', reportFile: 'dist/sot-sync/db.json' }, context())).resolves.toEqual({ success: false });
    expect(readReport()).toEqual({ error: expect.stringMatching(/--execute/) as unknown, exitCode: 2 });
  });
});
