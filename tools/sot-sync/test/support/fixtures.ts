// Test support: reads the ledger fixtures under test/fixtures/ledgers and parses them the way the sync does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLedger } from '../../src/ledger/parse-ledger';
import type { Diagnostic, LedgerEntry, LedgerSpec, ParsedLedger } from '../../src/ledger/types';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'ledgers');

/** The three ledgers of a workspace, as `DEFAULT_LEDGERS` declares them. */
export const LEDGERS = {
  build: { fileType: 'build_history', path: 'BUILD_HISTORY.md', prefix: 'BUILD' },
  dec: { fileType: 'architecture', path: 'ARCHITECTURE_DECISIONS.md', prefix: 'DEC' },
  dbg: { fileType: 'debug_log', path: 'DEBUG_LOG.md', prefix: 'DBG' },
} as const satisfies Record<string, LedgerSpec>;

export type LedgerKind = keyof typeof LEDGERS;

/** Every ledger prefix: the sync passes them all, and the parser drops its own. */
export const ALL_PREFIXES: readonly string[] = Object.values(LEDGERS).map((spec) => spec.prefix);

/** A fixture's text exactly as stored (UTF-8, LF unless the fixture says otherwise). */
export function readFixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

/** The same text with every line ending written as CRLF, as a Windows checkout would have it. */
export function withCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** The same text with spaces and a tab after every line, as an untidy editor would leave it. */
export function withTrailingWhitespace(text: string): string {
  return text.replace(/(\r\n|\r|\n)/g, ' \t $1').concat('  ');
}

/** Parses `text` as the ledger of `kind`, with the file name and foreign prefixes the sync would pass. */
export function parseText(text: string, kind: LedgerKind): ParsedLedger {
  const spec = LEDGERS[kind];
  return parseLedger(text, spec, { file: `docs/${spec.path}`, foreignPrefixes: ALL_PREFIXES });
}

/** Reads and parses one fixture. */
export function parseFixture(name: string, kind: LedgerKind): ParsedLedger {
  return parseText(readFixture(name), kind);
}

/** The part of a diagnostic a test pins down: which rule fired, how badly, and where. */
export interface DiagnosticSummary {
  rule: string;
  severity: Diagnostic['severity'];
  line: number;
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticSummary[] {
  return diagnostics.map(({ rule, severity, line }) => ({ rule, severity, line }));
}

/** The fields of an entry that say what it is and where it came from (content is checked separately). */
export interface EntrySummary {
  entryId: string;
  title: string;
  source: LedgerEntry['source'];
  line: number;
  createdAt: string | null;
}

export function summarizeEntries(entries: readonly LedgerEntry[]): EntrySummary[] {
  return entries.map(({ entryId, title, source, line, createdAt }) => ({ entryId, title, source, line, createdAt }));
}

/** The entry with `entryId`; fails the test when there is none. */
export function entryById(parsed: ParsedLedger, entryId: string): LedgerEntry {
  const entry = parsed.entries.find((candidate) => candidate.entryId === entryId);
  if (!entry) throw new Error(`no entry ${entryId}; entries: ${parsed.entries.map((e) => e.entryId).join(', ') || 'none'}`);
  return entry;
}
