// Pure: where an entry is in the ledgers (file, lines, heading), and the metadata a store keeps for it. No IO.
import type { EntryMetadata, LedgerEntry } from './types';

/** Where an entry is: `docs/ARCHITECTURE_DECISIONS.md:812` in people's terms. */
export interface Provenance {
  /** Relative to the workspace root, posix separators. */
  file: string;
  /** 1-based, inclusive: the first section's heading to the end of the last section (the INDEX row for both, for an index-only entry). */
  lineStart: number;
  lineEnd: number;
  heading: string;
}

/** Metadata as stored in a row's `metadata` and a point's payload: the parsed metadata plus the provenance. */
export type StoredMetadata = EntryMetadata & Provenance;

export function provenanceOf(entry: Pick<LedgerEntry, 'file' | 'line' | 'lineEnd' | 'heading'>): Provenance {
  return { file: entry.file, lineStart: entry.line, lineEnd: entry.lineEnd, heading: entry.heading };
}

/**
 * What a store writes as the entry's metadata. The provenance is stored but not hashed: the content hash alone
 * decides whether a row is rewritten, so an entry that only moved (lines added above it) keeps its row, and the
 * stored lines are those of the entry's last write. Search and `get` report the lines of the current ledgers.
 */
export function storedMetadata(entry: LedgerEntry): StoredMetadata {
  return { ...entry.metadata, file: entry.file, lineStart: entry.line, lineEnd: entry.lineEnd, heading: entry.heading };
}
