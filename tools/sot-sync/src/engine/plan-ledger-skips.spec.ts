import { planLedgerRecords, planLedgerSkips, type ParsedLedgerState } from './plan-ledger-skips';
import type { SyncPlan } from './plan-types';

const record = (fileType: string, ledgerKey: string, rowCount: number) => ({ fileType, ledgerKey, rowCount, diagnostics: [] });

describe('planLedgerSkips', () => {
  it('skips a ledger only when both its key and its row count match the record', () => {
    const proof = { records: [record('a', 'k1', 2), record('b', 'k2', 3), record('c', 'k3', 1)], rowCounts: { a: 2, b: 2, c: 1 } };
    const sources = [
      { fileType: 'a', key: 'k1' },
      { fileType: 'b', key: 'k2' },
      { fileType: 'c', key: 'other' },
      { fileType: 'd', key: null },
    ];
    expect(planLedgerSkips(sources, proof).map((r) => r.fileType)).toEqual(['a']);
  });
});

describe('planLedgerRecords', () => {
  const ledger = (fileType: string, entries: number, state: ParsedLedgerState['state'] = 'ok'): ParsedLedgerState => ({
    fileType,
    state,
    key: `key-${fileType}`,
    entries,
    diagnostics: [],
  });
  const plan = (operations: SyncPlan['operations']): SyncPlan => ({
    projectId: 'p',
    scope: [],
    operations,
    counts: { inserted: 0, updated: 0, deleted: 0, unchanged: 0 },
    refusals: [],
  });

  it('records a ledger whose file type holds exactly its entries after the plan, and no invalid or stale one', () => {
    const snapshot = {
      projectId: 'p',
      rows: [
        { fileType: 'a', entryId: 'A-1', contentHash: 'h' },
        { fileType: 'b', entryId: 'B-1', contentHash: 'h' },
        { fileType: 'b', entryId: 'B-9', contentHash: 'h' },
      ],
    };
    const entry = { fileType: 'a', entryId: 'A-2' } as never;
    const records = planLedgerRecords([ledger('a', 2), ledger('b', 1), ledger('c', 0, 'invalid')], snapshot, plan([{ kind: 'insert', entry }]));
    expect(records).toEqual([{ fileType: 'a', ledgerKey: 'key-a', rowCount: 2, diagnostics: [] }]);
  });
});
