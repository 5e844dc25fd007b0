// What a parse of one ledger reports (its state, its entries' ids, titles, hashes and lines, its diagnostics), kept on
// disk between runs under the ledger's key: the hash of its bytes, its spec and file name, the other ledgers'
// prefixes and the parser's code (sync/read-ledgers.ts). A run that needs no entry's content (`--docs-only`) reads
// the summary of an unchanged ledger instead of parsing it. The cache is derived data and never trusted further than
// its key: a file that is missing, unreadable, foreign or of another key is a miss, and a miss is a parse.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LedgerReadState } from '../engine/plan-sync';
import type { Diagnostic, EntrySummary } from '../ledger/types';

export interface CachedParse {
  state: LedgerReadState['state'];
  entries: EntrySummary[];
  diagnostics: Diagnostic[];
}

export interface ParseCache {
  get(file: string, key: string): CachedParse | null;
  put(file: string, key: string, parse: CachedParse): void;
}

/** Bumped when the stored shape changes: a file of another version is a miss. */
const FORMAT = 1;

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
  /** Whether the base directory was checked and may be used; undefined until the first write needs it. */
  private usable: boolean | undefined;

  constructor(
    private readonly base: string,
    private readonly dir: string,
  ) {}

  get(file: string, key: string): CachedParse | null {
    try {
      if (!ownedPrivately(this.base)) return null;
      const text = fs.readFileSync(this.fileOf(file), 'utf8');
      const stored = JSON.parse(text) as { format?: unknown; key?: unknown; parse?: CachedParse };
      return stored.format === FORMAT && stored.key === key && isParse(stored.parse) ? stored.parse : null;
    } catch {
      return null;
    }
  }

  /** Written to a temporary file and renamed, so a reader never sees half a file; any failure is silent. */
  put(file: string, key: string, parse: CachedParse): void {
    try {
      if (this.usable === undefined) {
        fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.usable = ownedPrivately(this.base);
      }
      if (!this.usable) return;
      const target = this.fileOf(file);
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ format: FORMAT, key, parse }), { mode: 0o600 });
      fs.renameSync(temporary, target);
    } catch {
      // A read-only home, a full disk: the next run parses again, as without a cache.
    }
  }

  private fileOf(file: string): string {
    return path.join(this.dir, `${digest(file)}.json`);
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** A directory of this user that no one else may write (not checked where there are no uids: Windows). */
function ownedPrivately(dir: string): boolean {
  const stats = fs.lstatSync(dir);
  if (!stats.isDirectory()) return false;
  const uid = process.getuid?.();
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

function isParse(value: unknown): value is CachedParse {
  const parse = value as Partial<CachedParse> | undefined;
  return typeof parse?.state === 'string' && Array.isArray(parse.entries) && Array.isArray(parse.diagnostics);
}
