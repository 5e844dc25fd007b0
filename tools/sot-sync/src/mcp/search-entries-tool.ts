// `search_entries`: ranked entries for a query, from the store `sot-sync search` reads, as `search --json` gives them.
import { formatSearchResults, runSearch, type SearchResults } from '../retrieval/search-entries';
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { Deadline } from '../runtime/deadline';
import type { readLedgers } from '../sync/read-ledgers';
import type { ToolAnswer } from './tool-answer';
import type { SearchArgs } from './tool-schemas';

export async function searchEntries(
  options: NormalizedSyncOptions,
  args: SearchArgs,
  deadline: Deadline,
  ledgersOf: typeof readLedgers,
): Promise<ToolAnswer<SearchResults>> {
  const { query, limit, fileType, status, since, until } = args;
  const flags = Object.fromEntries(Object.entries({ limit, fileType, status, since, until }).filter(([, value]) => value !== undefined));
  const found = await runSearch(options, query, flags, deadline, undefined, ledgersOf);
  return { structured: found, text: formatSearchResults(found) };
}
