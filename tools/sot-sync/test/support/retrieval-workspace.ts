// Test support for retrieval: a temp workspace holding the retrieval fixture ledgers (44 entries), options for a
// given store, a sync through the real engine, and where an entry's heading is in a fixture (for provenance checks).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeOptions, type NormalizedSyncOptions } from '../../src/config/normalize-options';
import { Deadline } from '../../src/runtime/deadline';
import { runSync } from '../../src/sync/run-sync';
import type { SyncReport } from '../../src/sync/sync-report';
import { FIXTURE_DIR } from './fixtures';
import { makeTempWorkspace, type TempWorkspace } from './temp-workspace';

export const RETRIEVAL_DIR = path.join(FIXTURE_DIR, 'retrieval');
export const RETRIEVAL_LEDGERS = ['BUILD_HISTORY.md', 'ARCHITECTURE_DECISIONS.md', 'DEBUG_LOG.md'] as const;

export interface LabelledQuery {
  query: string;
  relevant: string[];
}

export function labelledQueries(): LabelledQuery[] {
  return (JSON.parse(fs.readFileSync(path.join(RETRIEVAL_DIR, 'queries.json'), 'utf8')) as { queries: LabelledQuery[] }).queries;
}

export function retrievalFixture(name: (typeof RETRIEVAL_LEDGERS)[number]): string {
  return fs.readFileSync(path.join(RETRIEVAL_DIR, name), 'utf8');
}

/** A workspace whose docs/ holds the three retrieval ledgers. */
export function retrievalWorkspace(): TempWorkspace {
  return makeTempWorkspace(Object.fromEntries(RETRIEVAL_LEDGERS.map((name) => [name, retrievalFixture(name)])));
}

/** The 1-based line of the heading (or INDEX row, for `row: true`) naming `entryId` in a text. */
export function lineOf(text: string, entryId: string, row = false): number {
  const pattern = row ? new RegExp(`^\\|[^|]*\\| ${entryId.replace('.', '\\.')} \\|`) : new RegExp(`^#{2,4} ${entryId.replace('.', '\\.')}[:| ]`);
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no ${row ? 'row' : 'heading'} for ${entryId}`);
  return index + 1;
}

/** Options as the CLI would build them for `root`, with the given options and environment. */
export function optionsFor(root: string, given: Record<string, unknown> = {}, env: Record<string, string> = {}): NormalizedSyncOptions {
  return normalizeOptions({ given: { mode: 'docs-only', ...given }, config: undefined, env, root });
}

/** One sync through the real engine (no lease files: these workspaces are private to the test). */
export async function syncWith(
  options: NormalizedSyncOptions,
  mode: 'db-only' | 'qdrant-only' | 'full',
  extra: Partial<NormalizedSyncOptions> = {},
): Promise<SyncReport> {
  const deadline = new Deadline(60);
  try {
    return await runSync(
      { ...options, mode, execute: true, ...extra },
      { deadline, now: () => new Date('2026-02-01T12:00:00Z'), takeLocks: async () => async () => undefined },
    );
  } finally {
    deadline.dispose();
  }
}

/** Runs `work` with a fresh deadline, disposed after. */
export async function withDeadline<T>(work: (deadline: Deadline) => Promise<T>, seconds = 30): Promise<T> {
  const deadline = new Deadline(seconds);
  try {
    return await work(deadline);
  } finally {
    deadline.dispose();
  }
}
