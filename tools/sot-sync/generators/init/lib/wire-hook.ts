// The pre-commit wiring of the init generator: husky's `prepare` script, the lint-staged entry that runs
// `sot-sync validate --staged`, the .husky/pre-commit line, and husky / lint-staged as devDependencies. Merges: an
// existing prepare script is extended, an existing lint-staged config gains one entry, an existing hook one line.
import { addDependenciesToPackageJson, logger, readJson, updateJson, type GeneratorCallback, type Tree } from '@nx/devkit';

export const VALIDATE_COMMAND = 'sot-sync validate --staged';
const HOOK = '.husky/pre-commit';
const JSON_CONFIGS = ['.lintstagedrc', '.lintstagedrc.json'];
const OTHER_CONFIGS = ['.lintstagedrc.yaml', '.lintstagedrc.yml', '.lintstagedrc.js', '.lintstagedrc.mjs', '.lintstagedrc.cjs', 'lint-staged.config.js', 'lint-staged.config.mjs', 'lint-staged.config.cjs', 'lint-staged.config.ts'];
const VERSIONS = { husky: '^9.1.7', 'lint-staged': '^16.4.0' };

type LintStagedConfig = Record<string, string | string[]>;

export interface HookOptions {
  /** Glob of the ledgers for the lint-staged entry, e.g. `docs/**\/*.md`. */
  ledgerGlob: string;
  keepExistingVersions: boolean;
}

export function wireHook(tree: Tree, options: HookOptions): GeneratorCallback {
  addPrepareScript(tree);
  const onlyOurs = addLintStagedEntry(tree, options.ledgerGlob);
  addHookLine(tree, onlyOurs);
  return addDependenciesToPackageJson(tree, {}, VERSIONS, 'package.json', options.keepExistingVersions);
}

/** `husky` (sets core.hooksPath on install); an existing script such as `patch-package` becomes `patch-package && husky`. */
function addPrepareScript(tree: Tree): void {
  const prepare = (readJson<{ scripts?: Record<string, string> }>(tree, 'package.json').scripts ?? {})['prepare'];
  if (prepare !== undefined && /(^|[\s;&|])husky(\s|$|;|&)/.test(prepare)) return;
  updateJson<{ scripts?: Record<string, string> }>(tree, 'package.json', (json) => ({
    ...json,
    scripts: { ...json.scripts, prepare: prepare?.trim() ? `${prepare.trim()} && husky` : 'husky' },
  }));
}

/** Adds the entry where lint-staged reads its config; returns whether sot-sync is then lint-staged's only task. */
function addLintStagedEntry(tree: Tree, glob: string): boolean {
  const jsonFile = JSON_CONFIGS.find((file) => tree.exists(file));
  const otherFile = OTHER_CONFIGS.find((file) => tree.exists(file));
  if (!jsonFile && otherFile) {
    logger.warn(`sot-sync init: lint-staged is configured in ${otherFile}; add "${glob}": "${VALIDATE_COMMAND}" to it yourself.`);
    return false;
  }
  const file = jsonFile ?? 'package.json';
  const current = jsonFile ? readJson<LintStagedConfig>(tree, file) : (readJson<{ 'lint-staged'?: LintStagedConfig }>(tree, file)['lint-staged'] ?? {});
  const merged = withEntry(current, glob);
  if (merged !== current) {
    if (jsonFile) updateJson(tree, file, () => merged);
    else updateJson<Record<string, unknown>>(tree, file, (json) => ({ ...json, 'lint-staged': merged }));
  }
  return Object.values(merged).every((commands) => [commands].flat().every((command) => command.includes('sot-sync validate')));
}

/** The config with the sot-sync entry: unchanged when some entry already runs it; joined to an existing glob's commands. */
export function withEntry(config: LintStagedConfig, glob: string): LintStagedConfig {
  if (Object.values(config).some((commands) => [commands].flat().some((command) => command.includes('sot-sync validate')))) return config;
  const existing = config[glob];
  return { ...config, [glob]: existing === undefined ? VALIDATE_COMMAND : [...[existing].flat(), VALIDATE_COMMAND] };
}

/**
 * A new hook runs lint-staged; when sot-sync is lint-staged's only task, with deletions too (--diff-filter=ACMRD), so a
 * staged deletion of a ledger reaches it (other tasks, such as formatters, would fail on deleted paths). An existing
 * hook that already runs lint-staged is left as it is.
 */
function addHookLine(tree: Tree, onlyOurs: boolean): void {
  const line = onlyOurs ? 'lint-staged --diff-filter=ACMRD' : 'lint-staged';
  const current = tree.exists(HOOK) ? (tree.read(HOOK, 'utf-8') ?? '') : null;
  if (current !== null && /(^|\s)(npx\s+(--no-install\s+)?)?lint-staged\b/m.test(current)) return;
  const header = '# Blocks a commit whose staged ledgers have errors (sot-sync validate --staged, through lint-staged).\n';
  const text = current === null ? `${header}${line}\n` : `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}${line}\n`;
  tree.write(HOOK, text, { mode: 0o755 });
}
