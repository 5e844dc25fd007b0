// Lease file operations on real files in a temp dir, including two contenders breaking one stale lease at once.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createLeaseFile, leasePath, moveStaleLeaseAside, readLeaseFile, removeLeaseFileIfOurs, replaceLeaseFile } from './lease-file';
import { newLeaseRecord, renewedLeaseRecord, type LeaseRecord } from './lease-record';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sot-lease-file-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const lease = (token: string, now = Date.now()): LeaseRecord => newLeaseRecord({ owner: 'sot-sync:docs', token, pid: process.pid, now, ttlMs: 60_000 });
const lockDir = (): string => dirname(leasePath(root, 'docs'));

describe('lease files', () => {
  it('lives where the tidy tools look: <root>/.autonomous_runs/.locks/<name>.lock', () => {
    expect(leasePath('/repo', 'archive')).toBe(join('/repo', '.autonomous_runs', '.locks', 'archive.lock'));
  });

  it('creates exclusively, leaves no temp files, and refuses a second creator', () => {
    const path = leasePath(root, 'docs');
    expect(createLeaseFile(path, lease('token-a'))).toBe(true);
    expect(createLeaseFile(path, lease('token-b'))).toBe(false);
    expect(readLeaseFile(path)).toMatchObject({ kind: 'lease', record: { token: 'token-a' } });
    expect(readdirSync(lockDir())).toEqual(['docs.lock']);
  });

  it('renews and deletes only while the token is ours', () => {
    const path = leasePath(root, 'docs');
    const mine = lease('token-a');
    createLeaseFile(path, mine);
    expect(replaceLeaseFile(path, renewedLeaseRecord(mine, Date.now() + 1000, 60_000))).toBe(true);
    expect(removeLeaseFileIfOurs(path, 'token-b')).toBe(false);
    expect(readLeaseFile(path).kind).toBe('lease');
    expect(removeLeaseFileIfOurs(path, 'token-a')).toBe(true);
    expect(readLeaseFile(path)).toEqual({ kind: 'missing' });
    expect(replaceLeaseFile(path, mine)).toBe(false);
  });

  it('reports half-written files as malformed rather than as leases', () => {
    const path = leasePath(root, 'docs');
    mkdirSync(lockDir(), { recursive: true });
    writeFileSync(path, '');
    expect(readLeaseFile(path)).toMatchObject({ kind: 'malformed', text: '' });
  });

  it('lets only one of two contenders break the same stale lease, and the loser restores the winner', () => {
    const path = leasePath(root, 'docs');
    createLeaseFile(path, lease('stale-token', Date.now() - 3_600_000));
    const judgedByA = readLeaseFile(path);
    const judgedByB = readLeaseFile(path);

    expect(moveStaleLeaseAside(path, judgedByA)).toBe(true);
    expect(createLeaseFile(path, lease('winner-a'))).toBe(true);
    const winnerText = readFileSync(path, 'utf8');

    // B still believes the old stale lease is there: its rename grabs A's fresh lease, sees that, and puts it back.
    expect(moveStaleLeaseAside(path, judgedByB)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(winnerText);
    expect(createLeaseFile(path, lease('late-b'))).toBe(false);
    expect(readdirSync(lockDir())).toEqual(['docs.lock']);
  });

  it('does nothing when the stale lease is already gone', () => {
    const path = leasePath(root, 'docs');
    createLeaseFile(path, lease('stale-token'));
    const judged = readLeaseFile(path);
    rmSync(path);
    expect(moveStaleLeaseAside(path, judged)).toBe(false);
  });
});
