// The only gateway from ledger files to text: confined to the docs directory, bytes checked as UTF-8.
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/default-ledgers';
import type { Diagnostic, LedgerSpec } from '../ledger/types';
import { readRegularFile } from './read-regular-file';

export interface LedgerFile {
  spec: LedgerSpec;
  /** Path shown to people: relative to the workspace root, posix separators. */
  file: string;
  /** The ledger's bytes, valid UTF-8 (invalid bytes replaced by U+FFFD), or null when it could not be read. */
  bytes: Buffer | null;
  diagnostics: Diagnostic[];
}

/**
 * Reads every ledger. A missing one, a path or symlink leaving the docs directory, something that is not a regular
 * file (a FIFO, a directory) or invalid UTF-8 becomes a diagnostic. Containment is checked on the resolved path
 * before existence (issue 11, D13), and no file is opened before it is known to be regular (D2).
 */
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
    const docs = displayPath(root, docsDir);
    if (!isInside(path.resolve(docsDir), absolute))
      return problem('outside-docs-dir', `lies outside ${docs}; ledgers are only read inside the docs directory: fix its path in ${CONFIG_FILE_NAME}`);
    if (!isInside(realDocs, realpathOrSelf(absolute)))
      return problem('outside-docs-dir', `resolves outside ${docs} (a symlink?); ledgers are only read inside the docs directory`);
    const read = readRegularFile(absolute);
    if (read.kind === 'missing')
      return problem(
        'missing-ledger',
        `${spec.fileType} ledger not found (expected ${spec.prefix}- entries here); create it or point --docs-dir / the config at it`,
      );
    if (read.kind === 'not-a-file')
      return problem(
        'not-a-file',
        `is ${read.what}, not a regular file, so it was not read; replace it with the ${spec.fileType} ledger or point the config at the ledger file`,
      );
    return decodeLedger(spec, file, read.bytes);
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

/** Strictly below `dir`; `docs/..DEBUG_LOG.md` is inside (a name starting with two dots), `docs/../x` is not. */
export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

export function displayPath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute);
  return (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/');
}
