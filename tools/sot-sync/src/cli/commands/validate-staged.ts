// `sot-sync validate --staged [files...]`: what the pre-commit hook runs. Checks what the git index holds, for every
// sot-sync project of the repository. Never opens a database, never loads a driver. git runs read-only and a fixed
// number of times (rev-parse, diff, ls-files, and a cat-file where the working tree differs), not once per file.
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/default-ledgers';
import { normalizeOptions, type NormalizedSyncOptions } from '../../config/normalize-options';
import { findWorkspaceRoot } from '../../io/find-workspace-root';
import { parseConfigText, readConfigFile } from '../../io/read-config-file';
import { decodeLedger, displayPath } from '../../io/read-ledger-files';
import {
  indexPath,
  readIndexContents,
  readIndexEntries,
  readStagedChanges,
  readWorkTreeIfStaged,
  type IndexEntry,
  type StagedChange,
  type StagedChanges,
} from '../../io/staged-files';
import { parseLedger } from '../../ledger/parse-ledger';
import type { Diagnostic, LedgerSpec } from '../../ledger/types';
import { requireLedgers, toValidateReport, type ValidateGiven, type ValidateReport } from './validate';

/** One sot-sync project: a config's directory (its root) and its options. */
interface Project {
  configFile: string;
  options: NormalizedSyncOptions;
}

/** A configured ledger whose staged content is to be checked. */
interface StagedRead {
  spec: LedgerSpec;
  file: string;
  change: StagedChange;
  project: Project;
}

/**
 * Validates what the index holds, not the working tree, so a fixed-but-unstaged copy cannot let a broken staged one
 * through. The projects: the workspace root's sot-sync.config.json (the defaults without one) and, unless --root or
 * --docs-dir picks one project, every sot-sync.config.json in the index, each one's directory being that project's
 * root (the Nx init generator with --addPlugin writes one per project, `"docsDir": "."`). Checks the staged (added or
 * modified) ledgers of every project, each once, only those among `files` when files are given (lint-staged passes
 * absolute paths of every staged file its glob matches; the others are ignored). A staged deletion of a configured
 * ledger is always an error (README, "Pre-commit hook"): retiring one is `"enabled": false` in its config, which this
 * reads from the index too (the version being committed).
 */
