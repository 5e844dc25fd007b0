// Child processes of the adoption e2e: one clean environment (the workspace's Node first on PATH; none of the caller's
// Nx, target, git, hook or npm settings) and one way to run a command and keep its exit code, output and duration.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export interface E2eRun {
  code: number | null;
  /** stdout then stderr (and the spawn error, if any). */
  output: string;
  ms: number;
}

/**
 * Variables that would change what a child does behind the test's back: Nx settings, sot-sync's targets, git and hook
 * settings, npm's per-run config (npx sets many), jest's NODE_ENV (with it lint-staged prints JSON events) and colour.
 */
const STRIPPED = /^(NX_|SOT_SYNC_|GIT_|HUSKY|LINT_STAGED|npm_|INIT_CWD$|DATABASE_URL$|QDRANT_HOST$|QDRANT_API_KEY$|NODE_ENV$|NO_COLOR$|FORCE_COLOR$)/i;

/** Committer identity and settings through git's environment, so no global config is read or needed. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'sot-sync e2e',
  GIT_AUTHOR_EMAIL: 'e2e@example.com',
  GIT_COMMITTER_NAME: 'sot-sync e2e',
  GIT_COMMITTER_EMAIL: 'e2e@example.com',
  GIT_CONFIG_COUNT: '2',
  GIT_CONFIG_KEY_0: 'commit.gpgsign',
  GIT_CONFIG_VALUE_0: 'false',
  GIT_CONFIG_KEY_1: 'init.defaultBranch',
  GIT_CONFIG_VALUE_1: 'main',
};

/**
 * The environment of every child: `node` (and so npm, husky, lint-staged, sot-sync) is the Node running jest, the
 * workspace's Node 22+; no `node_modules/.bin` of this repository is on PATH, so the temp workspace uses only its own
 * install.
 */
export function e2eEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !STRIPPED.test(key)));
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '' && !dir.includes(`${path.sep}node_modules${path.sep}.bin`));
  return { ...inherited, ...GIT_ENV, PATH: [path.dirname(process.execPath), ...dirs].join(path.delimiter), ...extra };
}

export function runE2e(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): E2eRun {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  return { code: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`, ms };
}
