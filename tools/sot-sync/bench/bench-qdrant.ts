// Bench support: starts the Qdrant test server process and talks to it (request digests, point counts, reset).
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { RequestDigest, ServerCommand } from './qdrant-server-process';

export interface BenchQdrant {
  url: string;
  contractChecked: boolean;
  /** What the server was asked since the last digest (the log is then cleared). */
  digest(): Promise<RequestDigest>;
  count(collection: string): Promise<number>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** `openApiPath` null: contract checks off (the server then says so on stderr). */
export async function startBenchQdrant(openApiPath: string | null, execArgv: string[] = []): Promise<BenchQdrant> {
  const env = { ...process.env };
  if (openApiPath) env['SOT_SYNC_QDRANT_OPENAPI'] = openApiPath;
  else delete env['SOT_SYNC_QDRANT_OPENAPI'];
  delete env['CI'];
  const child = fork(path.join(__dirname, 'qdrant-server-process.js'), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ url: string; contractChecked: boolean }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { url: string; contractChecked: boolean }));
    child.once('exit', (code) => reject(new Error(`the Qdrant test server exited (${code ?? 'signal'}) before it was ready`)));
  });
  let next = 0;
  const ask = <T>(command: Omit<ServerCommand, 'id'> | { kind: 'count'; collection: string }): Promise<T> =>
    request<T>(child, { ...command, id: ++next } as ServerCommand);
  return {
    url: ready.url,
    contractChecked: ready.contractChecked,
    digest: async () => (await ask<{ digest: RequestDigest }>({ kind: 'digest' })).digest,
    count: async (collection) => (await ask<{ count: number }>({ kind: 'count', collection })).count,
    reset: async () => void (await ask({ kind: 'reset' })),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

function request<T>(child: ChildProcess, command: ServerCommand): Promise<T> {
  return new Promise<T>((resolve) => {
    const onMessage = (message: { id?: number }): void => {
      if (message.id !== command.id) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.send(command);
  });
}
