// The CLI entry point, and the only file that sets the exit code and writes to stdout/stderr.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { secretsOf } from '../config/normalize-options';
import { ExitCode, ModeRequirementError, SotSyncError } from '../errors';
import { createProgressBar } from './progress-bar';
import { formatDiagnostic, formatReport } from './format-report';
import { Deadline } from '../runtime/deadline';
import { redactSecrets } from '../runtime/redact';
import { envWithSecrets, flagsToSchema, modeFromFlags, resolveOptions, runSyncCommand, type SyncFlags } from './commands/sync';
import { runValidate, runValidateStaged } from './commands/validate';

const MODES = ['docsOnly', 'dbOnly', 'qdrantOnly', 'full'];

function seconds(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`expected a number of seconds, got "${value}"`);
  return parsed;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
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
    .option('--qdrant-api-key <key>', 'Qdrant API key; overrides QDRANT_API_KEY (never printed)')
    .option('--qdrant-collection <name>', 'Qdrant collection or alias (default: autopack_sot_docs)')
    .option('--rebuild', 'build the Qdrant index into a new collection and switch the alias to it when complete')
    .option('--no-bm25', 'do not use the local BM25 sparse embedder (needs a dense model)')
    .option('--embed-base-url <url>', 'OpenAI-compatible embeddings endpoint for dense vectors; overrides SOT_SYNC_EMBED_BASE_URL')
    .option('--embed-model <name>', 'dense embedding model; overrides SOT_SYNC_EMBED_MODEL')
    .option('--embed-dimensions <n>', 'vector size of the dense model; overrides SOT_SYNC_EMBED_DIMENSIONS', positiveInteger)
    .option('--embed-requests-per-minute <n>', 'requests-per-minute limit of the embeddings endpoint', seconds)
    .option('--embed-tokens-per-minute <n>', 'tokens-per-minute limit of the embeddings endpoint', seconds)
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
  // Flags after a subcommand that the program also defines (--root, --strict, --json, modes...) are parsed by the
  // program (commander without positional options), so the actions read optsWithGlobals().
  program
    .command('validate [files...]')
    .description('validate ledger files (all configured ledgers when none are given); never opens a database')
    .option('--root <dir>', 'workspace root')
    .option('--staged', 'check what the git index holds (the pre-commit hook): staged ledgers, or those among [files]; a staged deletion of a ledger is an error')
    .option('--strict', 'treat warnings as errors')
    .action((files: string[], _flags: ValidateFlags, command: Command) => {
      finished = Promise.resolve(validateAction(files, command.optsWithGlobals<ValidateFlags>()));
    });
  program
    .command('fingerprint')
    .description(
      'print the state each target holds for the project, as one cache-key line (--json: details): its fingerprint when it holds what the ledgers say, ' +
        'else a unique value (stale, unreachable). Targets: those of --db-only / --qdrant-only / --full, else every configured one. Reads only.',
    )
    .action((_flags: SyncFlags, command: Command) => {
      finished = fingerprintAction(command.optsWithGlobals<SyncFlags>());
    });
  program
    .command('search <query>')
    .description('rank the entries of the Qdrant collection for a query (BM25, dense, or both fused with RRF)')
    .option('--limit <n>', 'results, one per entry (default: 10)', positiveInteger)
    .option('--file-type <type>', 'only this ledger (e.g. architecture)')
    .option('--status <status>', 'only entries with this status (first word, e.g. complete)')
    .option('--since <date>', 'only entries dated on or after this date')
    .option('--until <date>', 'only entries dated on or before this date')
    .action((query: string, _flags: SearchFlags, command: Command) => {
      finished = searchAction(query, command.optsWithGlobals<SearchFlags>());
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
  const options = resolveOptions(flagsToSchema(flags), process.cwd(), envWithSecrets(flags, process.env));
  const progress = createProgressBar({ json: options.json });
  const deadline = new Deadline(options.maxSeconds);
  const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => deadline.interrupt(signal);
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    const report = await runSyncCommand(options, deadline, undefined, (line) => process.stderr.write(`${line}\n`), (done, total) => progress.onProgress(done, total));
    progress.stop();
    if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    (options.json ? process.stderr : process.stdout).write(`${formatReport(report, { timing: options.timing })}\n`);
    return report.exitCode;
  } finally {
    progress.stop();
    deadline.dispose();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

interface SearchFlags extends SyncFlags {
  limit?: number;
  fileType?: string;
  status?: string;
  since?: string;
  until?: string;
}

/** `sot-sync search "<query>"`: ranked entries from the Qdrant collection, one result per entry. */
async function searchAction(query: string, flags: SearchFlags): Promise<number> {
  const { limit, fileType, status, since, until, ...syncFlags } = flags;
  const options = resolveOptions(flagsToSchema({ ...syncFlags, dbOnly: false, qdrantOnly: false, full: false }), process.cwd(), envWithSecrets(flags, process.env));
  if (!options.qdrant.url) throw new ModeRequirementError('search needs Qdrant: set QDRANT_HOST or pass --qdrant-host');
  const deadline = new Deadline(options.maxSeconds);
  try {
    const [{ runSearch, formatSearchResults }, { createEmbedders }] = await Promise.all([import('./commands/search'), import('../embed/create-embedders')]);
    const connection = { url: options.qdrant.url, collection: options.qdrant.collection, projectId: options.projectId, embedders: createEmbedders(options.embedders), ...(options.qdrant.apiKey ? { apiKey: options.qdrant.apiKey } : {}) };
    const filters = Object.fromEntries(Object.entries({ limit, fileType, status, since, until }).filter(([, v]) => v !== undefined));
    const found = await runSearch(connection, query, filters, deadline);
    process.stdout.write(`${options.json ? JSON.stringify(found) : formatSearchResults(found)}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof SotSyncError) throw new SotSyncError(redactSecrets(error.message, secretsOf(options)), error.exitCode);
    throw error;
  } finally {
    deadline.dispose();
  }
}

interface ValidateFlags {
  root?: string;
  strict?: boolean;
  staged?: boolean;
}

function validateAction(files: string[], flags: ValidateFlags): number {
  const given = { root: flags.root, strict: flags.strict };
  const { options, result } = flags.staged
    ? runValidateStaged(given, files, process.cwd(), process.env)
    : (() => {
        const resolved = resolveOptions(given, process.cwd(), process.env);
        return { options: resolved, result: runValidate(resolved, files, process.cwd()) };
      })();
  for (const diagnostic of result.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const failing = result.diagnostics.filter((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'));
  const warnings = result.diagnostics.length - result.diagnostics.filter((d) => d.severity === 'error').length;
  process.stderr.write(`sot-sync validate: ${result.checked.length} ledger(s) checked, ${failing.length} problem(s) blocking, ${warnings} warning(s)\n`);
  return failing.length > 0 ? ExitCode.invalid : ExitCode.ok;
}

/** One line on stdout (or the JSON report); exit 0 even when a target is unreachable: the line says so, uniquely. */
async function fingerprintAction(flags: SyncFlags): Promise<number> {
  // Every target option applies (collection, keys, embedders: the embedder is part of what a point holds); no mode.
  const given = flagsToSchema({ ...flags, docsOnly: false, dbOnly: false, qdrantOnly: false, full: false, execute: false, verify: false });
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
