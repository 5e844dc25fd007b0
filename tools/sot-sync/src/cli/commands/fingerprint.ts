// `sot-sync fingerprint`: one line naming the code that runs and the state each target holds for the project, for
// cache keys (the runtime input of the Nx sync targets, CI scripts). Reads only, never writes, never creates a
// database file.
//
// Why it also reads the ledgers: a cache key is computed BEFORE the run. A key made of "ledgers + what the target
// holds" would let a cache replay a run that had to write whenever the target returns to that earlier state (the
// SQLite file deleted, another branch synced into a shared database): a false hit leaving the target behind. So the
// value is deterministic only while a target holds exactly what the ledgers say (nothing to write, so replaying the
// report is honest) and unique otherwise (README, "Why caching is safe").
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SyncMode } from '../../config/sync-options';
import { targetRolesOf } from '../../config/sync-modes';
import type { NormalizedSyncOptions } from '../../config/normalize-options';
import { fingerprintRows } from '../../engine/fingerprint-rows';
import { redactSecrets } from '../../runtime/redact';
import { Deadline } from '../../runtime/deadline';
import { readLedgers } from '../../sync/read-ledgers';
import { createDbTarget } from '../../targets/create-db-target';
import { createQdrantTarget } from '../../targets/create-qdrant-target';
import type { Target, TargetContext, TargetRole } from '../../targets/target';

/** What one target holds for the project; `fingerprint` null when it holds nothing (e.g. no SQLite file yet). */
export interface HeldState {
  kind: string;
  /** Where it is, credentials redacted. */
  location: string;
  fingerprint: string | null;
}

/** Reads what one target holds (Target.readFingerprint); throws when the target cannot be reached. */
export type FingerprintReader = (options: NormalizedSyncOptions, ctx: TargetContext) => Promise<HeldState>;

/** The targets a fingerprint can be read from. */
export const FINGERPRINT_READERS: Partial<Record<TargetRole, FingerprintReader>> = { db: readDbFingerprint, qdrant: readQdrantFingerprint };

/** in-sync: holds what the ledgers say; stale: holds something else or nothing; unreachable / unavailable: unknown. */
export type FingerprintState = 'in-sync' | 'stale' | 'unreachable' | 'unavailable';

export interface TargetFingerprint {
  role: TargetRole;
  kind: string | null;
  location: string | null;
  state: FingerprintState;
  held: string | null;
  /** This target's part of the line: the fingerprint (or `none`) when in sync, else unique to this call. */
  key: string;
  reason?: string;
}

export interface FingerprintReport {
  projectId: string;
  /** Fingerprint of the entries the ledgers hold now (null: no entries), as a target holds them after a sync. */
  expected: string | null;
  targets: TargetFingerprint[];
  /** Digest of the installed sot-sync's compiled code: a new version never reuses an old result. */
  code: string;
  /** The one line: `code=<digest>`, then `db=<key>` per target, space-separated (none for docs-only). */
  line: string;
}

/** The targets a mode writes; without a mode, every configured target. */
export function rolesForMode(mode: SyncMode | undefined, options: { qdrant: { url: string | null } }): readonly TargetRole[] {
  if (mode) return targetRolesOf(mode);
  return options.qdrant.url ? targetRolesOf('full') : targetRolesOf('db-only');
}

/** Reads every requested target under one deadline of `seconds`; an unreachable target gives a unique key, not an error. */
export async function readFingerprints(
  options: NormalizedSyncOptions,
  roles: readonly TargetRole[],
  seconds: number,
  readers: Partial<Record<TargetRole, FingerprintReader>> = FINGERPRINT_READERS,
): Promise<FingerprintReport> {
  const expected = roles.length === 0 ? null : expectedFingerprint(options);
  const deadline = new Deadline(seconds);
  try {
    const ctx: TargetContext = { deadline, now: new Date().toISOString() };
    const targets: TargetFingerprint[] = [];
    for (const role of roles) targets.push(await readOne(role, readers[role], options, ctx, expected));
    const code = readCodeIdentity();
    return { projectId: options.projectId, expected, targets, code, line: [`code=${code}`, ...targets.map((t) => `${t.role}=${t.key}`)].join(' ') };
  } finally {
    deadline.dispose();
  }
}

function expectedFingerprint(options: NormalizedSyncOptions): string | null {
  const { entries } = readLedgers(options);
  return fingerprintRows(entries.map((entry) => ({ fileType: entry.fileType, entryId: entry.entryId, contentHash: entry.contentHash })));
}

async function readOne(
  role: TargetRole,
  reader: FingerprintReader | undefined,
  options: NormalizedSyncOptions,
  ctx: TargetContext,
  expected: string | null,
): Promise<TargetFingerprint> {
  const unknown = (state: 'unreachable' | 'unavailable', reason: string): TargetFingerprint => ({
    role,
    kind: null,
    location: null,
    state,
    held: null,
    key: `${state}:${unique()}`,
    reason,
  });
  if (!reader) return unknown('unavailable', `sot-sync cannot read a ${role} target yet`);
  if (role === 'qdrant' && !options.qdrant.url) return unknown('unavailable', 'no Qdrant configured (QDRANT_HOST / --qdrant-host)');
  let held: HeldState;
  try {
    held = await ctx.deadline.race(reader(options, ctx));
  } catch (error) {
    return unknown('unreachable', redactSecrets(error instanceof Error ? error.message : String(error)));
  }
  const inSync = held.fingerprint === expected;
  const key = inSync ? (held.fingerprint ?? 'none') : `stale:${held.fingerprint ?? 'none'}:${unique()}`;
  return { role, kind: held.kind, location: held.location, state: inSync ? 'in-sync' : 'stale', held: held.fingerprint, key };
}

async function readDbFingerprint(options: NormalizedSyncOptions, ctx: TargetContext): Promise<HeldState> {
  return readHeld(await createDbTarget(options.database.url, options.root, options.lockTimeoutSeconds * 1000), options, ctx);
}

/** What the collection holds for the project, as the Qdrant target's snapshot sees it (embedder fingerprint included). */
async function readQdrantFingerprint(options: NormalizedSyncOptions, ctx: TargetContext): Promise<HeldState> {
  return readHeld(await createQdrantTarget(options), options, ctx);
}

async function readHeld(target: Target, options: NormalizedSyncOptions, ctx: TargetContext): Promise<HeldState> {
  try {
    await target.open(ctx);
    return { kind: target.kind, location: target.label, fingerprint: await target.readFingerprint(options.projectId, ctx) };
  } finally {
    await target.close();
  }
}

function unique(): string {
  return randomBytes(8).toString('hex');
}

let codeIdentity: string | undefined;
/** Compiled code and schemas; not declarations or source maps, which follow the code anyway. */
const CODE_FILE = /\.(js|json)$/;

/** A digest of the compiled plugin (dist/src, dist/executors, dist/generators), read once per process. */
export function readCodeIdentity(): string {
  if (codeIdentity !== undefined) return codeIdentity;
  const distRoot = codeRoot(__dirname);
  const hash = createHash('sha256');
  for (const dir of ['src', 'executors', 'generators']) {
    for (const file of listFiles(path.join(distRoot, dir))) hash.update(path.relative(distRoot, file)).update(fs.readFileSync(file));
  }
  codeIdentity = hash.digest('hex').slice(0, 16);
  return codeIdentity;
}

/**
 * The nearest directory holding `src`: dist/ for dist/src/cli/commands and for the bundled CLI (dist/cli.js), the
 * package for its sources (tests). The bundle is built from dist/src, so the digest follows it too.
 */
function codeRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'src'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '../../..');
  }
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
