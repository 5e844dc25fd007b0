// The text form of the results of entries_for_files and index_status, for clients that show text only. Pure.
import type { FilesOutput, StatusOutput } from './tool-schemas';

/** `DBG-045  Lease broke on NFS  (debug_log, 2026-01-20)`, where it is, then why it matched, per entry. */
export function formatEntriesForFiles(found: FilesOutput): string {
  if (found.total === 0) return `No entry names ${found.files.join(', ')}.\n`;
  const shown = found.entries.length < found.total ? ` (the newest ${found.entries.length} listed)` : '';
  const lines = [`${found.total} entr${found.total === 1 ? 'y names' : 'ies name'} these files${shown}:`, ''];
  for (const entry of found.entries) {
    const facts = [entry.fileType, entry.createdAt, entry.status].filter((fact): fact is string => Boolean(fact));
    lines.push(`${entry.entryId}  ${entry.title}  (${facts.join(', ')})${entry.supersededBy ? `  [superseded by ${entry.supersededBy}]` : ''}`);
    lines.push(`  ${entry.file}:${entry.lineStart}`);
    for (const match of entry.matches) lines.push(`  ${match.file}: ${match.why}${match.kind === 'glob' ? '' : ` (${match.text})`}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Per store: fresh or how far behind and the command that syncs it; then one line per ledger. */
export function formatIndexStatus(status: StatusOutput): string {
  const lines: string[] = [];
  for (const store of status.stores) {
    const synced = store.lastSync ? `last sync ${store.lastSync}` : 'never synced';
    lines.push(
      `${store.target} index ${store.store}: ${store.fresh ? 'fresh' : `behind by ${store.behind} entr${store.behind === 1 ? 'y' : 'ies'}; run ${store.command}`} (${synced})`,
    );
    for (const ledger of store.ledgers) {
      const behind = ledger.behind === 0 ? 'in step' : `${ledger.changed} changed, ${ledger.missing} missing, ${ledger.removed} removed`;
      lines.push(
        `  ${ledger.file}: ${ledger.entries} in the ledger${ledger.state === 'ok' || ledger.state === 'empty' ? '' : ` (${ledger.state})`}, ${ledger.indexed} indexed, ${behind}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
