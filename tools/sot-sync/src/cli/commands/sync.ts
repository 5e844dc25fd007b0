// `sot-sync [mode] [--execute]`: the main job. Turns flags into options, runs the engine, returns the report.
import type { SyncExecutorSchema, SyncMode } from '../../config/sync-options';

export { resolveOptions } from '../../config/resolve-options';
export { runSync } from '../../sync/run-sync';

/** Flags as commander hands them over (camelCase): the executor's options, with the mode as four switches. */
export interface SyncFlags extends Omit<SyncExecutorSchema, 'mode' | 'ledgers' | 'reportFile'> {
  docsOnly?: boolean;
  dbOnly?: boolean;
  qdrantOnly?: boolean;
  full?: boolean;
  /** CLI only (the executor takes it from QDRANT_API_KEY): it never enters options that may be printed. */
  qdrantApiKey?: string;
}

export function modeFromFlags(flags: SyncFlags): SyncMode {
  if (flags.dbOnly) return 'db-only';
  if (flags.qdrantOnly) return 'qdrant-only';
  if (flags.full) return 'full';
  return 'docs-only';
}

export function flagsToSchema(flags: SyncFlags): SyncExecutorSchema {
  const { docsOnly: _d, dbOnly: _db, qdrantOnly: _q, full: _f, qdrantApiKey: _k, ...rest } = flags;
  const given: SyncExecutorSchema = { ...rest, mode: modeFromFlags(flags) };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as SyncExecutorSchema;
}

/** The environment a run sees: `--qdrant-api-key` is passed the way the executor gets it, as QDRANT_API_KEY. */
export function envWithSecrets(flags: SyncFlags, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return flags.qdrantApiKey ? { ...env, QDRANT_API_KEY: flags.qdrantApiKey } : env;
}
