// Pure: turns ajv errors into the status and wording Qdrant uses for the same bad input (serde 400, validator 422).
import type { ErrorObject } from 'ajv';
import { formatError, type QdrantHttpError, validationError } from './qdrant-http-error';

// Qdrant deserializes with serde (type, shape, unknown fields -> 400 "Format error") and then runs the
// `validator` crate over the value (ranges, lengths -> 422 "Validation error"). These keywords are the latter.
const VALIDATOR_KEYWORDS = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'uniqueItems',
]);
// When several branches of an anyOf fail at the same place, the most telling complaint goes first.
const PRIORITY = ['additionalProperties', 'required', 'format', 'enum', 'type'];

/** The Qdrant-style error for a body that failed schema validation (ajv must run with `verbose: true`). */
export function describeSchemaErrors(errors: readonly ErrorObject[]): QdrantHttpError {
  const depth = (error: ErrorObject) => error.instancePath.split('/').length;
  const deepest = Math.max(...errors.map(depth));
  const candidates = errors.filter((error) => depth(error) === deepest && !/Of$/.test(error.keyword));
  const atDeepest = candidates.length > 0 ? candidates : errors.filter((error) => depth(error) === deepest);
  const first = atDeepest[0] ?? errors[0];
  if (first === undefined) return formatError('invalid body');
  const where = dottedPath(first.instancePath);
  if (atDeepest.every((error) => VALIDATOR_KEYWORDS.has(error.keyword))) {
    return validationError(`${where || 'body'}: ${first.message ?? 'invalid value'}`);
  }
  const rank = (error: ErrorObject) => {
    const index = PRIORITY.indexOf(error.keyword);
    return index === -1 ? PRIORITY.length : index;
  };
  const chosen = [...atDeepest].sort((a, b) => rank(a) - rank(b))[0] ?? first;
  const pointIdError = atDeepest.some((error) => error.keyword === 'format' && error.params['format'] === 'uuid');
  const text = pointIdError ? pointIdPhrase(chosen.data) : phrase(chosen);
  return formatError(where ? `${where}: ${text}` : text);
}

/** "/points/0/id" -> "points[0].id", the path style Qdrant's messages use. */
export function dottedPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function phrase(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field \`${String(params['additionalProperty'])}\``;
    case 'required':
      return `missing field \`${String(params['missingProperty'])}\``;
    case 'enum':
      return `unknown variant ${JSON.stringify(error.data)}, expected one of ${JSON.stringify(params['allowedValues'])}`;
    case 'type':
      return `invalid type: ${JSON.stringify(error.data)}, expected ${String(params['type'])}`;
    case 'format':
      return `invalid value ${JSON.stringify(error.data)}, expected format ${String(params['format'])}`;
    default:
      return error.message ?? `failed ${error.keyword}`;
  }
}

function pointIdPhrase(value: unknown): string {
  return `value ${JSON.stringify(value)} is not a valid point ID, valid values are either an unsigned integer or a UUID`;
}
