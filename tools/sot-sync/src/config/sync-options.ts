// The options of a run as the core takes them: what the sync executor's schema.json declares (the executor's
// schema.d.ts re-exports these; executors/sync/schema.spec.ts fails when they drift from schema.json).

export type SyncMode = 'docs-only' | 'db-only' | 'qdrant-only' | 'full';

export interface LedgerOption {
  fileType: string;
  path?: string;
  prefix?: string;
  enabled?: boolean;
}

export interface SyncExecutorSchema {
  mode?: SyncMode;
  execute?: boolean;
  root?: string;
  docsDir?: string;
  databaseUrl?: string;
  qdrantHost?: string;
  qdrantCollection?: string;
  rebuild?: boolean;
  bm25?: boolean;
  embedBaseUrl?: string;
  embedModel?: string;
  embedDimensions?: number;
  embedRequestsPerMinute?: number;
  embedTokensPerMinute?: number;
  projectId?: string;
  ledgers?: LedgerOption[];
  maxSeconds?: number;
  lockTimeout?: number;
  prune?: boolean;
  allowMassDelete?: boolean;
  strict?: boolean;
  verify?: boolean;
  json?: boolean;
  timing?: boolean;
  verbose?: boolean;
  reportFile?: string;
}
