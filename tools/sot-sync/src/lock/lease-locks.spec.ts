// acquireLeases with real files: interplay with leases in the tidy tools' exact format, staleness, races, renewal.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DeadlineExceededError, LockHeldError } from '../errors';
import { Deadline } from '../runtime/deadline';
import { leasePath } from './lease-file';
import { acquireLeases, canonicalOrder, type LeaseOptions } from './lease-locks';

let root: string;
let deadline: Deadline;
let children: ChildProcess[];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sot-leases-'));
  deadline = new Deadline(30);
  children = [];
});
afterEach(() => {
  children.forEach((child) => child.kill());
  deadline.dispose();
  rmSync(root, { recursive: true, force: true });
});

const acquire = (names: string[], extra: Partial<LeaseOptions> = {}) => acquireLeases({ root, names, deadline, ...extra });
const pyTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');
const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(leasePath(root, name), 'utf8')) as Record<string, unknown>;

/** A lease exactly as scripts/tidy/lease.py writes it (json.dump indent=2, naive UTC + "Z"), typed out by hand. */
function writeTidyLease(name: string, lease: { pid: number; createdAt: number; expiresAt: number; owner?: string }): string {
  const path = leasePath(root, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `{\n  "owner": "${lease.owner ?? `tidy_up:phase1:${name}`}",\n  "token": "${randomUUID()}",\n  "pid": ${lease.pid},\n` +
      `  "created_at": "${pyTime(lease.createdAt)}",\n  "expires_at": "${pyTime(lease.expiresAt)}",\n` +
      `  "last_renewed_at": "${pyTime(lease.createdAt)}"\n}`,
  );
  return path;
}

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid;
function liveChild(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid ?? 0;
}

