// Judging a lease found on disk: a holder provably dead on this machine is broken at once; anything less certain
// waits for expiry plus the grace period, and says when the lease may be broken (issue 11, D15).
import type { LeaseFile } from './lease-file';
import { judgeLease, type JudgeOptions } from './judge-lease';
import { formatLeaseOwner, formatLeaseTime, machineOfOwner } from './lease-record';

const NOW = Date.UTC(2026, 0, 8, 12);
const HERE = 'build-01+0123456789abcdef';
const ELSEWHERE = 'build-02+fedcba9876543210';

function lease(owner: string, expiresInMs: number, pid = 4242): Exclude<LeaseFile, { kind: 'missing' }> {
  const record = {
    owner,
    token: 't',
    pid,
    created_at: formatLeaseTime(NOW - 1000),
    expires_at: formatLeaseTime(NOW + expiresInMs),
    last_renewed_at: formatLeaseTime(NOW - 1000),
  };
  return { kind: 'lease', text: JSON.stringify(record), record, mtimeMs: NOW };
}

const options = (probe: JudgeOptions['probe'], machine: string | null = HERE): JudgeOptions => ({ now: NOW, graceMs: 120_000, probe, machine });
const dead = (): 'dead' => 'dead';
const alive = (): 'alive' => 'alive';

describe('judgeLease', () => {
  it('breaks at once a valid lease taken on this machine, boot and pid namespace whose process has exited', () => {
    const verdict = judgeLease(lease(formatLeaseOwner('sot-sync', 'docs', HERE), 60_000), options(dead));
    expect(verdict).toEqual({ stale: true, reason: 'process 4242 that took it on this machine has exited' });
  });

  it('keeps it while that process runs, or when this process cannot tell its machine', () => {
    expect(judgeLease(lease(formatLeaseOwner('sot-sync', 'docs', HERE), 60_000), options(alive)).stale).toBe(false);
    expect(judgeLease(lease(formatLeaseOwner('sot-sync', 'docs', HERE), 60_000), options(dead, null)).stale).toBe(false);
    expect(
      judgeLease(
        lease(formatLeaseOwner('sot-sync', 'docs', HERE), 60_000),
        options(() => 'unknown'),
      ).stale,
    ).toBe(false);
  });

  it('keeps a lease from another machine (or boot) or from the tidy tools, and says when it may be broken', () => {
    for (const owner of [formatLeaseOwner('sot-sync', 'docs', ELSEWHERE), 'tidy_up:phase1:docs']) {
      const verdict = judgeLease(lease(owner, 60_000), options(dead));
      expect(verdict.stale).toBe(false);
      expect(verdict.reason).toMatch(/process 4242 is not running on this machine/);
      expect(verdict.reason).toContain(`may be broken from ${new Date(NOW + 60_000 + 120_000).toISOString()}`);
    }
  });

  it('still breaks an expired lease past the grace period whose process is gone, wherever it ran', () => {
    expect(judgeLease(lease('tidy_up:docs', -200_000), options(dead))).toEqual({ stale: true, reason: 'expired 200s ago and process 4242 is gone' });
  });

  it('reads the machine back from an owner, and finds none in the tidy tools own', () => {
    expect(machineOfOwner(formatLeaseOwner('sot-sync-tidy', 'docs', HERE))).toBe(HERE);
    expect(formatLeaseOwner('sot-sync', 'docs', null)).toBe('sot-sync:docs');
    expect(machineOfOwner('tidy_up:phase1:docs')).toBeNull();
    expect(machineOfOwner(42)).toBeNull();
  });
});
