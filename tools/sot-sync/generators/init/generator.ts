// `nx g sot-sync:init` (and `nx add sot-sync`): wires sot-sync into a workspace as named steps, each of which only adds
// what is missing, so a second run changes nothing and nothing the user wrote is replaced.
import {
  addProjectConfiguration,
  formatFiles,
  getProjects,
  readNxJson,
  readProjectConfiguration,
  updateNxJson,
  updateProjectConfiguration,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { LEDGERS_NAMED_INPUT, syncTargets } from '../../src/plugin/sot-sync-targets';
import { wireHook } from './lib/wire-hook';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = 'sot-sync/plugin';
const CONFIG_FILE = 'sot-sync.config.json';

export interface NormalizedInitOptions {
  project: string;
  projectRoot: string;
  projectId: string | undefined;
  addPlugin: boolean;
  skipHook: boolean;
  keepExistingVersions: boolean;
  skipFormat: boolean;
}

export default async function initGenerator(tree: Tree, schema: InitGeneratorSchema): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  ensureProject(tree, options);
  addConfigFile(tree, options);
  if (options.addPlugin) addPlugin(tree);
  else addTargets(tree, options);
  const install = options.skipHook ? () => undefined : wireHook(tree, { ledgerGlob: `${options.projectRoot}/**/*.md`, keepExistingVersions: options.keepExistingVersions });
  if (!options.skipFormat) await formatFiles(tree);
  return install;
}

export function normalizeOptions(tree: Tree, schema: InitGeneratorSchema): NormalizedInitOptions {
  const project = schema.project ?? 'docs';
  const existing = getProjects(tree).get(project);
  if (!existing && project !== 'docs') {
    throw new Error(`sot-sync init: no project "${project}" in this workspace (projects: ${[...getProjects(tree).keys()].join(', ') || 'none'}); pass --project`);
  }
  return {
    project,
    projectRoot: existing?.root ?? 'docs',
    projectId: schema.projectId,
    addPlugin: schema.addPlugin ?? false,
    skipHook: schema.skipHook ?? false,
    keepExistingVersions: schema.keepExistingVersions ?? true,
    skipFormat: schema.skipFormat ?? false,
  };
}

/** The default `docs` project is created when missing: the ledgers live in docs/ by default. */
function ensureProject(tree: Tree, options: NormalizedInitOptions): void {
  if (getProjects(tree).has(options.project)) return;
  addProjectConfiguration(tree, options.project, { root: options.projectRoot, projectType: 'library', targets: {} });
}

/**
 * sot-sync.config.json where the targets will read it: the workspace root for project.json targets (docsDir: the
 * project's root), the project's root for inferred targets (their sot-sync root; docsDir: "."). Never overwritten.
 */
function addConfigFile(tree: Tree, options: NormalizedInitOptions): void {
  const file = options.addPlugin ? `${options.projectRoot}/${CONFIG_FILE}` : CONFIG_FILE;
  if (tree.exists(file)) return;
  const config = { ...(options.projectId ? { projectId: options.projectId } : {}), docsDir: options.addPlugin ? '.' : options.projectRoot };
  tree.write(file, `${JSON.stringify(config, null, 2)}\n`);
}

function addPlugin(tree: Tree): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  if (plugins.some((plugin) => (typeof plugin === 'string' ? plugin : plugin.plugin) === PLUGIN_NAME)) return;
  updateNxJson(tree, { ...nxJson, plugins: [...plugins, PLUGIN_NAME] });
}

/** tidy and the sync targets on the project (existing targets of those names are kept), the ledgers named input in nx.json. */
function addTargets(tree: Tree, options: NormalizedInitOptions): void {
  const project = readProjectConfiguration(tree, options.project);
  const wanted = syncTargets({ reportDir: `dist/sot-sync/${options.project}` });
  const targets = project.targets ?? {};
  if (Object.keys(wanted).some((name) => !targets[name])) {
    updateProjectConfiguration(tree, options.project, { ...project, targets: { ...wanted, ...targets } });
  }
  const nxJson = readNxJson(tree) ?? {};
  const namedInputs = nxJson.namedInputs ?? {};
  if (namedInputs['ledgers']) return;
  updateNxJson(tree, { ...nxJson, namedInputs: { ...namedInputs, ledgers: LEDGERS_NAMED_INPUT } });
}
