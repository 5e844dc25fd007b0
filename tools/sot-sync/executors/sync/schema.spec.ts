// The executor contract: schema.json (what Nx and normalizeOptions validate) and schema.d.ts (what the code compiles
// against) must describe the same options, and every option is documented (STYLE §5, §7).
import * as fs from 'node:fs';
import * as path from 'node:path';

interface JsonProperty {
  type?: string;
  enum?: string[];
  description?: string;
  items?: JsonObjectSchema;
}
interface JsonObjectSchema {
  properties: Record<string, JsonProperty>;
  required?: string[];
}

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'schema.json'), 'utf8')) as JsonObjectSchema & { version?: number };
// The types live in the core (src/config/sync-options.ts); schema.d.ts re-exports them for Nx.
const declarations = fs.readFileSync(path.join(__dirname, '../../src/config/sync-options.ts'), 'utf8');

/** The members of `export interface <name> { ... }` in schema.d.ts, as key -> { type, optional }. */
function interfaceMembers(name: string): Map<string, { type: string; optional: boolean }> {
  const body = new RegExp(`export interface ${name}\\s*\\{([^}]*)\\}`).exec(declarations)?.[1];
  if (body === undefined) throw new Error(`schema.d.ts has no "export interface ${name}"`);
  const members = new Map<string, { type: string; optional: boolean }>();
  for (const match of body.matchAll(/^\s*(\w+)(\??):\s*([^;]+);/gm)) {
    members.set(match[1] as string, { optional: match[2] === '?', type: (match[3] as string).trim() });
  }
  return members;
}

/** The string literals of `export type <name> = 'a' | 'b'`. */
function unionLiterals(name: string): string[] {
  const union = new RegExp(`export type ${name}\\s*=([^;]+);`).exec(declarations)?.[1] ?? '';
  return [...union.matchAll(/'([^']*)'/g)].map((m) => m[1] as string);
}

/** The JSON schema type a declared TypeScript type must have. */
function expectedJsonType(tsType: string): string {
  if (['string', 'number', 'boolean'].includes(tsType)) return tsType;
  if (tsType.endsWith('[]')) return 'array';
  return 'string'; // a union of string literals such as SyncMode
}

function expectSameContract(json: JsonObjectSchema, interfaceName: string): void {
  const members = interfaceMembers(interfaceName);
  expect([...members.keys()].sort()).toEqual(Object.keys(json.properties).sort());
  for (const [key, member] of members) {
    expect({ key, type: json.properties[key]?.type }).toEqual({ key, type: expectedJsonType(member.type) });
  }
  const required = [...members].filter(([, m]) => !m.optional).map(([key]) => key);
  expect(required.sort()).toEqual([...(json.required ?? [])].sort());
}

describe('executors/sync schema.json and schema.d.ts', () => {
  it('declare the same option keys, types and required keys', () => {
    expectSameContract(schema, 'SyncExecutorSchema');
  });

  it('declare the same ledger item keys, types and required keys', () => {
    const items = schema.properties['ledgers']?.items;
    expect(items).toBeDefined();
    expectSameContract(items as JsonObjectSchema, 'LedgerOption');
  });

  it('agree on the modes', () => {
    expect(unionLiterals('SyncMode')).toEqual(schema.properties['mode']?.enum);
  });

  it('document every option, including the ledger item fields', () => {
    const items = schema.properties['ledgers']?.items?.properties ?? {};
    const undocumented = [...Object.entries(schema.properties), ...Object.entries(items).map(([k, v]) => [`ledgers[].${k}`, v] as const)]
      .filter(([, property]) => !property.description || property.description.trim().length < 10)
      .map(([key]) => key);
    expect(undocumented).toEqual([]);
  });

  it('is an Nx executor schema (version 2)', () => {
    expect(schema.version).toBe(2);
  });

  it('declares no default for a setting the config file or the environment can give (Nx fills defaults in as options, which beat both)', () => {
    const properties = schema.properties as Record<string, { default?: unknown }>;
    const withDefault = Object.keys(properties).filter((key) => properties[key]?.default !== undefined);
    expect(withDefault).toEqual(['mode', 'execute']);
  });
});

describe('executors.json', () => {
  const pluginRoot = path.resolve(__dirname, '../..');
  const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(pluginRoot, file), 'utf8')) as Record<string, unknown>;

  it('is what package.json announces, and points Nx at this schema and at the compiled executor', () => {
    expect(readJson('package.json')['executors']).toBe('./executors.json');
    const sync = (readJson('executors.json')['executors'] as Record<string, { implementation: string; schema: string; description?: string }>)['sync'];
    expect(sync && path.resolve(pluginRoot, sync.schema)).toBe(path.join(__dirname, 'schema.json'));
    // With the extension, Nx 22 loads dist; without it, it prefers executor.ts for a plugin that is also a workspace
    // project, and cannot load TypeScript without @swc-node/register (not installed).
    expect(sync?.implementation).toBe('./dist/executors/sync/executor.js');
    expect(sync?.description).toEqual(expect.any(String));
  });
});
