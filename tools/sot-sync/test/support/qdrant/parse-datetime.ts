// Pure: the datetime strings Qdrant accepts in payloads and DatetimeRange filters, as epoch milliseconds.

// Qdrant (DateTimePayloadType::from_str) takes RFC 3339 and a few relaxed forms: a space instead of "T",
// no seconds, no timezone (read as UTC) or a bare date. The same set is accepted here.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch milliseconds for a datetime string Qdrant would accept, or null. */
export function parseDatetime(text: string): number | null {
  const m = DATETIME.exec(text.trim());
  if (!m) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = ''] = m;
  const zone = normalizeZone(m[8]);
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${zone}`;
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? null : millis;
}

function normalizeZone(zone: string | undefined): string {
  if (zone === undefined || zone === 'z') return 'Z';
  if (zone === 'Z') return zone;
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}