describe('acquireLeases', () => {
  it('sorts names into the tidy tools order and deletes every file on release', async () => {
    expect(canonicalOrder(['docs', 'zeta', 'archive', 'queue', 'docs', 'alpha'])).toEqual(['queue', 'archive', 'docs', 'alpha', 'zeta']);
    const handle = await acquire(['docs', 'archive']);
    expect(handle.held.map((lease) => lease.name)).toEqual(['archive', 'docs']);
    expect(read('docs')).toMatchObject({ owner: expect.stringMatching(/^sot-sync(@[\w.-]+\+[0-9a-f]{16})?:docs$/) as unknown, pid: process.pid });
    handle.release();
    handle.release();
    expect(existsSync(leasePath(root, 'archive')) || existsSync(leasePath(root, 'docs'))).toBe(false);
  });

  it('writes a lease the tidy tools accept: their fields, in order, UUID token, microseconds and Z', async () => {
    const handle = await acquire(['docs'], { ttlMs: 60_000 });
    const text = readFileSync(leasePath(root, 'docs'), 'utf8');
    const lease = JSON.parse(text) as Record<string, string>;
    expect(Object.keys(lease)).toEqual(['owner', 'token', 'pid', 'created_at', 'expires_at', 'last_renewed_at']);
    expect(text).toBe(JSON.stringify(lease, null, 2));
    expect(lease['token']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const key of ['created_at', 'expires_at', 'last_renewed_at']) expect(lease[key]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(lease['expires_at'] ?? '') - Date.parse(lease['created_at'] ?? '')).toBe(60_000);
    handle.release();
  });

  it('waits for a live tidy lease until the lock timeout, then names the holder and the file', async () => {
    const path = writeTidyLease('docs', { pid: liveChild(), createdAt: Date.now() - 5000, expiresAt: Date.now() + 600_000 });
    const before = readFileSync(path, 'utf8');
    const started = Date.now();
    const error = await acquire(['archive', 'docs'], { lockTimeoutMs: 600 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).exitCode).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    const message = (error as Error).message;
    for (const part of ['tidy_up:phase1:docs', `pid ${String(read('docs')['pid'])}`, 'since ', 'expires ', path]) expect(message).toContain(part);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(leasePath(root, 'archive'))).toBe(false);
  });

  it('lets the run deadline win over a longer lock timeout', async () => {
    writeTidyLease('docs', { pid: process.pid, createdAt: Date.now(), expiresAt: Date.now() + 600_000 });
    const short = new Deadline(0.4);
    const error = await acquire(['docs'], { deadline: short, lockTimeoutMs: 10_000 }).catch((caught: unknown) => caught);
    short.dispose();
    expect(error).toBeInstanceOf(DeadlineExceededError);
  });

  it('breaks a lease expired beyond the grace period whose process is gone, and says so', async () => {
    writeTidyLease('docs', { pid: deadPid(), createdAt: Date.now() - 3_600_000, expiresAt: Date.now() - 1_800_000 });
    const messages: string[] = [];
    const handle = await acquire(['docs'], { onMessage: (message) => messages.push(message), lockTimeoutMs: 1000 });
    expect(read('docs')).toMatchObject({ owner: expect.stringMatching(/^sot-sync(@[\w.-]+\+[0-9a-f]{16})?:docs$/) as unknown, pid: process.pid });
    expect(messages.join('\n')).toMatch(/broke the stale docs lock .*tidy_up:phase1:docs.*is gone/);
    handle.release();
  });

  it.each([
    ['its process still runs', () => ({ pid: liveChild(), expiresAt: Date.now() - 1_800_000 }), /still running/],
    ['it is within the grace period', () => ({ pid: deadPid(), expiresAt: Date.now() - 60_000 }), /within the 120s grace period/],
  ])('keeps an expired lease when %s', async (_case, lease, reason) => {
    writeTidyLease('docs', { ...lease(), createdAt: Date.now() - 3_600_000 });
    await expect(acquire(['docs'], { lockTimeoutMs: 300 })).rejects.toThrow(reason);
  });

  it('waits on a half-written file but clears one that stayed unreadable', async () => {
    const path = leasePath(root, 'docs');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    await expect(acquire(['docs'], { lockTimeoutMs: 300 })).rejects.toThrow(/unknown holder/);
    utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    (await acquire(['docs'], { lockTimeoutMs: 300 })).release();
  });

  it('lets exactly one of two concurrent acquirers win', async () => {
    const results = await Promise.allSettled([acquire(['docs'], { lockTimeoutMs: 400 }), acquire(['docs'], { lockTimeoutMs: 400 })]);
    const winners = results.filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(LockHeldError) });
    (winners[0] as PromiseFulfilledResult<{ release(): void }>).value.release();
    (await acquire(['docs'], { lockTimeoutMs: 400 })).release();
  });

  it.each([1, 2, 3])('lets exactly one win against a child process doing O_EXCL on the same file (round %i)', async () => {
    const path = leasePath(root, 'docs');
    mkdirSync(dirname(path), { recursive: true });
    const goAt = Date.now() + 400;
    const child = spawn(process.execPath, ['-e', EXCL_CHILD, path, String(goAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, goAt - Date.now())));
    const ours = await acquire(['docs'], { lockTimeoutMs: 300 }).catch(() => null);
    await exited;
    expect(output.trim()).toMatch(/^(won|lost)$/);
    expect(Number(output.trim() === 'won') + Number(ours !== null)).toBe(1);
    ours?.release();
  });

  it('renews every ttl/3: last_renewed_at and expires_at move, token and created_at stay', async () => {
    const handle = await acquire(['docs'], { ttlMs: 300 });
    const first = read('docs');
    await new Promise((resolve) => setTimeout(resolve, 250));
    const later = read('docs');
    expect(later['token']).toBe(first['token']);
    expect(later['created_at']).toBe(first['created_at']);
    expect(Date.parse(String(later['last_renewed_at']))).toBeGreaterThan(Date.parse(String(first['last_renewed_at'])));
    expect(Date.parse(String(later['expires_at'])) - Date.parse(String(later['last_renewed_at']))).toBe(300);
    handle.release();
  });

  it('notices a lease taken over by someone else and leaves that lease in place on release', async () => {
    const messages: string[] = [];
    const handle = await acquire(['docs'], { onMessage: (message) => messages.push(message) });
    const theirs = writeTidyLease('docs', { pid: process.pid, createdAt: Date.now(), expiresAt: Date.now() + 60_000 });
    handle.renew();
    expect(handle.lost).toEqual(['docs']);
    expect(messages.join('\n')).toMatch(/taken over/);
    handle.release();
    expect(existsSync(theirs)).toBe(true);
  });
});

/** A contender in another process that creates the lease the way lease.py does: O_EXCL, then write the JSON. */
const EXCL_CHILD = `
const fs = require('fs');
const [path, goAt] = [process.argv[1], Number(process.argv[2])];
const at = (ms) => new Date(ms).toISOString().replace('Z', '000Z');
setTimeout(() => {
  try {
    const fd = fs.openSync(path, 'wx');
    const now = Date.now();
    fs.writeSync(fd, JSON.stringify({ owner: 'tidy_up:child:docs', token: require('crypto').randomUUID(), pid: process.pid,
      created_at: at(now), expires_at: at(now + 60000), last_renewed_at: at(now) }, null, 2));
    fs.closeSync(fd);
    console.log('won');
    setTimeout(() => {}, 800);
  } catch (error) {
    console.log(error.code === 'EEXIST' ? 'lost' : 'error ' + error.message);
  }
}, Math.max(0, goAt - Date.now()));`;
