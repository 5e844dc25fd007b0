// `nx g sot-sync:init` (and `nx add sot-sync`): wires sot-sync into a workspace as named steps, each of which only adds
// what is missing (or upgrades what an earlier version of this generator wrote), so a second run changes nothing and
// nothing the user wrote is replaced.
import {
  addProjectConfiguration,
  formatFiles,
  getProjects,
  logger,
  readJson,
  readNxJson,
  readProjectConfiguration,
  updateNxJson,
  updateProjectConfiguration,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { LEDGERS_NAMED_INPUT, chooseTidy, syncTargets, type TidyChoice } from '../../src/plugin/sot-sync-targets';
import { newConfig, placeConfig, readConfig, sqliteFileOf, type ConfigPlacement } from './lib/config-file';
import { DEFAULT_PROJECT, deriveNames, type DerivedNames } from './lib/derive-names';
import { mcpSnippetMessage } from './lib/mcp-snippet';
import { gitignoreEntries, updateGitignore } from './lib/update-gitignore';
import { carriedOptions, mergeTargets, withoutLegacyTargetDefaults } from './lib/upgrade-targets';
import { wireHook } from './lib/wire-hook';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = 'sot-sync/plugin';

export interface NormalizedInitOptions {
  project: string;
  projectRoot: string;
  /** The names a new config gets: the project id (--projectId, else derived), the collection and the SQLite file. */
  names: DerivedNames;
  /** Where the project's sot-sync.config.json is (or goes), and the sot-sync root it makes. */
  config: ConfigPlacement;
  addPlugin: boolean;
  /** --tidyTarget: the tidy target the write targets run after; undefined to detect the project's own. */
  tidyTarget: string | undefined;
  skipHook: boolean;
  keepExistingVersions: boolean;
  skipFormat: boolean;
}

export default async function initGenerator(tree: Tree, schema: InitGeneratorSchema): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  ensureProject(tree, options);
  addConfigFile(tree, options);
  if (options.addPlugin) addPlugin(tree, options.tidyTarget);
  else addTargets(tree, options);
  reportTidy(tree, options);
  removeLegacyTargetDefaults(tree);
  updateGitignore(tree, gitignoreEntries(sqliteFileOf(readConfig(tree, options.config.file), options.config.root)));
  const install = options.skipHook
    ? () => undefined
    : wireHook(tree, { ledgerGlob: ledgerGlob(options.projectRoot), keepExistingVersions: options.keepExistingVersions });
  if (!options.skipFormat) await formatFiles(tree);
  logger.info(mcpSnippetMessage(options.config.root));
  return install;
}

