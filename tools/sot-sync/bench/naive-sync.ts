// The naive per-row baseline, run as its own process like the CLI (same node start, same parser, same drivers):
// SELECT then upsert per entry (SQL), or one lookup, one embedding call and one upsert per entry (Qdrant).
// Usage: node naive-sync.js <sqlite|postgres|qdrant> <root> <docsDir> <url> [name] [--commit-per-row] [--limit=N]
// --limit: write only the first N entries (all are parsed), so a slow baseline can be scaled up from a sample.
// Prints one JSON line: { inserted, updated, unchanged, embedCalls, upserts, written, parseMs, writeMs }.
import { DEFAULT_LEDGERS } from '../src/config/default-ledgers';
import type { LedgerEntry } from '../src/ledger/types';
import { readLedgers } from '../src/sync/read-ledgers';
import { naivePostgres } from './naive-postgres';
import { naiveQdrant } from './naive-qdrant';
import { naiveSqlite } from './naive-sqlite';
import type { NaiveCounts, NaiveTarget } from './naive-types';

async function main(argv: string[]): Promise<void> {
  const [kind, root, docsDir, url, name = ''] = argv;
  const started = performance.now();
  const parsed = readLedgers({ root: root as string, docsDir: docsDir as string, ledgers: [...DEFAULT_LEDGERS] });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) throw new Error('the ledgers have errors');
  const target: NaiveTarget = { url: url as string, name, commitPerRow: argv.includes('--commit-per-row') };
  const run: Record<string, (entries: LedgerEntry[], target: NaiveTarget) => Promise<NaiveCounts>> = {
    sqlite: naiveSqlite,
    postgres: naivePostgres,
    qdrant: naiveQdrant,
  };
  const sync = run[kind as string];
  if (!sync) throw new Error(`unknown target ${kind ?? '(none)'}`);
  const limit = Number(/^--limit=(\d+)$/.exec(argv.find((arg) => arg.startsWith('--limit=')) ?? '')?.[1] ?? Infinity);
  const entries = parsed.entries.slice(0, limit);
  const parseMs = performance.now() - started;
  const counts = await sync(entries, target);
  const writeMs = performance.now() - started - parseMs;
  process.stdout.write(`${JSON.stringify({ ...counts, written: entries.length, parseMs, writeMs })}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`naive-sync: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
