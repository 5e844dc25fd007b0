// `npm run bench -- --profile DIR --sizes 50000`: one run of each scenario under `node --cpu-prof`, and the functions
// with the most self time in each profile. Writes nothing but the profiles (and the temp databases it removes).
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BenchQdrant } from './bench-qdrant';
import { dropCollection } from './bench-qdrant-sync';
import type { BenchWorkspace } from './bench-workspace';
import { runCli } from './run-cli';
import { postgresStore } from './sql-stores';
import { summarizeCpuProfile } from './summarize-cpu-profile';

export async function profileScenarios(ws: BenchWorkspace, dir: string, qdrant: BenchQdrant | null, postgres: boolean): Promise<void> {
  const pg = postgresStore(ws.size, 0);
  const scenarios: [string, string[]][] = [
    ['docs-only', ['--docs-only']],
    ['validate-staged', ['validate', '--staged']],
    ['sqlite-first', ['--db-only', '--execute', '--database-url', 'sqlite:///profile.db']],
    ['sqlite-noop', ['--db-only', '--execute', '--database-url', 'sqlite:///profile.db']],
    ['sqlite-edit', ['--db-only', '--execute', '--database-url', 'sqlite:///profile.db', '--docs-dir', 'docs-edited']],
    ...(postgres
      ? ([
          ['postgres-first', ['--db-only', '--execute', '--database-url', pg.cliUrl('profile')]],
          ['postgres-noop', ['--db-only', '--execute', '--database-url', pg.cliUrl('profile')]],
        ] as [string, string[]][])
      : []),
    ...(qdrant
      ? ([
          ['qdrant-first', ['--qdrant-only', '--execute', '--qdrant-host', qdrant.url, '--qdrant-collection', 'profile', '--max-seconds', '900']],
          ['qdrant-noop', ['--qdrant-only', '--execute', '--qdrant-host', qdrant.url, '--qdrant-collection', 'profile', '--max-seconds', '900']],
        ] as [string, string[]][])
      : []),
  ];
  try {
    for (const [name, args] of scenarios) {
      const out = path.join(path.resolve(dir), `${ws.size}-${name}`);
      const sample = await runCli(ws.root, args, ['--cpu-prof', `--cpu-prof-dir=${out}`]);
      printProfile(
        `${ws.size} ${name}: wall ${Math.round(sample.wallMs)} ms, exit ${sample.exitCode}, ${sample.stdout.match(/^timing: .*$/m)?.[0] ?? ''}`,
        out,
      );
    }
  } finally {
    await pg.dropSchemas();
    if (qdrant) await dropCollection(qdrant.url, 'profile');
  }
}

/** Prints the top self-time functions of the one profile in `dir`. */
export function printProfile(title: string, dir: string): void {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return void process.stdout.write(`${title}\n  (no profile written)\n`);
  const { totalMs, functions } = summarizeCpuProfile(path.join(dir, file));
  process.stdout.write(`${title}\n  profile ${path.join(dir, file)} (${totalMs} ms sampled), top self time:\n`);
  for (const f of functions) process.stdout.write(`  ${String(f.selfMs).padStart(8)} ms ${String(f.share).padStart(5)}%  ${f.where}\n`);
}
