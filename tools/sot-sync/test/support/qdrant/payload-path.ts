// Pure: reads payload values by Qdrant key paths ("metadata.status", "tags[]", "items[].name").
import type { Payload } from './qdrant-api-types';

/**
 * Every value stored under `key`, before array flattening of the final value. Missing paths give [].
 * A `[]` suffix walks into an array; an array met without it is walked too, which Qdrant also tolerates.
 */
export function rawPayloadValues(payload: Payload, key: string): unknown[] {
  let current: unknown[] = [payload];
  for (const part of key.split('.')) {
    const name = part.endsWith('[]') ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const value of current.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))) {
      if (value !== null && typeof value === 'object' && name in value) {
        next.push((value as Record<string, unknown>)[name]);
      }
    }
    current = part.endsWith('[]') ? next.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v])) : next;
  }
  return current;
}

/** The values a condition compares against: arrays are multi-values, so they are flattened one level. */
export function payloadValues(payload: Payload, key: string): unknown[] {
  return rawPayloadValues(payload, key).flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
}

/** A payload holding only the given key paths, nested as in the original (Qdrant's `with_payload: [..]`). */
export function pickPayload(payload: Payload, keys: readonly string[]): Payload {
  const picked: Payload = {};
  for (const key of keys) {
    const parts = key.split('.');
    let source: unknown = payload;
    for (const part of parts) {
      source = source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[part] : undefined;
    }
    if (source === undefined) continue;
    let target = picked;
    parts.slice(0, -1).forEach((part) => {
      const existing = target[part];
      target = (target[part] = existing !== null && typeof existing === 'object' ? existing : {}) as Payload;
    });
    target[parts[parts.length - 1] ?? key] = source;
  }
  return picked;
}
