// Pure: entries to write -> their chunks (ids, texts, embedder inputs) and each point's payload. No IO.
import { storedMetadata } from '../../ledger/entry-provenance';
import type { LedgerEntry } from '../../ledger/types';
import { statusKey } from '../../engine/search-filters';
import { chunkEntry } from './chunk-entry';
import { pointId } from './point-id';

/** Re-exported where it has always been found: the filterable form of a status (`✅ Complete` -> `complete`). */
export { statusKey };

/** One point to write, before it has vectors. */
export interface PendingChunk {
  id: string;
  entry: LedgerEntry;
  chunkIndex: number;
  chunkCount: number;
  /** The chunk's own text, stored as `content`. */
  text: string;
  /** What the embedders see: chunks after the first are prefixed with the entry's title, so they keep its context. */
  embedInput: string;
}

/** Characters of the title put in front of later chunks; the chunk budget leaves room for it. */
const TITLE_PREFIX_MAX = 200;
/** Length of `content_preview`. */
export const PREVIEW_CHARS = 300;

/** Chunks of every entry, in entry order, each fitting `maxInputChars` with its title prefix. */
export function planChunks(projectId: string, entries: readonly LedgerEntry[], maxInputChars: number): PendingChunk[] {
  return entries.flatMap((entry) => {
    const prefix = entry.title.slice(0, TITLE_PREFIX_MAX).trim();
    const budget = Math.max(16, maxInputChars - prefix.length - 2);
    const texts = chunkEntry(entry.content, entry.content.trim().length <= maxInputChars ? maxInputChars : budget);
    return texts.map((text, chunkIndex) => ({
      id: pointId(projectId, entry.fileType, entry.entryId, chunkIndex),
      entry,
      chunkIndex,
      chunkCount: texts.length,
      text,
      embedInput: chunkIndex === 0 || prefix === '' ? text : `${prefix}\n\n${text}`,
    }));
  });
}

/**
 * The payload of one point. `content_hash` is the ENTRY's hash (change detection compares entries), `embedder` the
 * fingerprint of the embedders that made its vectors, `updated_at` the time of the run that wrote it.
 */
export function pointPayload(projectId: string, chunk: PendingChunk, fingerprint: string, now: string): Record<string, unknown> {
  const { entry } = chunk;
  const status = statusKey(entry.metadata.status);
  return {
    project_id: projectId,
    file_type: entry.fileType,
    entry_id: entry.entryId,
    chunk_index: chunk.chunkIndex,
    chunk_count: chunk.chunkCount,
    title: entry.title,
    content: chunk.text,
    content_preview: chunk.text.slice(0, PREVIEW_CHARS),
    content_hash: entry.contentHash,
    embedder: fingerprint,
    metadata: storedMetadata(entry),
    ...(status ? { status } : {}),
    created_at: entry.createdAt,
    updated_at: now,
  };
}
