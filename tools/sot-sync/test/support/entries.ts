// Test builders for ledger entries and hand-written plans, with defaults so each test states only what it is about.
import { createHash } from 'node:crypto';
import type { Operation, SyncPlan } from '../../src/engine/plan-types';
import type { LedgerEntry } from '../../src/ledger/types';

/** First 16 hex chars of sha256(content): the shape of a real content hash (the real one normalizes first). */
export function hashOf(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 16);
}

/** A DEC-012 architecture entry; any field can be overridden, and contentHash follows content unless given. */
export function anEntry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  const entryId = overrides.entryId ?? 'DEC-012';
  const title = overrides.title ?? `${entryId}: Keep ledgers and indexes in step`;
  const content = overrides.content ?? `## ${title}\n\n**Status**: Accepted\n\nBody of ${entryId}.\n`;
  return {
    fileType: 'architecture',
    entryId,
    title,
    content,
    contentHash: hashOf(content),
    line: 1,
    lineEnd: content.split('\n').length,
    file: 'docs/ARCHITECTURE_DECISIONS.md',
    heading: title,
    source: 'section',
    metadata: { source: 'section', line: 1 },
    createdAt: '2026-01-08',
    ...overrides,
  };
}

/** `count` distinct entries BUILD-1 … BUILD-count of one file type, for volume tests and benchmarks. */
export function manyEntries(count: number, fileType = 'build_history', salt = ''): LedgerEntry[] {
  return Array.from({ length: count }, (_, index) =>
    anEntry({ fileType, entryId: `BUILD-${index + 1}`, content: `## BUILD-${index + 1}${salt}\n\nEntry ${index + 1}.\n` }),
  );
}

/** A plan literal whose counts match its operations, as the real planner would produce. */
export function aPlan(projectId: string, operations: Operation[], unchanged = 0): SyncPlan {
  const count = (kind: Operation['kind']): number => operations.filter((op) => op.kind === kind).length;
  const scope = [...new Set(operations.map((op) => (op.kind === 'delete' ? op.fileType : op.entry.fileType)))];
  return {
    projectId,
    scope,
    operations,
    counts: { inserted: count('insert'), updated: count('update'), deleted: count('delete'), unchanged },
    refusals: [],
  };
}

export function inserts(entries: readonly LedgerEntry[]): Operation[] {
  return entries.map((entry) => ({ kind: 'insert', entry }));
}
