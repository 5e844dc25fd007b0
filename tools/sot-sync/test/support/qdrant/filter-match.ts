// Pure: does a stored point satisfy a Qdrant filter? Follows Qdrant's condition semantics for what sot-sync uses.
import { parseDatetime } from './parse-datetime';
import { compilePayloadPath } from './payload-path';
import { normalizePointId, type PointId } from './point-id';
import type { Condition, FieldCondition, Filter, Payload } from './qdrant-api-types';
import { notModelled, wrongInput } from './qdrant-http-error';

/** What a filter can see of a point. */
export interface FilterablePoint {
  id: PointId;
  payload: Payload;
  vectorNames: readonly string[];
}

/** A compiled filter: true when the point matches. */
export type PointPredicate = (point: FilterablePoint) => boolean;

/**
 * Compiles a filter once per request. Its errors (an unmodelled condition, a field condition without a clause)
 * are thrown here, so they never depend on which points a scan happens to reach, as in Qdrant, which rejects such
 * a request before looking at any point.
 * must: all hold; should: at least one (when given); must_not: none; min_should: at least min_count.
 */
export function compileFilter(filter: Filter | null | undefined): PointPredicate {
  if (!filter) return () => true;
  const must = asList(filter.must).map(compileCondition);
  const should = asList(filter.should).map(compileCondition);
  const mustNot = asList(filter.must_not).map(compileCondition);
  const minShould = filter.min_should;
  const minConditions = minShould ? minShould.conditions.map(compileCondition) : [];
  return (point) => {
    const holds = (condition: PointPredicate) => condition(point);
    if (!must.every(holds)) return false;
    if (should.length > 0 && !should.some(holds)) return false;
    if (mustNot.some(holds)) return false;
    return !minShould || minConditions.filter(holds).length >= minShould.min_count;
  };
}

/** One-off check of one point (compiles the filter each time; use `compileFilter` in loops). */
export function matchesFilter(point: FilterablePoint, filter: Filter | null | undefined): boolean {
  return compileFilter(filter)(point);
}

function compileCondition(condition: Condition): PointPredicate {
  if ('key' in condition) return compileField(condition);
  if ('has_id' in condition) {
    const wanted = new Set(condition.has_id.map((id) => normalizePointId(id)));
    return (point) => wanted.has(point.id);
  }
  if ('is_empty' in condition) return compileIsEmpty(condition.is_empty.key);
  if ('is_null' in condition) return compileIsNull(condition.is_null.key);
  if ('has_vector' in condition) {
    const name = condition.has_vector;
    return (point) => point.vectorNames.includes(name);
  }
  if (['must', 'should', 'must_not', 'min_should'].some((key) => key in condition)) {
    return compileFilter(condition as Filter);
  }
  throw notModelled(`filter condition ${JSON.stringify(condition)}`);
}

// Every clause given in one FieldCondition must hold.
function compileField(condition: FieldCondition): PointPredicate {
  const values = compilePayloadPath(condition.key).values;
  const checks: PointPredicate[] = [];
  const { match, range } = condition;
  if (match) {
    const test = compileMatch(match);
    checks.push((point) => test(values(point.payload)));
  }
  if (range) {
    const test = compileRange(range);
    checks.push((point) => test(values(point.payload)));
  }
  const { is_empty: wantEmpty, is_null: wantNull } = condition;
  if (typeof wantEmpty === 'boolean') {
    const isEmpty = compileIsEmpty(condition.key);
    checks.push((point) => isEmpty(point) === wantEmpty);
  }
  if (typeof wantNull === 'boolean') {
    const isNull = compileIsNull(condition.key);
    checks.push((point) => isNull(point) === wantNull);
  }
  const unmodelled = ['geo_bounding_box', 'geo_radius', 'geo_polygon', 'values_count'].find((k) => condition[k] != null);
  if (unmodelled) throw notModelled(`field condition ${unmodelled}`);
  if (checks.length === 0) throw wrongInput(`At least one field condition must be specified for key ${condition.key}`);
  return (point) => checks.every((check) => check(point));
}

function compileMatch(match: NonNullable<FieldCondition['match']>): (values: unknown[]) => boolean {
  if ('value' in match) return (values) => values.some((v) => v === match.value);
  const { any, except, text } = match;
  // Sets compare as `includes` does (SameValueZero), without a pass over the list per value.
  if (Array.isArray(any)) {
    const wanted = new Set(any);
    return (values) => values.some((v) => wanted.has(v));
  }
  // Qdrant's except matches a missing or null field, and an array when one element is outside the list.
  if (Array.isArray(except)) {
    const excluded = new Set(except);
    return (values) => values.length === 0 || values.some((v) => !excluded.has(v));
  }
  if (typeof text === 'string') return (values) => values.some((v) => typeof v === 'string' && v.includes(text));
  throw notModelled(`match ${Object.keys(match).join(', ')}`);
}

function compileRange(range: NonNullable<FieldCondition['range']>): (values: unknown[]) => boolean {
  const bounds = [range.gt, range.gte, range.lt, range.lte];
  const datetime = bounds.some((bound) => typeof bound === 'string');
  const read = (v: unknown) => (datetime ? (typeof v === 'string' ? parseDatetime(v) : null) : typeof v === 'number' ? v : null);
  const bound = (b: number | string | null | undefined) => (b == null ? null : typeof b === 'string' ? parseDatetime(b) : b);
  const [gt, gte, lt, lte] = bounds.map(bound);
  return (values) =>
    values.some((value) => {
      const x = read(value);
      if (x === null) return false;
      return (gt == null || x > gt) && (gte == null || x >= gte) && (lt == null || x < lt) && (lte == null || x <= lte);
    });
}

// Empty: missing, null or []. Null: present and null (a [null] array counts too, as in Qdrant).
function compileIsEmpty(key: string): PointPredicate {
  const values = compilePayloadPath(key).values;
  return (point) => values(point.payload).every((v) => v === null);
}

function compileIsNull(key: string): PointPredicate {
  const rawValues = compilePayloadPath(key).rawValues;
  return (point) => {
    const raw = rawValues(point.payload);
    return raw.length > 0 && raw.some((v) => v === null || (Array.isArray(v) && v.includes(null)));
  };
}

function asList(value: Condition | Condition[] | null | undefined): Condition[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}
