// Pure: the ledger entries that name the files someone is about to change, and why each one matched: the INDEX
// row's files-changed cell, a path written in the entry, or a glob the entry declares. No fs; paths are text.
import type { LedgerEntry } from '../ledger/types';

export type FileMatchKind = 'files changed' | 'mentioned' | 'glob';

/** One reason an entry names one of the files asked about. */
export interface FileMatch {
  /** The file asked about, workspace-relative with forward slashes. */
  file: string;
  kind: FileMatchKind;
  /** The ledger line that names it (the INDEX row for `files changed`). */
  line: number;
  /** The path or glob as the entry writes it. */
  text: string;
  /** For people: `files changed`, `mentioned at line 120`, `glob src/lock/** at line 88`. */
  why: string;
}

export interface EntryForFiles {
  entry: LedgerEntry;
  matches: FileMatch[];
}

/** A path or glob an entry writes, with the ledger line it is on. */
interface Mention {
  kind: FileMatchKind;
  text: string;
  path: string;
  line: number;
}

// Tokens are cut at spaces and at what wraps paths in markdown: code ticks, quotes, link brackets, table pipes.
const TOKEN_BREAK = /[\s`'"<>()[\]|]+/;
const GLOB_CHARS = /[*?{]/;
// Every path holds a slash or a dot before its extension (a glob too: `src/**`, `*.sql`); bold (`**Status**`) neither.
const MAY_HOLD_PATH = /\/|\.[A-Za-z]/;
const FILE_NAME = /^[\w*?{},.-]*[\w*?}-]\.[A-Za-z][\w-]{0,11}$/;

/** A file as given or as written: forward slashes, no `./` or `../` in front, no doubled slash. */
export function normalizePath(file: string): string {
  return file
    .trim()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .replace(/^(?:\.{1,2}\/)+/, '');
}

/**
 * Every entry that names one of `files`, newest first (by the date the ledger gives, then by id), with every reason
 * it matched. A path matches when the entry writes it whole or as its trailing segments (`src/lock/lease.ts` names
 * `tools/sot-sync/src/lock/lease.ts`; `lease.ts` too); a directory when written with its trailing slash; a glob
 * (`src/lock/**`, `*.sql`) when it matches the path or its trailing segments.
 */
export function entriesForFiles(entries: readonly LedgerEntry[], files: readonly string[]): EntryForFiles[] {
  const wanted = [...new Set(files.map(normalizePath).filter((file) => file !== ''))];
  const found: EntryForFiles[] = [];
  for (const entry of entries) {
    const matches = matchEntry(entry, wanted);
    if (matches.length > 0) found.push({ entry, matches });
  }
  return found.sort((a, b) => newestFirst(a.entry, b.entry));
}

function matchEntry(entry: LedgerEntry, files: readonly string[]): FileMatch[] {
  const matches: FileMatch[] = [];
  const seen = new Set<string>();
  for (const mention of mentionsOf(entry)) {
    for (const file of files) {
      if (!mentionMatches(mention, file)) continue;
      // One reason per file and kind: the first line that names it says enough.
      const key = `${file}\u0000${mention.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({ file, kind: mention.kind, line: mention.line, text: mention.text, why: whyOf(mention) });
    }
  }
  return matches;
}

function whyOf(mention: Mention): string {
  if (mention.kind === 'files changed') return 'files changed';
  return mention.kind === 'glob' ? `glob ${mention.text} at line ${mention.line}` : `mentioned at line ${mention.line}`;
}

// Mentions depend on the entry alone: a server that keeps a ledger's parse between calls finds them once per entry,
// and they go when the entry does.
const mentionsByEntry = new WeakMap<LedgerEntry, Mention[]>();

/** The files-changed cell of the entry's INDEX row, then every path and glob in its text, each with its ledger line. */
export function mentionsOf(entry: LedgerEntry): Mention[] {
  let mentions = mentionsByEntry.get(entry);
  if (!mentions) mentionsByEntry.set(entry, (mentions = findMentions(entry)));
  return mentions;
}

function findMentions(entry: LedgerEntry): Mention[] {
  const mentions: Mention[] = [];
  const { filesChanged } = entry.metadata;
  if (filesChanged) {
    const line = entry.metadata.indexLine ?? entry.line;
    for (const text of pathTokens(filesChanged)) mentions.push({ kind: 'files changed', text, path: normalizePath(text), line });
  }
  // An entry made from an INDEX row has no text of its own in the ledger: its files-changed cell is all it names.
  if (entry.source === 'index') return mentions;
  const lines = entry.content.split('\n');
  const lineOf = ledgerLines(entry, lines.length);
  lines.forEach((text, at) => {
    // Most lines are prose: no slash and no dot directly followed by a letter (`a.ts`). Skip them whole.
    if (!MAY_HOLD_PATH.test(text)) return;
    for (const token of pathTokens(text)) {
      mentions.push({ kind: GLOB_CHARS.test(token) ? 'glob' : 'mentioned', text: token, path: normalizePath(token), line: lineOf[at] ?? entry.line });
    }
  });
  return mentions;
}

/**
 * The ledger line of each line of the entry's content. One section's content is its lines as the ledger has them;
 * several sections are joined with one blank line between them, each section running to its last non-blank line.
 */
function ledgerLines(entry: LedgerEntry, count: number): number[] {
  const starts = entry.metadata.sectionLines ?? [entry.line];
  const ends = entry.metadata.sectionEnds ?? [entry.lineEnd];
  const lines: number[] = [];
  starts.forEach((start, i) => {
    const end = ends[i] ?? start;
    for (let line = start; line <= end; line++) lines.push(line);
    lines.push(end);
  });
  return lines.slice(0, count);
}

/** The paths and globs in a piece of text: tokens holding a slash, or shaped like a file name (`lease-file.ts`). */
export function pathTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of text.split(TOKEN_BREAK)) {
    // A word with neither a slash nor a dot is no path (nor a glob): most words of a line end here.
    if (!raw.includes('/') && !raw.includes('.')) continue;
    // Commas separate paths in a cell (`a.ts,b.ts`), except inside a brace glob (`src/{a,b}.ts`).
    for (const piece of raw.includes('{') ? [raw] : raw.split(',')) {
      const token = cleanToken(piece);
      if (isPathLike(token)) tokens.push(token);
    }
  }
  return tokens;
}

/** Without trailing punctuation, a line suffix (`:42`, `#L42`) or an anchor (`#section`). */
function cleanToken(token: string): string {
  return token
    .replace(/^[:;,!?]+(?=[\w.*/])/, '')
    .replace(/#.*$/, '')
    .replace(/(?::\d+)+$/, '')
    .replace(/[.,;:!?]+$/, '');
}

function isPathLike(token: string): boolean {
  if (token.length < 3 || token.length > 300 || token.includes('://') || !/[A-Za-z]/.test(token)) return false;
  if (token.includes('/')) return /[\w*]/.test(token.replace(/\//g, ''));
  return FILE_NAME.test(token);
}

function mentionMatches(mention: Mention, file: string): boolean {
  const written = mention.path.replace(/^\//, '');
  if (written === '') return false;
  if (GLOB_CHARS.test(written)) return globRegExp(written).test(file);
  if (written.endsWith('/')) return file.startsWith(written) || file.includes(`/${written}`);
  if (file === written || file.endsWith(`/${written}`)) return true;
  // The entry writes a longer path than the one asked about (`tools/sot-sync/src/a.ts` for `src/a.ts`).
  return file.includes('/') && written.endsWith(`/${file}`);
}

const globCache = new Map<string, RegExp>();

/** A glob as a regular expression over a path or its trailing segments: `**` any depth, `*` and `?` within one segment, `{a,b}` either. */
export function globRegExp(glob: string): RegExp {
  const cached = globCache.get(glob);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',' && glob.lastIndexOf('{', i) > glob.lastIndexOf('}', i)) source += '|';
    else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const pattern = new RegExp(`(?:^|/)${source}${glob.endsWith('/') ? '' : '$'}`);
  // Globs come from the ledgers, a bounded set; the cache is cleared rather than let grow without end.
  if (globCache.size > 1000) globCache.clear();
  globCache.set(glob, pattern);
  return pattern;
}

/** Dated entries first, latest date first; then by id, highest number first (`DEC-031` before `DEC-012`). */
function newestFirst(a: LedgerEntry, b: LedgerEntry): number {
  if (a.createdAt !== b.createdAt) {
    if (a.createdAt === null) return 1;
    if (b.createdAt === null) return -1;
    return a.createdAt < b.createdAt ? 1 : -1;
  }
  return b.entryId.localeCompare(a.entryId, undefined, { numeric: true }) || a.fileType.localeCompare(b.fileType);
}
