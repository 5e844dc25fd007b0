// Public API of the plugin package: the pure core (parse, which validates as it goes, and plan) and the adapters.
export { parseLedger, type ParseOptions } from './ledger/parse-ledger';
export { hashEntry, normalizeContent } from './ledger/hash-entry';
export type { Diagnostic, EntryMetadata, LedgerEntry, LedgerSpec, ParsedLedger, Severity } from './ledger/types';
export { planSync, type LedgerReadState, type PlanOptions } from './engine/plan-sync';
export type { Operation, PlanRefusal, SyncCounts, SyncPlan, TargetRow, TargetSnapshot } from './engine/plan-types';
export type { PlanBuilder, Target, TargetContext, TargetRole } from './targets/target';
export { createDbTarget } from './targets/create-db-target';
export { createQdrantTarget } from './targets/create-qdrant-target';
export { normalizeOptions, type NormalizedSyncOptions } from './config/normalize-options';
export { runSync } from './sync/run-sync';
export type { SyncReport } from './sync/sync-report';
export { Deadline } from './runtime/deadline';
export * from './errors';
