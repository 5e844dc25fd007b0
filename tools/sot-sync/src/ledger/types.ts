// Pure data shapes shared by the parser, the validator and the engine. No IO.

/** One ledger the tool reads: `docs/BUILD_HISTORY.md` holds `BUILD-` ids under file type `build_history`. */
export interface LedgerSpec {
  /** Key stored in `sot_entries.file_type` (existing databases use `build_history`, `architecture`, `debug_log`). */
  fileType: string;
  /** Path relative to the docs directory, posix separators. */
  path: string;
  /** Id prefix without the dash, e.g. `BUILD`. */
  prefix: string;
}

export type EntrySource = 'section' | 'index';

/** Metadata gathered from the heading, bold key lines and the INDEX row. JSON-safe. */
export interface EntryMetadata {
  source: EntrySource;
  line: number;
  date?: string;
  status?: string;
  category?: string;
  severity?: string;
  impact?: string;
  summary?: string;
  filesChanged?: string;
  /** Line of every section that makes up the entry, when it has more than one. */
  sectionLines?: number[];
  /** Line of the INDEX row, when the entry has one. */
  indexLine?: number;
}

/** One entry of a ledger: the unit stored as a row and as points. */
export interface LedgerEntry {
  fileType: string;
  entryId: string;
  title: string;
  content: string;
  /** First 16 hex chars of SHA-256 over the normalized content. */
  contentHash: string;
  /** 1-based line of the first section heading, or of the INDEX row for index-only entries. */
  line: number;
  source: EntrySource;
  metadata: EntryMetadata;
  /** ISO date or date-time taken from the ledger, never from the clock; null when the ledger gives none. */
  createdAt: string | null;
}

export type Severity = 'error' | 'warning';

/** A finding about a ledger: data, never thrown. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
  entryId?: string;
}

/** What parsing one ledger yields. */
export interface ParsedLedger {
  spec: LedgerSpec;
  entries: LedgerEntry[];
  diagnostics: Diagnostic[];
}
