// The ledgers for a long-lived server: read on every call (they are the source of truth), parsed again only when a
// ledger's bytes changed. Holds the last parse of each configured ledger and nothing more, so memory stays flat
// over a session of any length.
import type { NormalizedSyncOptions } from '../config/normalize-options';
import { readLedgerFiles } from '../io/read-ledger-files';
import { parseLedgerReads, type ParsedLedgers } from '../sync/read-ledgers';

type LedgerOptions = Pick<NormalizedSyncOptions, 'root' | 'docsDir' | 'ledgers'>;

/** Gives what `readLedgers` gives; comparing a ledger's bytes with the last ones costs far less than parsing them. */
export class LedgerCache {
  private readonly parses = new Map<string, { bytes: Buffer | null; parsed: ParsedLedgers }>();

  read(options: LedgerOptions): ParsedLedgers {
    const result: ParsedLedgers = { entries: [], summaries: [], diagnostics: [], ledgers: [], parsedStates: [] };
    const kept = new Set<string>();
    for (const read of readLedgerFiles(options.root, options.docsDir, options.ledgers)) {
      const key = JSON.stringify([read.spec, read.file]);
      kept.add(key);
      let cached = this.parses.get(key);
      if (!cached || !sameBytes(cached.bytes, read.bytes) || read.diagnostics.length > 0) {
        cached = { bytes: read.bytes, parsed: parseLedgerReads([read], options) };
        this.parses.set(key, cached);
      }
      const { parsed } = cached;
      // One push per item: a ledger of many thousand entries overflows the stack as push(...items).
      for (const entry of parsed.entries) result.entries.push(entry);
      for (const summary of parsed.summaries) result.summaries.push(summary);
      for (const diagnostic of parsed.diagnostics) result.diagnostics.push(diagnostic);
      for (const ledger of parsed.ledgers) result.ledgers.push(ledger);
      for (const state of parsed.parsedStates) result.parsedStates.push(state);
    }
    for (const key of this.parses.keys()) if (!kept.has(key)) this.parses.delete(key);
    return result;
  }
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a !== null && b !== null && a.equals(b);
}
