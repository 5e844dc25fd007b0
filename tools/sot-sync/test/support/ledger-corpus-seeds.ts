// Test data: titles, details and files of the invented ledger corpus (ledger-corpus.ts turns them into markdown).
// Neighbouring entries share vocabulary on purpose (phases of one feature, the same subsystem), as real ledgers do.

export interface Seed {
  title: string;
  area: string;
  detail: string;
  files: string[];
}

const seed = (title: string, area: string, detail: string, ...files: string[]): Seed => ({ title, area, detail, files });

export const BUILD_SEEDS: readonly Seed[] = [
  seed(
    'Executor Patch Application Hardening',
    'Executor',
    'Patches are applied with a three-way merge fallback; a rejected hunk aborts the phase instead of leaving half-edited files.',
    'src/executor/apply_patch.py',
    'tests/executor/test_apply_patch.py',
  ),
  seed(
    'Token Budget Estimator for Builder Prompts',
    'Telemetry',
    'The builder now estimates prompt tokens per deliverable and caps output budgets by category, so large refactors stop truncating.',
    'src/llm/token_estimator.py',
  ),
  seed(
    'Storage Optimizer MVP - Disk Usage Scanner',
    'Storage',
    'First version of the storage optimizer: walks configured drives, classifies folders by policy and writes a dry-run report.',
    'src/storage/scanner.py',
    'config/storage_policy.yaml',
  ),
  seed(
    'Storage Optimizer Phase 2 - Approval Workflow',
    'Storage',
    'Cleanup candidates now need an explicit approval; approved deletions go to the recycle bin and are logged in PostgreSQL.',
    'src/storage/approvals.py',
    'src/storage/executor.py',
  ),
  seed(
    'Storage Optimizer Phase 3 - Scheduled Scans',
    'Storage',
    'A fortnightly scheduled scan runs unattended and sends a summary with the biggest reclaimable folders.',
    'src/storage/scheduler.py',
  ),
  seed(
    'Doc Link Checker with Triage Rules',
    'Docs',
    'A link checker scans markdown for missing files and anchors; triage rules mark known external or generated targets as ignored.',
    'scripts/check_doc_links.py',
    'config/doc_link_triage.yaml',
  ),
  seed(
    'Tidy Lock Lease Primitive',
    'Tidy',
    'Filesystem leases with heartbeat and owner metadata guard concurrent tidy runs; stale leases are broken only after a grace period.',
    'scripts/tidy/lease.py',
  ),
  seed(
    'SOT Ledger Sync to SQLite and Qdrant',
    'Tidy',
    'A standalone sync reads the three ledgers and mirrors entries into the sot_entries table and a vector collection, with bounded runtime.',
    'scripts/tidy/sot_db_sync.py',
  ),
  seed(
    'Dashboard Endpoints for Run Health',
    'API',
    'Five dashboard endpoints expose run status, phase durations, token spend and failure reasons to the web console.',
    'src/api/dashboard.py',
  ),
  seed(
    'Production API Key Enforcement',
    'Security',
    'In production mode every request needs an API key; the health endpoint stays public and keys are compared in constant time.',
    'src/api/auth.py',
  ),
  seed(
    'GitHub Actions SHA Pinning Guardrail',
    'CI',
    'Third-party actions are pinned to commit SHAs and a policy check fails the workflow when a mutable tag sneaks back in.',
    '.github/workflows/ci.yml',
    'scripts/ci/check_action_pins.py',
  ),
  seed(
    'Security Baseline Refresh Workflow',
    'Security',
    'A weekly workflow regenerates the dependency and container scan baseline and opens a pull request with the diff.',
    '.github/workflows/security-baseline.yml',
  ),
  seed(
    'Database Migration Runbook and Rollback',
    'Database',
    'An operator runbook covers schema migrations step by step, including the rollback path and a verification query for each step.',
    'docs/runbooks/migrations.md',
    'scripts/db/rollback.py',
  ),
  seed(
    'Telemetry Collection Pilot Runs',
    'Telemetry',
    'Twenty pilot runs collected phase-level samples to calibrate the estimator; outliers from cached runs were excluded.',
    'scripts/telemetry/collect.py',
  ),
  seed(
    'Model Catalog and Recommendation Service',
    'Models',
    'A model catalog in PostgreSQL tracks prices and benchmark scores and recommends replacements when a cheaper model matches quality.',
    'src/models/catalog.py',
  ),
  seed(
    'Artifact-First Context Loading',
    'Executor',
    'Read-only context now prefers run artifacts over full source files, cutting prompt size for review phases by about a third.',
    'src/executor/context_loader.py',
  ),
  seed(
    'Research API Router Integration',
    'API',
    'The research endpoints are mounted on the main application router with their own rate limit and request schema.',
    'src/api/research_router.py',
  ),
  seed(
    'Canonical Frontend Build Pipeline',
    'Frontend',
    'One frontend build replaces the two competing bundlers; compose files and docs point to the same entrypoint.',
    'frontend/vite.config.ts',
    'docker-compose.yml',
  ),
  seed(
    'Archive Index Generator',
    'Docs',
    'The archive index is generated from JSON as the canonical source, and the markdown view is derived and checked in CI.',
    'scripts/archive/generate_index.py',
  ),
  seed(
    'Intention Anchor Consolidation',
    'Planning',
    'Duplicate intention anchors are merged through a report, plan and apply pipeline with a dry run by default.',
    'src/planning/anchors.py',
  ),
  seed(
    'Phase Proof Artifacts',
    'Executor',
    'Every completed phase emits a small proof artifact with inputs, outputs and checks, so audits no longer reread logs.',
    'src/executor/phase_proof.py',
  ),
  seed(
    'Queue Hygiene and Smart Retry Policies',
    'Tidy',
    'Retry policies depend on the failure reason: network errors back off, lock conflicts wait, and poisoned items are quarantined.',
    'scripts/tidy/queue.py',
  ),
  seed(
    'Embedding Cache for Repeated Context',
    'Telemetry',
    'Embeddings of unchanged files are cached by content hash, so repeated runs skip most embedding calls.',
    'src/memory/embedding_cache.py',
  ),
  seed(
    'Rollback Safety Guardrails for Protected Files',
    'Executor',
    'Rollback refuses to touch protected paths and keeps per-run snapshots for seven days before pruning them.',
    'src/executor/rollback.py',
  ),
  seed(
    'Provider Parity for Budget Overrides',
    'Models',
    'Category-aware budget overrides now apply to every provider client, not only the first one that implemented them.',
    'src/llm/providers.py',
  ),
  seed(
    'Exact Token Accounting from Provider Usage',
    'Telemetry',
    'Token counts come from provider usage fields instead of heuristic prompt/completion splits; totals are never coalesced to zero.',
    'src/llm/usage.py',
  ),
  seed(
    'Container Image Hardening',
    'Security',
    'Images run as a non-root user on a slim base, with a read-only root filesystem and no shell in production.',
    'Dockerfile',
  ),
  seed(
    'Governance Policy Contract Tests',
    'Governance',
    'Contract tests pin the never-auto-approve patterns so a refactor cannot silently widen automatic approvals.',
    'tests/governance/test_policy_contract.py',
  ),
  seed(
    'OpenAPI Export as CI Artifact',
    'API',
    'The OpenAPI document is generated at runtime and exported by CI as an artifact instead of being committed.',
    'scripts/ci/export_openapi.py',
  ),
  seed(
    'Mobile Approval Notifications',
    'Storage',
    'Approval requests for large cleanups are pushed to the phone; a tap approves or rejects with an audit record.',
    'src/notify/mobile.py',
  ),
];

