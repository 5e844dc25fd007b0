// The executor's output: the same report, streams and JSON document as the CLI (cli/main.ts), and the optional report
// file Nx caches as the target's output. Decides no outcome.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatReport } from '../../../src/cli/format-report';
import type { SotSyncError } from '../../../src/errors';
import { redactSecrets } from '../../../src/runtime/redact';
import type { SyncReport } from '../../../src/sync/sync-report';

/** Human report on stdout; with `json`, the one JSON report on stdout and the human text on stderr. */
export function writeReport(report: SyncReport, options: { json: boolean; timing: boolean }): void {
  if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  (options.json ? process.stderr : process.stdout).write(`${formatReport(report, { timing: options.timing })}\n`);
}

/** A run that could not start or finish (a SotSyncError): its redacted message, and with `json` one JSON document. */
export function writeFailure(error: SotSyncError, json: boolean): void {
  const message = redactSecrets(error.message);
  process.stderr.write(`sot-sync: ${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: message, exitCode: error.exitCode })}\n`);
}

/** Writes `document` (a report, or `{ error, exitCode }`) as JSON to `file`, creating its directory. */
export function writeReportFile(file: string, document: SyncReport | { error: string; exitCode: number }): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}
