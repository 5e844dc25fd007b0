// Pure: does a stored point satisfy a Qdrant filter? Follows Qdrant's condition semantics for what sot-sync uses.
import { parseDatetime } from './parse-datetime';
import { payloadValues, rawPayloadValues } from './payload-path';
import { normalizePointId, type PointId } from './point-id';
import type { Condition, FieldCondition, Filter, Payload } from './qdrant-api-types';
import { notModelled, wrongInput } from './qdrant-http-error';

/** What a filter can see of a point. */
export interface FilterablePoint { id: PointId; payload: Payload; vectorNames: readonly string[] }

/** must: all hold; should: at least one (when given); must_not: none; min_should: at least min_count. */
export function matchesFilter(point: FilterablePoint, filter: Filter | null | undefined): boolean {
  if (!filter) return true;
  const holds = (condition: Condition) => matchesCondition(point, condition);
  const should = asList(filter.should);
  if (!asList(filter.must).every(holds)) return false;
  if (should.length > 0 && !should.some(holds)) return false;
  if (asList(filter.must_not).some(holds)) return false;
  const minShould = filter.min_should;
  return !minShould || minShould.conditions.filter(holds).length >= minShould.min_count;
}

function matchesCondition(point: FilterablePoint, condition: Condition): boolean {
  if ('key' in condition) return matchesField(point.payload, condition);
  if ('has_id' in condition) {
    const wanted = new Set(condition.has_id.map((id) => normalizePointId(id)));
    return wanted.has(point.id);
  }
  if ('is_empty' in condition) return isEmpty(point.payload, condition.is_empty.key);
  if ('is_null' in condition) return isNull(point.payload, condition.is_null.key);
  if ('has_vector' in condition) return point.vectorNames.includes(condition.has_vector);
  if (['must', 'should', 'must_not', 'min_should'].some((key) => key in condition)) {
    return matchesFilter(point, condition as Filter);
  }
  throw notModelled(`filter condition ${JSON.stringify(condition)}`);
}

// Every clause given in one FieldCondition must hold.
function matchesField(payload: Payload, condition: FieldCondition): boolean {
  const checks: boolean[] = [];
  if (condition.match) checks.push(matchesMatch(payloadValues(payload, condition.key), condition.match));
  if (condition.range) checks.push(matchesRange(payloadValues(payload, condition.key), condition.range));
  if (typeof condition.is_empty === 'boolean') checks.push(isEmpty(payload, condition.key) === condition.is_empty);
  if (typeof condition.is_null === 'boolean') checks.push(isNull(payload, condition.key) === condition.is_null);
  const unmodelled = ['geo_bounding_box', 'geo_radius', 'geo_polygon', 'values_count'].find((k) => condition[k] != null);
  if (unmodelled) throw notModelled(`field condition ${unmodelled}`);
  if (checks.length === 0) throw wrongInput(`At least one field condition must be specified for key ${condition.key}`);
  return checks.every(Boolean);
}

function matchesMatch(values: unknown[], match: NonNullable<FieldCondition['match']>): boolean {
  if ('value' in match) return values.some((v) => v === match.value);
  if (Array.isArray(match.any)) return values.some((v) => match.any?.includes(v));
  // Qdrant's except matches a missing or null field, and an array when one element is outside the list.
  if (Array.isArray(match.except)) return values.length === 0 || values.some((v) => !match.except?.includes(v));
  if (typeof match.text === 'string') return values.some((v) => typeof v === 'string' && v.includes(match.text ?? ''));
  throw notModelled(`match ${Object.keys(match).join(', ')}`);
}

function matchesRange(values: unknown[], range: NonNullable<FieldCondition['range']>): boolean {
  const bounds = [range.gt, range.gte, range.lt, range.lte];
  const datetime = bounds.some((bound) => typeof bound === 'string');
  const read = (v: unknown) => (datetime ? (typeof v === 'string' ? parseDatetime(v) : null) : typeof v === 'number' ? v : null);
  const bound = (b: number | string | null | undefined) => (b == null ? null : typeof b === 'string' ? parseDatetime(b) : b);
  const [gt, gte, lt, lte] = bounds.map(bound);
  return values.some((value) => {
    const x = read(value);
    if (x === null) return false;
    return (gt == null || x > gt) && (gte == null || x >= gte) && (lt == null || x < lt) && (lte == null || x <= lte);
  });
}

// Empty: missing, null or []. Null: present and null (a [null] array counts too, as in Qdrant).
function isEmpty(payload: Payload, key: string): boolean {
  return payloadValues(payload, key).every((v) => v === null);
}

function isNull(payload: Payload, key: string): boolean {
  const raw = rawPayloadValues(payload, key);
  return raw.length > 0 && raw.some((v) => v === null || (Array.isArray(v) && v.includes(null)));
}

function asList(value: Condition | Condition[] | null | undefined): Condition[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}
