// The executor's output: the same report, streams and JSON document as the CLI (cli/main.ts), and the optional report
// file Nx caches as the target's output. Decides no outcome.
import { formatReport } from '../../../src/cli/format-report';
import { type SotSyncError, UsageError } from '../../../src/errors';
import { explainFsError } from '../../../src/io/explain-fs-error';
import { NotARegularFileError, writeRegularFile } from '../../../src/io/write-regular-file';
import { redactDeep, redactSecrets } from '../../../src/runtime/redact';
import type { SyncReport } from '../../../src/sync/sync-report';

/**
 * Human report on stdout; with `json`, the one JSON report on stdout and the human text on stderr. Every string
 * of the report passes the redactor first, whatever produced it (issue 11, D4).
 */
export function writeReport(report: SyncReport, options: { json: boolean; timing: boolean }): void {
  const safe = redactDeep(report);
  if (options.json) process.stdout.write(`${JSON.stringify(safe)}\n`);
  (options.json ? process.stderr : process.stdout).write(`${formatReport(safe, { timing: options.timing })}\n`);
}

/** A run that could not start or finish (a SotSyncError): its redacted message, and with `json` one JSON document. */
export function writeFailure(error: SotSyncError, json: boolean): void {
  const message = redactSecrets(error.message);
  process.stderr.write(`sot-sync: ${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: message, exitCode: error.exitCode })}\n`);
}

/**
 * Writes `document` (a report, or `{ error, exitCode }`), redacted, as JSON to `file`, creating its directory. A path
 * that is no regular file (a FIFO would block) or cannot be written is a usage error naming it and the fix.
 */
export function writeReportFile(file: string, document: SyncReport | { error: string; exitCode: number }): void {
  try {
    writeRegularFile(file, `${JSON.stringify(redactDeep(document), null, 2)}\n`);
  } catch (error) {
    const explained = error instanceof NotARegularFileError ? error.message : explainFsError(error, 'write the report file', file);
    if (explained === null) throw error;
    throw new UsageError(`reportFile: ${explained}`);
  }
}
