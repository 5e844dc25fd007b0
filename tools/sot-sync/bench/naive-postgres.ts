// Naive baseline, PostgreSQL: for every entry, one SELECT round trip, then one INSERT or UPDATE round trip.
import { Client } from 'pg';
import type { LedgerEntry } from '../src/ledger/types';
import { schemaNames, setupStatements } from '../src/targets/postgres/schema-sql';
import { toUtcTimestamp } from '../src/targets/postgres/write-rows';
import { PROJECT_ID, type NaiveCounts, type NaiveTarget } from './naive-types';

export async function naivePostgres(entries: LedgerEntry[], target: NaiveTarget): Promise<NaiveCounts> {
  const names = schemaNames(target.name, 'sot_entries');
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.name}"`);
    for (const statement of setupStatements(names)) await client.query(statement);
    const counts: NaiveCounts = { inserted: 0, updated: 0, unchanged: 0, embedCalls: 0, upserts: 0 };
    const now = new Date().toISOString();
    if (!target.commitPerRow) await client.query('BEGIN');
    for (const e of entries) {
      const found = await client.query<{ content_hash: string }>(
        `SELECT content_hash FROM ${names.entries} WHERE project_id = $1 AND file_type = $2 AND entry_id = $3`,
        [PROJECT_ID, e.fileType, e.entryId],
      );
      const held = found.rows[0]?.content_hash;
      const values = [PROJECT_ID, e.fileType, e.entryId, e.title, e.content, JSON.stringify(e.metadata), toUtcTimestamp(e.createdAt), now, e.contentHash];
      if (held === undefined) {
        await client.query(
          `INSERT INTO ${names.entries} (project_id, file_type, entry_id, title, content, metadata, created_at, updated_at, content_hash)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
          values,
        );
      } else if (held !== e.contentHash) {
        await client.query(
          `UPDATE ${names.entries} SET title = $4, content = $5, metadata = $6::jsonb, created_at = $7, updated_at = $8, content_hash = $9
           WHERE project_id = $1 AND file_type = $2 AND entry_id = $3`,
          values,
        );
      }
      counts[held === undefined ? 'inserted' : held !== e.contentHash ? 'updated' : 'unchanged']++;
    }
    if (!target.commitPerRow) await client.query('COMMIT');
    return counts;
  } finally {
    await client.end();
  }
}
