// Pure: what an entry heading says besides its id (title, date, category), and ledger dates as ISO strings.

export interface HeadingFields {
  title: string;
  date?: string;
  category?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?$/;
const DATE_IN_PARENS = /\((\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)\)/;

/**
 * Reads the heading text after the id. Shapes seen in real ledgers:
 * `| 2026-01-16 | Title`, `| 2025-12-28T18:30 | Tooling | Title`, `: Title (2026-01-02) ✅ COMPLETE`, ` Follow-up: …`.
 */
export function parseHeadingFields(rest: string): HeadingFields {
  const text = rest.replace(/^[\s:|—–-]+/, '').trim();
  if (rest.includes('|')) {
    const fields = text.split('|').map((field) => field.trim()).filter((field) => field !== '');
    const dateAt = fields.findIndex((field) => normalizeLedgerDate(field) !== null);
    if (dateAt >= 0) {
      const date = normalizeLedgerDate(fields[dateAt] as string) ?? undefined;
      const others = fields.filter((_field, i) => i !== dateAt);
      if (others.length >= 2) return { date, category: others[0], title: others.slice(1).join(' | ') };
      return { date, title: others.join(' | ') };
    }
    return { title: fields.join(' | ') };
  }
  const inParens = DATE_IN_PARENS.exec(text);
  const date = inParens ? normalizeLedgerDate(inParens[1] as string) : null;
  return date ? { date, title: text } : { title: text };
}

/**
 * `2026-01-08` stays a date; `2025-12-28T18:30` becomes `2025-12-28T18:30:00Z` (ledger times carry no zone and
 * are read as UTC). Anything that is not a real calendar date gives null.
 */
export function normalizeLedgerDate(text: string): string | null {
  // Dates are short; anything long is not one (and is not worth a trim).
  if (text.length > 40) return null;
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match as unknown as [string, string, string, string, string?, string?, string?];
  if (!isCalendarDate(Number(y), Number(mo), Number(d)) || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  const datePart = `${y}-${mo}-${d}`;
  return h === undefined ? datePart : `${datePart}T${h}:${mi as string}:${s ?? '00'}Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Plain arithmetic, no Date objects: this runs for every entry of ledgers with tens of thousands of them. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  return day <= (DAYS_IN_MONTH[month - 1] as number) + (leap ? 1 : 0);
}

/** True for the strings normalizeLedgerDate produces. */
export function isNormalizedDate(text: string): boolean {
  return NORMALIZED.test(text);
}

const NORMALIZED = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/;
