// Every option of the CLI, declared once; each command adds the ones it reads, so its --help lists exactly the
// options it accepts and the flags type of its action has exactly those keys (issue 10, item 5). Declarations only.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { SyncFlags } from './commands/sync';

/** Every flag of every command, as commander hands them over (camelCase). */
export interface CliFlags extends SyncFlags {
  staged?: boolean;
  limit?: number;
  fileType?: string;
  status?: string;
  since?: string;
  until?: string;
  target?: 'sql' | 'qdrant';
  includeStale?: boolean;
}

export type OptionName = keyof CliFlags;

const MODES = ['docsOnly', 'dbOnly', 'qdrantOnly', 'full'] as const;

/** A finite number ≥ 0, named by its unit in the message (`seconds`, `per minute`). */
function nonNegative(unit: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`expected a number ${unit}, got "${value}"`);
    return parsed;
  };
}

const seconds = nonNegative('of seconds');
const perMinute = nonNegative('per minute');

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return parsed;
}

function mode(flag: string, name: (typeof MODES)[number], description: string): Option {
  return new Option(flag, description).conflicts(MODES.filter((other) => other !== name));
}

const opt = (flags: string, description: string, parse?: (value: string) => number): Option =>
  parse ? new Option(flags, description).argParser(parse) : new Option(flags, description);

/** One factory per option: each command gets its own Option objects. */
const OPTIONS: Record<OptionName, () => Option> = {
  docsOnly: () => mode('--docs-only', 'docsOnly', 'parse and validate the ledgers, write nothing (default)'),
  dbOnly: () => mode('--db-only', 'dbOnly', 'sync the SQL table sot_entries (needs --execute)'),
  qdrantOnly: () => mode('--qdrant-only', 'qdrantOnly', 'sync the Qdrant collection (needs --execute)'),
  full: () => mode('--full', 'full', 'sync both targets, checking both before writing (needs --execute)'),
  execute: () => opt('--execute', 'actually write (required by every mode but --docs-only)'),
  staged: () =>
    opt(
      '--staged',
      'check what the git index holds (the pre-commit hook): staged ledgers of every sot-sync.config.json in the index, or those among [files]; a staged deletion of a ledger is an error',
    ),
  root: () => opt('--root <dir>', 'workspace root (default: nearest nx.json or sot-sync.config.json upward, else git top level)'),
  docsDir: () => opt('--docs-dir <dir>', 'ledger directory, absolute or relative to the root (default: docs)'),
  databaseUrl: () => opt('--database-url <url>', 'SQL target; overrides DATABASE_URL (default: sqlite:///autopack.db, relative to the root)'),
  qdrantHost: () => opt('--qdrant-host <url>', 'Qdrant URL; overrides QDRANT_HOST (default: none, Qdrant disabled)'),
  qdrantApiKey: () => opt('--qdrant-api-key <key>', 'Qdrant API key; overrides QDRANT_API_KEY (never printed)'),
  qdrantCollection: () => opt('--qdrant-collection <name>', 'Qdrant collection or alias (default: autopack_sot_docs)'),
  rebuild: () => opt('--rebuild', 'build the Qdrant index into a new collection and switch the alias to it when complete'),
  bm25: () => opt('--no-bm25', 'do not use the local BM25 sparse embedder (needs a dense model)'),
  embedBaseUrl: () => opt('--embed-base-url <url>', 'OpenAI-compatible embeddings endpoint for dense vectors; overrides SOT_SYNC_EMBED_BASE_URL'),
  embedModel: () => opt('--embed-model <name>', 'dense embedding model; overrides SOT_SYNC_EMBED_MODEL'),
  embedDimensions: () => opt('--embed-dimensions <n>', 'vector size of the dense model; overrides SOT_SYNC_EMBED_DIMENSIONS', positiveInteger),
  embedRequestsPerMinute: () => opt('--embed-requests-per-minute <n>', 'requests-per-minute limit of the embeddings endpoint', perMinute),
  embedTokensPerMinute: () => opt('--embed-tokens-per-minute <n>', 'tokens-per-minute limit of the embeddings endpoint', perMinute),
  projectId: () => opt('--project-id <id>', 'value of project_id in the index (default: autopack)'),
  maxSeconds: () => opt('--max-seconds <n>', 'hard deadline for the whole run; exceeding it exits 3 (default: 120)', seconds),
  lockTimeout: () => opt('--lock-timeout <n>', 'seconds to wait for a held lock before exiting 5 (default: 30)', seconds),
  prune: () => opt('--no-prune', 'keep rows whose entries left the ledgers'),
  allowMassDelete: () => opt('--allow-mass-delete', "let a plan delete a missing ledger's rows or more than 10% of a ledger"),
  strict: () => opt('--strict', 'treat warnings as errors'),
  verify: () => opt('--verify', 'compare the ledgers with each target without writing; exit 1 on drift'),
  limit: () => opt('--limit <n>', 'results, one per entry (default: 10)', positiveInteger),
  fileType: () => opt('--file-type <type>', 'only this ledger (e.g. architecture)'),
  status: () => opt('--status <status>', 'only entries with this status (first word, e.g. complete)'),
  since: () => opt('--since <date>', 'only entries dated on or after this date'),
  until: () => opt('--until <date>', 'only entries dated on or before this date'),
  target: () => new Option('--target <store>', 'the index to search: sql or qdrant (default: qdrant when configured, else sql)').choices(['sql', 'qdrant']),
  includeStale: () => opt('--include-stale', 'also list results whose entries the ledgers no longer have'),
  json: () => opt('--json', 'print one JSON report on stdout; human output goes to stderr'),
  timing: () => opt('--no-timing', 'hide per-phase timing'),
  verbose: () => opt('--verbose', 'print stack traces of unexpected errors'),
};

