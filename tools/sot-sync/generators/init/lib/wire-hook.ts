// The pre-commit wiring of the init generator: husky's `prepare` script, the lint-staged entry that runs
// `sot-sync validate --staged`, the .husky/pre-commit line, and husky / lint-staged as devDependencies. Merges: an
// existing prepare script is extended, an existing lint-staged config gains an entry per project whose ledgers no entry
// covers yet, an existing hook one line (or --verbose on the line this generator wrote before).
import { addDependenciesToPackageJson, logger, readJson, updateJson, type GeneratorCallback, type Tree } from '@nx/devkit';

export const VALIDATE_COMMAND = 'sot-sync validate --staged';
const HOOK = '.husky/pre-commit';
const JSON_CONFIGS = ['.lintstagedrc', '.lintstagedrc.json'];
const OTHER_CONFIGS = [
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.js',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.ts',
];
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

/**
 * The config with the sot-sync entry for one project's ledgers: unchanged when an entry running sot-sync validate
 * already covers the glob; else joined to the commands of the same glob, or a new entry. Each project's glob is
 * covered and no file is validated twice by entries this adds.
 */
export function withEntry(config: LintStagedConfig, glob: string): LintStagedConfig {
  const covered = Object.entries(config).some(([pattern, commands]) => runsValidate(commands) && globCovers(pattern, glob));
  if (covered) return config;
  const existing = config[glob];
  return { ...config, [glob]: existing === undefined ? VALIDATE_COMMAND : [...[existing].flat(), VALIDATE_COMMAND] };
}

function runsValidate(commands: string | string[]): boolean {
  return [commands].flat().some((command) => command.includes('sot-sync validate'));
}

/**
 * True when every file `glob` (`<dir>/**\/*.md` or `**\/*.md`) matches is matched by `pattern` too, judged on the
 * shapes the generator writes and their usual hand-written variants: the same glob, a markdown (or any-file) glob for
 * the whole repository, or one for a directory holding `<dir>`. Anything else counts as not covering: a second entry
 * costs one more validate of the same files, a missing one lets ledgers through unchecked.
 */
export function globCovers(pattern: string, glob: string): boolean {
  if (pattern === glob || ['*.md', '**/*.md', '*', '**/*', '**'].includes(pattern)) return true;
  const dir = /^(.+)\/\*\*(?:\/\*(?:\.md)?)?$/.exec(pattern)?.[1];
  return dir !== undefined && !/[*?[{]/.test(dir) && glob.startsWith(`${dir}/`);
}

/** lint-staged's flags in the hook: --verbose shows the output of a passing task (the warnings of a passing commit). */
export function hookLine(onlyOurs: boolean): string {
  return onlyOurs ? 'lint-staged --verbose --diff-filter=ACMRD' : 'lint-staged --verbose';
}

const HEADER = '# Blocks a commit whose staged ledgers have errors (sot-sync validate --staged, through lint-staged).\n';

/**
 * A new hook runs lint-staged; when sot-sync is lint-staged's only task, with deletions too (--diff-filter=ACMRD), so a
 * staged deletion of a ledger reaches it (other tasks, such as formatters, would fail on deleted paths). Always with
 * --verbose: lint-staged hides the output of a task that passed, so without it a passing commit's warnings never show,
 * and it costs nothing. A line this generator wrote earlier gains --verbose; a hook the user wrote that already runs
 * lint-staged is left as it is (with a hint).
 */
function addHookLine(tree: Tree, onlyOurs: boolean): void {
  const current = tree.exists(HOOK) ? (tree.read(HOOK, 'utf-8') ?? '') : null;
  if (current === null) {
    tree.write(HOOK, `${HEADER}${hookLine(onlyOurs)}\n`, { mode: 0o755 });
    return;
  }
  if (/(^|\s)(npx\s+(--no-install\s+)?)?lint-staged\b/m.test(current)) {
    const upgraded = upgradeOurLine(current);
    if (upgraded !== current) tree.write(HOOK, upgraded, { mode: 0o755 });
    else if (!/lint-staged\b.*(\s--verbose|\s-v)\b/m.test(current))
      logger.info(`sot-sync init: ${HOOK} runs lint-staged without --verbose, so the warnings of a passing commit are not shown; add --verbose to show them.`);
    return;
  }
  tree.write(HOOK, `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}${hookLine(onlyOurs)}\n`, { mode: 0o755 });
}

/**
 * The hook with the lines this generator wrote before --verbose upgraded: `lint-staged --diff-filter=ACMRD`, and a
 * plain `lint-staged` under the header it writes.
 */
function upgradeOurLine(hook: string): string {
  const ours = hook.includes(HEADER.trim());
  return hook
    .split('\n')
    .map((line) => {
      const command = line.trim();
      if (command === 'lint-staged --diff-filter=ACMRD') return line.replace(command, hookLine(true));
      return ours && command === 'lint-staged' ? line.replace(command, hookLine(false)) : line;
    })
    .join('\n');
}
