// The Nx face of `sot-sync`: target options in, the CLI's report out, `{ success }` back to Nx.
// It shares option handling (resolveOptions), the run wrapper and the output with the CLI and never exits the process.
// executors.json names the compiled file (dist/…/executor.js, with the extension: see schema.spec.ts).
import type { ExecutorContext } from '@nx/devkit';
import * as path from 'node:path';
import { resolveOptions } from '../../src/config/resolve-options';
import { SotSyncError, UsageError } from '../../src/errors';
import { unsupportedNodeMessage } from '../../src/runtime/node-version';
import { redactSecrets } from '../../src/runtime/redact';
import { runSync } from '../../src/sync/run-sync';
import { writeFailure, writeReport, writeReportFile } from '../../src/io/write-report';
import { runWithDeadline } from '../../src/runtime/run-with-deadline';
import { legacyCacheWarning } from './lib/legacy-cache-warning';
import type { SyncExecutorSchema } from './schema';

/**
 * Runs one sync for an Nx target. `root` defaults to the Nx workspace root; a relative `root` or `docsDir` is read
 * from the workspace root, not from the directory `nx` was started in. Success means the run's exit code is 0.
 * Expected failures (SotSyncError: usage, connection, deadline, locks) return `{ success: false }`; anything else
 * is a bug and is rethrown for Nx to print with its stack (STYLE §4). With `reportFile`, the JSON report is also
 * written there (relative to the workspace root), the output Nx restores on a cache hit.
 */
export default async function syncExecutor(options: SyncExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  try {
    const tooOld = unsupportedNodeMessage(process.version);
    if (tooOld) throw new UsageError(tooOld);
    const normalized = resolveOptions({ ...options, root: options.root ?? context.root }, context.root, process.env);
    const onMessage = (line: string): void => void process.stderr.write(`${line}\n`);
    const target =
      context.projectName && context.targetName ? context.projectsConfigurations?.projects[context.projectName]?.targets?.[context.targetName] : undefined;
    const warning = legacyCacheWarning(target, normalized.mode, options.verify, `${context.projectName ?? ''}:${context.targetName ?? ''}`);
    if (warning) onMessage(warning);
    const report = await runWithDeadline(normalized.maxSeconds, (deadline) => runSync(normalized, { deadline, onMessage }));
    writeReport(report, normalized);
    if (options.reportFile) writeReportFile(path.resolve(context.root, options.reportFile), report);
    return { success: report.exitCode === 0 };
  } catch (error) {
    if (!(error instanceof SotSyncError)) throw redactedCopy(error);
    writeFailure(error, options.json ?? false);
    if (options.reportFile) writeReportFile(path.resolve(context.root, options.reportFile), { error: redactSecrets(error.message), exitCode: error.exitCode });
    return { success: false };
  }
}

/** An unexpected error for Nx to print with its stack, with every secret the run knows hidden in both. */
function redactedCopy(error: unknown): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redactSecrets(original.message));
  copy.name = original.name;
  copy.stack = redactSecrets(original.stack ?? copy.message);
  return copy;
}
