// The Nx face of tidy: refreshes the auto-generated summary blocks of the ledgers (render-summary.ts) under the `docs`
// lease shared with the sync and the tidy tools, or with `check` only reports stale ones and fails. Prints; never
// exits the process. The only place tidy reads the clock (the `Last updated:` of a rewritten block). executors.json
// names the compiled file (dist/…/executor.js), as for sync.
import type { ExecutorContext } from '@nx/devkit';
import * as path from 'node:path';
import { resolveOptions } from '../../src/config/resolve-options';
import type { NormalizedSyncOptions } from '../../src/config/normalize-options';
import { SotSyncError } from '../../src/errors';
import { readLedgerFiles } from '../../src/io/read-ledger-files';
import { formatUpdatedAt } from '../../src/ledger/render-summary';
import { acquireLeases } from '../../src/lock/lease-locks';
import { redactSecrets } from '../../src/runtime/redact';
import { runWithDeadline } from '../../src/runtime/run-with-deadline';
import { planTidy, type TidyItem } from './lib/plan-tidy';
import { writeLedgers } from './lib/write-ledgers';
import type { TidyExecutorSchema } from './schema';

/** Success: every block is current afterwards (or, with `check`, already was). Ledgers with errors are skipped, not failed. */
export default async function tidyExecutor(options: TidyExecutorSchema, context: ExecutorContext): Promise<{ success: boolean }> {
  try {
    const given = { root: options.root ?? context.root, docsDir: options.docsDir, lockTimeout: options.lockTimeout };
    const normalized = resolveOptions(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)), context.root, process.env);
    if (options.check) return { success: report(readPlan(normalized).items, true) };
    return await runWithDeadline(normalized.lockTimeoutSeconds + 60, async (deadline) => {
      const lease = await acquireLeases({
        root: normalized.root,
        names: ['docs'],
        deadline,
        owner: 'sot-sync-tidy',
        lockTimeoutMs: normalized.lockTimeoutSeconds * 1000,
      });
      try {
        return { success: report(applyPlan(readPlan(normalized), normalized), false) };
      } finally {
        lease.release();
      }
    });
  } catch (error) {
    if (!(error instanceof SotSyncError)) throw error;
    process.stderr.write(`sot-sync tidy: ${redactSecrets(error.message)}\n`);
    return { success: false };
  }
}

interface ReadPlan {
  items: TidyItem[];
  /** The bytes each stale ledger had when it was read: a write happens only if the file still holds them. */
  texts: Map<string, Buffer>;
}

function readPlan(options: NormalizedSyncOptions): ReadPlan {
  const ledgers = readLedgerFiles(options.root, options.docsDir, options.ledgers);
  return { items: planTidy(ledgers, formatUpdatedAt(new Date())), texts: new Map(ledgers.map((ledger) => [ledger.file, ledger.bytes ?? Buffer.alloc(0)])) };
}

/** Writes the stale ledgers; one changed by someone else since it was read is reported and left for the next run. */
function applyPlan({ items, texts }: ReadPlan, options: NormalizedSyncOptions): TidyItem[] {
  const absolute = (item: TidyItem): string => path.resolve(options.docsDir, item.spec.path);
  const stale = items.filter((item) => item.state === 'stale');
  const skipped = new Set(
    writeLedgers(stale.map((item) => ({ absolute: absolute(item), before: texts.get(item.file) ?? Buffer.alloc(0), after: item.text as string }))),
  );
  return items.map((item) => (skipped.has(absolute(item)) ? { ...item, state: 'skipped' as const, reason: 'changed while tidy ran; run it again' } : item));
}

/** Prints one line per ledger and a summary; returns success. */
function report(items: TidyItem[], check: boolean): boolean {
  const count = (state: TidyItem['state']): number => items.filter((item) => item.state === state).length;
  for (const item of items) {
    for (const warning of item.warnings) process.stderr.write(`${item.file}:${warning.line} warning ${warning.message}\n`);
    // check names the expected count, not a time: its verdict and its output never depend on the clock.
    if (item.state === 'stale' && check)
      process.stdout.write(`${item.file}:${item.line} summary is out of date, expected ${(item.summary ?? '').split(' | ')[0] ?? ''}\n`);
    else if (item.state === 'stale') process.stdout.write(`${item.file}:${item.line} summary refreshed: ${item.summary ?? ''}\n`);
    else if (item.state === 'current') process.stdout.write(`${item.file}:${item.line} summary is current\n`);
    else if (item.state === 'no-block') process.stdout.write(`${item.file}: no summary block; left as it is\n`);
    else if (item.state === 'missing') process.stdout.write(`${item.file}: no such ledger; nothing to tidy\n`);
    else process.stderr.write(`${item.file}:${item.line} warning ${item.reason ?? 'skipped'}\n`);
  }
  const verb = check ? 'out of date' : 'refreshed';
  process.stdout.write(
    `sot-sync tidy${check ? ' --check' : ''}: ${count('stale')} ${verb}, ${count('current')} current, ${count('no-block')} without a block, ${count('missing')} missing, ${count('skipped')} skipped\n`,
  );
  return !(check && count('stale') > 0);
}
