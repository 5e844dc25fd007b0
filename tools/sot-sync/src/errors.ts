// Exceptional conditions, each carrying the exit code of the contract the tool inherits. No output here.
import type { PlanRefusal } from './engine/plan-types';
import type { Diagnostic } from './ledger/types';

/** Exit codes: 0 ok, 1 ledger errors, 2 connection or usage errors, 3 time limit, 4 mode requirements, 5 locks. */
export const ExitCode = {
  ok: 0,
  invalid: 1,
  connection: 2,
  usage: 2,
  deadline: 3,
  modeRequirement: 4,
  lock: 5,
  sigint: 130,
  sigterm: 143,
} as const;

export class SotSyncError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags or options: exit 2, as the original argparse-based tool did. */
export class UsageError extends SotSyncError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** Ledgers with errors, or a plan refused by a guard: exit 1. */
export class LedgerInvalidError extends SotSyncError {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message, ExitCode.invalid);
  }
}

/** The planner's guards refused the plan (a ledger gone, a mass delete): exit 1, nothing written. */
export class PlanRefusedError extends LedgerInvalidError {
  constructor(readonly refusals: PlanRefusal[]) {
    super(refusals.map((r) => r.message).join('; '));
  }
}

/** `get` named an entry the ledgers do not have, or a line no entry holds: exit 1, with the closest ids. */
export class EntryNotFoundError extends SotSyncError {
  constructor(
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message, ExitCode.invalid);
  }
}

/** A target could not be reached, opened or understood: exit 2. */
export class ConnectionError extends SotSyncError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.connection, options);
  }
}

/** The run's `--max-seconds` deadline passed: exit 3. */
export class DeadlineExceededError extends SotSyncError {
  constructor(message: string) {
    super(message, ExitCode.deadline);
  }
}

/** The mode needs a target that is not configured or not available: exit 4. */
export class ModeRequirementError extends SotSyncError {
  constructor(message: string) {
    super(message, ExitCode.modeRequirement);
  }
}

/** A lock is held by someone else past `--lock-timeout`: exit 5. */
export class LockHeldError extends SotSyncError {
  constructor(message: string) {
    super(message, ExitCode.lock);
  }
}

/** Ctrl-C or SIGTERM: the write is rolled back and the run exits 130 or 143. */
export class InterruptedError extends SotSyncError {
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}: the run stopped and any open transaction was rolled back`, signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm);
  }
}
