// Scenarios at the real ledgers' size (about 860 KB, 352 entries), where the Python tool was timed: `--docs-only`,
// the pre-commit hook's own share (`validate --staged` on the three staged ledgers) and, apart from it, lint-staged's
// start (a full lint-staged run whose task does nothing).
import * as path from 'node:path';
import type { ScenarioResult } from './bench-types';
import type { BenchWorkspace } from './bench-workspace';
import { measureRuns } from './measure-runs';
import { cliEnv, readReport, runCli, type CliSample } from './run-cli';
import { runProcess } from './run-process';

export const REAL_DOCS_ONLY = 'docs-only (real size)';
export const REAL_HOOK = 'validate --staged (real size)';
export const LINT_STAGED_START = 'lint-staged, no-op task (real size)';

const LINT_STAGED_BIN = path.resolve(__dirname, '..', '..', '..', '..', 'node_modules', 'lint-staged', 'bin', 'lint-staged.js');

export async function benchRealSize(ws: BenchWorkspace & { real: boolean }, runs: number): Promise<ScenarioResult[]> {
  // Real ledgers hold what people wrote, errors included (exit 1); synthetic ones must parse exactly and cleanly.
  const exitCodes = ws.real ? [0, 1] : [0];
  const entries = (s: CliSample): string | null =>
    ws.real || (s.report.entries === ws.entries && s.report.errors === 0)
      ? null
      : `parsed ${s.report.entries} entries with ${s.report.errors} errors, expected ${ws.entries} and 0`;
  const source = ws.real ? 'real ledgers' : 'synthetic';
  const parsed = await measureRuns({
    size: ws.size,
    scenario: `${REAL_DOCS_ONLY}, every ledger parsed`,
    command: 'SOT_SYNC_PARSE_CACHE=off sot-sync --docs-only',
    runs,
    exitCodes,
    run: () => runCli(ws.root, ['--docs-only'], [], { SOT_SYNC_PARSE_CACHE: 'off' }),
    check: entries,
  });
  parsed.counts = `${parsed.counts}, ${Math.round(ws.bytes / 1000)} KB, ${source}`;
  // Unchanged ledgers, as the next run sees them: one untimed run fills the parse cache first.
  await runCli(ws.root, ['--docs-only']);
  const docsOnly = await measureRuns({
    size: ws.size,
    scenario: REAL_DOCS_ONLY,
    command: 'sot-sync --docs-only',
    runs,
    exitCodes,
    run: () => runCli(ws.root, ['--docs-only']),
    check: entries,
  });
  docsOnly.counts = `${docsOnly.counts}, ${Math.round(ws.bytes / 1000)} KB, ${source}`;
  const hook = await measureRuns({
    size: ws.size,
    scenario: REAL_HOOK,
    command: 'sot-sync validate --staged',
    runs,
    exitCodes,
    run: () => runCli(ws.root, ['validate', '--staged']),
    check: (s) => (/3 ledger\(s\) checked/.test(s.stderr) ? null : `unexpected validate output: ${s.stderr.trim().split('\n').pop() ?? ''}`),
  });
  hook.counts = `3 staged ledgers, ${Math.round(ws.bytes / 1000)} KB, ${source}`;
  const lintStaged = await measureRuns({
    size: ws.size,
    scenario: LINT_STAGED_START,
    command: 'lint-staged --diff-filter=ACMRD (task: true)',
    runs,
    run: async () => {
      const sample = await runProcess({ command: process.execPath, args: [LINT_STAGED_BIN, '--diff-filter=ACMRD'], cwd: ws.root, env: cliEnv() });
      return { ...sample, report: readReport('') };
    },
    check: () => null,
  });
  lintStaged.counts = 'outside the hook share';
  return [docsOnly, parsed, hook, lintStaged].map(({ samples: _samples, ...result }) => result);
}
