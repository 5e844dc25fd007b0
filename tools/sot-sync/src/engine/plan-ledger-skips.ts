// Pure: which ledgers a sync may leave unparsed, and what it records per ledger after a plan. No fs, no clock.
import type { Diagnostic } from '../ledger/types';
import type { LedgerReadState } from './plan-sync';
import type { SyncPlan, TargetSnapshot } from './plan-types';

/**
 * What a target says it last synced from one ledger: the ledger's key (a hash of its bytes, its spec and the parser's
 * code) and how many rows of that file type the sync left. Written in the same transaction as the rows.
 */
export interface LedgerRecord {
  fileType: string;
  ledgerKey: string;
  rowCount: number;
  /** The warnings its parse gave (the key fixes them), reported again when it is skipped. */
  diagnostics: Diagnostic[];
}

/**
 * The proof a target gives in one small read: its records, and how many rows it holds per file type now. A record
 * is only as good as the count beside it; the target also drops a record whenever its rows change outside a sync.
 */
export interface LedgerProof {
  records: LedgerRecord[];
  rowCounts: Record<string, number>;
}

/** A ledger as read this run, before parsing: `key` is null when it could not be read (missing, not a file). */
export interface LedgerSource {
  fileType: string;
  key: string | null;
}

/**
 * The ledgers whose key equals the target's record and whose row count the target still holds: their rows are
 * exactly what parsing them would write, so they are not parsed. Each gets its record (its rows count as unchanged).
 */
export function planLedgerSkips(sources: readonly LedgerSource[], proof: LedgerProof): LedgerRecord[] {
  const records = new Map(proof.records.map((record) => [record.fileType, record]));
  const skipped: LedgerRecord[] = [];
  for (const source of sources) {
    const record = records.get(source.fileType);
    if (source.key === null || record === undefined || record.ledgerKey !== source.key) continue;
    if ((proof.rowCounts[source.fileType] ?? 0) !== record.rowCount) continue;
    skipped.push(record);
  }
  return skipped;
}

/** A ledger that was parsed this run: its key, how it read, how many entries and which diagnostics it gave. */
export interface ParsedLedgerState extends LedgerReadState {
  key: string | null;
  entries: number;
  diagnostics: Diagnostic[];
}

/**
 * The records a sync writes once `plan` is applied to `snapshot`: one per parsed ledger read without errors (its
 * warnings go into the record, so a later skip reports them as a parse would) and whose file type then holds
 * exactly its entries (no stale row kept by --no-prune or a refused delete). Others are parsed next time.
 */
export function planLedgerRecords(ledgers: readonly ParsedLedgerState[], snapshot: TargetSnapshot, plan: SyncPlan): LedgerRecord[] {
  const rows = new Map<string, number>();
  const add = (fileType: string, n: number): void => void rows.set(fileType, (rows.get(fileType) ?? 0) + n);
  for (const row of snapshot.rows) add(row.fileType, 1);
  for (const op of plan.operations) {
    if (op.kind === 'insert') add(op.entry.fileType, 1);
    else if (op.kind === 'delete') add(op.fileType, -1);
  }
  const records: LedgerRecord[] = [];
  for (const ledger of ledgers) {
    if (ledger.key === null || (ledger.state !== 'ok' && ledger.state !== 'empty')) continue;
    if (ledger.diagnostics.some((d) => d.severity === 'error')) continue;
    const rowCount = rows.get(ledger.fileType) ?? 0;
    if (rowCount === ledger.entries) records.push({ fileType: ledger.fileType, ledgerKey: ledger.key, rowCount, diagnostics: ledger.diagnostics });
  }
  return records;
}
