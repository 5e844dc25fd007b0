// Inferred targets (Nx createNodes, registered as "sot-sync/plugin" in nx.json plugins): a project whose root holds
// sot-sync.config.json gets `tidy`, `sot-sync` (docs-only) and `sot-sync-db` / `-qdrant` / `-full` with no line in
// project.json.
// That directory is the sot-sync root of the targets, as it is for the CLI run inside it (config, docsDir, SQLite path).
// Reads the config file only to narrow the inputs; never throws, since one bad file must not break the project graph.
import { createNodesFromFiles, type CreateNodes, type CreateNodesContext, type CreateNodesResult } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncTargets } from './sot-sync-targets';

export interface SotSyncPluginOptions {
  /** Name of the tidy target, which the write targets depend on. Default `tidy`. */
  tidyTargetName?: string;
}

export const CONFIG_GLOB = '**/sot-sync.config.json';

/** Nx 23+ reads `createNodes`; Nx 22 prefers `createNodesV2`. Both have this signature and point at one implementation. */
export const createNodes: CreateNodes<SotSyncPluginOptions> = [
  CONFIG_GLOB,
  (configFiles, options, context) => createNodesFromFiles(inferTargets, configFiles, options ?? {}, context),
];

export const createNodesV2 = createNodes;

function inferTargets(configFile: string, options: SotSyncPluginOptions | undefined, context: CreateNodesContext): CreateNodesResult {
  const projectRoot = path.posix.dirname(configFile.split(path.sep).join('/'));
  if (!isProject(context.workspaceRoot, projectRoot)) return {};
  const fileInputs = [ledgerGlob(context.workspaceRoot, configFile), '{projectRoot}/sot-sync.config.json'];
  const targets = syncTargets({ reportDir: 'dist/sot-sync/{projectName}', root: projectRoot, tidyTarget: options?.tidyTargetName ?? 'tidy', fileInputs });
  return { projects: { [projectRoot]: { targets } } };
}

/** A directory is a project when it has a project.json, or a package.json below the workspace root. */
function isProject(workspaceRoot: string, projectRoot: string): boolean {
  const dir = path.join(workspaceRoot, projectRoot);
  return fs.existsSync(path.join(dir, 'project.json')) || (projectRoot !== '.' && fs.existsSync(path.join(dir, 'package.json')));
}

/**
 * The ledgers' glob from the config's docsDir (default docs), relative to the workspace root so a docsDir outside the
 * project still counts; every markdown file of the workspace when it cannot be told (invalid config, absolute path).
 */
function ledgerGlob(workspaceRoot: string, configFile: string): string {
  const everything = '{workspaceRoot}/**/*.md';
  let docsDir: unknown;
  try {
    docsDir = (JSON.parse(fs.readFileSync(path.join(workspaceRoot, configFile), 'utf8')) as { docsDir?: unknown } | null)?.docsDir ?? 'docs';
  } catch {
    return everything;
  }
  if (typeof docsDir !== 'string' || path.isAbsolute(docsDir)) return everything;
  const relative = path.posix.normalize(path.posix.join(path.posix.dirname(configFile.split(path.sep).join('/')), docsDir.split(path.sep).join('/')));
  if (relative.startsWith('..')) return everything;
  return relative === '.' ? everything : `{workspaceRoot}/${relative.replace(/\/$/, '')}/**/*.md`;
}
