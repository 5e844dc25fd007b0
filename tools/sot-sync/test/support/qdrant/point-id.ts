// Point ids as Qdrant sees them: unsigned integers or UUIDs, integers ordered before UUIDs (ExtendedPointId's Ord).
import { formatError } from './qdrant-http-error';

export type PointId = number | string;

const HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SIMPLE = /^[0-9a-f]{32}$/;

/**
 * The canonical (lowercase, hyphenated) form of a UUID, or null. Accepts the forms Rust's `Uuid::parse_str`
 * accepts (hyphenated, simple, braced, urn), because that is what Qdrant parses point ids with.
 */
export function parseUuid(text: string): string | null {
  let hex = text.toLowerCase();
  if (hex.startsWith('urn:uuid:')) hex = hex.slice('urn:uuid:'.length);
  else if (hex.startsWith('{') && hex.endsWith('}')) hex = hex.slice(1, -1);
  if (SIMPLE.test(hex)) {
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return HYPHENATED.test(hex) ? hex : null;
}

/** Validates and canonicalises an id; anything else is the 400 Qdrant gives for a bad point id. */
export function normalizePointId(raw: unknown): PointId {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return raw;
  const uuid = typeof raw === 'string' ? parseUuid(raw) : null;
  if (uuid !== null) return uuid;
  throw formatError(`value ${JSON.stringify(raw)} is not a valid point ID, valid values are either an unsigned integer or a UUID`);
}

/** Scroll order: numeric ids ascending, then UUIDs by their bytes (same as the lowercase text order). */
export function comparePointIds(a: PointId, b: PointId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A map key that keeps 5 and "5" apart (the latter is not even a valid id, but keys must never collide). */
export function pointIdKey(id: PointId): string {
  return typeof id === 'number' ? `#${id}` : id;
}
