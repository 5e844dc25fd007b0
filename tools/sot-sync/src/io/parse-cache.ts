// What a parse of one ledger yields apart from the entries' text (its state, each entry's id, title, hash, lines,
// heading, date and status, its diagnostics), kept on disk between runs under the ledger's key: the hash of its bytes,
// its spec and file name, the other ledgers' prefixes and the parser's code (sync/read-ledgers.ts). `--docs-only` and
// `search` read an unchanged ledger's record instead of parsing it (search parses it after all if it needs an entry's
// text). The cache is derived data and never trusted further than its key: a file that is missing, unreadable,
// foreign or of another key is a miss, and a miss is a parse.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LedgerReadState } from '../engine/plan-sync';
import type { Diagnostic, EntrySummary, Lifecycle } from '../ledger/types';

/** An entry without its text: what the report lists, and what a search result shows of it. */
export interface CachedEntry extends EntrySummary {
  lineEnd: number;
  heading: string;
  createdAt: string | null;
  status?: string;
  lifecycle?: Lifecycle;
  supersededBy?: string;
}

export interface CachedParse<E extends EntrySummary = CachedEntry> {
  state: LedgerReadState['state'];
  entries: E[];
  diagnostics: Diagnostic[];
}

/**
 * Each ledger is kept twice: its summary, which is all `--docs-only` reads (a third of the size, so it loads in a
 * third of the time), and its records, which `search` reads. Both are written whenever a run parses the ledger.
 */
export interface ParseCache {
  getSummary(file: string, key: string): CachedParse<EntrySummary> | null;
  getRecords(file: string, key: string): CachedParse | null;
  put(file: string, key: string, parse: CachedParse): void;
}

/** Bumped when the stored shape changes: a file of another version is a miss. */
const FORMAT = 2;

/**
 * The cache of the workspace at `root`: `$SOT_SYNC_CACHE_DIR`, else `$XDG_CACHE_HOME/sot-sync`, else
 * `~/.cache/sot-sync`, then `parse/<digest of root>/`, one file per ledger path. `SOT_SYNC_PARSE_CACHE=off` turns it
 * off (null). A base directory that this user does not own, or that others may write, is not used: whoever can write
 * the cache could make a run report what a ledger does not say.
 */
export function openParseCache(root: string, env: NodeJS.ProcessEnv): ParseCache | null {
  if (env['SOT_SYNC_PARSE_CACHE'] === 'off') return null;
  const base = env['SOT_SYNC_CACHE_DIR'] || path.join(env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), 'sot-sync');
  return new FileParseCache(base, path.join(base, 'parse', digest(path.resolve(root))));
}

class FileParseCache implements ParseCache {
  /** Whether the base directory is this user's alone; checked once per run (again after a write created it). */
  private trusted: boolean | undefined;
  /** Whether this workspace's directory exists under a trusted base (made by the first write). */
  private ready = false;

  constructor(
    private readonly base: string,
    private readonly dir: string,
  ) {}

  getSummary(file: string, key: string): CachedParse<EntrySummary> | null {
    return this.read(this.fileOf(file, 'summary'), key);
  }

  getRecords(file: string, key: string): CachedParse | null {
    return this.read(this.fileOf(file, 'records'), key) as CachedParse | null;
  }

  put(file: string, key: string, parse: CachedParse): void {
    const summary: CachedParse<EntrySummary> = { ...parse, entries: parse.entries.map(summaryOf) };
    if (this.write(this.fileOf(file, 'records'), key, parse)) this.write(this.fileOf(file, 'summary'), key, summary);
  }

  private read(target: string, key: string): CachedParse<EntrySummary> | null {
    try {
      if (!(this.trusted ??= ownedPrivately(this.base))) return null;
      const stored = JSON.parse(fs.readFileSync(target, 'utf8')) as { format?: unknown; key?: unknown; parse?: CachedParse<EntrySummary> };
      return stored.format === FORMAT && stored.key === key && isParse(stored.parse) ? stored.parse : null;
    } catch {
      return null;
    }
  }

  /** Written to a temporary file and renamed, so a reader never sees half a file; any failure is silent (false). */
  private write(target: string, key: string, parse: CachedParse<EntrySummary>): boolean {
    try {
      if (!this.ready) {
        // Nothing is created inside a base directory that is not this user's alone.
        if (!fs.existsSync(this.base) || ownedPrivately(this.base)) fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.ready = this.trusted = ownedPrivately(this.base);
      }
      if (!this.ready) return false;
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ format: FORMAT, key, parse }), { mode: 0o600 });
      fs.renameSync(temporary, target);
      return true;
    } catch {
      // A read-only home, a full disk: the next run parses again, as without a cache.
      return false;
    }
  }

  private fileOf(file: string, detail: 'summary' | 'records'): string {
    return path.join(this.dir, `${digest(file)}.${detail}.json`);
  }
}

/** The fields `report.entries` lists, in its order. */
export function summaryOf({ fileType, entryId, title, contentHash, line, source }: EntrySummary): EntrySummary {
  return { fileType, entryId, title, contentHash, line, source };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** A directory of this user that no one else may write (not checked where there are no uids: Windows). */
function ownedPrivately(dir: string): boolean {
  const stats = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return false;
  const uid = process.getuid?.();
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

function isParse(value: unknown): value is CachedParse {
  const parse = value as Partial<CachedParse> | undefined;
  return typeof parse?.state === 'string' && Array.isArray(parse.entries) && Array.isArray(parse.diagnostics);
}