export const DEC_SEEDS: readonly Seed[] = [
  seed(
    'Ledgers Are the Single Source of Truth',
    'Docs',
    'The markdown ledgers are canonical; databases and vector indexes are derived copies that a sync may rebuild at any time.',
    'docs/BUILD_HISTORY.md',
  ),
  seed(
    'PostgreSQL for Production, SQLite for Local Runs',
    'Database',
    'Production state lives in PostgreSQL; developers may use SQLite files, and both must pass the same migration tests.',
    'src/db/session.py',
  ),
  seed(
    'Default-Deny Auto-Approval Policy',
    'Governance',
    'Changes to protected paths never auto-approve; the list is deliberately conservative and widened only by a reviewed decision.',
    'config/governance.yaml',
  ),
  seed(
    'Contract Tests Must Hit Real Routes',
    'Testing',
    'Boundary tests call the real application routes; monkeypatching endpoints in tests is not allowed.',
    'tests/contract/',
  ),
  seed(
    'Deterministic Point Ids for Vector Upserts',
    'Memory',
    'Vector points use UUIDs derived from project, ledger and entry id, so re-running an upsert overwrites instead of duplicating.',
    'src/memory/qdrant_store.py',
  ),
  seed(
    'Filesystem Leases Instead of PID Files',
    'Tidy',
    'Cross-process exclusion uses lease files with expiry and heartbeat rather than PID files, which break across containers.',
    'scripts/tidy/lease.py',
  ),
  seed(
    'Runtime-Generated OpenAPI Is Canonical',
    'API',
    'The schema served by the running app is the contract; hand-edited copies are removed to avoid two truths.',
    'src/api/main.py',
  ),
  seed(
    'Fingerprint-Based Security Diff Gate',
    'Security',
    'Scanner findings are normalized into fingerprints, and CI fails only on new fingerprints, not on reordered output.',
    'scripts/security/diff_gate.py',
  ),
  seed(
    'Pin Third-Party Actions to Commit SHAs',
    'CI',
    'Workflows reference third-party actions by full commit SHA; first-party actions may use version tags.',
    '.github/workflows/',
  ),
  seed(
    'Intention Anchors as First-Class Artifacts',
    'Planning',
    'Each plan keeps its intention anchor from planning through build, audit and retrieval, so later phases can check intent.',
    'src/planning/anchors.py',
  ),
  seed(
    'Bounded Runtime for Maintenance Scripts',
    'Tidy',
    'Maintenance scripts take a maximum runtime and exit with a distinct code when it passes, instead of hanging CI.',
    'scripts/tidy/',
  ),
  seed(
    'Token Budgets per Deliverable Category',
    'Models',
    'Output budgets are set per deliverable category (docs, tests, code) instead of one global ceiling.',
    'src/llm/budgets.py',
  ),
  seed(
    'No Silent Fallback to Hash Embeddings',
    'Memory',
    'Without an embedding model the index uses lexical BM25 vectors; vectors seeded from hashes carry no meaning and are banned.',
    'src/memory/embeddings.py',
  ),
  seed(
    'Per-Run Artifact Layout',
    'Executor',
    'Every run writes artifacts under one directory named by run id, with a fixed layout that tools can rely on.',
    'src/executor/run_layout.py',
  ),
  seed(
    'Recycle Bin Instead of Permanent Deletion',
    'Storage',
    'The storage optimizer moves files to the recycle bin; permanent deletion requires a separate manual step.',
    'src/storage/executor.py',
  ),
  seed(
    'Stub Sections for Index-Only Entries',
    'Docs',
    'An entry listed only in the INDEX table gets a stub section so every id has a heading that links can target.',
    'scripts/tidy/stubs.py',
  ),
  seed(
    'Structured JSON Logs in Production',
    'Operations',
    'Services log one JSON object per line with run id and phase id fields; free-text logs stay for local runs only.',
    'src/logging_config.py',
  ),
  seed(
    'Semantic Versioning for the Public API',
    'API',
    'Breaking API changes bump the major version and keep the previous version mounted for one release.',
    'src/api/versioning.py',
  ),
  seed(
    'Telemetry Samples Exclude Cached Runs',
    'Telemetry',
    'Runs that hit the response cache are excluded from calibration samples because their durations are not representative.',
    'scripts/telemetry/collect.py',
  ),
  seed(
    'One Canonical Server Entry Point',
    'API',
    'There is exactly one ASGI application; the legacy backend app is removed rather than kept in sync.',
    'src/api/main.py',
  ),
];

