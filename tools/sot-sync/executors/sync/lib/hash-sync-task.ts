// The Nx hasher of sot-sync:sync (executors.json "hasher"): Nx's hash of the declared inputs (ledgers, config, env),
// plus the plugin's own code and, for the configurations that touch a target, the `sot-sync fingerprint` line.
//
// Why a hasher and not a `{ "runtime": "sot-sync fingerprint" }` input: Nx inputs belong to the target, not to a
// configuration, so a runtime input would also key `docs-only` on the database (and, with no database in CI, make it
// never cacheable). A hasher sees the task's configuration; Nx also calls it only once the task's dependencies (tidy)
// have run, so the key describes the ledgers the sync will read. README, "Why caching is safe".
import { hashArray, workspaceRoot, type Hash, type HasherContext, type Task } from '@nx/devkit';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFingerprints, rolesForMode } from '../../../src/cli/commands/fingerprint';
import { resolveOptions } from '../../../src/cli/commands/sync';
import type { SyncExecutorSchema } from '../schema';

/** Seconds the hasher waits for all targets together before it keys the task as unreachable (it then runs). */
const FINGERPRINT_SECONDS = 10;

/** Nx passes the task's environment (with its .env files) in the context; older typings omit it. */
type SyncHasherContext = HasherContext & { env?: NodeJS.ProcessEnv };

export default async function hashSyncTask(task: Task, context: SyncHasherContext): Promise<Hash> {
  const env = context.env ?? process.env;
  const base = await context.hasher.hashTask(task, context.taskGraph, env);
  const options = readTaskOptions(task, context, workspaceRoot);
  const extra: Record<string, string> = { 'sot-sync code': readCodeIdentity() };
  if ((options.mode ?? 'docs-only') !== 'docs-only' || options.verify) extra['sot-sync fingerprint'] = await readFingerprintLine(options, env);
  return {
    ...base,
    value: hashArray([base.value, ...Object.entries(extra).flat()]),
    details: { ...base.details, runtime: { ...base.details.runtime, ...extra } },
  };
}

/** The options the executor will get: target options, then the configuration's, then command-line overrides. */
export function readTaskOptions(task: Task, context: Pick<HasherContext, 'projectsConfigurations'>, root: string): SyncExecutorSchema {
  const project = context.projectsConfigurations.projects[task.target.project];
  const target = project?.targets?.[task.target.target];
  const configuration = task.target.configuration ? target?.configurations?.[task.target.configuration] : undefined;
  const { __overrides_unparsed__: _unparsed, ...overrides } = task.overrides as Record<string, unknown>;
  const merged = { ...(target?.options as object), ...(configuration as object), ...overrides } as Record<string, unknown>;
  const tokens: Record<string, string> = { '{workspaceRoot}': root, '{projectRoot}': project?.root ?? '', '{projectName}': task.target.project };
  const interpolate = (value: unknown): unknown => (typeof value === 'string' ? value.replace(/\{(workspaceRoot|projectRoot|projectName)\}/g, (token) => tokens[token] ?? token) : value);
  return Object.fromEntries(Object.entries(merged).map(([key, value]) => [key, interpolate(value)])) as SyncExecutorSchema;
}

/** The fingerprint line; options the run would refuse key the task uniquely (the run fails and is not cached). */
async function readFingerprintLine(options: SyncExecutorSchema, env: NodeJS.ProcessEnv): Promise<string> {
  let normalized;
  try {
    normalized = resolveOptions({ ...options, root: options.root ?? workspaceRoot }, workspaceRoot, env);
  } catch {
    return `invalid-options:${randomBytes(8).toString('hex')}`;
  }
  return (await readFingerprints(normalized, rolesForMode(normalized.mode, normalized), FINGERPRINT_SECONDS)).line;
}

let codeIdentity: string | undefined;
/** Code and schemas; not source maps or declarations, which follow the code anyway. */
const CODE_FILE = /\.(js|ts|json)$/;

/** A digest of the plugin's code (parser, engine, targets): a new sot-sync version never reuses old results. */
function readCodeIdentity(): string {
  if (codeIdentity !== undefined) return codeIdentity;
  const pluginRoot = path.resolve(__dirname, '../../..');
  const hash = createHash('sha256');
  for (const dir of ['src', 'executors']) {
    for (const file of listFiles(path.join(pluginRoot, dir)).filter((f) => !f.endsWith('.d.ts'))) hash.update(path.relative(pluginRoot, file)).update(fs.readFileSync(file));
  }
  codeIdentity = hash.digest('hex').slice(0, 16);
  return codeIdentity;
}

function listFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : CODE_FILE.test(entry.name) ? [path.join(dir, entry.name)] : []));
}
