// Pure: reads payload values by Qdrant key paths ("metadata.status", "tags[]", "items[].name").
import type { Payload } from './qdrant-api-types';

/** A key path read once and applied to many payloads (filters compile their keys with this). */
export interface PayloadPath {
  /** Every value stored under the key, before array flattening of the final value. Missing paths give []. */
  rawValues(payload: Payload): unknown[];
  /** The values a condition compares against: arrays are multi-values, so they are flattened one level. */
  values(payload: Payload): unknown[];
}

/**
 * Splits `key` once. A `[]` suffix walks into an array; an array met without it is walked too, which Qdrant
 * also tolerates.
 */
export function compilePayloadPath(key: string): PayloadPath {
  const steps = key.split('.').map((part) => ({ name: part.endsWith('[]') ? part.slice(0, -2) : part, spread: part.endsWith('[]') }));
  const rawValues = (payload: Payload): unknown[] => {
    let current: unknown[] = [payload];
    for (const { name, spread } of steps) {
      const next: unknown[] = [];
      for (const holder of current) {
        if (Array.isArray(holder)) for (const value of holder as unknown[]) pick(value, name, next);
        else pick(holder, name, next);
      }
      current = spread ? flattenOnce(next) : next;
    }
    return current;
  };
  return { rawValues, values: (payload) => flattenOnce(rawValues(payload)) };
}

/** Every value stored under `key`, before array flattening of the final value (see `compilePayloadPath`). */
export function rawPayloadValues(payload: Payload, key: string): unknown[] {
  return compilePayloadPath(key).rawValues(payload);
}

/** The values a condition compares against: arrays are multi-values, so they are flattened one level. */
export function payloadValues(payload: Payload, key: string): unknown[] {
  return compilePayloadPath(key).values(payload);
}

function pick(value: unknown, name: string, into: unknown[]): void {
  if (value !== null && typeof value === 'object' && name in value) into.push((value as Record<string, unknown>)[name]);
}

function flattenOnce(values: unknown[]): unknown[] {
  if (!values.some(Array.isArray)) return values;
  return values.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
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
