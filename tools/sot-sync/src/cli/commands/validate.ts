// `sot-sync validate [files...]`: parse and check the ledgers of the working tree. Never opens a database and never
// loads a driver. A run that could check nothing is a usage error, not a pass (issue 10, item 9): a file argument that
// does not exist, is no configured ledger or lies outside the docs directory, a missing --docs-dir, no ledger at all.
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/default-ledgers';
import { normalizeOptions, type NormalizedSyncOptions } from '../../config/normalize-options';
import { ExitCode, UsageError } from '../../errors';
import { findWorkspaceRoot } from '../../io/find-workspace-root';
import { readConfigFile } from '../../io/read-config-file';
import { displayPath, isInside } from '../../io/read-ledger-files';
import { readPathKind } from '../../io/read-path-kind';
import type { Diagnostic, LedgerSpec } from '../../ledger/types';
import { readLedgers } from '../../sync/read-ledgers';

/** The options validate takes from the command line. */
export interface ValidateGiven {
  root?: string;
  docsDir?: string;
  strict?: boolean;
}

/** What a validate run checked and found: `--json` prints it as it is. */
export interface ValidateReport {
  /** The ledgers checked, as diagnostics name them (relative to the workspace root). */
  checked: string[];
  /** Files given that were not checked (--staged only: configured ledgers that are not staged). */
  skipped: string[];
  diagnostics: Diagnostic[];
  /** Diagnostics that fail the run: errors, and warnings under strict. */
  blocking: number;
  warnings: number;
  exitCode: number;
}

/** Validates the given files, or every configured ledger when none are given. */
export function validateWorkTree(given: ValidateGiven, files: readonly string[], cwd: string, env: NodeJS.ProcessEnv): ValidateReport {
  const root = findWorkspaceRoot(cwd, given.root);
  const options = normalizeOptions({ given: definedOnly({ ...given, root }), config: readConfigFile(root), env, root });
  requireDocsDir(options, given.docsDir);
  requireLedgers([{ configFile: path.join(root, CONFIG_FILE_NAME), ledgers: options.ledgers }]);
  const specs = files.length === 0 ? options.ledgers : ledgersNamed(files, options, cwd);
  const parsed = readLedgers({ ...options, ledgers: specs });
  return toValidateReport({ checked: parsed.ledgers.map((l) => l.file), skipped: [], diagnostics: parsed.diagnostics }, () => options.strict);
}

/** Counts what blocks (errors; warnings of the files `isStrict` names) and decides the exit code. */
export function toValidateReport(found: Pick<ValidateReport, 'checked' | 'skipped' | 'diagnostics'>, isStrict: (file: string) => boolean): ValidateReport {
  const warnings = found.diagnostics.filter((d) => d.severity === 'warning');
  const blocking = found.diagnostics.length - warnings.length + warnings.filter((d) => isStrict(d.file)).length;
  return { ...found, blocking, warnings: warnings.length, exitCode: blocking > 0 ? ExitCode.invalid : ExitCode.ok };
}

/** A usage error when no config enables a ledger: every `"enabled": false` leaves nothing to check. */
export function requireLedgers(configs: readonly { configFile: string; ledgers: readonly LedgerSpec[] }[]): void {
  if (configs.some((config) => config.ledgers.length > 0)) return;
  const files = configs.map((config) => config.configFile).join(', ');
  throw new UsageError(`validate: no ledger is configured (every ledger has "enabled": false in ${files}); nothing to check`);
}

/** An explicit --docs-dir must exist: validating a directory that is not there would pass having read nothing. */
function requireDocsDir(options: NormalizedSyncOptions, given: string | undefined): void {
  if (given === undefined || readPathKind(options.docsDir) === 'directory') return;
  throw new UsageError(`validate: --docs-dir ${given} is not a directory (${options.docsDir}); nothing to check`);
}

/** The configured ledger of each file argument; any argument that names none is a usage error, all named at once. */
function ledgersNamed(files: readonly string[], options: NormalizedSyncOptions, cwd: string): LedgerSpec[] {
  const byPath = new Map(options.ledgers.map((spec) => [path.resolve(options.docsDir, spec.path), spec]));
  const specs = new Set<LedgerSpec>();
  const problems: string[] = [];
  for (const file of files) {
    const absolute = path.resolve(cwd, file);
    const spec = byPath.get(absolute);
    const kind = readPathKind(absolute);
    if (kind === 'missing') problems.push(`${file} does not exist`);
    else if (kind !== 'file') problems.push(`${file} is not a file`);
    else if (spec) specs.add(spec);
    else if (!isInside(options.docsDir, absolute)) problems.push(`${file} is outside the docs directory (${displayPath(options.root, options.docsDir)})`);
    else problems.push(`${file} is not a configured ledger`);
  }
  if (problems.length === 0) return [...specs];
  const ledgers = options.ledgers.map((spec) => displayPath(options.root, path.resolve(options.docsDir, spec.path))).join(', ');
  throw new UsageError(
    `validate: cannot check the files given: ${problems.join('; ')}. The configured ledgers are ${ledgers} (see ${CONFIG_FILE_NAME}, --docs-dir)`,
  );
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
