// The lease format against the tidy tools' conventions, checked with Python's own datetime/json when python3 exists.
import { spawnSync } from 'node:child_process';
import { formatLeaseTime, newLeaseRecord, parseLease, parseLeaseTime, renewedLeaseRecord, serializeLease } from './lease-record';

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('lease times', () => {
  it('writes naive UTC with microseconds and a trailing Z, like utcnow().isoformat() + "Z"', () => {
    expect(formatLeaseTime(Date.UTC(2026, 0, 8, 12, 34, 56, 789))).toBe('2026-01-08T12:34:56.789000Z');
    expect(formatLeaseTime(Date.UTC(2026, 0, 8))).toBe('2026-01-08T00:00:00.000000Z');
  });

  it.each([
    ['2026-01-08T12:34:56.789123Z', Date.UTC(2026, 0, 8, 12, 34, 56, 789)],
    ['2026-01-08T12:34:56.789123', Date.UTC(2026, 0, 8, 12, 34, 56, 789)],
    ['2026-01-08T12:34:56Z', Date.UTC(2026, 0, 8, 12, 34, 56)],
    ['2026-01-08T13:34:56+01:00', Date.UTC(2026, 0, 8, 12, 34, 56)],
    ['2026-01-08T12:34', Date.UTC(2026, 0, 8, 12, 34)],
  ])('reads %s', (text, expected) => {
    expect(parseLeaseTime(text)).toBe(expected);
  });

  it.each([[''], ['yesterday'], [42], [null]])('refuses %p', (value) => {
    expect(parseLeaseTime(value)).toBeNull();
  });
});

describe('lease records', () => {
  const record = newLeaseRecord({
    owner: 'sot-sync:docs',
    token: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    pid: 4242,
    now: Date.UTC(2026, 0, 8, 9),
    ttlMs: 60_000,
  });

  it('serializes the fields in the tidy tools order with a two-space indent and no trailing newline', () => {
    expect(serializeLease(record)).toBe(`{
  "owner": "sot-sync:docs",
  "token": "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
  "pid": 4242,
  "created_at": "2026-01-08T09:00:00.000000Z",
  "expires_at": "2026-01-08T09:01:00.000000Z",
  "last_renewed_at": "2026-01-08T09:00:00.000000Z"
}`);
  });

  it('renews like lease.py: same token, pid and created_at; new expiry and last_renewed_at', () => {
    const renewed = renewedLeaseRecord(record, Date.UTC(2026, 0, 8, 9, 0, 20), 60_000);
    expect(renewed).toEqual({ ...record, expires_at: '2026-01-08T09:01:20.000000Z', last_renewed_at: '2026-01-08T09:00:20.000000Z' });
  });

  it('parses a lease, and rejects text without a readable expiry', () => {
    expect(parseLease(serializeLease(record))).toEqual(record);
    expect(parseLease('')).toBeNull();
    expect(parseLease('{"owner": "x"}')).toBeNull();
    expect(parseLease('[1]')).toBeNull();
  });

  (hasPython ? it : it.skip)('is exactly what Python json.dump(indent=2) writes, and Python datetime reads its times', () => {
    const withAccent = { ...record, owner: 'tidy_up:phase1:docs-é' };
    const script = [
      'import json, sys, uuid',
      'from datetime import datetime',
      'text = sys.stdin.read()',
      'data = json.loads(text)',
      'assert json.dumps(data, indent=2) == text, "not json.dump(indent=2) output"',
      'uuid.UUID(data["token"])',
      'for key in ("created_at", "expires_at", "last_renewed_at"): datetime.fromisoformat(data[key].rstrip("Z"))',
      'print("ok")',
    ].join('\n');
    const result = spawnSync('python3', ['-c', script], { input: serializeLease(withAccent), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ok');
  });
});
