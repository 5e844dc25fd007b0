// `sot-sync validate [--staged] [files...]`: parse and check ledgers (the pre-commit hook's job). Never opens a
// database and never loads a driver: only the config, the ledger parser and, with --staged, git (read-only).
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/default-ledgers';
import { normalizeOptions, type NormalizedSyncOptions } from '../../config/normalize-options';
import { UsageError } from '../../errors';
import { findWorkspaceRoot } from '../../io/find-workspace-root';
import { readConfigFile } from '../../io/read-config-file';
import { decodeLedger, displayPath } from '../../io/read-ledger-files';
import { indexPath, readIndexContents, readStagedChanges, readWorkTreeIfStaged, type StagedChange, type StagedChanges } from '../../io/staged-files';
import { parseLedger } from '../../ledger/parse-ledger';
import type { Diagnostic, LedgerSpec } from '../../ledger/types';
import { readLedgers } from '../../sync/read-ledgers';

export interface ValidateResult {
  checked: string[];
  skipped: string[];
  diagnostics: Diagnostic[];
}

/** Validates the given files (those that are configured ledgers), or every configured ledger when none are given. */
export function runValidate(options: NormalizedSyncOptions, files: readonly string[], cwd: string): ValidateResult {
  const wanted = files.map((file) => path.resolve(cwd, file));
  const specs = wanted.length === 0 ? options.ledgers : options.ledgers.filter((spec) => wanted.includes(path.resolve(options.docsDir, spec.path)));
  const known = new Set(specs.map((spec: LedgerSpec) => path.resolve(options.docsDir, spec.path)));
  const parsed = readLedgers({ ...options, ledgers: specs });
  return {
    checked: parsed.ledgers.map((l) => l.file),
    skipped: wanted.filter((file) => !known.has(file)).map((file) => path.relative(cwd, file)),
    diagnostics: parsed.diagnostics,
  };
}

/** A configured ledger whose staged content is to be checked. */
interface StagedRead {
  spec: LedgerSpec;
  file: string;
  change: StagedChange;
}

/**
 * Validates what the index holds, not the working tree, so a fixed-but-unstaged copy cannot let a broken staged one
 * through. Checks the staged (added or modified) configured ledgers, only those among `files` when files are given
 * (lint-staged passes absolute paths); other files are ignored. A staged deletion of a configured ledger is always an
 * error (README, "Pre-commit hook"): the hook cannot tell a slip from intent, and retiring a ledger on purpose is
 * `"enabled": false` in sot-sync.config.json, which this reads from the index too (the version being committed).
 */
export function runValidateStaged(given: { root?: string; strict?: boolean }, files: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { options: NormalizedSyncOptions; result: ValidateResult } {
  const root = findWorkspaceRoot(cwd, given.root);
  const staged = readStagedChanges(cwd);
  const options = normalizeOptions({ given: { root, strict: given.strict }, config: readStagedConfig(root, staged), env, root });
  const changes = new Map(staged.changes.map((change) => [change.name, change]));
  const wanted = new Set(files.map((file) => indexPath(staged.top, path.resolve(cwd, file))).filter((rel): rel is string => rel !== null));
  const result: ValidateResult = { checked: [], skipped: [], diagnostics: [] };
  const reads: StagedRead[] = [];
  for (const spec of options.ledgers) {
    const absolute = path.resolve(options.docsDir, spec.path);
    const file = displayPath(root, absolute);
    const rel = indexPath(staged.top, absolute);
    const change = rel === null ? undefined : changes.get(rel);
    if (change?.status === 'D') result.diagnostics.push(deletedLedger(spec, file));
    else if (change && (wanted.size === 0 || wanted.has(rel as string))) reads.push({ spec, file, change });
    else if (rel !== null && wanted.has(rel)) result.skipped.push(file);
  }
  checkStaged(reads, options, staged.top, result);
  return { options, result };
}

function checkStaged(reads: StagedRead[], options: NormalizedSyncOptions, top: string, result: ValidateResult): void {
  const prefixes = options.ledgers.map((spec) => spec.prefix);
  const contents = readStagedLedgers(reads, options.docsDir, top);
  reads.forEach((read, i) => {
    const content = contents[i] as Buffer | Diagnostic | null;
    if (content === null) return void result.skipped.push(read.file);
    result.checked.push(read.file);
    if (!Buffer.isBuffer(content)) return void result.diagnostics.push(content);
    const decoded = decodeLedger(read.spec, read.file, content);
    const parsed = parseLedger(decoded.bytes as Buffer, read.spec, { file: read.file, foreignPrefixes: prefixes });
    result.diagnostics.push(...decoded.diagnostics, ...parsed.diagnostics);
  });
}

/**
 * The staged bytes of each ledger. A ledger staged as a symlink is read at its target's index entry when that stays
 * inside the docs directory, as the working-tree gateway follows such links; one leaving it is an error, as there.
 */
function readStagedLedgers(reads: StagedRead[], docsDir: string, top: string): (Buffer | Diagnostic | null)[] {
  const first = readStagedContents(top, reads.map((read) => read.change));
  const targets = reads.map((read, i) => (read.change.mode === '120000' ? path.resolve(path.dirname(read.change.path), (first[i] ?? '').toString('utf8')) : null));
  const outside = targets.map((target) => target !== null && (indexPath(docsDir, target) === null || indexPath(top, target) === null));
  const names = targets.flatMap((target, i) => (target !== null && !outside[i] ? [`:${indexPath(top, target) as string}`] : []));
  const second = readIndexContents(top, names);
  return reads.map((read, i) => {
    if (targets[i] === null) return first[i] ?? null;
    if (outside[i]) return outsideDocsDir(read.file, docsDir, top);
    return second.shift() ?? null;
  });
}

/** Each change's staged bytes: from the working tree where it holds exactly them, the rest in one `git cat-file`. */
function readStagedContents(top: string, changes: readonly StagedChange[]): (Buffer | null)[] {
  const contents = changes.map((change) => readWorkTreeIfStaged(change));
  const fromIndex = readIndexContents(top, changes.filter((_, i) => contents[i] === null).map((change) => change.oid));
  return contents.map((content) => content ?? fromIndex.shift() ?? null);
}

/** sot-sync.config.json as the commit will have it: the staged version, else (not in the index) the working tree's. */
function readStagedConfig(root: string, staged: StagedChanges): unknown {
  const file = path.join(root, CONFIG_FILE_NAME);
  const rel = indexPath(staged.top, file);
  if (rel === null) return readConfigFile(root);
  const change = staged.changes.find((c) => c.name === rel);
  if (change?.status === 'D') return undefined;
  const [bytes] = readIndexContents(staged.top, [change ? change.oid : `:${rel}`]);
  if (!bytes) return readConfigFile(root);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`${file} (staged) is not valid JSON: ${(error as Error).message}`);
  }
}

function deletedLedger(spec: LedgerSpec, file: string): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'deleted-ledger',
    message:
      `the ${spec.fileType} ledger (${spec.prefix}- entries) is deleted in this commit; its index rows would be orphaned (the sync refuses to prune them). ` +
      `Restore it (git restore --staged --worktree ${file}), or retire it on purpose with {"fileType": "${spec.fileType}", "enabled": false} in ${CONFIG_FILE_NAME}, staged in the same commit`,
  };
}

function outsideDocsDir(file: string, docsDir: string, top: string): Diagnostic {
  const where = indexPath(top, docsDir) ?? docsDir;
  return { file, line: 1, column: 1, severity: 'error', rule: 'outside-docs-dir', message: `is staged as a symlink leaving ${where}; ledgers are only read inside the docs directory` };
}
