// Redaction as a property of the whole tool (issue 11, D4 and D18): generated secrets of 1 to 64 characters, in every
// form a secret reaches it (URL userinfo, password/sslpassword/sslkey parameters, PGPASSWORD, api-key/apikey
// parameters of QDRANT_HOST and of the embedding URL, QDRANT_API_KEY, the embedding key), percent-encoded in URLs,
// echoed back by servers that repeat what they were sent, never appear in any output: the human report, --json,
// errors and --verbose stacks of the real CLI, and the executor's output and report file.
import type { ExecutorContext } from '@nx/devkit';
import { fc, test as property } from '@fast-check/jest';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import syncExecutor from '../../executors/sync/executor';
import type { SyncExecutorSchema } from '../../executors/sync/schema';
import { captureOutput } from '../support/capture-output';
import { startQdrantTestServer, type QdrantTestServer } from '../support/qdrant/qdrant-test-server';
import { startCli, type CliResult } from '../support/run-cli';
import { decisionsLedger, makeTempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** Latin-1 letters (valid in HTTP headers) that the tool never prints: finding one in an output is a leak. */
const DISTINCT = ['ß', 'Ø', 'æ', 'þ', 'ð', 'µ'];
const OTHERS = ['@', ':', '/', '?', '#', '&', '%', '=', '+', ' ', '!', '*', "'", '(', ')', ';', ',', '$', '"', '\\', '~', 'a', 'Z', '0', '9', '-', '_', '.'];
const secretArb = fc
  .string({ unit: fc.constantFrom(...DISTINCT, ...DISTINCT, ...OTHERS), minLength: 1, maxLength: 64 })
  .filter((s) => DISTINCT.some((c) => s.includes(c)));

/** A secret, with a URL and a header in its way: what the run is given. */
interface Form {
  mode: 'db-only' | 'qdrant-only';
  options: Partial<SyncExecutorSchema>;
  env: Record<string, string>;
}

let pg: { port: number; close(): Promise<void> };
let echo: { url: string; close(): Promise<void> };
let qdrant: QdrantTestServer;
let ws: TempWorkspace;

const FORMS: Record<string, (secret: string) => Form> = {
  userinfo: (s) => db(`postgresql://u:${encodeURIComponent(s)}@127.0.0.1:${pg.port}/db`),
  passwordParameter: (s) => db(`postgresql://u@127.0.0.1:${pg.port}/db?sslmode=disable&password=${encodeURIComponent(s)}`),
  PGPASSWORD: (s) => ({ ...db(`postgresql://u@127.0.0.1:${pg.port}/db`), env: { PGPASSWORD: s } }),
  DATABASE_URL: (s) => ({ mode: 'db-only', options: {}, env: { DATABASE_URL: `postgresql://u:${encodeURIComponent(s)}@127.0.0.1:${pg.port}/db` } }),
  sslpassword: (s) => db(`postgresql://u@127.0.0.1:${pg.port}/db?sslpassword=${encodeURIComponent(s)}`),
  sslkey: (s) => db(`postgresql://u@127.0.0.1:${pg.port}/db?sslkey=${encodeURIComponent(s)}`),
  qdrantHostApiKey: (s) => ({ mode: 'qdrant-only', options: { qdrantHost: `${echo.url}?api-key=${encodeURIComponent(s)}` }, env: {} }),
  QDRANT_HOST_apikey: (s) => ({ mode: 'qdrant-only', options: {}, env: { QDRANT_HOST: `${echo.url}/?apikey=${encodeURIComponent(s)}` } }),
  QDRANT_API_KEY: (s) => ({ mode: 'qdrant-only', options: { qdrantHost: echo.url }, env: { QDRANT_API_KEY: s } }),
  embeddingUrlApiKey: (s) => embed(`${echo.url}/v1?api-version=2024-02-01&api-key=${encodeURIComponent(s)}`, {}),
  SOT_SYNC_EMBED_API_KEY: (s) => embed(`${echo.url}/v1`, { SOT_SYNC_EMBED_API_KEY: s }),
};

function db(databaseUrl: string): Form {
  return { mode: 'db-only', options: { databaseUrl }, env: {} };
}

function embed(embedBaseUrl: string, env: Record<string, string>): Form {
  return { mode: 'qdrant-only', options: { qdrantHost: qdrant.url, embedBaseUrl, embedModel: 'm', embedDimensions: 8 }, env };
}

beforeAll(async () => {
  pg = await startEchoingPostgres();
  echo = await startEchoingHttp();
  qdrant = await startQdrantTestServer();
  ws = makeTempWorkspace({ 'ARCHITECTURE_DECISIONS.md': decisionsLedger(2) });
});
afterAll(async () => {
  await Promise.all([pg.close(), echo.close(), qdrant.close()]);
  ws.cleanup();
});
afterEach(() => jest.restoreAllMocks());

/** Every spelling of the secret that would give it away. */
function spellings(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const strict = encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [secret, secret.trim(), encoded, strict, strict.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()), JSON.stringify(secret).slice(1, -1)].filter(
    (s) => s.length > 0,
  );
}

