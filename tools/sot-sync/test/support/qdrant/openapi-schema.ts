// Pure: rewrites Qdrant's OpenAPI 3.0 schemas into JSON Schema that ajv compiles, and registers the doc's formats.
import type Ajv from 'ajv';
import { parseUuid } from './point-id';
import { parseDatetime } from './parse-datetime';

/** The `$id` under which the document's components are registered; every `#/...` ref is rewritten to it. */
export const OPENAPI_SCHEMA_ID = 'qdrant-openapi.json';

// Keywords whose value is a map from names to schemas: their keys are names, never keywords.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'schemas']);
// Keywords that say nothing about what is valid; a schema made only of these plus `nullable` means "null".
const ANNOTATIONS = new Set(['description', 'default', 'deprecated', 'title']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * OpenAPI 3.0 -> JSON Schema: `nullable: true` becomes an explicit null branch (schemars emits a bare
 * `{ "nullable": true }` inside `anyOf`, which ajv refuses), `example` is dropped and refs point at OPENAPI_SCHEMA_ID.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') out[key] = value.replace(/^#\//, `${OPENAPI_SCHEMA_ID}#/`);
    else if (SCHEMA_MAPS.has(key) && isMap(value)) out[key] = mapValues(value, toJsonSchema);
    else out[key] = toJsonSchema(value);
  }
  return node['nullable'] === true ? allowNull(out) : out;
}

function allowNull(schema: { [key: string]: Json }): Json {
  if (Object.keys(schema).every((key) => ANNOTATIONS.has(key))) return { ...schema, type: 'null' };
  const type = schema['type'];
  if (typeof type === 'string') {
    const withNull: { [key: string]: Json } = { ...schema, type: [type, 'null'] };
    const allowed = schema['enum'];
    if (Array.isArray(allowed)) withNull['enum'] = [...allowed, null];
    return withNull;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function isMap(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mapValues(map: { [key: string]: Json }, fn: (value: Json) => Json): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, fn(value)]));
}

/**
 * The formats the document uses. Rust integer widths become range checks (a negative `uint` is a serde error in
 * Qdrant), `uuid` accepts what Qdrant's parser accepts, `date-time` what its payload parser accepts.
 */
export function addQdrantFormats(ajv: Ajv): void {
  const integer = (min: number, max: number) => ({
    type: 'number' as const,
    validate: (x: number) => Number.isInteger(x) && x >= min && x <= max,
  });
  ajv.addFormat('uint', integer(0, 2 ** 64));
  ajv.addFormat('uint64', integer(0, 2 ** 64));
  ajv.addFormat('uint32', integer(0, 2 ** 32 - 1));
  ajv.addFormat('uint8', integer(0, 255));
  ajv.addFormat('int64', integer(-(2 ** 63), 2 ** 63));
  ajv.addFormat('float', { type: 'number', validate: (x: number) => Number.isFinite(x) });
  ajv.addFormat('double', { type: 'number', validate: (x: number) => Number.isFinite(x) });
  ajv.addFormat('uuid', { type: 'string', validate: (x: string) => parseUuid(x) !== null });
  ajv.addFormat('date-time', { type: 'string', validate: (x: string) => parseDatetime(x) !== null });
  ajv.addFormat('partial-date-time', true);
  ajv.addFormat('uri', true);
}
