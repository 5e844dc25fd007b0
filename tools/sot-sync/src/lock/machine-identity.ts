// Which machine, boot and pid namespace this process runs in, so a lease taken here can later be judged here: in
// that same triple a pid names one process for as long as it lives (issue 11, D15). Linux only; elsewhere null.
import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

let cached: string | null | undefined;

/**
 * `<hostname>+<16 hex digits>`: the host name, then a digest of the kernel's boot id (new at every boot) and this
 * process's pid namespace (containers on one kernel each have their own). Null when the kernel tells neither
 * (macOS, Windows, a /proc that is not mounted): then no lease is ever judged by its pid alone.
 */
export function readMachineIdentity(): string | null {
  if (cached === undefined) cached = computeIdentity();
  return cached;
}

function computeIdentity(): string | null {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const pidNamespace = readlinkSync('/proc/self/ns/pid');
    if (!bootId || !pidNamespace) return null;
    const digest = createHash('sha256').update(`${bootId}\n${pidNamespace}`).digest('hex').slice(0, 16);
    return `${hostname().replace(/[^A-Za-z0-9.-]/g, '_') || 'host'}+${digest}`;
  } catch {
    return null;
  }
}