describe('no output shows a secret', () => {
  property.prop([secretArb, fc.constantFrom(...Object.keys(FORMS))], {
    numRuns: 30,
    // Every form with the shortest and the longest secrets, and the 2-character one of D18.
    examples: Object.keys(FORMS).flatMap(
      (form) =>
        [
          ['ß', form],
          ['ðæ', form],
          [`${'Ø'.repeat(32)}${"@:/?#&%=+ !*'();"}${'µ'.repeat(16)}`, form],
        ] as [string, string][],
    ),
  })(
    'for a generated secret and form',
    async (secret, formName) => {
      const form = (FORMS[formName] as (s: string) => Form)(secret);
      const outputs = await Promise.all([cli(form, ['--json', '--verbose']), cli(form, [])]);
      const executor = await runExecutor(form);
      const all = [...outputs.flatMap((r) => [r.stdout, r.stderr]), ...executor];
      for (const output of all) for (const spelling of spellings(secret)) expect(output).not.toContain(spelling);
      // The runs did fail at the server that saw the secret, and said so.
      expect(outputs[0]?.code).toBe(2);
      expect(JSON.parse(outputs[0]?.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ exitCode: 2 });
    },
    120_000,
  );
});

function flagsOf(form: Form): string[] {
  const flag = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return [`--${form.mode}`, '--execute', '--max-seconds', '10', ...Object.entries(form.options).flatMap(([key, value]) => [flag(key), String(value)])];
}

async function cli(form: Form, extra: string[]): Promise<CliResult> {
  return startCli([...flagsOf(form), ...extra], ws.root, form.env).done;
}

/** The executor in this process, as Nx runs it: its stdout/stderr and its report file. */
async function runExecutor(form: Form): Promise<string[]> {
  const saved = { ...process.env };
  Object.assign(process.env, form.env);
  const output = captureOutput();
  const reportFile = path.join(ws.root, 'dist', 'report.json');
  fs.rmSync(reportFile, { force: true });
  try {
    const options: SyncExecutorSchema = {
      mode: form.mode,
      execute: true,
      maxSeconds: 10,
      json: true,
      verbose: true,
      reportFile: 'dist/report.json',
      ...form.options,
    };
    await expect(syncExecutor(options, { root: ws.root, cwd: ws.root, isVerbose: true } as ExecutorContext)).resolves.toEqual({ success: false });
    return [output.stdout, output.stderr, fs.readFileSync(reportFile, 'utf8')];
  } finally {
    jest.restoreAllMocks();
    for (const key of Object.keys(form.env)) if (saved[key] === undefined) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** A PostgreSQL look-alike that asks for a clear-text password and repeats it in its error, as a careless server might. */
async function startEchoingPostgres(): Promise<{ port: number; close(): Promise<void> }> {
  const field = (type: string, value: string): Buffer => Buffer.concat([Buffer.from(type), Buffer.from(value, 'utf8'), Buffer.from([0])]);
  const message = (type: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(5);
    head.write(type, 0);
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  };
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (!started && buffer.length >= 8 && buffer.length >= buffer.readInt32BE(0)) {
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(buffer.readInt32BE(0));
        if (code === 80877103)
          socket.write('N'); // SSLRequest: no TLS here
        else {
          started = true;
          socket.write(message('R', Buffer.from([0, 0, 0, 3]))); // AuthenticationCleartextPassword
        }
      }
      if (!started || buffer.length < 5 || buffer.length < 1 + buffer.readInt32BE(1)) return;
      const password = buffer.subarray(5, buffer.readInt32BE(1)).toString('utf8');
      const fields = Buffer.concat([
        field('S', 'FATAL'),
        field('V', 'FATAL'),
        field('C', '28P01'),
        field('M', `password authentication failed: got "${password}"`),
        Buffer.from([0]),
      ]);
      socket.end(message('E', fields));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** An HTTP server that refuses every request (400, not retried) repeating its URL and keys, as OpenAI partly does. */
async function startEchoingHttp(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    const said = `wrong key ${String(req.headers['api-key'])} / ${String(req.headers.authorization)} for ${req.url ?? ''}`;
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: { error: said }, error: { message: said, type: 'invalid_request_error' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
