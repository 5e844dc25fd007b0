// The fingerprint as a cache key: deterministic only while a target holds exactly what the ledgers say, unique
// otherwise (missing SQLite file, stale rows, unreachable or unavailable target). Real SQLite for the db target;
// readers passed as arguments (no jest.mock) for the cases a real store cannot stage, and for the Qdrant extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../../../test/support/temp-workspace';
import { ConnectionError } from '../../errors';
import { Deadline } from '../../runtime/deadline';
import { runSync } from '../../sync/run-sync';
import { readFingerprints, rolesForMode, type FingerprintReader } from './fingerprint';
import { resolveOptions } from './sync';

let ws: TempWorkspace;
beforeEach(() => {
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(3) });
});
afterEach(() => ws.cleanup());

const options = (extra: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}): ReturnType<typeof resolveOptions> =>
  resolveOptions({ root: ws.root, databaseUrl: 'sqlite:///index.db', ...extra }, ws.root, env);

async function sync(): Promise<void> {
  const deadline = new Deadline(30);
  try {
    const report = await runSync(options({ mode: 'db-only', execute: true }), { deadline, onMessage: () => undefined });
    expect(report.db).toMatchObject({ inserted: expect.any(Number) as unknown });
  } finally {
    deadline.dispose();
  }
}

/** The line without its leading `code=<digest>`: what the targets contribute. */
const targetsOf = (line: string): string => line.replace(/^code=[0-9a-f]{16} ?/, '');
const key = async (opts = options()): Promise<string> => targetsOf((await readFingerprints(opts, ['db'], 10)).line);

describe('readFingerprints (db target: SQLite)', () => {
  it('is unique while the SQLite file does not exist yet (a run still has to write), and creates no file', async () => {
    const report = await readFingerprints(options(), ['db'], 10);
    expect(report.targets).toEqual([expect.objectContaining({ role: 'db', kind: 'sqlite', state: 'stale', held: null })]);
    expect(targetsOf(report.line)).toMatch(/^db=stale:none:[0-9a-f]{16}$/);
    expect(await key()).not.toBe(targetsOf(report.line));
    expect(fs.existsSync(path.join(ws.root, 'index.db'))).toBe(false);
  });

  it('is the stored fingerprint, stable across calls, once the table holds exactly the ledgers', async () => {
    await sync();
    const report = await readFingerprints(options(), ['db'], 10);
    expect(report.targets[0]).toMatchObject({ state: 'in-sync', held: report.expected });
    expect(targetsOf(report.line)).toBe(`db=${report.expected as string}`);
    expect(await key()).toBe(targetsOf(report.line));
  });

  it('turns unique again when the file is deleted, when a ledger changes, or for another project id', async () => {
    await sync();
    const synced = await key();
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3, { 'DEC-002': 'Changed.' }));
    expect(await key()).toMatch(/^db=stale:[0-9a-f]{16}:[0-9a-f]{16}$/);
    ws.write('docs/ARCHITECTURE_DECISIONS.md', decisionsLedger(3));
    expect(await key()).toBe(synced);
    expect(await key(options({ projectId: 'other' }))).toMatch(/^db=stale:none:/);
    fs.rmSync(path.join(ws.root, 'index.db'));
    expect(await key()).toMatch(/^db=stale:none:/);
  });

  it('is "none" (deterministic) when neither the ledgers nor the table hold any entry', async () => {
    ws.remove('docs/ARCHITECTURE_DECISIONS.md');
    expect(await key()).toBe('db=none');
  });

  it('gives a unique "unreachable" key for a database it cannot reach, and never leaks the password', async () => {
    const report = await readFingerprints(options({ databaseUrl: 'postgresql://admin:hunter2@127.0.0.1:1/nope' }), ['db'], 10);
    expect(targetsOf(report.line)).toMatch(/^db=unreachable:[0-9a-f]{16}$/);
    expect(JSON.stringify(report)).not.toMatch(/hunter2/);
  });
});

describe('readFingerprints (targets and readers)', () => {
  const holding =
    (fingerprint: string | null): FingerprintReader =>
    () =>
      Promise.resolve({ kind: 'fake', location: 'fake://', fingerprint });

  it('asks no target and reads no ledger for docs-only', async () => {
    ws.write('docs/ARCHITECTURE_DECISIONS.md', '\u0000 not even text');
    await expect(readFingerprints(options(), [], 10)).resolves.toEqual({
      projectId: 'autopack',
      expected: null,
      targets: [],
      code: expect.stringMatching(/^[0-9a-f]{16}$/),
      line: expect.stringMatching(/^code=[0-9a-f]{16}$/),
    });
  });

  it('adds a target with one reader (how the Qdrant target joins): in sync, stale, unreachable', async () => {
    const opts = options({}, { QDRANT_HOST: 'http://127.0.0.1:6333' });
    const expected = (await readFingerprints(opts, ['db'], 10)).expected;
    const line = async (reader: FingerprintReader): Promise<string> =>
      (await readFingerprints(opts, ['qdrant'], 10, { qdrant: reader })).line.replace(/^code=[0-9a-f]{16} /, '');
    expect(await line(holding(expected))).toBe(`qdrant=${expected as string}`);
    expect(await line(holding('0123456789abcdef'))).toMatch(/^qdrant=stale:0123456789abcdef:[0-9a-f]{16}$/);
    expect(await line(() => Promise.reject(new ConnectionError('refused')))).toMatch(/^qdrant=unreachable:[0-9a-f]{16}$/);
  });

  it('is unique for a target it has no reader for, or that is not configured', async () => {
    expect(targetsOf((await readFingerprints(options(), ['qdrant'], 10)).line)).toMatch(/^qdrant=unavailable:[0-9a-f]{16}$/);
    const report = await readFingerprints(options(), ['qdrant'], 10, { qdrant: holding(null) });
    expect(report.targets[0]).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/QDRANT_HOST/) as unknown });
  });

  it('bounds a hanging reader by the deadline', async () => {
    const started = Date.now();
    const report = await readFingerprints(options(), ['db'], 0.2, { db: () => new Promise(() => undefined) });
    expect(targetsOf(report.line)).toMatch(/^db=unreachable:/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('rolesForMode', () => {
  it('maps each mode to the targets it writes; without a mode, every configured target', () => {
    const none = { qdrant: { url: null, source: 'default' as const } };
    const some = { qdrant: { url: 'http://q:6333', source: 'env' as const } };
    expect(rolesForMode('docs-only', some)).toEqual([]);
    expect(rolesForMode('db-only', some)).toEqual(['db']);
    expect(rolesForMode('qdrant-only', none)).toEqual(['qdrant']);
    expect(rolesForMode('full', none)).toEqual(['db', 'qdrant']);
    expect(rolesForMode(undefined, none)).toEqual(['db']);
    expect(rolesForMode(undefined, some)).toEqual(['db', 'qdrant']);
  });
});
