// The only gateway from ledger files to text: confined to the docs directory, bytes checked as UTF-8.
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, LedgerSpec } from '../ledger/types';

export interface LedgerFile {
  spec: LedgerSpec;
  /** Path shown to people: relative to the workspace root, posix separators. */
  file: string;
  /** The ledger's bytes, valid UTF-8 (invalid bytes replaced by U+FFFD), or null when it could not be read. */
  bytes: Buffer | null;
  diagnostics: Diagnostic[];
}

/** Reads every ledger; a missing one, a symlink leaving the docs directory or invalid UTF-8 becomes a diagnostic. */
export function readLedgerFiles(root: string, docsDir: string, specs: readonly LedgerSpec[]): LedgerFile[] {
  const realDocs = realpathOrSelf(docsDir);
  return specs.map((spec) => {
    const absolute = path.resolve(docsDir, spec.path);
    const file = displayPath(root, absolute);
    const problem = (rule: string, message: string): LedgerFile => ({
      spec,
      file,
      bytes: null,
      diagnostics: [{ file, line: 1, column: 1, severity: rule === 'missing-ledger' ? 'warning' : 'error', rule, message }],
    });
    if (!fs.existsSync(absolute)) return problem('missing-ledger', `${spec.fileType} ledger not found (expected ${spec.prefix}- entries here); create it or point --docs-dir / the config at it`);
    if (!isInside(realDocs, realpathOrSelf(absolute))) return problem('outside-docs-dir', `resolves outside ${displayPath(root, docsDir)} (a symlink?); ledgers are only read inside the docs directory`);
    return decodeLedger(spec, file, fs.readFileSync(absolute));
  });
}

/**
 * Checks bytes as UTF-8; invalid bytes are reported at their line (an error) and replaced by U+FFFD. Valid bytes are
 * passed on as they are: the parser reads bytes, and decodes only the text the index needs.
 */
export function decodeLedger(spec: LedgerSpec, file: string, bytes: Buffer): LedgerFile {
  if (isUtf8(bytes)) return { spec, file, bytes, diagnostics: [] };
  return {
    spec,
    file,
    bytes: Buffer.from(bytes.toString('utf8'), 'utf8'),
    diagnostics: [
      {
        file,
        line: firstInvalidLine(bytes),
        column: 1,
        severity: 'error',
        rule: 'invalid-utf8',
        message: 'bytes that are not UTF-8 (the file may be in another encoding); re-save it as UTF-8',
      },
    ],
  };
}

function firstInvalidLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    line++;
    start = end + 1;
  }
  return 1;
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export function displayPath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  return (relative.startsWith('..') ? absolute : relative).split(path.sep).join('/');
}
