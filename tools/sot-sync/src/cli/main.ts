// The CLI entry point, and the only file that sets the exit code and writes to stdout/stderr.
// Each command loads what it uses when it runs (the sync code, drivers, the MCP SDK), and commander only when the
// arguments are not the pre-commit hook's: every run pays for what is loaded at the top, the hook most often.
import * as path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, SotSyncError, UsageError } from '../errors';
import { formatDiagnostic, formatValidateSummary } from './format-report';
import { redactSecrets, rememberSecrets, secretsInUrl } from '../runtime/redact';
import type { FlagsOf } from './command-options';

/** An action that ran: its exit code, once it settles. */
type Finish = (outcome: Promise<number> | number) => void;

/**
 * The program and its subcommands. Options are positional: those after a subcommand's name are the subcommand's own
 * (its --help lists each one it reads); those before it belong to the program (see `flagsOf`).
 */
export function buildProgram(finish: Finish): Command {
  const { Command } = loadCommander();
  const { addCommandOptions } = require('./command-options') as typeof import('./command-options');
  const program = addCommandOptions(new Command('sot-sync'), 'sync')
    .description('Keep the SQL and Qdrant indexes of markdown ledgers in step with the ledgers (the source of truth).')
    .version(readVersion(), '-V, --version', 'print the version of sot-sync')
    .helpCommand('help [command]', 'print the help of sot-sync or of a command')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(redactSecrets(text)) });
  addCommandOptions(program.command('validate [files...]'), 'validate', {
    root: 'workspace root (default: nearest nx.json or sot-sync.config.json upward, else git top level); with --staged: only its config',
    docsDir: 'ledger directory, absolute or relative to the root (default: docs, or docsDir of the config); with --staged: only the root config',
    json: 'print one JSON document on stdout ({checked, skipped, diagnostics, blocking, warnings, exitCode}); diagnostics go to stderr',
  })
    .description('validate ledger files (every configured ledger when none are given); never opens a database')
    .action((files: string[], _flags: unknown, command: Command) => finish(validateAction(files, flagsOf<'validate'>(command))));
  addCommandOptions(program.command('fingerprint'), 'fingerprint', {
    docsOnly: 'no target: the line names the code only',
    dbOnly: 'the SQL table only',
    qdrantOnly: 'the Qdrant collection only',
    full: 'the SQL table and the Qdrant collection',
    maxSeconds: 'deadline for reading the targets (default: 10)',
    json: 'print the details as one JSON document',
  })
    .description(
      'print the state each target holds for the project, as one cache-key line (--json: details): its fingerprint when it holds what the ledgers say, ' +
        'else a unique value (stale, unreachable). Targets: those of --db-only / --qdrant-only / --full, else every configured one. Reads only.',
    )
    .action((_flags: unknown, command: Command) => finish(fingerprintAction(flagsOf<'fingerprint'>(command))));
  addCommandOptions(program.command('search <query>'), 'search', { json: 'print the results as one JSON document' })
    .description('rank the indexed entries for a query (SQL full text, or Qdrant: BM25, dense, or both fused with RRF), each checked against the ledgers')
    .action((query: string, _flags: unknown, command: Command) => finish(searchAction(query, flagsOf<'search'>(command))));
  addCommandOptions(program.command('get <ref>'), 'get', { json: 'print the entry as one JSON document' })
    .description('print an entry as the ledger holds it now (an id such as DEC-012, or file:line), with its location and index state')
    .action((ref: string, _flags: unknown, command: Command) => finish(getAction(ref, flagsOf<'get'>(command))));
  addCommandOptions(program.command('mcp'), 'mcp', {
    maxSeconds: 'deadline of each tool call (default: 120)',
    verbose: 'log the stack of unexpected tool errors on stderr',
  })
    .description('serve the read-only tools search_entries, get_entry, entries_for_files and index_status to agents over MCP (stdio)')
    .action((_flags: unknown, command: Command) => finish(mcpAction(flagsOf<'mcp'>(command))));
  // The program's own action takes no arguments: a first word that is no command is an unknown command (with a
  // "did you mean" from commander), not "too many arguments". Set last, as subcommands copy it when created.
  program.allowExcessArguments().action((flags: FlagsOf<'sync'>, command: Command) => {
    if (command.args.length > 0) (command as Command & { unknownCommand(): never }).unknownCommand();
    finish(syncAction(flags));
  });
  return program;
}

/** Runs the CLI with `argv` (without `node` and the script); sets `process.exitCode`. */
export async function run(argv: readonly string[]): Promise<void> {
  rememberSecrets(secretsInArgs(argv));
  let finished: Promise<number> | number = ExitCode.ok;
  try {
    const hookFiles = stagedValidateFiles(argv);
    if (hookFiles) finished = validateAction(hookFiles, { staged: true });
    else {
      const program = buildProgram((outcome) => {
        finished = outcome;
      });
      await program.parseAsync(argv as string[], { from: 'user' });
    }
    process.exitCode = await finished;
  } catch (error) {
    process.exitCode = reportFailure(error, argv);
    // `--json` promises one JSON document on stdout, even when the run could not start.
    if (argv.includes('--json') && process.exitCode !== ExitCode.ok)
      process.stdout.write(`${JSON.stringify({ error: errorText(error), exitCode: process.exitCode })}\n`);
  }
  // A peer that never answers must not keep the process alive once the outcome is known.
  setTimeout(() => process.exit(), 2000).unref();
}

