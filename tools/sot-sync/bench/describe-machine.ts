// Bench support: the machine a run happened on, and how busy it was (other processes skew wall times).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';

export interface Machine {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  postgres: string | null;
  gnuTime: boolean;
}

export function describeMachine(): Machine {
  const pg = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    postgres: pg.status === 0 ? pg.stdout.trim() : null,
    gnuTime: existsSync('/usr/bin/time'),
  };
}

/** The 1-minute load average, as /proc/loadavg (or os.loadavg) reports it. */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return os.loadavg()[0] ?? Number.NaN;
  }
}
