// Bench support: the Qdrant-compatible test server in a child process of its own (so it never shares a thread with
// the bench), answering over IPC with a digest of its request log. Started by bench-qdrant.ts through `fork`.
import { startQdrantTestServer, type RecordedRequest } from '../test/support/qdrant/qdrant-test-server';

/** What one CLI run asked of the server, from the server's own request log. */
export interface RequestDigest {
  requests: number;
  /** `upsert_points` requests, and the points they carried. */
  upserts: number;
  upsertedPoints: number;
  deletes: number;
  scrolls: number;
  /** Requests the OpenAPI document forbids (and responses of ours it forbids): must stay 0. */
  violations: number;
  failed: number;
}

export type ServerCommand = { id: number; kind: 'digest' } | { id: number; kind: 'count'; collection: string } | { id: number; kind: 'reset' };

function digest(requests: readonly RecordedRequest[], violations: number): RequestDigest {
  const upserts = requests.filter((r) => r.operationId === 'upsert_points');
  return {
    requests: requests.length,
    upserts: upserts.length,
    upsertedPoints: upserts.reduce((sum, r) => sum + ((r.body as { points?: unknown[] } | undefined)?.points ?? []).length, 0),
    deletes: requests.filter((r) => r.operationId === 'delete_points').length,
    scrolls: requests.filter((r) => r.operationId === 'scroll_points').length,
    violations,
    failed: requests.filter((r) => r.status === null || r.status >= 400).length,
  };
}

async function main(): Promise<void> {
  const server = await startQdrantTestServer();
  const send = (message: unknown): void => void process.send?.(message);
  process.on('message', (command: ServerCommand) => {
    if (command.kind === 'reset') {
      server.reset();
      return send({ id: command.id, ok: true });
    }
    if (command.kind === 'count') {
      return void fetch(`${server.url}/collections/${encodeURIComponent(command.collection)}/points/count`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ exact: true }),
      })
        .then((response) => response.json() as Promise<{ result?: { count: number } }>)
        .then((body) => send({ id: command.id, count: body.result?.count ?? -1 }));
    }
    // The log is read, then dropped: its parsed bodies would otherwise pile up over a whole bench.
    const result = digest(server.requests, server.violations.length);
    (server.requests as RecordedRequest[]).length = 0;
    send({ id: command.id, digest: result });
  });
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  send({ ready: true, url: server.url, contractChecked: server.contractChecked });
}

void main();
