// Pure: a ledger as UTF-8 bytes with line offsets, and the byte-level tests the scanner runs on every line.
// Every structural character of markdown (#, `, ~, |, *, -, <, spaces) is ASCII, and no byte of a multi-byte UTF-8
// character is ASCII, so structure can be read from the bytes. Only the pieces the index needs (headings, key lines,
// INDEX rows, the content of entries that are written) are ever decoded to strings: a ledger is read without turning
// tens of megabytes into JavaScript strings, whose allocation costs more than the whole scan.

/** A ledger's bytes (UTF-8, LF line ends, no BOM, no NUL) and where each of its lines starts. */
export interface LedgerBytes {
  bytes: Buffer;
  /** starts[i]: offset of line i; starts[lineCount] = bytes.length + 1, so line i ends at starts[i + 1] - 1. */
  starts: Int32Array;
  lineCount: number;
  /** 0-based lines that held a NUL byte (U+0000), each once, in order; the NULs are now U+FFFD. Usually empty. */
  nulLines: number[];
}

const LF = 10;
const CR = 13;
const NUL = 0;

/** Text or bytes -> bytes without a BOM, with CRLF and CR turned into LF, split into lines. */
export function toLedgerBytes(input: string | Uint8Array): LedgerBytes {
  let bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.indexOf(CR) >= 0) bytes = withLfEndings(bytes);
  const nulLines: number[] = [];
  if (bytes.indexOf(NUL) >= 0) bytes = withoutNul(bytes, nulLines);
  const { starts, lineCount } = lineStarts(bytes);
  return { bytes, starts, lineCount, nulLines };
}

/**
 * Each NUL byte becomes U+FFFD (EF BF BD), the character that stands for what cannot be shown. PostgreSQL refuses
 * U+0000 in text and JSON, so every store gets the same replaced text, and the content hash is taken over it.
 * `lines` receives the 0-based lines that held one, for the `nul-byte` warning.
 */
function withoutNul(bytes: Buffer, lines: number[]): Buffer {
  let count = 0;
  for (let at = bytes.indexOf(NUL); at >= 0; at = bytes.indexOf(NUL, at + 1)) count++;
  const out = Buffer.allocUnsafe(bytes.length + 2 * count);
  let n = 0;
  let line = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === LF) line++;
    if (c !== NUL) {
      out[n++] = c;
      continue;
    }
    out[n++] = 0xef;
    out[n++] = 0xbf;
    out[n++] = 0xbd;
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return out;
}

function withLfEndings(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c !== CR) out[n++] = c;
    else if (bytes[i + 1] !== LF) out[n++] = LF;
  }
  return out.subarray(0, n);
}

function lineStarts(bytes: Buffer): { starts: Int32Array; lineCount: number } {
  let starts: Int32Array = new Int32Array(Math.max(16, (bytes.length >> 5) + 2));
  let count = 0;
  let at = 0;
  for (;;) {
    if (count + 2 > starts.length) starts = grow(starts);
    starts[count++] = at;
    const lf = bytes.indexOf(LF, at);
    if (lf < 0) break;
    at = lf + 1;
  }
  starts[count] = bytes.length + 1;
  return { starts, lineCount: count };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Line i as text. */
export function lineText(ledger: LedgerBytes, i: number): string {
  return decode(ledger.bytes, ledger.starts[i] as number, (ledger.starts[i + 1] as number) - 1);
}

/** Bytes [start, end) as text. */
export function decode(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('utf8', start, end);
}

/** Columns of leading spaces and tabs (a tab reaches the next multiple of 4), as CommonMark counts indentation. */
export function leadingSpacesAt(bytes: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === 32) n++;
    else if (c === 9) n += 4 - (n % 4);
    else break;
  }
  return n;
}

/** Offset of the first byte that is not a space or a tab (Unicode spaces are content, not indentation). */
export function firstNonSpaceAt(bytes: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && (bytes[i] === 32 || bytes[i] === 9)) i++;
  return i;
}

/** Only spaces and tabs (CommonMark's blank line). */
export function isBlankAt(bytes: Buffer, start: number, end: number): boolean {
  return firstNonSpaceAt(bytes, start, end) === end;
}

/** Offset of the first byte at or after `at` that does not start whitespace as `trimStart` sees it. */
export function skipSpaces(bytes: Buffer, at: number, end: number): number {
  for (let space = spaceLengthAt(bytes, at, end); space > 0; space = spaceLengthAt(bytes, at, end)) at += space;
  return at;
}

/** Bytes [start, end) hold the three bytes a, b, c in a row (`-->`, say). */
export function includesAt(bytes: Buffer, start: number, end: number, a: number, b: number, c: number): boolean {
  for (let i = start; i + 2 < end; i++) if (bytes[i] === a && bytes[i + 1] === b && bytes[i + 2] === c) return true;
  return false;
}

/**
 * Length in bytes of the whitespace character (as JavaScript's `\s` and `trim` see it) starting at `at`, or 0.
 * Besides ASCII: U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
 */
export function spaceLengthAt(bytes: Buffer, at: number, end: number): number {
  if (at >= end) return 0;
  const c = bytes[at] as number;
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13) ? 1 : 0;
  const c1 = bytes[at + 1];
  if (c === 0xc2) return at + 1 < end && c1 === 0xa0 ? 2 : 0;
  if (at + 2 >= end) return 0;
  const c2 = bytes[at + 2] as number;
  if (c === 0xe1) return c1 === 0x9a && c2 === 0x80 ? 3 : 0;
  if (c === 0xe2 && c1 === 0x80) return c2 <= 0x8a || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf ? 3 : 0;
  if (c === 0xe2) return c1 === 0x81 && c2 === 0x9f ? 3 : 0;
  if (c === 0xe3) return c1 === 0x80 && c2 === 0x80 ? 3 : 0;
  if (c === 0xef) return c1 === 0xbb && c2 === 0xbf ? 3 : 0;
  return 0;
}

/** The line [start, end) ends with whitespace that `trimEnd` would remove. */
export function endsWithSpace(bytes: Buffer, start: number, end: number): boolean {
  if (end <= start) return false;
  const last = bytes[end - 1] as number;
  if (last < 0x80) return last === 32 || (last >= 9 && last <= 13);
  return (end - 2 >= start && spaceLengthAt(bytes, end - 2, end) === 2) || (end - 3 >= start && spaceLengthAt(bytes, end - 3, end) === 3);
}
