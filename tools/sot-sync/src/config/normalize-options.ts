// Shared by the CLI and the executor: validates options against schema.json, applies defaults and precedence
// (flag > environment > config file > default), resolves paths. Pure: env, root and config come in as arguments;
// its one effect is telling the redactor the secrets the options carry, so no output of the run can show them.
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { LedgerOption, SyncExecutorSchema, SyncMode } from './sync-options';
import schema from '../../executors/sync/schema.json';
import { UsageError } from '../errors';
import { findMalformedPercentEncoding } from '../runtime/percent-encoding';
import { rememberSecrets, secretsInUrl, secretsOfEnv } from '../runtime/redact';
import type { LedgerSpec } from '../ledger/types';
import type { EmbedderSettings } from '../embed/create-embedders';
import { RUN_SWITCHES, rejectRunSwitches } from './run-switches';
import { CONFIG_FILE_NAME, DEFAULT_DATABASE_URL, DEFAULT_LEDGERS, DEFAULT_PROJECT_ID } from './default-ledgers';

export type SettingSource = 'flag' | 'env' | 'config' | 'default';

export interface NormalizedSyncOptions {
  mode: SyncMode;
  execute: boolean;
  root: string;
  docsDir: string;
  projectId: string;
  ledgers: LedgerSpec[];
  database: { url: string; source: SettingSource };
  qdrant: QdrantSettings;
  embedders: EmbedderSettings;
  maxSeconds: number;
  lockTimeoutSeconds: number;
  prune: boolean;
  allowMassDelete: boolean;
  strict: boolean;
  verify: boolean;
  json: boolean;
  timing: boolean;
  verbose: boolean;
}

export interface QdrantSettings {
  url: string | null;
  source: SettingSource;
  /** QDRANT_API_KEY (or the CLI's --qdrant-api-key); never printed. */
  apiKey: string | null;
  collection: string;
  rebuild: boolean;
}

export interface OptionSources {
  /** Options given on the command line or in the executor's options. */
  given: SyncExecutorSchema;
  /** Contents of sot-sync.config.json, or undefined when there is none. */
  config: unknown;
  env: Readonly<Record<string, string | undefined>>;
  /** The workspace root, already found. */
  root: string;
  /** Where `config` was read, for messages. Default: sot-sync.config.json in the root. */
  configFile?: string;
}

const validate = loadValidator();

/**
 * The build compiles schema.json into standalone code beside this file (scripts/compile-options-schema.js), so a
 * run does not pay for ajv's compiler; from sources (tests) the same schema is compiled by ajv itself.
 */
function loadValidator(): ValidateFunction<SyncExecutorSchema> {
  try {
    return require('./validate-options') as ValidateFunction<SyncExecutorSchema>;
  } catch {
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    // Nx reads `$schema` and `version`; ajv needs neither.
    const { $schema: _metaSchema, version: _version, ...optionsSchema } = schema;
    return new Ajv({ allErrors: true, strict: false }).compile<SyncExecutorSchema>(optionsSchema);
  }
}

export function normalizeOptions({ given, config, env, root, configFile }: OptionSources): NormalizedSyncOptions {
  const flags = checked(given, null);
  const fileName = configFile ?? path.join(root, CONFIG_FILE_NAME);
  if (config !== undefined) rejectRunSwitches(config, fileName);
  const file = config === undefined ? {} : checked(config, fileName);
  const pick = <K extends keyof SyncExecutorSchema>(key: K): SyncExecutorSchema[K] => flags[key] ?? file[key];
  const mode = flags.mode ?? 'docs-only';
  const execute = flags.execute ?? false;
  if (mode !== 'docs-only' && !execute && !flags.verify) {
    throw new UsageError(`--${mode} writes to its targets: add --execute to run it (or --verify to only compare, or --docs-only to only validate)`);
  }
  const options: NormalizedSyncOptions = {
    mode,
    execute,
    root,
    docsDir: path.resolve(root, pick('docsDir') ?? 'docs'),
    projectId: pick('projectId') ?? DEFAULT_PROJECT_ID,
    ledgers: mergeLedgers(DEFAULT_LEDGERS, [...(file.ledgers ?? []), ...(flags.ledgers ?? [])]),
    database: setting(flags.databaseUrl, env.DATABASE_URL, file.databaseUrl, DEFAULT_DATABASE_URL) as { url: string; source: SettingSource },
    qdrant: {
      ...setting(flags.qdrantHost, env.QDRANT_HOST, file.qdrantHost, null),
      apiKey: env.QDRANT_API_KEY || null,
      collection: pick('qdrantCollection') ?? 'autopack_sot_docs',
      rebuild: flags.rebuild ?? false,
    },
    embedders: embedderSettings(flags, file, env),
    maxSeconds: pick('maxSeconds') ?? 120,
    lockTimeoutSeconds: pick('lockTimeout') ?? 30,
    prune: flags.prune ?? file.prune ?? true,
    allowMassDelete: flags.allowMassDelete ?? false,
    strict: pick('strict') ?? false,
    verify: flags.verify ?? false,
    json: flags.json ?? false,
    timing: flags.timing ?? true,
    verbose: flags.verbose ?? false,
  };
  rememberSecrets([...secretsOf(options), ...secretsOfEnv(env)]);
  const embedSource: SettingSource = flags.embedBaseUrl ? 'flag' : env.SOT_SYNC_EMBED_BASE_URL ? 'env' : 'config';
  checkUrls(options, embedSource);
  checkCollectionName(options.qdrant.collection, flags.qdrantCollection !== undefined);
  return options;
}

