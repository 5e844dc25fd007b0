// Chooses the Qdrant a test talks to: the in-process test server, or a real Qdrant when SOT_SYNC_TEST_QDRANT_URL is set.
import { randomBytes } from 'node:crypto';
import type { QdrantFaults } from './fault-injection';
import type { ContractViolation } from './openapi-contract';
import { type RecordedRequest, startQdrantTestServer } from './qdrant-test-server';

export interface QdrantUnderTest {
  url: string;
  /** SOT_SYNC_TEST_QDRANT_API_KEY for a real server; undefined for the test server. */
  apiKey?: string;
  /** Null against a real Qdrant, so fault and request-log tests skip (see `realQdrantSkipReason`). */
  faults: QdrantFaults | null;
  requests: readonly RecordedRequest[] | null;
  violations: readonly ContractViolation[] | null;
  /** A collection name unique to this run and test; collections named this way are deleted by `close()`. */
  collectionName(label: string): string;
  /** An alias name unique to this run; aliases named this way are deleted by `close()`. */
  aliasName(label: string): string;
  close(): Promise<void>;
}

/**
 * Why a test that needs the test server (faults, request logs, its own documented choices) cannot run, or null.
 * Print it where the test is skipped, so a run against a real Qdrant says what it did not cover.
 */
export function realQdrantSkipReason(what: string): string | null {
  const url = process.env['SOT_SYNC_TEST_QDRANT_URL'];
  return url ? `skipped ${what}: SOT_SYNC_TEST_QDRANT_URL is set (${new URL(url).host}), this needs the test server` : null;
}

/** Starts the test server, or points at SOT_SYNC_TEST_QDRANT_URL (a real Qdrant) when that is set. */
export async function qdrantUnderTest(): Promise<QdrantUnderTest> {
  const prefix = `sot_sync_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const collections = new Set<string>();
  const aliases = new Set<string>();
  const names = {
    collectionName(label: string) {
      const name = `${prefix}_${label}_${collections.size}`;
      collections.add(name);
      return name;
    },
    aliasName(label: string) {
      const name = `${prefix}_alias_${label}_${aliases.size}`;
      aliases.add(name);
      return name;
    },
  };
  const realUrl = process.env['SOT_SYNC_TEST_QDRANT_URL'];
  if (!realUrl) {
    const server = await startQdrantTestServer();
    const { url, faults, requests, violations } = server;
    return { ...names, url, faults, requests, violations, close: () => server.close() };
  }
  const apiKey = process.env['SOT_SYNC_TEST_QDRANT_API_KEY'] || undefined;
  const url = realUrl.replace(/\/+$/, '');
  return {
    ...names,
    url,
    apiKey,
    faults: null,
    requests: null,
    violations: null,
    close: () => cleanUp(url, apiKey, [...collections], [...aliases]),
  };
}

// Best effort: a test that failed half-way may not have created what it named, so errors are ignored.
async function cleanUp(url: string, apiKey: string | undefined, collections: string[], aliases: string[]): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(apiKey ? { 'api-key': apiKey } : {}) };
  for (const alias of aliases) {
    const body = JSON.stringify({ actions: [{ delete_alias: { alias_name: alias } }] });
    await fetch(`${url}/collections/aliases`, { method: 'POST', headers, body }).catch(() => undefined);
  }
  for (const name of collections) {
    await fetch(`${url}/collections/${encodeURIComponent(name)}`, { method: 'DELETE', headers }).catch(() => undefined);
  }
}