export function normalizeOptions(tree: Tree, schema: InitGeneratorSchema): NormalizedInitOptions {
  const project = schema.project ?? DEFAULT_PROJECT;
  const existing = getProjects(tree).get(project);
  if (!existing && project !== DEFAULT_PROJECT) {
    throw new Error(
      `sot-sync init: no project "${project}" in this workspace (projects: ${[...getProjects(tree).keys()].join(', ') || 'none'}); pass --project`,
    );
  }
  const projectRoot = existing?.root || DEFAULT_PROJECT;
  const addPlugin = schema.addPlugin ?? false;
  const packageName = tree.exists('package.json') ? readJson<{ name?: unknown }>(tree, 'package.json').name : undefined;
  return {
    project,
    projectRoot,
    names: deriveNames({ packageName, workspaceDir: tree.root, project, projectId: schema.projectId }),
    config: placeConfig(tree, projectRoot, addPlugin),
    addPlugin,
    tidyTarget: schema.tidyTarget,
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
 * A new sot-sync.config.json (lib/config-file.ts decides where): the project id, the Qdrant collection and the SQLite
 * file named after the workspace and project, the file at the workspace root. An existing config is never changed.
 */
function addConfigFile(tree: Tree, options: NormalizedInitOptions): void {
  if (tree.exists(options.config.file)) return;
  tree.write(options.config.file, `${JSON.stringify(newConfig(options.config, options.projectRoot, options.names), null, 2)}\n`);
}

/**
 * The plugin entry, with `tidyTargetName` when --tidyTarget names the tidy target (the plugin detects the project's
 * own tidy target by itself otherwise). An existing entry is never changed: it serves every project.
 */
function addPlugin(tree: Tree, tidyTarget: string | undefined): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const existing = plugins.find((plugin) => (typeof plugin === 'string' ? plugin : plugin.plugin) === PLUGIN_NAME);
  if (existing !== undefined) {
    const configured = typeof existing === 'string' ? undefined : (existing.options as { tidyTargetName?: unknown } | undefined)?.tidyTargetName;
    if (tidyTarget !== undefined && configured !== tidyTarget) {
      logger.warn(
        `sot-sync init: nx.json already registers ${PLUGIN_NAME} (tidyTargetName: ${String(configured ?? 'detected')}); left as it is, set its tidyTargetName to "${tidyTarget}" by hand`,
      );
    }
    return;
  }
  const entry = tidyTarget === undefined ? PLUGIN_NAME : { plugin: PLUGIN_NAME, options: { tidyTargetName: tidyTarget } };
  updateNxJson(tree, { ...nxJson, plugins: [...plugins, entry] });
}

/**
 * tidy and the sync targets on the project (lib/upgrade-targets.ts: existing targets are kept, a legacy `sot-sync`
 * target is replaced). A config at the workspace root is read through nx.json's `ledgers` named input; a config in
 * the project's root makes that folder the targets' root, with their inputs there.
 */
function addTargets(tree: Tree, options: NormalizedInitOptions): void {
  const project = readProjectConfiguration(tree, options.project);
  const current = project.targets ?? {};
  const carriedRoot = carriedOptions(current['sot-sync'])['root'];
  const root = typeof carriedRoot === 'string' ? carriedRoot : options.config.root;
  const atWorkspaceRoot = options.config.root === '.';
  const fileInputs = atWorkspaceRoot ? ['ledgers'] : ['{projectRoot}/**/*.md', '{projectRoot}/sot-sync.config.json'];
  const tidy = tidyOf(tree, options);
  const wanted = syncTargets({ reportDir: `dist/sot-sync/${options.project}`, root, tidyTarget: tidy.name, ownTidy: tidy.own, fileInputs });
  const targets = mergeTargets(current, wanted);
  if (targets !== current) updateProjectConfiguration(tree, options.project, { ...project, targets });
  if (atWorkspaceRoot) addLedgersNamedInput(tree);
}

/**
 * The tidy target the write targets run after (issue 16): the project's own when its project.json, package.json
 * `nx` targets or package.json scripts define one (--tidyTarget, else the usual names), else sot-sync's.
 */
function tidyOf(tree: Tree, options: NormalizedInitOptions): TidyChoice {
  const packageJson = `${options.projectRoot}/package.json`.replace(/^\.\//, '');
  const scripts = tree.exists(packageJson) ? readJson<{ scripts?: Record<string, unknown> }>(tree, packageJson).scripts : undefined;
  return chooseTidy({ targets: readProjectConfiguration(tree, options.project).targets, scripts }, options.tidyTarget);
}

/** Says which tidy target the write targets run after when it is the workspace's own, so nobody wonders where sot-sync's went. */
function reportTidy(tree: Tree, options: NormalizedInitOptions): void {
  const tidy = tidyOf(tree, options);
  if (tidy.own) return;
  logger.info(`sot-sync init: ${options.project} has its own tidy target "${tidy.name}"; the write targets run after it and sot-sync adds no tidy of its own`);
}

function addLedgersNamedInput(tree: Tree): void {
  const nxJson = readNxJson(tree) ?? {};
  const namedInputs = nxJson.namedInputs ?? {};
  if (namedInputs['ledgers']) return;
  updateNxJson(tree, { ...nxJson, namedInputs: { ...namedInputs, ledgers: LEDGERS_NAMED_INPUT } });
}

function removeLegacyTargetDefaults(tree: Tree): void {
  const upgraded = withoutLegacyTargetDefaults(readNxJson(tree) ?? {});
  if (upgraded) updateNxJson(tree, upgraded);
}

/** The lint-staged glob of a project's ledgers: every markdown file under its root. */
export function ledgerGlob(projectRoot: string): string {
  return projectRoot === '.' || projectRoot === '' ? '**/*.md' : `${projectRoot.replace(/\/+$/, '')}/**/*.md`;
}
