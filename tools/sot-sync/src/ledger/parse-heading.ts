// Pure: what an entry heading says besides its id (title, date, category), and ledger dates as ISO strings.

export interface HeadingFields {
  title: string;
  date?: string;
  category?: string;
}

// What normalizeLedgerDate accepts (after trimming), read by hand there:
// /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?$/
const DATE_IN_PARENS = /\((\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)\)/;

/**
 * Reads the heading text after the id. Shapes seen in real ledgers:
 * `| 2026-01-16 | Title`, `| 2025-12-28T18:30 | Tooling | Title`, `: Title (2026-01-02) ✅ COMPLETE`, ` Follow-up: …`.
 */
export function parseHeadingFields(rest: string): HeadingFields {
  const text = rest.replace(/^[\s:|—–-]+/, '').trim();
  if (rest.includes('|')) {
    // Plain loops: this runs once per entry heading, and each array method would allocate a copy and a closure.
    const fields: string[] = [];
    for (const piece of text.split('|')) {
      const field = piece.trim();
      if (field !== '') fields.push(field);
    }
    for (let at = 0; at < fields.length; at++) {
      const date = normalizeLedgerDate(fields[at] as string);
      if (date === null) continue;
      fields.splice(at, 1);
      if (fields.length >= 2) return { date, category: fields[0], title: fields.slice(1).join(' | ') };
      return { date, title: fields.join(' | ') };
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
  const date = text.trim();
  // A hand-written reader of the expression above, with plain arithmetic: this runs several times per entry, and a
  // regular expression's match array, its captures and their Number() conversions cost more than the check itself.
  if (!isDigits(date, 0, 4) || date.charCodeAt(4) !== 45 || !isDigits(date, 5, 2) || date.charCodeAt(7) !== 45 || !isDigits(date, 8, 2)) return null;
  if (!isCalendarDate(twoDigits(date, 0) * 100 + twoDigits(date, 2), twoDigits(date, 5), twoDigits(date, 8))) return null;
  if (date.length === 10) return date;
  const secondsAt = readTime(date);
  if (secondsAt === null || twoDigits(date, 11) > 23 || twoDigits(date, 14) > 59 || (secondsAt > 0 && twoDigits(date, secondsAt) > 59)) return null;
  // Already in the normalized form (`2025-12-28T18:30:05Z`): returned as it is, without building a new string.
  if (date.length === 20 && date.charCodeAt(10) === 84 && secondsAt === 17 && date.charCodeAt(19) === 90) return date;
  return `${date.slice(0, 10)}T${date.slice(11, 16)}:${secondsAt > 0 ? date.slice(secondsAt, secondsAt + 2) : '00'}Z`;
}

/**
 * The time part of that expression after `YYYY-MM-DD`: `[T ]HH:MM(:SS(.fraction)?)?Z?` to the end. Gives where the
 * seconds are (0 when absent), or null when the text is not of that form.
 */
function readTime(date: string): number | null {
  const separator = date.charCodeAt(10);
  if ((separator !== 84 /* T */ && separator !== 32) || !isDigits(date, 11, 2) || date.charCodeAt(13) !== 58 || !isDigits(date, 14, 2)) return null;
  let at = 16;
  let secondsAt = 0;
  if (date.charCodeAt(at) === 58 /* : */) {
    if (!isDigits(date, at + 1, 2)) return null;
    secondsAt = at + 1;
    at += 3;
    if (date.charCodeAt(at) === 46 /* . */) {
      const fraction = at + 1;
      for (at = fraction; isDigits(date, at, 1); at++);
      if (at === fraction) return null;
    }
  }
  if (date.charCodeAt(at) === 90 /* Z */) at++;
  return at === date.length ? secondsAt : null;
}

/** `count` ASCII digits at `at` (what `\d` matches without the u flag). */
function isDigits(text: string, at: number, count: number): boolean {
  if (at + count > text.length) return false;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The value of the two digits at `at` (already checked to be digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
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
