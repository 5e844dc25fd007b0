// Search, shared by `sot-sync search` and the MCP tool `search_entries`: ranked entries from the SQL table (FTS5 /
// tsvector) or the Qdrant collection, each located in the ledgers and checked against them. Returns data and formats
// text; never prints, never sets the exit code.
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { Embedder } from '../embed/embedder';
import { entriesByKey, rankHits, type SearchResult } from '../engine/rank-hits';
import type { SearchFilters } from '../engine/search-filters';
import { parseSearchTerms } from '../engine/search-terms';
import { summarizeIndex, type IndexSummary } from '../engine/summarize-index';
import { UsageError } from '../errors';
import type { Deadline } from '../runtime/deadline';
import { readLedgers } from '../sync/read-ledgers';
import type { IndexRole } from '../targets/index-reader';
import { defaultIndexRole, openIndexReader } from '../targets/open-index-reader';

export type { SearchResult } from '../engine/rank-hits';
export { makeSnippet as snippetOf } from '../engine/make-snippet';

/** The search flags (`--limit`, the filters, `--target`, `--include-stale`); the store options come from the sync's. */
export interface SearchFlags extends SearchFilters {
  /** Entries to return (default 10). */
  limit?: number;
  /** `sql` or `qdrant`; default: Qdrant when one is configured, else the SQL table. */
  target?: string;
  /** List entries the ledgers no longer have (marked `removed`); default: left out. */
  includeStale?: boolean;
}

/** The `--json` document: one result per entry, best first, and how far the index is behind the ledgers. */
export interface SearchResults {
  query: string;
  target: IndexRole;
  /** The store that answered, credentials redacted. */
  store: string;
  index: IndexSummary;
  results: SearchResult[];
}

/** Stores answer more candidates than are shown: ranking demotes some and freshness drops removed ones. */
const CANDIDATES_PER_RESULT = 4;
const MIN_CANDIDATES = 40;

/**
 * Searches the store `flags.target` names (default: Qdrant when configured, else the SQL table), then checks every
 * result against the ledgers as they are now: what changed shows the ledger's text, what left them is dropped
 * (listed with `includeStale`), and `index` says how many entries differ.
 */
export async function runSearch(
  options: NormalizedSyncOptions,
  query: string,
  flags: SearchFlags,
  deadline: Deadline,
  embedders?: readonly Embedder[],
  // A long-lived reader (the MCP server) passes one that reuses the parse of ledgers whose bytes did not change.
  ledgersOf: typeof readLedgers = readLedgers,
): Promise<SearchResults> {
  const text = query.trim();
  if (text === '') throw new UsageError('search needs a query, e.g. sot-sync search "qdrant retry backoff"');
  const limit = flags.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got ${limit}`);
  const role = chooseRole(options, flags.target);
  const reader = await openIndexReader(options, role, deadline, embedders);
  try {
    const terms = parseSearchTerms(text);
    const filters = { fileType: flags.fileType, status: flags.status, since: flags.since, until: flags.until };
    const hits = await reader.search(options.projectId, { text, terms, filters, limit: Math.max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES) }, deadline);
    // The ledgers are read after the store answered, so a result is never judged against an older parse than the hit.
    const ledgers = ledgersOf(options);
    const snapshot = await reader.readSnapshot(options.projectId, deadline);
    const index = summarizeIndex(options.projectId, ledgers.entries, ledgers.ledgers, snapshot, await reader.readLastSync(options.projectId, deadline));
    const ledgerFiles = new Map(ledgers.ledgers.map((ledger) => [ledger.fileType, ledger.file]));
    const results = rankHits(hits, entriesByKey(ledgers.entries), {
      query: text,
      idTokens: terms.idTokens,
      limit,
      includeStale: flags.includeStale ?? false,
      ledgerFiles,
    });
    return { query: text, target: role, store: reader.label, index, results };
  } finally {
    await reader.close();
  }
}

function chooseRole(options: NormalizedSyncOptions, target: string | undefined): IndexRole {
  if (target === undefined) return defaultIndexRole(options);
  if (target === 'sql' || target === 'qdrant') return target;
  throw new UsageError(`--target must be sql or qdrant, got "${target}"`);
}

/** The command that brings a store up to date with the ledgers, for the line that says it is behind. */
export function syncCommandFor(target: IndexRole): string {
  return target === 'qdrant' ? 'sot-sync --qdrant-only --execute' : 'sot-sync --db-only --execute';
}

/**
 * For people: a line when the index is behind, then rank, id, title, ledger and score; the location as editors
 * link it (`docs/ARCHITECTURE_DECISIONS.md:812`) with what is wrong with the entry, if anything; the snippet.
 */
export function formatSearchResults(found: SearchResults): string {
  const lines: string[] = [];
  if (!found.index.fresh) {
    const entries = found.index.behind === 1 ? '1 entry differs' : `${found.index.behind} entries differ`;
    lines.push(`The index is behind the ledgers: ${entries}; run ${syncCommandFor(found.target)} to sync them.`);
  }
  if (found.results.length === 0) return `${[...lines, `No results for "${found.query}".`].join('\n')}\n`;
  lines.push(`${found.results.length} result${found.results.length === 1 ? '' : 's'} for "${found.query}":`, '');
  const width = found.results.reduce((widest, result) => Math.max(widest, result.entryId.length), 0);
  found.results.forEach((result, i) => {
    const rank = String(i + 1).padStart(String(found.results.length).length);
    const indent = ' '.repeat(rank.length + 2);
    lines.push(`${rank}. ${result.entryId.padEnd(width)}  ${result.title}  (${result.fileType}, score ${formatScore(result.score)})`);
    lines.push(`${indent}${[`${result.file}:${result.lineStart}`, ...remarksOf(result)].join('  ')}`);
    if (result.snippet) lines.push(`${indent}${result.snippet}`);
  });
  return `${lines.join('\n')}\n`;
}

/** What a person must not miss about a result: it was replaced, or the index is behind on it. */
function remarksOf(result: SearchResult): string[] {
  const remarks: string[] = [];
  if (result.supersededBy) remarks.push(`[superseded by ${result.supersededBy}]`);
  else if (result.lifecycle === 'superseded' || result.lifecycle === 'deprecated' || result.lifecycle === 'rejected') remarks.push(`[${result.lifecycle}]`);
  if (result.freshness === 'changed') remarks.push("[changed since indexed: showing the ledger's current text]");
  if (result.freshness === 'removed') remarks.push('[removed from the ledgers: only the index still has it]');
  return remarks;
}

function formatScore(score: number): string {
  return Math.abs(score) >= 100 ? score.toFixed(1) : score.toPrecision(4);
}
