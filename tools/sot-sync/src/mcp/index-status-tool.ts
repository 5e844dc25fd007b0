// `index_status`: per store and per ledger, what the ledgers hold, what the index holds, how far it is behind and
// the command that brings it up to date. Reads each store once (no lease: a running sync is never waited for).
import * as path from 'node:path';
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { Deadline } from '../runtime/deadline';
import type { readLedgers } from '../sync/read-ledgers';
import type { IndexRole } from '../targets/index-reader';
import { openIndexReader } from '../targets/open-index-reader';
import { formatIndexStatus } from './format-tool-text';
import { summarizeLedgers } from './summarize-ledgers';
import type { ToolAnswer } from './tool-answer';
import type { StatusOutput } from './tool-schemas';

type StoreStatus = StatusOutput['stores'][number];

/** The SQL table always; the Qdrant collection when one is configured. */
export async function readIndexStatus(
  options: NormalizedSyncOptions,
  deadline: Deadline,
  cwd: string,
  ledgersOf: typeof readLedgers,
): Promise<ToolAnswer<StatusOutput>> {
  const roles: IndexRole[] = options.qdrant.url ? ['sql', 'qdrant'] : ['sql'];
  const stores: StoreStatus[] = [];
  for (const role of roles) stores.push(await readStore(options, role, deadline, cwd, ledgersOf));
  const structured = { projectId: options.projectId, stores };
  return { structured, text: formatIndexStatus(structured) };
}

async function readStore(
  options: NormalizedSyncOptions,
  role: IndexRole,
  deadline: Deadline,
  cwd: string,
  ledgersOf: typeof readLedgers,
): Promise<StoreStatus> {
  const reader = await openIndexReader(options, role, deadline);
  try {
    const snapshot = await reader.readSnapshot(options.projectId, deadline);
    const lastSync = await reader.readLastSync(options.projectId, deadline);
    // Read after the store answered, as search does: the ledgers are never older than what they are compared with.
    const { entries, ledgers } = ledgersOf(options);
    const perLedger = summarizeLedgers(options.projectId, entries, ledgers, snapshot);
    const behind = perLedger.reduce((sum, ledger) => sum + ledger.behind, 0);
    return { target: role, store: reader.label, fresh: behind === 0, behind, lastSync, command: syncCommand(role, options.root, cwd), ledgers: perLedger };
  } finally {
    await reader.close();
  }
}

/** `sot-sync --db-only --execute`, with `--root` when the server's root is not the directory it was started in. */
export function syncCommand(role: IndexRole, root: string, cwd: string): string {
  const mode = role === 'qdrant' ? '--qdrant-only' : '--db-only';
  const relative = path.relative(cwd, root).split(path.sep).join('/');
  const rootFlag = relative === '' ? '' : ` --root ${/\s/.test(relative) ? JSON.stringify(relative) : relative}`;
  return `npx sot-sync${rootFlag} ${mode} --execute`;
}
