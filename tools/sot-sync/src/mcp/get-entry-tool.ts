// `get_entry`: one entry's current text from the ledger, by id or by file:line, as `get --json` gives it.
import { formatEntry, runGet, type EntryDocument } from '../retrieval/get-entry';
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { Deadline } from '../runtime/deadline';
import type { readLedgers } from '../sync/read-ledgers';
import { ToolArgumentError, type ToolAnswer } from './tool-answer';
import type { GetArgs } from './tool-schemas';

const LOCATION = /^.+:\d+$/;

export async function getEntry(
  options: NormalizedSyncOptions,
  args: GetArgs,
  deadline: Deadline,
  ledgersOf: typeof readLedgers,
): Promise<ToolAnswer<EntryDocument>> {
  const found = await runGet(options, refOf(args), deadline, ledgersOf);
  return { structured: found, text: formatEntry(found) };
}

/** Exactly one of `id` and `location`; a location is `file:line`. */
function refOf({ id, location }: GetArgs): string {
  if (id !== undefined && location !== undefined) throw new ToolArgumentError('give either id or location, not both');
  if (location !== undefined) {
    if (!LOCATION.test(location.trim())) throw new ToolArgumentError(`location must be file:line, e.g. docs/DEBUG_LOG.md:120, got "${location}"`);
    return location.trim();
  }
  if (id === undefined || id.trim() === '')
    throw new ToolArgumentError('id or location is required, e.g. {"id": "DEC-012"} or {"location": "docs/DEBUG_LOG.md:120"}');
  if (LOCATION.test(id.trim()) && /[./\\]/.test(id))
    throw new ToolArgumentError(`id must be an entry id such as DEC-012; "${id}" is a location: pass it as location`);
  return id.trim();
}
