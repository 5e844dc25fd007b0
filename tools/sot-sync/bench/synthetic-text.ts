// Bench support: deterministic pseudo-random words, sentences and paths for the synthetic ledgers. Pure, no IO.

/** mulberry32: a tiny seeded generator, so the same seed always gives the same ledgers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = (
  'executor patch phase telemetry token budget lease lock queue retry policy manifest deliverable builder auditor ' +
  'dashboard endpoint migration rollback snapshot baseline workflow artifact anchor catalog provider embedding ' +
  'collection index ledger summary fence heading parser scanner scheduler approval quota timeout fingerprint ' +
  'container image compose router schema payload transaction session cursor batch chunk vector sparse dense'
).split(' ');
const VERBS = (
  'hardens validates caches retries normalizes consolidates derives rejects streams pins exports enforces ' +
  'quarantines batches truncates reconciles backfills deduplicates splits merges refreshes'
).split(' ');
const ADJECTIVES = (
  'deterministic idempotent stale canonical governed bounded flaky legacy incremental atomic partial ' +
  'protected transient durable cross-platform token-safe read-only'
).split(' ');
const AREAS = ['Executor', 'Telemetry', 'Storage', 'Docs', 'Tidy', 'API', 'Security', 'CI', 'Database', 'Models', 'Frontend', 'Planning'];
const DIRS = ['src/autopack', 'src/autopack/executor', 'scripts/tidy', 'tests/autopack', 'src/autopack/memory', 'config', '.github/workflows', 'docs/guides'];

export interface Words {
  pick<T>(items: readonly T[]): T;
  int(min: number, max: number): number;
  noun(): string;
  title(): string;
  sentence(minWords: number, maxWords: number): string;
  paragraph(sentences: number): string;
  path(): string;
  area(): string;
}

export function words(random: () => number): Words {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const noun = (): string => pick(NOUNS);
  const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
  const sentence = (minWords: number, maxWords: number): string => {
    const out = [cap(pick(ADJECTIVES)), noun(), pick(VERBS)];
    const n = int(minWords, maxWords);
    while (out.length < n) out.push(random() < 0.3 ? pick(ADJECTIVES) : random() < 0.15 ? `\`${noun()}_${noun()}\`` : noun());
    return `${out.join(' ')}.`;
  };
  return {
    pick,
    int,
    noun,
    title: () => `${cap(noun())} ${cap(noun())} ${pick(['Hardening', 'Convergence', 'Cleanup', 'Integration', 'Hotfix', 'Follow-up'])}`,
    sentence,
    paragraph: (sentences) => Array.from({ length: sentences }, () => sentence(7, 16)).join(' '),
    path: () => `${pick(DIRS)}/${noun()}_${noun()}.${pick(['py', 'ts', 'yml', 'md'])}`,
    area: () => pick(AREAS),
  };
}

/** `2025-12-28` for day `n` before 2026-01-08, plain arithmetic so 50,000 dates cost nothing. */
export function dayBefore(n: number): string {
  const date = new Date(Date.UTC(2026, 0, 8) - Math.floor(n / 7) * 86_400_000);
  return date.toISOString().slice(0, 10);
}
