// Bench support: a temp workspace (never the repository) holding the synthetic ledgers: docs/ as generated, and
// docs-edited/ with 1% of the entries changed. Also a git repository there, with docs/ staged, for the hook scenario.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  for (const [dir, ledgers] of [['docs', plain], ['docs-edited', edited]] as const) {
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

/** `git init` + `git add docs`: the pre-commit hook's view (three staged ledgers), without a commit. */
function stageLedgers(root: string): void {
  const git = (...args: string[]): void => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${root}: ${result.stderr}`);
  };
  git('init', '-q');
  git('add', 'docs');
}
