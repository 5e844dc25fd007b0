// The file locks a write run holds: `archive` then `docs`, as the tidy tools take them; released in reverse.
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { Deadline } from '../runtime/deadline';
import { acquireLeases } from './lease-locks';

export const SYNC_LOCK_NAMES = ['archive', 'docs'] as const;

/** Waits up to `--lock-timeout` (never past the deadline) for each lease; resolves to the release function. */
export async function takeSyncLocks(
  options: Pick<NormalizedSyncOptions, 'root' | 'lockTimeoutSeconds'>,
  deadline: Deadline,
  onMessage: (line: string) => void,
): Promise<() => Promise<void>> {
  const handle = await acquireLeases({
    root: options.root,
    names: SYNC_LOCK_NAMES,
    deadline,
    owner: 'sot-sync',
    lockTimeoutMs: options.lockTimeoutSeconds * 1000,
    onMessage,
  });
  return () => {
    handle.release();
    return Promise.resolve();
  };
}
