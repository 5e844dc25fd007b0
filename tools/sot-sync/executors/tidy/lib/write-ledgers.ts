// The only code in sot-sync that writes a ledger: it replaces a ledger with its refreshed text (plan-tidy.ts), and only
// when the file still holds the bytes the plan was made from. Atomic (temporary file + rename, same mode).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LedgerWrite {
  /** Ledger path; a symlink (inside the docs directory) is written through to its target. */
  absolute: string;
  /** The bytes the plan was computed from. */
  before: Buffer;
  after: string;
}

/** Writes each ledger; returns the ones skipped because someone changed them since they were read. */
export function writeLedgers(writes: readonly LedgerWrite[]): string[] {
  const changedMeanwhile: string[] = [];
  for (const write of writes) {
    const target = fs.realpathSync(write.absolute);
    if (!fs.readFileSync(target).equals(write.before)) {
      changedMeanwhile.push(write.absolute);
      continue;
    }
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.sot-sync-tidy-${process.pid}`);
    try {
      fs.writeFileSync(temporary, write.after, { mode: fs.statSync(target).mode & 0o7777 });
      fs.renameSync(temporary, target);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  return changedMeanwhile;
}
