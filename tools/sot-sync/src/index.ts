// Public API of the plugin package: the pure core (parse, validate, plan) and the adapters, for use from code.
export { parseLedger, type ParseOptions } from './ledger/parse-ledger';
export { validateLedger } from './ledger/validate-ledger';
export { hashEntry, normalizeContent } from './ledger/hash-entry';
export type { Diagnostic, EntryMetadata, LedgerEntry, LedgerSpec, ParsedLedger, Severity } from './ledger/types';
export { planSync, type LedgerReadState, type PlanOptions } from './engine/plan-sync';
export type { Operation, PlanRefusal, SyncCounts, SyncPlan, TargetRow, TargetSnapshot } from './engine/plan-types';
export type { PlanBuilder, Target, TargetCapabilities, TargetContext } from './targets/target';
export { createDbTarget } from './targets/create-db-target';
export { createQdrantTarget } from './targets/create-qdrant-target';
export { normalizeOptions, type NormalizedSyncOptions } from './config/normalize-options';
export { runSync } from './sync/run-sync';
export type { SyncReport } from './sync/sync-report';
export { Deadline } from './runtime/deadline';
export * from './errors';
