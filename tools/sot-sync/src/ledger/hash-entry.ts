// Pure: the canonical text of an entry and its content hash (SHA-256, first 16 hex characters, as before).
import * as crypto from 'node:crypto';
import { decode, endsWithSpace, type LedgerBytes } from './ledger-bytes';

/**
 * Line endings become LF, trailing whitespace of each line and trailing blank lines go, so a CRLF checkout or an
 * editor that trims spaces changes no hash.
 */
export function normalizeContent(text: string): string {
  const lines = text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
  const trimmed = lines.map((line) => line.trimEnd());
  let last = trimmed.length;
  while (last > 0 && trimmed[last - 1] === '') last--;
  let first = 0;
  while (first < last && trimmed[first] === '') first++;
  return trimmed.slice(first, last).join('\n');
}

/** An entry's normalized content: its hash now, its text when a store needs it. */
export interface HashedContent {
  contentHash: string;
  text(): string;
}

/**
 * normalizeContent of lines [start, end) of a ledger, hashed. When no line has trailing whitespace (the common case)
 * the normalized content is one byte range of the ledger: it is hashed as bytes, and decoded only if asked for.
 */
export function hashLines(ledger: LedgerBytes, start: number, end: number): HashedContent {
  const { bytes, starts } = ledger;
  let first = -1;
  let last = -1;
  for (let i = start; i < end; i++) {
    const from = starts[i] as number;
    const to = (starts[i + 1] as number) - 1;
    if (endsWithSpace(bytes, from, to)) return hashContent(normalizeContent(decode(bytes, starts[start] as number, (starts[end] as number) - 1)));
    if (to === from) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return hashContent('');
  const from = starts[first] as number;
  const to = (starts[last + 1] as number) - 1;
  return new ByteRangeContent(hashNormalized(bytes.subarray(from, to)), bytes, from, to);
}

/** Content that is a byte range of the ledger: one small object per entry, decoded when first asked. */
class ByteRangeContent implements HashedContent {
  private decoded: string | undefined = undefined;

  constructor(
    readonly contentHash: string,
    private readonly bytes: Buffer,
    private readonly from: number,
    private readonly to: number,
  ) {}

  text(): string {
    return (this.decoded ??= decode(this.bytes, this.from, this.to));
  }
}

/** Content that is already text and normalized. */
export function hashContent(text: string): HashedContent {
  return { contentHash: hashNormalized(text), text: () => text };
}

/** SHA-256 of the normalized content, first 16 hex characters. */
export function hashEntry(content: string): string {
  return hashNormalized(normalizeContent(content));
}

/** hashEntry for content that is already normalized (text, or its UTF-8 bytes). */
export function hashNormalized(content: string | Uint8Array): string {
  // crypto.hash (Node >= 20.12) hashes in one call, without a Hash object per entry; the digest is the same.
  if (oneShotHash) return oneShotHash('sha256', content, 'hex').slice(0, 16);
  return crypto.createHash('sha256').update(content).digest('hex').slice(0, 16);
}

const oneShotHash = (crypto as unknown as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;
