// Bench support: the SQL locations the scenarios write to. SQLite files live in the temp workspace; PostgreSQL
// gets a fresh `?schema=` per location, all dropped afterwards.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import type { SqlStore } from './bench-sql';

export const PG_URL = process.env['SOT_SYNC_TEST_PG_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';

export function sqliteStore(root: string): SqlStore {
  return {
    kind: 'sqlite',
    cliUrl: (key) => `sqlite:///${key}.db`,
    naiveLocation: (key) => ({ url: path.join(root, `${key}.db`) }),
    naiveLimit: 0,
  };
}

export interface PostgresStore extends SqlStore {
  /** Drops every schema this store handed out. */
  dropSchemas(): Promise<void>;
}

export function postgresStore(size: number, naiveLimit: number): PostgresStore {
  const tag = `sot_bench_${randomBytes(3).toString('hex')}_${size}`;
  const schemas = new Set<string>();
  const schemaFor = (key: string): string => {
    const schema = `${tag}_${key.replace(/[^a-z0-9]/gi, '_')}`;
    schemas.add(schema);
    return schema;
  };
  return {
    kind: 'postgres',
    cliUrl: (key) => `${PG_URL}?schema=${key === '<fresh>' ? '<fresh schema>' : schemaFor(key)}`,
    naiveLocation: (key) => ({ url: PG_URL, name: schemaFor(key) }),
    naiveLimit,
    async dropSchemas() {
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Null when the server answers, else why not (the PostgreSQL scenarios are then skipped, loudly). */
export async function probePostgres(): Promise<string | null> {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