/**
 * Every URL must decode: a malformed `%` sequence would otherwise surface as a URIError (exit 1) inside a driver.
 * The message names the setting and the part, never a secret (issue 11, D9).
 */
function checkUrls(options: NormalizedSyncOptions, embedSource: SettingSource): void {
  const urls: [string | null | undefined, SettingSource, string, string][] = [
    [options.database.url, options.database.source, 'databaseUrl', 'DATABASE_URL'],
    [options.qdrant.url, options.qdrant.source, 'qdrantHost', 'QDRANT_HOST'],
    [options.embedders.dense?.baseUrl, embedSource, 'embedBaseUrl', 'SOT_SYNC_EMBED_BASE_URL'],
  ];
  for (const [url, source, key, variable] of urls) {
    const bad = url ? findMalformedPercentEncoding(url) : null;
    if (!bad) continue;
    const where = source === 'env' ? variable : source === 'config' ? `"${key}" in ${CONFIG_FILE_NAME}` : keyName([key], true);
    throw new UsageError(
      `${where}: ${bad.part} is not valid percent-encoding; write each byte as % and two hex digits (e.g. %20 for a space, %25 for a literal %)`,
    );
  }
}

/** `.` and `..` pass the schema's pattern but are path segments: a request for them would reach another endpoint (D16). */
function checkCollectionName(collection: string, fromFlag: boolean): void {
  if (collection !== '.' && collection !== '..') return;
  const where = fromFlag ? '"qdrantCollection" (--qdrant-collection)' : `"qdrantCollection" in ${CONFIG_FILE_NAME}`;
  throw new UsageError(`${where} must be a collection name, not "${collection}" (a path segment): use letters, digits, _, - and ., e.g. autopack_sot_docs`);
}

/** BM25 by default; a dense model when a base URL and a model come from options, the config file or the environment. */
function embedderSettings(flags: SyncExecutorSchema, file: SyncExecutorSchema, env: OptionSources['env']): EmbedderSettings {
  const baseUrl = flags.embedBaseUrl ?? env.SOT_SYNC_EMBED_BASE_URL ?? file.embedBaseUrl;
  const model = flags.embedModel ?? env.SOT_SYNC_EMBED_MODEL ?? file.embedModel;
  const dimensions = flags.embedDimensions ?? (env.SOT_SYNC_EMBED_DIMENSIONS ? Number(env.SOT_SYNC_EMBED_DIMENSIONS) : file.embedDimensions);
  const dense =
    baseUrl || model
      ? {
          baseUrl: baseUrl ?? null,
          model: model ?? null,
          dimensions: dimensions ?? null,
          apiKey: env.SOT_SYNC_EMBED_API_KEY || env.OPENAI_API_KEY || undefined,
          requestsPerMinute: flags.embedRequestsPerMinute ?? file.embedRequestsPerMinute,
          tokensPerMinute: flags.embedTokensPerMinute ?? file.embedTokensPerMinute,
        }
      : null;
  return { bm25: flags.bm25 ?? file.bm25 ?? true, dense };
}

/** Every secret the options carry (keys, and passwords or keys inside their URLs), for redacting messages. */
export function secretsOf(options: Pick<NormalizedSyncOptions, 'qdrant' | 'embedders'> & { database?: { url: string } }): string[] {
  const urls = [options.database?.url, options.qdrant.url, options.embedders.dense?.baseUrl];
  return [options.qdrant.apiKey, options.embedders.dense?.apiKey, ...urls.flatMap((url) => secretsInUrl(url))].filter((secret): secret is string =>
    Boolean(secret),
  );
}

