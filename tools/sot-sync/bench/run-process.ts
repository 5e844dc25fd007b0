// Bench support: runs one process to completion and measures it: wall time (from spawn to exit, process start
// included), peak RSS and CPU time (from GNU time when it is installed), exit code and output.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface ProcessSample {
  wallMs: number;
  /** Peak resident set size in MB; NaN when GNU time is missing. */
  peakRssMb: number;
  /** User + system CPU seconds of the process (NaN without GNU time): what it did itself, not what it waited for. */
  cpuMs: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ProcessRequest {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
const scratch = mkdtempSync(path.join(tmpdir(), 'sot-sync-bench-time-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** Spawns `command` (under GNU time when present, which writes its figures to a file, not to stderr). */
export async function runProcess(request: ProcessRequest): Promise<ProcessSample> {
  const timeFile = path.join(scratch, 'time.txt');
  const [command, args] = hasGnuTime ? [GNU_TIME, ['-o', timeFile, '-f', '%M %U %S', request.command, ...request.args]] : [request.command, [...request.args]];
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: request.cwd, env: request.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const [rssKb, user, system] = hasGnuTime ? (readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? []) : [];
  return {
    wallMs,
    peakRssMb: (rssKb ?? Number.NaN) / 1024,
    cpuMs: ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000,
    exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}
