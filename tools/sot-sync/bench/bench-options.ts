// Bench support: command-line options of `npm run bench` and the run plan per size.
import { existsSync } from 'node:fs';
import type { RunPlan } from './bench-types';

/** Where this workspace keeps Qdrant's OpenAPI document; without it (and without the variable) checks are off. */
const DEFAULT_OPENAPI = '/work/shared/qdrant/openapi-v1.19.0.json';

/** `mcp` runs on the index the sqlite group fills, so it needs `sqlite` too. */
export type Group = 'parse' | 'sqlite' | 'postgres' | 'qdrant' | 'mcp';

export interface BenchOptions {
  sizes: number[];
  groups: Group[];
  /** Overrides of the per-size defaults. */
  runs?: number;
  firstRuns?: number;
  naiveRuns?: number;
  /** Qdrant's OpenAPI document for the test server's contract checks; null: checks off. */
  openApi: string | null;
  /** Write the JSON document here as well. */
  out?: string;
  /** Profile one run of each scenario at the largest size (node --cpu-prof) into this directory, instead of timing. */
  profileDir?: string;
  /** Another build's bin/sot-sync.js to benchmark (e.g. the last commit's, for before/after figures). */
  cli?: string;
  /** The parse group also runs at the real ledgers' size: these three ledgers (a docs directory), else synthetic ones. */
  realLedgers?: string;
  /** Skip the real-size scenarios (`--real off`). */
  real: boolean;
}

export const USAGE = `npm run bench -- [--sizes 1000,10000,50000] [--only parse,sqlite,postgres,qdrant,mcp] [--runs N] [--first-runs N]
  [--naive-runs N] [--qdrant-contract off] [--out results.json] [--profile DIR] [--cli path/to/bin/sot-sync.js]
  [--real-ledgers DIR (BUILD_HISTORY.md, ARCHITECTURE_DECISIONS.md, DEBUG_LOG.md) | --real off]`;

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string): number | undefined => (value(name) === undefined ? undefined : Number(value(name)));
  const contractOff = value('--qdrant-contract') === 'off';
  const options: BenchOptions = {
    sizes: (value('--sizes') ?? '1000,10000,50000').split(',').map(Number),
    groups: (value('--only') ?? 'parse,sqlite,postgres,qdrant,mcp').split(',') as Group[],
    openApi: contractOff ? null : (env['SOT_SYNC_QDRANT_OPENAPI'] ?? (existsSync(DEFAULT_OPENAPI) ? DEFAULT_OPENAPI : null)),
    real: value('--real') !== 'off',
  };
  for (const [key, flag] of [
    ['runs', '--runs'],
    ['firstRuns', '--first-runs'],
    ['naiveRuns', '--naive-runs'],
  ] as const) {
    const n = number(flag);
    if (n !== undefined) options[key] = n;
  }
  const out = value('--out');
  if (out) options.out = out;
  const profileDir = value('--profile');
  if (profileDir) options.profileDir = profileDir;
  const cli = value('--cli');
  if (cli) options.cli = cli;
  const realLedgers = value('--real-ledgers');
  if (realLedgers) options.realLedgers = realLedgers;
  return options;
}

/**
 * Fewer runs where a run is long, so the whole bench stays near 10 minutes on 2 cores. At 50,000 entries the CLI
 * scenarios run 3 times and the naive baselines once. The naive baselines make one round trip (SQL) or two requests
 * (Qdrant) per entry, so the PostgreSQL one writes a 5,000-entry slice at 50,000 and the Qdrant one a 1,000-entry
 * slice above 1,000; their write time is scaled up linearly and labelled as such.
 */
export function planFor(size: number, options: BenchOptions): RunPlan {
  const large = size >= 50_000;
  return {
    runs: options.runs ?? (large ? 3 : 5),
    firstRuns: options.firstRuns ?? (large ? 3 : 5),
    naiveRuns: options.naiveRuns ?? (large ? 1 : size >= 10_000 ? 2 : 3),
    naiveRunsQdrant: options.naiveRuns ?? (size > 1_000 ? 1 : 2),
    naiveLimitPostgres: large ? 5_000 : 0,
    naiveLimitQdrant: size > 1_000 ? 1_000 : 0,
  };
}
