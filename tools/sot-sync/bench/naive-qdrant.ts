// Naive baseline, Qdrant: for every entry, retrieve its first point (the stored hash), then, if it differs, one
// embedding call for the entry's chunks and one upsert of its points. Same embedder, same points, same HTTP gateway.
import { Bm25Embedder } from '../src/embed/bm25-embedder';
import type { LedgerEntry } from '../src/ledger/types';
import { Deadline } from '../src/runtime/deadline';
import { planChunks, pointPayload } from '../src/targets/qdrant/build-points';
import { applyCollectionConfig } from '../src/targets/qdrant/collection-config';
import { pointId } from '../src/targets/qdrant/point-id';
import { QdrantHttp } from '../src/targets/qdrant/qdrant-http';
import { PROJECT_ID, type NaiveCounts, type NaiveTarget } from './naive-types';

export async function naiveQdrant(entries: LedgerEntry[], target: NaiveTarget): Promise<NaiveCounts> {
  const deadline = new Deadline(3600);
  const http = new QdrantHttp(target.url, undefined);
  const embedder = new Bm25Embedder();
  const points = `/collections/${encodeURIComponent(target.name)}/points`;
  await applyCollectionConfig(http, target.name, [embedder], deadline);
  const counts: NaiveCounts = { inserted: 0, updated: 0, unchanged: 0, embedCalls: 0, upserts: 0 };
  const now = new Date().toISOString();
  for (const entry of entries) {
    const ids = [pointId(PROJECT_ID, entry.fileType, entry.entryId, 0)];
    const found = await http.call<{ payload?: { content_hash?: string } }[]>('POST', points, deadline, { ids, with_payload: ['content_hash'] });
    const held = found[0]?.payload?.content_hash;
    if (held === entry.contentHash) {
      counts.unchanged++;
      continue;
    }
    const chunks = planChunks(PROJECT_ID, [entry], embedder.maxInputChars);
    const vectors = await embedder.embed(
      chunks.map((chunk) => chunk.embedInput),
      { deadline },
    );
    const body = {
      points: chunks.map((chunk, i) => ({
        id: chunk.id,
        vector: { [embedder.vectorName]: vectors[i] },
        payload: pointPayload(PROJECT_ID, chunk, embedder.fingerprint, now),
      })),
    };
    await http.call('PUT', `${points}?wait=true`, deadline, body);
    counts.embedCalls++;
    counts.upserts++;
    counts[held === undefined ? 'inserted' : 'updated']++;
  }
  deadline.dispose();
  return counts;
}