/** The value when it matches schema.json; else a usage error naming the config file (or "options") and every bad key. */
function checked(value: unknown, configFile: string | null): SyncExecutorSchema {
  if (validate(value)) return value;
  const problems = (validate.errors ?? []).map((error) => describeSchemaError(error, value, configFile === null));
  throw new UsageError(`${configFile ?? 'invalid options'}: ${problems.join('; ')}`);
}

type SchemaError = NonNullable<ValidateFunction['errors']>[number];

/**
 * One ajv error as where, what, expected and got: `unknown key "ledgres" (allowed: mode, execute, ...)`,
 * `"maxSeconds" must be number (got "10")`, `"ledgers[0].prefix" must match pattern "^[A-Z][A-Z0-9]*$" (got "bld")`.
 */
function describeSchemaError(error: SchemaError, value: unknown, isOptions: boolean): string {
  const keys = error.instancePath
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[] };
  const kind = isOptions ? 'option' : 'key';
  if (error.keyword === 'additionalProperties') {
    // A config file is told only the keys it may hold: the run switches are refused there (run-switches.ts).
    const allowed = allowedKeys(error.schemaPath).filter((key) => isOptions || keys.length > 0 || !Object.hasOwn(RUN_SWITCHES, key));
    return `unknown ${kind} ${keyName([...keys, String(params.additionalProperty)], isOptions)} (allowed: ${allowed.join(', ')})`;
  }
  if (error.keyword === 'required') return `${keyName([...keys, String(params.missingProperty)], isOptions)} is required`;
  const got = valueAt(value, keys);
  if (keys.length === 0) return `${isOptions ? 'the options' : 'the file'} must be a JSON object (got ${describeValue(got)})`;
  const expected =
    error.keyword === 'enum' ? `must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}` : (error.message ?? 'is invalid');
  return `${keyName(keys, isOptions)} ${expected} (got ${describeValue(got)})`;
}

/** `ledgers[0].fileType`, quoted; a top-level option also gets its CLI flag: `"maxSeconds" (--max-seconds)`. */
function keyName(keys: readonly string[], isOptions: boolean): string {
  const name = keys.map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
  const [first] = keys;
  const flag =
    isOptions && keys.length === 1 && first !== undefined && first in schema.properties && !NO_FLAG.has(first)
      ? ` (--${first.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)})`
      : '';
  return `"${name}"${flag}`;
}

/** Options that have no flag of their own (mode is --docs-only and friends). */
const NO_FLAG = new Set(['mode', 'ledgers', 'reportFile', 'bm25', 'prune', 'timing']);

/** The property names of the object schema holding an `additionalProperties` rule (`#/properties/ledgers/items/...`). */
function allowedKeys(schemaPath: string): string[] {
  let node: unknown = schema;
  for (const key of schemaPath.split('/').slice(1, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  return Object.keys((node as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
}

function valueAt(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function setting(
  flag: string | undefined,
  env: string | undefined,
  file: string | undefined,
  fallback: string | null,
): { url: string | null; source: SettingSource } {
  if (flag) return { url: flag, source: 'flag' };
  if (env) return { url: env, source: 'env' };
  if (file) return { url: file, source: 'config' };
  return { url: fallback, source: 'default' };
}

/** Merges ledger options over the defaults by fileType; each file type, path and prefix must be unique. */
export function mergeLedgers(defaults: readonly LedgerSpec[], changes: readonly LedgerOption[]): LedgerSpec[] {
  const byType = new Map<string, LedgerSpec | null>(defaults.map((spec) => [spec.fileType, { ...spec }]));
  for (const change of changes) {
    const base = byType.get(change.fileType) ?? undefined;
    if (change.enabled === false) {
      byType.set(change.fileType, null);
      continue;
    }
    const spec = { fileType: change.fileType, path: change.path ?? base?.path, prefix: change.prefix ?? base?.prefix };
    if (!spec.path || !spec.prefix) throw new UsageError(`ledger ${change.fileType} needs a path and a prefix`);
    byType.set(change.fileType, spec as LedgerSpec);
  }
  const ledgers = [...byType.values()].filter((spec): spec is LedgerSpec => spec !== null);
  for (const key of ['path', 'prefix'] as const) {
    const seen = new Set<string>();
    for (const spec of ledgers) {
      if (seen.has(spec[key])) throw new UsageError(`two ledgers share the ${key} "${spec[key]}"; each ledger needs its own`);
      seen.add(spec[key]);
    }
  }
  return ledgers;
}
