// The small subset of better-sqlite3 the target calls, so a store is easy to reason about (and to fake).

export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  raw?(toggle?: boolean): SqliteStatement;
}

export interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  /** Registers a SQL function on this connection only (the read side uses one; writes never do). */
  function?(name: string, options: { deterministic?: boolean }, implementation: (...args: unknown[]) => unknown): unknown;
  close(): unknown;
  readonly inTransaction: boolean;
}

/** SQLITE_BUSY (any extended code) or SQLITE_LOCKED: another connection held the file past the busy timeout. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}
