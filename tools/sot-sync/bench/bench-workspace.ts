// Bench support: a temp workspace (never the repository) holding the synthetic ledgers: docs/ as generated, and
// docs-edited/ with 1% of the entries changed. Also a git repository there, with docs/ staged, for the hook scenario.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateLedgers } from './generate-ledgers';

export interface BenchWorkspace {
  root: string;
  size: number;
  /** Bytes of the three ledgers. */
  bytes: number;
  /** Entries a sync must report (exact). */
  entries: number;
  /** Entries that differ between docs/ and docs-edited/ (exact). */
  edited: number;
  ledgerNames: string[];
  dispose(): void;
}

export function createWorkspace(size: number): BenchWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), `sot-sync-bench-${size}-`));
  writeFileSync(path.join(root, 'nx.json'), '{}\n');
  const plain = generateLedgers(size, { edited: false });
  const edited = generateLedgers(size, { edited: true });
  for (const [dir, ledgers] of [
    ['docs', plain],
    ['docs-edited', edited],
  ] as const) {
    mkdirSync(path.join(root, dir));
    for (const file of ledgers.files) writeFileSync(path.join(root, dir, file.name), file.text);
  }
  stageLedgers(root);
  return {
    root,
    size,
    bytes: plain.bytes,
    entries: plain.entries,
    edited: edited.edited,
    ledgerNames: plain.files.map((f) => f.name),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The real ledgers' size (issue: three ledgers, about 860 KB, 352 entries), for the scenarios the Python tool was timed on. */
export const REAL_SIZE = { entries: 352, detail: 4 } as const;
const LEDGER_NAMES = ['BUILD_HISTORY.md', 'ARCHITECTURE_DECISIONS.md', 'DEBUG_LOG.md'];

/**
 * A workspace with real-sized ledgers, staged: the three ledgers of `realDocs` (copied into the temp workspace, never
 * into the repository; their entry count is whatever the CLI finds) or, without it, synthetic ledgers of 352 entries
 * as long as the real ones. Also a package.json whose lint-staged task does nothing, to time lint-staged's own start.
 */
export function createRealSizeWorkspace(realDocs: string | undefined): BenchWorkspace & { real: boolean } {
  const root = mkdtempSync(path.join(tmpdir(), 'sot-sync-bench-real-'));
  writeFileSync(path.join(root, 'nx.json'), '{}\n');
  writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ name: 'bench', private: true, 'lint-staged': { 'docs/**/*.md': 'true' } })}\n`);
  mkdirSync(path.join(root, 'docs'));
  let entries: number = REAL_SIZE.entries;
  if (realDocs) for (const name of LEDGER_NAMES) copyFileSync(path.join(realDocs, name), path.join(root, 'docs', name));
  else {
    const ledgers = generateLedgers(REAL_SIZE.entries, { edited: false, detail: REAL_SIZE.detail });
    for (const file of ledgers.files) writeFileSync(path.join(root, 'docs', file.name), file.text);
    entries = ledgers.entries;
  }
  stageLedgers(root);
  const bytes = LEDGER_NAMES.reduce((sum, name) => sum + statSync(path.join(root, 'docs', name)).size, 0);
  return {
    root,
    size: entries,
    bytes,
    entries,
    edited: 0,
    ledgerNames: LEDGER_NAMES,
    real: realDocs !== undefined,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** `git init` + `git add docs`: the pre-commit hook's view (three staged ledgers), without a commit. */
function stageLedgers(root: string): void {
  const git = (...args: string[]): void => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${root}: ${result.stderr}`);
  };
  git('init', '-q');
  git('add', 'docs');
}
