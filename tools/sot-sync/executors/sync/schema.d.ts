// The executor's option types are the core's (src/config/sync-options.ts), which mirror schema.json.
export type { LedgerOption, SyncExecutorSchema, SyncMode } from '../../src/config/sync-options';
