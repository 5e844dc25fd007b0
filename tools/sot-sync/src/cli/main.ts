// The CLI entry point, and the only file that sets the exit code and writes to stdout/stderr.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ExitCode, SotSyncError } from '../errors';
import { formatDiagnostic, formatReport } from './format-report';
import { Deadline } from '../runtime/deadline';
import { redactSecrets } from '../runtime/redact';
import { flagsToSchema, resolveOptions, runSyncCommand, type SyncFlags } from './commands/sync';
import { runValidate } from './commands/validate';

const MODES = ['docsOnly', 'dbOnly', 'qdrantOnly', 'full'];

function seconds(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`expected a number of seconds, got "${value}"`);
  return parsed;
}

function modeOption(flag: string, name: string, description: string): Option {
  return new Option(flag, description).conflicts(MODES.filter((mode) => mode !== name));
}

function buildProgram(): Command {
  const program = new Command('sot-sync')
    .description('Keep the SQL and Qdrant indexes of markdown ledgers in step with the ledgers (the source of truth).')
    .addOption(modeOption('--docs-only', 'docsOnly', 'parse and validate the ledgers, write nothing (default)'))
    .addOption(modeOption('--db-only', 'dbOnly', 'sync the SQL table sot_entries (needs --execute)'))
    .addOption(modeOption('--qdrant-only', 'qdrantOnly', 'sync the Qdrant collection (needs --execute)'))
    .addOption(modeOption('--full', 'full', 'sync both targets, checking both before writing (needs --execute)'))
    .option('--execute', 'actually write (required by every mode but --docs-only)')
    .option('--root <dir>', 'workspace root (default: nearest nx.json or sot-sync.config.json upward, else git top level)')
    .option('--docs-dir <dir>', 'ledger directory, absolute or relative to the root (default: docs)')
    .option('--database-url <url>', 'SQL target; overrides DATABASE_URL (default: sqlite:///autopack.db, relative to the root)')
    .option('--qdrant-host <url>', 'Qdrant URL; overrides QDRANT_HOST (default: none, Qdrant disabled)')
    .option('--project-id <id>', 'value of project_id in the index (default: autopack)')
    .option('--max-seconds <n>', 'hard deadline for the whole run; exceeding it exits 3 (default: 120)', seconds)
    .option('--lock-timeout <n>', 'seconds to wait for a held lock before exiting 5 (default: 30)', seconds)
    .option('--no-prune', 'keep rows whose entries left the ledgers')
    .option('--allow-mass-delete', 'let a plan delete a missing ledger\'s rows or more than 10% of a ledger')
    .option('--strict', 'treat warnings as errors')
    .option('--verify', 'compare the ledgers with each target without writing; exit 1 on drift')
    .option('--json', 'print one JSON report on stdout; human output goes to stderr')
    .option('--no-timing', 'hide per-phase timing')
    .option('--verbose', 'print stack traces of unexpected errors');
  program.exitOverride().configureOutput({ writeErr: (text) => process.stderr.write(text) });
  return program;
}

/** Runs the CLI with `argv` (without `node` and the script); sets `process.exitCode`. */
export async function run(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  let finished: Promise<number> = Promise.resolve(ExitCode.ok);
  program.action((flags: SyncFlags) => {
    finished = syncAction(flags);
  });
  program
    .command('validate [files...]')
    .description('validate ledger files (all configured ledgers when none are given); never opens a database')
    .option('--root <dir>', 'workspace root')
    .option('--strict', 'treat warnings as errors')
    .action((files: string[], flags: { root?: string; strict?: boolean }) => {
      finished = Promise.resolve(validateAction(files, flags));
    });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    process.exitCode = await finished;
  } catch (error) {
    process.exitCode = reportFailure(error, argv.includes('--verbose'));
    // `--json` promises one JSON document on stdout, even when the run could not start.
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: errorText(error), exitCode: process.exitCode })}\n`);
  }
  // A peer that never answers must not keep the process alive once the outcome is known.
  setTimeout(() => process.exit(), 2000).unref();
}

async function syncAction(flags: SyncFlags): Promise<number> {
  const options = resolveOptions(flagsToSchema(flags), process.cwd(), process.env);
  const deadline = new Deadline(options.maxSeconds);
  const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => deadline.interrupt(signal);
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    const report = await runSyncCommand(options, deadline, undefined, (line) => process.stderr.write(`${line}\n`));
    if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    (options.json ? process.stderr : process.stdout).write(`${formatReport(report, { timing: options.timing })}\n`);
    return report.exitCode;
  } finally {
    deadline.dispose();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

function validateAction(files: string[], flags: { root?: string; strict?: boolean }): number {
  const options = resolveOptions({ root: flags.root, strict: flags.strict }, process.cwd(), process.env);
  const result = runValidate(options, files, process.cwd());
  for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const failing = result.diagnostics.filter((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'));
  const warnings = result.diagnostics.length - result.diagnostics.filter((d) => d.severity === 'error').length;
  process.stderr.write(`sot-sync validate: ${result.checked.length} ledger(s) checked, ${failing.length} problem(s) blocking, ${warnings} warning(s)\n`);
  return failing.length > 0 ? ExitCode.invalid : ExitCode.ok;
}

function errorText(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/** Turns an error into output and an exit code; nothing else in the project does this. */
function reportFailure(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof SotSyncError) {
    process.stderr.write(`sot-sync: ${redactSecrets(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`sot-sync: unexpected error: ${redactSecrets(message)}${verbose ? '' : ' (run with --verbose for the stack)'}\n`);
  return ExitCode.invalid;
}