const QDRANT = ['qdrantHost', 'qdrantApiKey', 'qdrantCollection'] as const;
const EMBEDDERS = ['bm25', 'embedBaseUrl', 'embedModel', 'embedDimensions'] as const;
const RATES = ['embedRequestsPerMinute', 'embedTokensPerMinute'] as const;
const SEARCH_FILTERS = ['limit', 'fileType', 'status', 'since', 'until'] as const;

/** The options of each command: the program itself (the sync), then the subcommands. */
export const COMMAND_OPTIONS = {
  sync: [
    ...MODES,
    'execute',
    'root',
    'docsDir',
    'databaseUrl',
    ...QDRANT,
    'rebuild',
    ...EMBEDDERS,
    ...RATES,
    'projectId',
    'maxSeconds',
    'lockTimeout',
    'prune',
    'allowMassDelete',
    'strict',
    'verify',
    'json',
    'timing',
    'verbose',
  ],
  validate: ['staged', 'root', 'docsDir', 'strict', 'json', 'verbose'],
  fingerprint: [...MODES, 'root', 'docsDir', 'databaseUrl', ...QDRANT, ...EMBEDDERS, 'projectId', 'maxSeconds', 'json', 'verbose'],
  search: [
    'root',
    'docsDir',
    'databaseUrl',
    ...QDRANT,
    ...EMBEDDERS,
    ...RATES,
    'projectId',
    'maxSeconds',
    'lockTimeout',
    ...SEARCH_FILTERS,
    'target',
    'includeStale',
    'json',
    'verbose',
  ],
  get: ['root', 'docsDir', 'databaseUrl', 'projectId', 'maxSeconds', 'lockTimeout', 'json', 'verbose'],
  mcp: ['root', 'docsDir', 'databaseUrl', ...QDRANT, ...EMBEDDERS, ...RATES, 'projectId', 'maxSeconds', 'verbose'],
} as const satisfies Record<string, readonly OptionName[]>;

export type CommandName = keyof typeof COMMAND_OPTIONS;

/** The flags an action receives: exactly the options of its command. */
export type FlagsOf<C extends CommandName> = Pick<CliFlags, (typeof COMMAND_OPTIONS)[C][number]>;

/** Adds the options of `name` to `command`; `descriptions` rewords some for this command. */
export function addCommandOptions(command: Command, name: CommandName, descriptions: Partial<Record<OptionName, string>> = {}): Command {
  for (const option of COMMAND_OPTIONS[name] as readonly OptionName[]) {
    const created = OPTIONS[option]();
    const description = descriptions[option];
    if (description) created.description = description;
    command.addOption(created);
  }
  return command;
}
