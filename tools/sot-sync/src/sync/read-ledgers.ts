// The parse phase: read every configured ledger and parse it; the ledger states decide how far pruning reaches.
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { LedgerReadState } from '../engine/plan-sync';
import { parseLedger } from '../ledger/parse-ledger';
import type { Diagnostic, LedgerEntry } from '../ledger/types';
import { readLedgerFiles } from '../io/read-ledger-files';

export interface LedgerSummary {
  fileType: string;
  file: string;
  entries: number;
  state: LedgerReadState['state'];
}

export interface ParsedLedgers {
  entries: LedgerEntry[];
  diagnostics: Diagnostic[];
  ledgers: LedgerSummary[];
}

export function readLedgers(options: Pick<NormalizedSyncOptions, 'root' | 'docsDir' | 'ledgers'>): ParsedLedgers {
  const prefixes = options.ledgers.map((spec) => spec.prefix);
  const result: ParsedLedgers = { entries: [], diagnostics: [], ledgers: [] };
  for (const read of readLedgerFiles(options.root, options.docsDir, options.ledgers)) {
    const parsed = read.bytes === null ? null : parseLedger(read.bytes, read.spec, { file: read.file, foreignPrefixes: prefixes });
    const diagnostics = [...read.diagnostics, ...(parsed?.diagnostics ?? [])];
    const entries = parsed?.entries ?? [];
    result.entries.push(...entries);
    result.diagnostics.push(...diagnostics);
    result.ledgers.push({ fileType: read.spec.fileType, file: read.file, entries: entries.length, state: stateOf(read.bytes, entries, diagnostics) });
  }
  return result;
}

function stateOf(bytes: Buffer | null, entries: LedgerEntry[], diagnostics: Diagnostic[]): LedgerReadState['state'] {
  if (bytes === null) return diagnostics.some((d) => d.rule === 'missing-ledger') ? 'missing' : 'invalid';
  if (diagnostics.some((d) => d.severity === 'error')) return 'invalid';
  return entries.length === 0 ? 'empty' : 'ok';
}
