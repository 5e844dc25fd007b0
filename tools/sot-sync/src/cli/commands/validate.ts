// `sot-sync validate [files...]`: parse and check ledgers (the pre-commit hook's job). Never opens a database.
import * as path from 'node:path';
import type { NormalizedSyncOptions } from '../../config/normalize-options';
import type { Diagnostic, LedgerSpec } from '../../ledger/types';
import { readLedgers } from '../../sync/read-ledgers';

export interface ValidateResult {
  checked: string[];
  skipped: string[];
  diagnostics: Diagnostic[];
}

/** Validates the given files (those that are configured ledgers), or every configured ledger when none are given. */
export function runValidate(options: NormalizedSyncOptions, files: readonly string[], cwd: string): ValidateResult {
  const wanted = files.map((file) => path.resolve(cwd, file));
  const specs = wanted.length === 0 ? options.ledgers : options.ledgers.filter((spec) => wanted.includes(path.resolve(options.docsDir, spec.path)));
  const known = new Set(specs.map((spec: LedgerSpec) => path.resolve(options.docsDir, spec.path)));
  const parsed = readLedgers({ ...options, ledgers: specs });
  return {
    checked: parsed.ledgers.map((l) => l.file),
    skipped: wanted.filter((file) => !known.has(file)).map((file) => path.relative(cwd, file)),
    diagnostics: parsed.diagnostics,
  };
}
