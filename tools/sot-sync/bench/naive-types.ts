// Bench support: what the naive baselines share (their counts, their target, the project they write).

export interface NaiveCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  embedCalls: number;
  upserts: number;
}

export interface NaiveTarget {
  url: string;
  /** PostgreSQL schema or Qdrant collection. */
  name: string;
  /** Commit every statement on its own (SQL); default: one transaction around the per-row statements. */
  commitPerRow: boolean;
}

/** The CLI's default project id, so both write the same rows. */
export const PROJECT_ID = 'autopack';
