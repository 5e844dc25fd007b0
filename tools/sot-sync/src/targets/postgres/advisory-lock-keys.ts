// Stable advisory-lock keys the PostgreSQL target derives from names. Pure.
import { createHash } from 'node:crypto';

/**
 * A signed 64-bit key (as a decimal string, pg's bigint wire form) from the first 8 bytes of sha256(`text`).
 * Every machine computes the same key for the same project, so their `pg_advisory_xact_lock` calls serialize.
 */
export function advisoryKey(text: string): string {
  return createHash('sha256').update(`sot-sync:${text}`, 'utf8').digest().readBigInt64BE(0).toString();
}

/** The key two syncs of one project share, whatever schema or machine they run from. */
export function projectLockKey(projectId: string): string {
  return advisoryKey(`project:${projectId}`);
}

/** The key that serializes table creation, so ten first runs at once do not race on CREATE TABLE. */
export function setupLockKey(schema: string, table: string): string {
  return advisoryKey(`setup:${schema}.${table}`);
}