export function validateStaged(given: ValidateGiven, files: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ValidateReport {
  const root = findWorkspaceRoot(cwd, given.root);
  const staged = readStagedChanges(cwd);
  const projects = readStagedProjects(root, staged, given, env);
  requireLedgers(projects.map((project) => ({ configFile: project.configFile, ledgers: project.options.ledgers })));
  const changes = new Map(staged.changes.map((change) => [change.name, change]));
  const wanted = new Set(files.map((file) => indexPath(staged.top, path.resolve(cwd, file))).filter((rel): rel is string => rel !== null));
  const found = { checked: [] as string[], skipped: [] as string[], diagnostics: [] as Diagnostic[] };
  const reads: StagedRead[] = [];
  const seen = new Set<string>();
  const strictFiles = new Set<string>();
  for (const project of projects) {
    for (const spec of project.options.ledgers) {
      const absolute = path.resolve(project.options.docsDir, spec.path);
      const rel = indexPath(staged.top, absolute);
      if (rel === null || seen.has(rel)) continue;
      seen.add(rel);
      const file = displayPath(root, absolute);
      if (project.options.strict) strictFiles.add(file);
      const change = changes.get(rel);
      if (change?.status === 'D') found.diagnostics.push(deletedLedger(spec, file, project.configFile));
      else if (change && (wanted.size === 0 || wanted.has(rel))) reads.push({ spec, file, change, project });
      else if (wanted.has(rel)) found.skipped.push(file);
    }
  }
  checkStaged(reads, staged.top, found);
  return toValidateReport(found, (file) => strictFiles.has(file));
}

/** The workspace root's project first, then one per other sot-sync.config.json in the index. */
function readStagedProjects(root: string, staged: StagedChanges, given: ValidateGiven, env: NodeJS.ProcessEnv): Project[] {
  const rootConfig = path.join(root, CONFIG_FILE_NAME);
  const rootName = indexPath(staged.top, rootConfig);
  const onlyRoot = Boolean(given.root || given.docsDir);
  const pathspecs = onlyRoot ? (rootName === null ? [] : [`:(literal)${rootName}`]) : [`:(glob)**/${CONFIG_FILE_NAME}`, CONFIG_FILE_NAME];
  const entries = (pathspecs.length === 0 ? [] : readIndexEntries(staged.top, pathspecs)).filter((entry) => entry.mode === '100644' || entry.mode === '100755');
  const contents = readStagedContents(staged.top, entries);
  const configOf = (i: number, entry: IndexEntry): unknown => parseConfigText((contents[i] ?? Buffer.alloc(0)).toString('utf8'), `${entry.path} (staged)`);
  const rootIndex = entries.findIndex((entry) => entry.name === rootName);
  const rootEntry = entries[rootIndex];
  const deleted = staged.changes.some((change) => change.name === rootName && change.status === 'D');
  const rootSource = rootEntry
    ? { config: configOf(rootIndex, rootEntry), label: `${rootConfig} (staged)` }
    : { config: deleted ? undefined : readConfigFile(root), label: rootConfig };
  const projects = [toProject(root, rootConfig, rootSource, given, env)];
  entries.forEach((entry, i) => {
    if (i !== rootIndex)
      projects.push(
        toProject(path.dirname(entry.path), entry.path, { config: configOf(i, entry), label: `${entry.path} (staged)` }, { strict: given.strict }, env),
      );
  });
  return projects;
}

/** A project's options: its config (`label` names it in messages), its directory as the root. */
function toProject(root: string, configFile: string, source: { config: unknown; label: string }, given: ValidateGiven, env: NodeJS.ProcessEnv): Project {
  const flags = Object.fromEntries(Object.entries({ ...given, root }).filter(([, v]) => v !== undefined));
  return { configFile, options: normalizeOptions({ given: flags, config: source.config, env, root, configFile: source.label }) };
}

function checkStaged(reads: StagedRead[], top: string, found: Pick<ValidateReport, 'checked' | 'skipped' | 'diagnostics'>): void {
  const contents = readStagedLedgers(reads, top);
  reads.forEach((read, i) => {
    const content = contents[i] as Buffer | Diagnostic | null;
    if (content === null) return void found.skipped.push(read.file);
    found.checked.push(read.file);
    if (!Buffer.isBuffer(content)) return void found.diagnostics.push(content);
    const decoded = decodeLedger(read.spec, read.file, content);
    const prefixes = read.project.options.ledgers.map((spec) => spec.prefix);
    const parsed = parseLedger(decoded.bytes as Buffer, read.spec, { file: read.file, foreignPrefixes: prefixes });
    // One push per item: a spread puts every diagnostic on the stack, which 150,000 of them overflow.
    for (const diagnostic of decoded.diagnostics.concat(parsed.diagnostics)) found.diagnostics.push(diagnostic);
  });
}

/**
 * The staged bytes of each ledger. A ledger staged as a symlink is read at its target's index entry when that stays
 * inside its docs directory, as the working-tree gateway follows such links; one leaving it is an error, as there.
 */
function readStagedLedgers(reads: StagedRead[], top: string): (Buffer | Diagnostic | null)[] {
  const first = readStagedContents(
    top,
    reads.map((read) => read.change),
  );
  const targets = reads.map((read, i) =>
    read.change.mode === '120000' ? path.resolve(path.dirname(read.change.path), (first[i] ?? '').toString('utf8')) : null,
  );
  const outside = targets.map(
    (target, i) => target !== null && (indexPath(reads[i]?.project.options.docsDir ?? top, target) === null || indexPath(top, target) === null),
  );
  const names = targets.flatMap((target, i) => (target !== null && !outside[i] ? [`:${indexPath(top, target) as string}`] : []));
  const second = readIndexContents(top, names);
  return reads.map((read, i) => {
    if (targets[i] === null) return first[i] ?? null;
    if (outside[i]) return outsideDocsDir(read.file, read.project.options.docsDir, top);
    return second.shift() ?? null;
  });
}

/** Each entry's staged bytes: from the working tree where it holds exactly them, the rest in one `git cat-file`. */
function readStagedContents(top: string, entries: readonly IndexEntry[]): (Buffer | null)[] {
  const contents = entries.map((entry) => readWorkTreeIfStaged(entry));
  const fromIndex = readIndexContents(
    top,
    entries.filter((_, i) => contents[i] === null).map((entry) => entry.oid),
  );
  return contents.map((content) => content ?? fromIndex.shift() ?? null);
}

function deletedLedger(spec: LedgerSpec, file: string, configFile: string): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'deleted-ledger',
    message:
      `the ${spec.fileType} ledger (${spec.prefix}- entries) is deleted in this commit; its index rows would be orphaned (the sync refuses to prune them). ` +
      `Restore it (git restore --staged --worktree ${file}), or retire it on purpose with {"fileType": "${spec.fileType}", "enabled": false} in ${path.basename(configFile)}, staged in the same commit`,
  };
}

function outsideDocsDir(file: string, docsDir: string, top: string): Diagnostic {
  const where = indexPath(top, docsDir) ?? docsDir;
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'outside-docs-dir',
    message: `is staged as a symlink leaving ${where}; ledgers are only read inside the docs directory`,
  };
}
