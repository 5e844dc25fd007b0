// Qdrant's OpenAPI document as referee: validates our server's requests and responses, keeps every violation.
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import { addQdrantFormats, OPENAPI_SCHEMA_ID, toJsonSchema } from './openapi-schema';
import { QdrantHttpError } from './qdrant-http-error';
import { findTemplate } from './route-match';
import { describeSchemaErrors } from './schema-error-message';

type Json = Parameters<typeof toJsonSchema>[0];
interface MediaType {
  schema?: Json;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

/** One way a request or one of our responses disagreed with the document. */
export interface ContractViolation {
  direction: 'request' | 'response';
  method: string;
  path: string;
  operationId: string | null;
  message: string;
}

/** What the server knows about an incoming request once it is routed and its body parsed. */
export interface RequestUnderCheck {
  method: string;
  template: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** The parsed document with its validators, shared by every server in the process (compiling is the slow part). */
export class CompiledOpenApi {
  private readonly ajv = new Ajv({ strict: false, allErrors: false, verbose: true });
  private readonly validators = new Map<string, ValidateFunction>();
  readonly templates: { template: string }[];

  constructor(private readonly doc: Document) {
    addQdrantFormats(this.ajv);
    this.ajv.addSchema({ components: toJsonSchema(doc.components) }, OPENAPI_SCHEMA_ID);
    this.templates = Object.keys(doc.paths).map((template) => ({ template }));
  }

  operation(method: string, template: string): Operation | undefined {
    return this.doc.paths[template]?.[method.toLowerCase()];
  }

  validator(key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

const loaded = new Map<string, CompiledOpenApi>();

/** Reads and compiles the document at `path` once per process; throws when it is missing or not an OpenAPI doc. */
export function loadOpenApi(path: string): CompiledOpenApi {
  let openApi = loaded.get(path);
  if (openApi === undefined) {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<Document>;
    if (typeof doc.paths !== 'object' || typeof doc.components !== 'object') {
      throw new Error(`${path} is not an OpenAPI document (no paths/components)`);
    }
    openApi = new CompiledOpenApi(doc as Document);
    loaded.set(path, openApi);
  }
  return openApi;
}

/** Per-server contract state. With no document (`null`) every check passes and nothing is recorded. */
export class OpenApiContract {
  readonly violations: ContractViolation[] = [];

  constructor(private readonly openApi: CompiledOpenApi | null) {}

  get enabled(): boolean {
    return this.openApi !== null;
  }

  /** The document's path template for a request path, or null (also null when checks are off). */
  documentedTemplate(method: string, path: string): string | null {
    const found = this.openApi ? findTemplate(this.openApi.templates, path) : null;
    return found && this.openApi?.operation(method, found.match.template) ? found.match.template : null;
  }

  /** Records a violation found outside `checkRequest` (a body that is not JSON); ignored when checks are off. */
  record(violation: ContractViolation): void {
    if (this.enabled) this.violations.push(violation);
  }

  /** Null when the request is acceptable, else the error Qdrant would answer with (and a recorded violation). */
  checkRequest(request: RequestUnderCheck): QdrantHttpError | null {
    if (this.openApi === null) return null;
    const operation = this.openApi.operation(request.method, request.template);
    const error = operation
      ? (this.paramError(request, operation) ?? this.bodyError(request, operation))
      : new QdrantHttpError(404, `Not found: ${request.method} ${request.template} is not in the OpenAPI document`);
    if (error !== null) this.violations.push(violation('request', request, operation, error.message));
    return error;
  }

  /** Validates one of our responses; a mismatch is a bug in the test server, returned and recorded. */
  checkResponse(request: RequestUnderCheck, status: number, body: unknown): string | null {
    const operation = this.openApi?.operation(request.method, request.template);
    if (this.openApi === null || operation === undefined) return null;
    const responses = operation.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((code) => code in responses);
    if (key === undefined) return this.responseViolation(request, operation, `status ${status} is not documented`);
    const schema = responses[key]?.content?.['application/json']?.schema;
    if (schema === undefined) return null;
    const validate = this.openApi.validator(`${request.method} ${request.template} ${key}`, schema);
    if (validate(body)) return null;
    const detail = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
    const message = `response ${status} violates the document: ${detail.join('; ')}`;
    return this.responseViolation(request, operation, message);
  }

  private paramError(request: RequestUnderCheck, operation: Operation): QdrantHttpError | null {
    for (const param of operation.parameters ?? []) {
      const values = param.in === 'path' ? request.params : param.in === 'query' ? request.query : {};
      const raw = values[param.name];
      if (raw === undefined) {
        if (!param.required || param.in === 'header') continue;
        return new QdrantHttpError(400, `Query deserialize error: missing field \`${param.name}\``);
      }
      const key = `${request.method} ${request.template} ${param.in} ${param.name}`;
      const validate = this.openApi?.validator(key, param.schema ?? {});
      // Query strings carry no types: accept the raw text, else its JSON reading ("true" -> true, "5" -> 5).
      if (validate && !validate(raw) && !validate(coerceScalar(raw))) {
        return new QdrantHttpError(400, `Query deserialize error: ${param.name}: invalid value ${JSON.stringify(raw)}`);
      }
    }
    return null;
  }

  private bodyError(request: RequestUnderCheck, operation: Operation): QdrantHttpError | null {
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    if (schema === undefined || this.openApi === null) return null;
    if (request.body === undefined) {
      return new QdrantHttpError(400, 'Json deserialize error: EOF while parsing a value at line 1 column 0');
    }
    const validate = this.openApi.validator(`${request.method} ${request.template} body`, schema);
    return validate(request.body) ? null : describeSchemaErrors(validate.errors ?? []);
  }

  private responseViolation(request: RequestUnderCheck, operation: Operation, message: string): string {
    this.violations.push(violation('response', request, operation, message));
    return message;
  }
}

function violation(
  direction: ContractViolation['direction'],
  request: RequestUnderCheck,
  operation: Operation | undefined,
  message: string,
): ContractViolation {
  return { direction, method: request.method, path: request.path, operationId: operation?.operationId ?? null, message };
}

function coerceScalar(raw: string): unknown {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  const number = Number(raw);
  return raw.trim() !== '' && Number.isFinite(number) ? number : raw;
}
