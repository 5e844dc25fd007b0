// Test support: three realistic ledgers (build history, decisions, debug log; 75 entries) written as markdown and
// parsed by the real parser, for retrieval-quality tests. Invented for these tests; shared boilerplate on purpose.
import { parseLedger } from '../../src/ledger/parse-ledger';
import type { LedgerEntry } from '../../src/ledger/types';
import { ALL_PREFIXES, LEDGERS } from './fixtures';
import { BUILD_SEEDS, DBG_SEEDS, DEC_SEEDS, type Seed } from './ledger-corpus-seeds';

const day = (i: number): string => new Date(Date.UTC(2025, 10, 3) + i * 86_400_000).toISOString().slice(0, 10);

function buildSection(seed: Seed, i: number): string {
  const id = `BUILD-${140 + i}`;
  return [
    `## ${id} | ${day(i * 2)} | ${seed.title}`,
    '',
    `**Status**: ✅ Complete`,
    `**Category**: ${seed.area}`,
    '',
    '### Summary',
    '',
    seed.detail,
    '',
    '### Changes',
    '',
    ...seed.files.map((file) => `- \`${file}\`: updated as part of ${id}`),
    '',
    '### Tests',
    '',
    `${12 + ((i * 7) % 40)} tests passing; the full suite stays green in CI.`,
    '',
  ].join('\n');
}

function decisionSection(seed: Seed, i: number): string {
  const id = `DEC-${String(30 + i).padStart(3, '0')}`;
  return [
    `### ${id} | ${day(i * 3 + 1)} | ${seed.title}`,
    '',
    `**Status**: ${i % 5 === 4 ? 'Superseded' : 'Accepted'}`,
    '',
    '#### Context',
    '',
    `The ${seed.area} area needed a rule everyone follows.`,
    '',
    '#### Decision',
    '',
    seed.detail,
    '',
    '#### Consequences',
    '',
    `Code touching ${seed.files.join(', ')} follows this decision; reviews point here.`,
    '',
  ].join('\n');
}

function debugSection(seed: Seed, i: number): string {
  const id = `DBG-${String(60 + i).padStart(3, '0')}`;
  return [
    `### ${id} | ${day(i * 2 + 1)} | ${seed.title}`,
    '',
    `**Severity**: ${['LOW', 'MEDIUM', 'HIGH'][i % 3]}`,
    `**Status**: ✅ Resolved`,
    '',
    '#### Symptom and root cause',
    '',
    seed.detail,
    '',
    '#### Fix',
    '',
    `Patched ${seed.files.join(' and ')}; a regression test reproduces the original failure.`,
    '',
  ].join('\n');
}

/** The three ledgers as markdown, newest entry first as real ledgers are. */
export function corpusLedgers(): { build: string; dec: string; dbg: string } {
  const newestFirst = (sections: string[]): string => sections.reverse().join('\n');
  return {
    build: `# Build History - Implementation Log\n\n${newestFirst(BUILD_SEEDS.map(buildSection))}`,
    dec: `# Architecture Decisions - Design Rationale\n\n## DECISIONS (Reverse Chronological)\n\n${newestFirst(DEC_SEEDS.map(decisionSection))}`,
    dbg: `# Debug Log - Problem Solving History\n\n## DEBUG ENTRIES (Reverse Chronological)\n\n${newestFirst(DBG_SEEDS.map(debugSection))}`,
  };
}

/** Every entry of the three ledgers, parsed as the sync parses them. Throws if the parser reports an error. */
export function corpusEntries(): LedgerEntry[] {
  const text = corpusLedgers();
  const parsed = [
    parseLedger(text.build, LEDGERS.build, { foreignPrefixes: ALL_PREFIXES }),
    parseLedger(text.dec, LEDGERS.dec, { foreignPrefixes: ALL_PREFIXES }),
    parseLedger(text.dbg, LEDGERS.dbg, { foreignPrefixes: ALL_PREFIXES }),
  ];
  const errors = parsed.flatMap((ledger) => ledger.diagnostics.filter((d) => d.severity === 'error'));
  if (errors.length > 0) throw new Error(`corpus fixture does not parse: ${errors.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`);
  return parsed.flatMap((ledger) => ledger.entries);
}