/**
 * The files of `validate --staged [files...]` when that is all the arguments hold, as lint-staged runs it (absolute
 * paths, no other flag); else null and commander parses them. For these arguments commander would give the same
 * files and flags, so the pre-commit hook skips loading and building the program.
 */
function stagedValidateFiles(argv: readonly string[]): string[] | null {
  if (argv[0] !== 'validate' || !argv.includes('--staged')) return null;
  const files = argv.slice(1).filter((arg) => arg !== '--staged');
  return files.every((file) => file !== '' && !file.startsWith('-')) ? files : null;
}

let commander: typeof import('commander') | undefined;
function loadCommander(): typeof import('commander') {
  return (commander ??= require('commander') as typeof import('commander'));
}

/**
 * A subcommand's flags: its own, plus the program's flags given before its name (`sot-sync --root x validate`) when
 * the subcommand takes them too. A program flag it does not take is refused, not silently ignored.
 */
function flagsOf<C extends 'validate' | 'fingerprint' | 'search' | 'get' | 'mcp'>(command: Command): FlagsOf<C> {
  const program = command.parent as Command;
  const flags: Record<string, unknown> = { ...command.opts() };
  for (const option of program.options) {
    const key = option.attributeName();
    if (program.getOptionValueSource(key) !== 'cli') continue;
    if (!command.options.some((own) => own.attributeName() === key))
      throw new UsageError(`${option.long ?? key} does not apply to ${command.name()} (see sot-sync help ${command.name()})`);
    if (command.getOptionValueSource(key) !== 'cli') flags[key] = program.getOptionValue(key);
  }
  return flags as FlagsOf<C>;
}

/** The version in sot-sync's package.json, the nearest one up from this file (dist/src/cli/ when built, src/cli/ in tests). */
function readVersion(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const pkg = require(path.join(dir, 'package.json')) as { name?: string; version?: string };
      if (pkg.name === 'sot-sync' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: look one level up
    }
  }
  return 'unknown';
}

/** The sync command's module (it loads the engine and the stores' code): loaded by the actions that need it. */
const syncCommand = (): Promise<typeof import('./commands/sync')> => import('./commands/sync');

async function syncAction(flags: FlagsOf<'sync'>): Promise<number> {
  const { envWithSecrets, flagsToSchema, resolveOptions, runSync } = await syncCommand();
  const { createProgressBar } = await import('./progress-bar');
  const { runWithDeadline } = await import('../runtime/run-with-deadline');
  const { writeReport } = await import('../io/write-report');
  const options = resolveOptions(flagsToSchema(flags), process.cwd(), envWithSecrets(flags, process.env));
  const progress = createProgressBar({ json: options.json });
  try {
    const onMessage = (line: string): void => void process.stderr.write(`${line}\n`);
    const onProgress = (done: number, total: number): void => progress.onProgress(done, total);
    const report = await runWithDeadline(options.maxSeconds, (deadline) => runSync(options, { deadline, onMessage, onProgress }));
    progress.stop();
    writeReport(report, options);
    return report.exitCode;
  } finally {
    progress.stop();
  }
}

/** `sot-sync search "<query>"`: ranked entries from the SQL table or the Qdrant collection, one result per entry. */
async function searchAction(query: string, flags: FlagsOf<'search'>): Promise<number> {
  const { limit, fileType, status, since, until, target, includeStale, ...syncFlags } = flags;
  const { envWithSecrets, flagsToSchema, resolveOptions } = await syncCommand();
  const { runWithDeadline } = await import('../runtime/run-with-deadline');
  const { secretsOf } = await import('../config/normalize-options');
  const options = resolveOptions(flagsToSchema(syncFlags), process.cwd(), envWithSecrets(flags, process.env));
  try {
    const { runSearch, formatSearchResults } = await import('../retrieval/search-entries');
    const { readLedgers } = await import('../sync/read-ledgers');
    const { openParseCache } = await import('../io/parse-cache');
    // An unchanged ledger is read from the parse cache; it is parsed only if a result needs its text (DEC-012).
    const cache = openParseCache(options.root, process.env);
    const given = Object.fromEntries(Object.entries({ limit, fileType, status, since, until, target, includeStale }).filter(([, v]) => v !== undefined));
    const found = await runWithDeadline(options.maxSeconds, (deadline) =>
      runSearch(options, query, given, deadline, undefined, (opts) => readLedgers(opts, cache)),
    );
    process.stdout.write(options.json ? `${JSON.stringify(found)}\n` : formatSearchResults(found));
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof SotSyncError) throw new SotSyncError(redactSecrets(error.message, secretsOf(options)), error.exitCode);
    throw error;
  }
}

