// Inferred targets (Nx createNodes, registered as "sot-sync/plugin" in nx.json plugins): a project whose root holds
// sot-sync.config.json gets `tidy`, `sot-sync` (docs-only) and `sot-sync-db` / `-qdrant` / `-full` with no line in
// project.json.
// That directory is the sot-sync root of the targets, as it is for the CLI run inside it (config, docsDir, SQLite path).
// The write targets run after the project's own tidy target when its project.json or package.json defines one (the
// only definitions a plugin can read; other plugins' targets are invisible here), else after sot-sync's (issue 16).
// Reads those files only to narrow the inputs and choose the tidy; never throws, since one bad file must not break
// the project graph.
import { createNodesFromFiles, type CreateNodes, type CreateNodesContext, type CreateNodesResult } from '@nx/devkit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chooseTidy, syncTargets, type DefinedTargets } from './sot-sync-targets';

export interface SotSyncPluginOptions {
  /**
   * Name of the tidy target the write targets depend on. Default: the first of `tidy`, `tidy-up`, `tidy-docs`,
   * `docs-tidy`, `tidy-ledgers` that the project's project.json or package.json defines, else `tidy`.
   */
  tidyTargetName?: string;
  /**
   * Whether to infer sot-sync's own tidy target under that name. Default: only when the project's project.json and
   * package.json define no target of that name. `false` when another plugin infers the workspace's tidy target.
   */
  inferTidyTarget?: boolean;
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
  const tidy = chooseTidy(definedTargets(context.workspaceRoot, projectRoot), options?.tidyTargetName);
  const ownTidy = options?.inferTidyTarget ?? tidy.own;
  const targets = syncTargets({ reportDir: 'dist/sot-sync/{projectName}', root: projectRoot, tidyTarget: tidy.name, ownTidy, fileInputs });
  return { projects: { [projectRoot]: { targets } } };
}

/** The targets the project's project.json (or package.json `nx`) defines, and its package.json scripts. */
function definedTargets(workspaceRoot: string, projectRoot: string): DefinedTargets {
  const projectJson = readObject(path.join(workspaceRoot, projectRoot, 'project.json'));
  const packageJson = readObject(path.join(workspaceRoot, projectRoot, 'package.json'));
  const declared = { ...asObject(asObject(packageJson['nx'])['targets']), ...asObject(projectJson['targets']) };
  const targets = Object.fromEntries(Object.entries(declared).map(([name, target]) => [name, asObject(target)]));
  return { targets: targets as DefinedTargets['targets'], scripts: asObject(packageJson['scripts']) };
}

/** A JSON file's top-level object; empty when it is missing, unreadable or not an object. */
function readObject(file: string): Record<string, unknown> {
  try {
    return asObject(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
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
