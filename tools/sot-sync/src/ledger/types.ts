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

/** An entry as a run reports it (`report.entries`): what identifies it and where it is, without its content. */
export interface EntrySummary {
  fileType: string;
  entryId: string;
  title: string;
  contentHash: string;
  line: number;
  source: EntrySource;
}

/**
 * Where an entry stands in its lifecycle, read from its status (`Accepted`, `⚠️ SUPERSEDED (2026-01-08)`, `❌`) and
 * from `Superseded by` lines. `superseded`, `deprecated` and `rejected` entries are no longer current: search ranks
 * them below current ones and says what replaced them.
 */
export type Lifecycle = 'accepted' | 'proposed' | 'superseded' | 'deprecated' | 'rejected';

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
  /** Last line of every section, parallel to `sectionLines` (only when the entry has more than one section). */
  sectionEnds?: number[];
  /** Line of the INDEX row, when the entry has one. */
  indexLine?: number;
  /** Read from the status and the `Superseded by` / `Supersedes` lines; absent when the status says none of them. */
  lifecycle?: Lifecycle;
  /** The entry that replaced this one (`**Superseded by**: DEC-031`, or `Superseded by DEC-031` in the status). */
  supersededBy?: string;
  /** Entries this one replaces (`**Supersedes**: DEC-012, DEC-014`). */
  supersedes?: string[];
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
  /** 1-based last line of the last section (trailing blank lines and `---` excluded); `line` for index-only entries. */
  lineEnd: number;
  /** The ledger's path as the parse was told it (relative to the workspace root when read by the sync). */
  file: string;
  /** Text of the entry's first heading (`DEC-012 | 2026-01-08 | Title`); for index-only entries, the INDEX heading's. */
  heading: string;
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
