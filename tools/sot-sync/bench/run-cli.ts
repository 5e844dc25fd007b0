// Bench support: one run of the real CLI (`node bin/sot-sync.js`, cwd = the temp workspace) and what it reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runProcess, type ProcessSample } from './run-process';

/** The build next to the bench (`npm run build`). */
export const CLI_DEFAULT = path.resolve(__dirname, '..', '..', 'bin', 'sot-sync.js');
let cliBin = CLI_DEFAULT;

/** Benchmarks another build of the CLI (`--cli`), e.g. the last commit's, for before/after figures. */
export function useCli(bin: string): void {
  cliBin = path.resolve(bin);
}

/** The bin under test (`--cli`, else this build's). */
export function cliBinPath(): string {
  return cliBin;
}

/** The compiled BM25 embedder of the CLI under test (the embed-call counter patches it). */
export function cliEmbedderModule(): string {
  return path.resolve(path.dirname(cliBin), '..', 'dist', 'src', 'embed', 'bm25-embedder.js');
}

export interface Counts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

/** What the human report says: the figures the bench checks for exactness. */
export interface CliReport {
  entries: number | null;
  errors: number | null;
  db: Counts | null;
  qdrant: Counts | null;
  /** Per-phase milliseconds from the `timing:` line. */
  timings: Record<string, number>;
}

export interface CliSample extends ProcessSample {
  report: CliReport;
}

/** Settings the bench does not want to inherit from the shell it runs in. */
const SCRUBBED = [
  'DATABASE_URL',
  'QDRANT_HOST',
  'QDRANT_API_KEY',
  'SOT_SYNC_EMBED_BASE_URL',
  'SOT_SYNC_EMBED_MODEL',
  'SOT_SYNC_EMBED_DIMENSIONS',
  'CI',
  'NODE_OPTIONS',
];

let cacheDir: string | undefined;

/** The parse cache of the bench's runs: its own directory, removed when the bench exits, never the user's. */
function benchCacheDir(): string {
  if (cacheDir === undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sot-sync-bench-cache-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    cacheDir = dir;
  }
  return cacheDir;
}

export function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SOT_SYNC_CACHE_DIR: benchCacheDir() };
  for (const name of SCRUBBED) delete env[name];
  return env;
}

/**
 * Runs `sot-sync <args>` in `cwd`; `nodeArgs` go before the script (e.g. `--cpu-prof`), `extraEnv` on top of the
 * bench's environment (e.g. SOT_SYNC_PARSE_CACHE=off).
 */
export async function runCli(cwd: string, args: readonly string[], nodeArgs: readonly string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliSample> {
  const env = { ...cliEnv(), BENCH_EMBEDDER_MODULE: cliEmbedderModule(), ...extraEnv };
  const sample = await runProcess({ command: process.execPath, args: [...nodeArgs, cliBin, ...args], cwd, env });
  return { ...sample, report: readReport(sample.stdout) };
}

export function readReport(stdout: string): CliReport {
  const parsed = /^parsed (\d+) entries from .*: (\d+) errors?, /m.exec(stdout);
  const timing = /^timing: (.*)$/m.exec(stdout)?.[1] ?? '';
  return {
    entries: parsed ? Number(parsed[1]) : null,
    errors: parsed ? Number(parsed[2]) : null,
    db: readCounts(stdout, 'db'),
    qdrant: readCounts(stdout, 'qdrant'),
    timings: Object.fromEntries([...timing.matchAll(/(\w+) (\d+)ms/g)].map((m) => [m[1] as string, Number(m[2])])),
  };
}

function readCounts(stdout: string, target: string): Counts | null {
  const match = new RegExp(`^${target}: (\\d+) inserted, (\\d+) updated, (\\d+) deleted, (\\d+) unchanged$`, 'm').exec(stdout);
  if (!match) return null;
  const [inserted, updated, deleted, unchanged] = match.slice(1).map(Number) as [number, number, number, number];
  return { inserted, updated, deleted, unchanged };
}