export const DBG_SEEDS: readonly Seed[] = [
  seed(
    'Executor ImportError When Logging Max Attempts',
    'Executor',
    'The max-attempts log line imported a helper lazily from a module that had been renamed, so the executor crashed on the last retry.',
    'src/executor/loop.py',
  ),
  seed(
    'Doc Link Triage Ignored Its Patterns',
    'Docs',
    'The triage file was loaded after the scan started, so ignore patterns never applied and every external link was reported.',
    'scripts/check_doc_links.py',
  ),
  seed(
    'Merge Conflict Markers Left in Research Router',
    'API',
    'A retried phase committed a file with conflict markers; the syntax check ran before the merge step instead of after.',
    'src/api/research_router.py',
  ),
  seed(
    'Protected-Path Isolation Blocked a Legitimate Phase',
    'Governance',
    'The protected-path matcher treated a prefix as a directory, blocking writes to a sibling folder with a similar name.',
    'src/governance/paths.py',
  ),
  seed(
    'Docs Batch Markdown Truncation',
    'Executor',
    'Long documentation deliverables were cut mid-table because the output budget ignored the docs category override.',
    'src/llm/budgets.py',
  ),
  seed(
    'Database Identity Drift Between Executor and API',
    'Database',
    'The executor and the API resolved different database URLs from the environment, so runs looked deleted in the console.',
    'src/db/session.py',
  ),
  seed(
    'Race Condition When Draining Telemetry Batches',
    'Telemetry',
    'Two workers drained the same batch because the claim query lacked a row lock; samples were counted twice.',
    'src/telemetry/batch.py',
  ),
  seed(
    'Stale Lease Broken While Owner Was Alive',
    'Tidy',
    'Heartbeats were written with local time while expiry used UTC, so a healthy owner looked stale for an hour after midnight.',
    'scripts/tidy/lease.py',
  ),
  seed(
    'Qdrant Upsert Rejected String Point Ids',
    'Memory',
    'Point ids like autopack_build_history_BUILD-163 are not integers or UUIDs, so every upsert failed with a 400 that was swallowed.',
    'src/memory/qdrant_store.py',
  ),
  seed(
    'SQLite Database Locked During Concurrent Syncs',
    'Tidy',
    'Two syncs wrote the same SQLite file without waiting on the busy timeout, and the second failed with database is locked.',
    'scripts/tidy/sot_db_sync.py',
  ),
  seed(
    'Duplicate Copies of Allowed Roots Computation',
    'Executor',
    'Three copies of the allowed-roots logic drifted apart, so one code path allowed writes the other two refused.',
    'src/executor/roots.py',
  ),
  seed(
    'Deep Retrieval TypeError on None Scores',
    'Memory',
    'Retrieval added None scores from entries without vectors, raising unsupported operand type during ranking.',
    'src/memory/retrieval.py',
  ),
  seed(
    'Windows Path Separators in Archive Index',
    'Docs',
    'The archive index stored backslash paths when generated on Windows, so links broke on the CI runners.',
    'scripts/archive/generate_index.py',
  ),
  seed(
    'Timeout Waiting for Approval Webhook',
    'Storage',
    'The approval webhook waited forever on a dropped connection; the client had no read timeout set.',
    'src/notify/mobile.py',
  ),
  seed(
    'Flaky Dashboard Test Due to Timezone',
    'Testing',
    'A dashboard test compared dates formatted in local time with UTC fixtures and failed between midnight and one.',
    'tests/api/test_dashboard.py',
  ),
  seed(
    'Builder Regenerated Identical Files as No-Op Failure',
    'Executor',
    'An idempotent phase produced content identical to the existing files and was wrongly reported as no valid file changes.',
    'src/executor/apply_patch.py',
  ),
  seed(
    'CI Cache Key Ignored Lockfile Changes',
    'CI',
    'The dependency cache key hashed only the manifest, so updated lockfiles kept restoring stale packages.',
    '.github/workflows/ci.yml',
  ),
  seed(
    'Embedding Calls Repeated on Every Run',
    'Memory',
    'The sync re-embedded all entries each time because it never compared content hashes before calling the model.',
    'scripts/tidy/sot_db_sync.py',
  ),
  seed(
    'Container Failed to Start as Non-Root User',
    'Security',
    'After switching to a non-root user the entrypoint could not write its cache directory, so the container exited at once.',
    'Dockerfile',
  ),
  seed(
    'OpenAPI Export Missing Research Endpoints',
    'API',
    'The exported schema was generated before the research router was mounted, leaving those paths out of the artifact.',
    'scripts/ci/export_openapi.py',
  ),
  seed(
    'Rollback Deleted Files Outside the Run Directory',
    'Executor',
    'A relative path in the rollback manifest resolved against the working directory instead of the run root.',
    'src/executor/rollback.py',
  ),
  seed(
    'Scanner Crashed on Long Windows Paths',
    'Storage',
    'Paths over 260 characters raised file-not-found during the scan until the long-path prefix was added.',
    'src/storage/scanner.py',
  ),
  seed(
    'Model Recommendation Picked a Deprecated Model',
    'Models',
    'The catalog did not filter deprecated models, so the recommender suggested one that the provider had retired.',
    'src/models/catalog.py',
  ),
  seed(
    'Governance Contract Test Passed Unexpectedly',
    'Governance',
    'A strict expected-failure test started passing after a refactor and the suite errored instead of reporting it clearly.',
    'tests/governance/test_policy_contract.py',
  ),
  seed(
    'Secrets Printed in Sync Error Messages',
    'Security',
    'Connection errors included the full database URL with its password; messages now go through one redaction helper.',
    'scripts/tidy/sot_db_sync.py',
  ),
];
