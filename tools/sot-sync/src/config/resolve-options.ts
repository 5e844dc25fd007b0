// The options of one run, as every face (the CLI, the executors, the MCP server) gets them: the workspace root found,
// sot-sync.config.json read, and every option normalized with its precedence.
import { findWorkspaceRoot } from '../io/find-workspace-root';
import { readConfigFile } from '../io/read-config-file';
import { normalizeOptions, type NormalizedSyncOptions } from './normalize-options';
import type { SyncExecutorSchema } from './sync-options';

/** Resolves the root from `cwd` (or `given.root`), reads the config file there and normalizes every option. */
export function resolveOptions(given: SyncExecutorSchema, cwd: string, env: NodeJS.ProcessEnv): NormalizedSyncOptions {
  const root = findWorkspaceRoot(cwd, given.root);
  return normalizeOptions({ given: { ...given, root }, config: readConfigFile(root), env, root });
}