/** `sot-sync get <ref>`: the entry's current text from the ledger, with its location and index state. */
async function getAction(ref: string, flags: FlagsOf<'get'>): Promise<number> {
  const { envWithSecrets, flagsToSchema, resolveOptions } = await syncCommand();
  const { runWithDeadline } = await import('../runtime/run-with-deadline');
  const options = resolveOptions(flagsToSchema(flags), process.cwd(), envWithSecrets(flags, process.env));
  const { runGet, formatEntry } = await import('../retrieval/get-entry');
  const found = await runWithDeadline(options.maxSeconds, (deadline) => runGet(options, ref, deadline));
  process.stdout.write(options.json ? `${JSON.stringify(found)}\n` : formatEntry(found));
  return ExitCode.ok;
}

/** `sot-sync mcp`: serves until the client closes stdin; stdout carries the protocol, stderr the server's log lines. */
async function mcpAction(flags: FlagsOf<'mcp'>): Promise<number> {
  const { envWithSecrets, flagsToSchema, resolveOptions } = await syncCommand();
  const { secretsOf } = await import('../config/normalize-options');
  const options = resolveOptions(flagsToSchema(flags), process.cwd(), envWithSecrets(flags, process.env));
  // Loaded here, not at the top: only this command loads the MCP SDK.
  const { runMcpServer } = await import('./commands/mcp');
  const log = (line: string): void => void process.stderr.write(`${redactSecrets(line, secretsOf(options))}\n`);
  await runMcpServer(options, { version: readVersion(), cwd: process.cwd(), verbose: flags.verbose ?? false, log });
  return ExitCode.ok;
}

/** Diagnostics and the summary on stderr; with --json, the report as one JSON document on stdout. */
async function validateAction(files: string[], flags: FlagsOf<'validate'>): Promise<number> {
  const given = { root: flags.root, docsDir: flags.docsDir, strict: flags.strict };
  const report = flags.staged
    ? (await import('./commands/validate-staged')).validateStaged(given, files, process.cwd(), process.env)
    : (await import('./commands/validate')).validateWorkTree(given, files, process.cwd(), process.env);
  for (const diagnostic of report.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  process.stderr.write(`${formatValidateSummary(report)}\n`);
  if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  return report.exitCode;
}

/** One line on stdout (or the JSON report); exit 0 even when a target is unreachable: the line says so, uniquely. */
async function fingerprintAction(flags: FlagsOf<'fingerprint'>): Promise<number> {
  const { envWithSecrets, flagsToSchema, modeFromFlags, resolveOptions } = await syncCommand();
  // Every target option applies (collection, keys, embedders: the embedder is part of what a point holds); no mode.
  const given = flagsToSchema({ ...flags, docsOnly: false, dbOnly: false, qdrantOnly: false, full: false });
  const options = resolveOptions(given, process.cwd(), envWithSecrets(flags, process.env));
  const moded = flags.docsOnly || flags.dbOnly || flags.qdrantOnly || flags.full;
  // Loaded here, not at the top: `validate` in the pre-commit hook should not pay for it.
  const { readFingerprints, rolesForMode } = await import('./commands/fingerprint');
  const report = await readFingerprints(options, rolesForMode(moded ? modeFromFlags(flags) : undefined, options), flags.maxSeconds ?? 10);
  process.stdout.write(`${flags.json ? JSON.stringify(report) : report.line}\n`);
  return ExitCode.ok;
}

function errorText(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/**
 * Secrets on the command line: the value of --qdrant-api-key (or of a flag like it, misspelt), those inside every URL
 * argument. The redactor learns them before anything is parsed, so no message can show them (issue 11, D4).
 */
function secretsInArgs(argv: readonly string[]): string[] {
  const secretFlag = (flag: string | undefined): boolean => flag !== undefined && /^--[\w-]*(api-?key|password|secret)[\w-]*$/i.test(flag);
  return argv.flatMap((arg, i) => {
    const [flag, value] = arg.split(/=(.*)/s);
    if (value !== undefined && secretFlag(flag)) return [value];
    return secretFlag(argv[i - 1]) ? [arg] : secretsInUrl(arg);
  });
}

/** Turns an error into output and an exit code; nothing else in the project does this. Every word is redacted. */
function reportFailure(error: unknown, argv: readonly string[]): number {
  if (commander && error instanceof commander.CommanderError) {
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof SotSyncError) {
    process.stderr.write(`sot-sync: ${redactSecrets(error.message)}\n`);
    return error.exitCode;
  }
  const verbose = argv.includes('--verbose');
  const message = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`sot-sync: unexpected error: ${redactSecrets(message)}${verbose ? '' : ' (run with --verbose for the stack)'}\n`);
  return ExitCode.invalid;
}
