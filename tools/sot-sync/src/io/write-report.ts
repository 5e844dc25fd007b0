// A run's output, shared by the CLI and the executors: the report on the streams (human text, or one JSON document
// with the text on stderr), a failure, and the optional report file Nx caches as a target's output. Decides no outcome.
import { type SotSyncError, UsageError } from '../errors';
import { redactDeep, redactSecrets } from '../runtime/redact';
import { formatReport } from '../sync/format-report';
import type { SyncReport } from '../sync/sync-report';
import { explainFsError } from './explain-fs-error';
import { NotARegularFileError, writeRegularFile } from './write-regular-file';

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
