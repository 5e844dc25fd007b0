// Pure: the filters every store's search takes (file type, status, date range) and their normalized forms.
import { UsageError } from '../errors';

export interface SearchFilters {
  /** `build_history`, `architecture`, `debug_log`, … */
  fileType?: string;
  /**
   * Matches the status word (`complete` matches `✅ Complete (100%)`), the exact status text, or the lifecycle
   * (`superseded` matches `⚠️ SUPERSEDED (2026-01-08)` and an entry with a `Superseded by` line).
   */
  status?: string;
  /** Inclusive lower bound on `created_at`: a date (`2026-01-01`) or an ISO date-time. */
  since?: string;
  /** Inclusive upper bound: a date includes that whole day (UTC). */
  until?: string;
}

/** `created_at` bounds as ISO date-times (UTC): `gte` from --since, then `lt` (a bare date's next midnight) or `lte`. */
export interface DateRange {
  gte?: string;
  lt?: string;
  lte?: string;
}

/**
 * A filterable form of the free-text status: its first word, lowercased (`✅ Complete (100%)` -> `complete`,
 * `Accepted` -> `accepted`). `metadata.status` keeps the text as written.
 */
export function statusKey(status: string | undefined): string | undefined {
  const word = /[\p{L}][\p{L}\p{N}_-]*/u.exec(status ?? '');
  return word ? word[0].toLowerCase() : undefined;
}

export function dateRange(filters: Pick<SearchFilters, 'since' | 'until'>): DateRange {
  const range: DateRange = {};
  if (filters.since) range.gte = boundary(filters.since, 'since');
  if (filters.until) range[isDate(filters.until) ? 'lt' : 'lte'] = boundary(filters.until, 'until');
  return range;
}

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

// A bare date is midnight UTC; `until` with a bare date becomes "before the next midnight".
function boundary(text: string, flag: 'since' | 'until'): string {
  const value = text.trim();
  const millis = Date.parse(isDate(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(millis)) throw new UsageError(`--${flag} ${value} is not a date: expected e.g. 2026-01-08 or 2026-01-08T12:00:00Z`);
  const day = 24 * 60 * 60 * 1000;
  return new Date(flag === 'until' && isDate(value) ? millis + day : millis).toISOString();
}
