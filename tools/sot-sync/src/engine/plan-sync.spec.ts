import { fc, test as propTest } from '@fast-check/jest';
import { anEntry } from '../../test/support/entries';
import { fingerprintRows, rowsAfter } from './fingerprint-rows';
import { planSync, type LedgerReadState } from './plan-sync';
import type { TargetRow, TargetSnapshot } from './plan-types';

const ok = (fileType = 'architecture'): LedgerReadState => ({ fileType, state: 'ok' });
const snapshot = (rows: TargetRow[]): TargetSnapshot => ({ projectId: 'p', rows });
const rowOf = (entry: { fileType: string; entryId: string; contentHash: string }): TargetRow => ({
  fileType: entry.fileType,
  entryId: entry.entryId,
  contentHash: entry.contentHash,
});
const defaults = { prune: true, allowMassDelete: false };

describe('planSync', () => {
  const a = anEntry({ entryId: 'DEC-001' });
  const b = anEntry({ entryId: 'DEC-002' });

  it('inserts what the target lacks and leaves equal hashes alone', () => {
    const plan = planSync('p', [a, b], [ok()], snapshot([rowOf(a)]), defaults);
    expect(plan.operations).toEqual([{ kind: 'insert', entry: b }]);
    expect(plan.counts).toEqual({ inserted: 1, updated: 0, deleted: 0, unchanged: 1 });
  });

  it('updates a row whose hash differs, remembering the previous hash', () => {
    const plan = planSync('p', [a], [ok()], snapshot([{ ...rowOf(a), contentHash: 'old' }]), defaults);
    expect(plan.operations).toEqual([{ kind: 'update', entry: a, previousHash: 'old' }]);
  });

  it('deletes stale rows only of the ledgers read this run', () => {
    const other = { fileType: 'debug_log', entryId: 'DBG-001', contentHash: 'x' };
    const plan = planSync('p', [a], [ok()], snapshot([rowOf(a), rowOf(b), other]), defaults);
    expect(plan.operations).toEqual([{ kind: 'delete', fileType: 'architecture', entryId: 'DEC-002' }]);
  });

  it('keeps stale rows with prune off, and of a ledger read with errors', () => {
    expect(planSync('p', [a], [ok()], snapshot([rowOf(a), rowOf(b)]), { ...defaults, prune: false }).operations).toEqual([]);
    const invalid: LedgerReadState = { fileType: 'architecture', state: 'invalid' };
    const plan = planSync('p', [a], [invalid], snapshot([rowOf(a), rowOf(b)]), defaults);
    expect(plan.operations).toEqual([]);
    expect(plan.scope).toEqual([]);
  });

  it('refuses to empty a missing or empty ledger unless allowed', () => {
    const missing: LedgerReadState = { fileType: 'architecture', state: 'missing' };
    const refused = planSync('p', [], [missing], snapshot([rowOf(a)]), defaults);
    expect(refused.refusals).toEqual([expect.objectContaining({ rule: 'empty-ledger', fileType: 'architecture' })]);
    expect(refused.operations).toEqual([]);
    const allowed = planSync('p', [], [missing], snapshot([rowOf(a)]), { ...defaults, allowMassDelete: true });
    expect(allowed.counts.deleted).toBe(1);
    expect(allowed.refusals).toEqual([]);
  });

  it('refuses to delete more than 10% and more than 5 rows of a ledger', () => {
    const entries = Array.from({ length: 40 }, (_, i) => anEntry({ entryId: `DEC-${i + 1}` }));
    const rows = entries.map(rowOf);
    expect(planSync('p', entries.slice(6), [ok()], snapshot(rows), defaults).refusals).toEqual([expect.objectContaining({ rule: 'mass-delete' })]);
    // 4 of 40 is 10% exactly: allowed; 5 rows is not "more than 5".
    expect(planSync('p', entries.slice(4), [ok()], snapshot(rows), defaults).counts.deleted).toBe(4);
    const few = entries.slice(0, 8);
    expect(planSync('p', few.slice(3), [ok()], snapshot(few.map(rowOf)), defaults).counts.deleted).toBe(3);
  });

  propTest.prop([fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 30 }), fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 30 })])(
    'planning again after applying the plan yields nothing',
    (inLedger, inTarget) => {
      const entries = inLedger.map((n) => anEntry({ entryId: `DEC-${n}`, content: `c${n}` }));
      const rows = inTarget.map((n) => ({
        fileType: 'architecture',
        entryId: `DEC-${n}`,
        contentHash: n % 3 === 0 ? 'stale' : anEntry({ content: `c${n}` }).contentHash,
      }));
      const plan = planSync('p', entries, [ok()], snapshot(rows), { prune: true, allowMassDelete: true });
      const after = rowsAfter(rows, plan.operations);
      const again = planSync('p', entries, [ok()], snapshot(after), { prune: true, allowMassDelete: true });
      expect(again.operations).toEqual([]);
      expect(again.counts.unchanged).toBe(entries.length);
      expect(fingerprintRows(after)).toBe(fingerprintRows(entries.map(rowOf)));
    },
  );
});
