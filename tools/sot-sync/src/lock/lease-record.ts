// The tidy tools' lease file format (scripts/tidy/lease.py in Autopack): the JSON record and its times. Pure.

/**
 * One lease file's content, field for field and in the order the tidy tools write it (`json.dump(..., indent=2)`).
 * Times are naive UTC ISO-8601 with microseconds and a trailing `Z`: `2026-01-08T12:34:56.789000Z`.
 */
export interface LeaseRecord {
  owner: string;
  /** A UUID (v4) string; the holder proves ownership with it before renewing or deleting. */
  token: string;
  pid: number;
  created_at: string;
  expires_at: string;
  last_renewed_at: string;
}

/** Python's `datetime.utcnow().isoformat() + "Z"`: six fraction digits, no offset, then `Z`. */
export function formatLeaseTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const LEASE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch, or null. Zone-less times are UTC, as the tidy tools mean them (`utcnow`). */
export function parseLeaseTime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = LEASE_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const fractionMs = Math.floor(Number(`0.${fraction}`) * 1000);
  return Number.isNaN(ms) ? null : ms + fractionMs - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** Byte for byte what Python's `json.dump(record, f, indent=2)` writes: two-space indent, no trailing newline. */
export function serializeLease(record: LeaseRecord): string {
  const ordered: LeaseRecord = {
    owner: record.owner,
    token: record.token,
    pid: record.pid,
    created_at: record.created_at,
    expires_at: record.expires_at,
    last_renewed_at: record.last_renewed_at,
  };
  // json.dump escapes every non-ASCII character (ensure_ascii=True); do the same so the bytes match too.
  return JSON.stringify(ordered, null, 2).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The record, or null when the text is not a lease the tidy tools could judge (no JSON object, no expiry). */
export function parseLease(text: string): Partial<LeaseRecord> | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const record = value as Partial<LeaseRecord>;
    return parseLeaseTime(record.expires_at) === null ? null : record;
  } catch {
    return null;
  }
}

export function newLeaseRecord(input: { owner: string; token: string; pid: number; now: number; ttlMs: number }): LeaseRecord {
  const now = formatLeaseTime(input.now);
  return {
    owner: input.owner,
    token: input.token,
    pid: input.pid,
    created_at: now,
    expires_at: formatLeaseTime(input.now + input.ttlMs),
    last_renewed_at: now,
  };
}

/**
 * The lease's `owner`, `<prefix>:<name>` as the tidy tools write it; with the machine identity when there is one:
 * `sot-sync@build-01+3f2a9c1d7e4b5a60:docs`. The identity lets a later run prove the holder ran on its own machine,
 * boot and pid namespace, the condition for breaking the lease of a dead holder at once (D15). The format stays
 * the tidy tools' own: six fields, `owner` a free string ending in `:<name>`.
 */
export function formatLeaseOwner(prefix: string, name: string, machine: string | null): string {
  return `${prefix}${machine ? `@${machine}` : ''}:${name}`;
}

/** The machine identity written into an owner by `formatLeaseOwner`, or null (a tidy tools' lease, or another format). */
export function machineOfOwner(owner: unknown): string | null {
  if (typeof owner !== 'string') return null;
  return /@([A-Za-z0-9._-]+\+[0-9a-f]{16}):[^:@]*$/.exec(owner)?.[1] ?? null;
}

/** A renewal keeps owner, token, pid and created_at, and moves expires_at and last_renewed_at, as lease.py's renew does. */
export function renewedLeaseRecord(record: LeaseRecord, now: number, ttlMs: number): LeaseRecord {
  return { ...record, expires_at: formatLeaseTime(now + ttlMs), last_renewed_at: formatLeaseTime(now) };
}
