// Reads what the table holds for one project and records the project's last sync in sot_sync_meta.
import type { Deadline } from '../../runtime/deadline';
import type { TargetSnapshot } from '../../engine/plan-types';
import type { LastSyncRecord } from '../index-reader';
import type { PgSession } from './pg-session';
import type { SchemaNames } from './schema-sql';

export function lastSyncKey(projectId: string): string {
  return `last_sync:${projectId}`;
}

/**
 * Every (file_type, entry_id, content_hash) of the project in one query. The ORDER BY matches the covering index,
 * so PostgreSQL can answer it with an index-only scan and no sort.
 */
export async function readProjectRows(session: PgSession, deadline: Deadline, names: SchemaNames, projectId: string): Promise<TargetSnapshot> {
  const { rows } = await session.query<{ file_type: string; entry_id: string; content_hash: string | null }>(
    deadline,
    `SELECT file_type, entry_id, content_hash FROM ${names.entries} WHERE project_id = $1 ORDER BY project_id, file_type, entry_id`,
    [projectId],
  );
  return {
    projectId,
    // A row without a hash (written by hand or by an old tool) can never equal a ledger hash, so it gets rewritten.
    rows: rows.map((row) => ({ fileType: row.file_type, entryId: row.entry_id, contentHash: row.content_hash ?? '' })),
  };
}

export async function writeLastSync(session: PgSession, deadline: Deadline, names: SchemaNames, projectId: string, record: LastSyncRecord): Promise<void> {
  await session.query(deadline, `INSERT INTO ${names.meta} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    lastSyncKey(projectId),
    JSON.stringify(record),
  ]);
}
