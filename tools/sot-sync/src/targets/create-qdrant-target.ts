// Builds the Qdrant target and its embedders from the options; loaded only when a run uses Qdrant.
import type { NormalizedSyncOptions } from '../config/normalize-options';
import type { Target } from './target';

export async function createQdrantTarget(
  options: Pick<NormalizedSyncOptions, 'qdrant' | 'embedders'>,
  onProgress?: (done: number, total: number) => void,
): Promise<Target> {
  const [{ QdrantTarget }, { createEmbedders }] = await Promise.all([import('./qdrant/qdrant-target'), import('../embed/create-embedders')]);
  return new QdrantTarget({
    url: options.qdrant.url ?? '',
    ...(options.qdrant.apiKey ? { apiKey: options.qdrant.apiKey } : {}),
    collection: options.qdrant.collection,
    rebuild: options.qdrant.rebuild,
    embedders: createEmbedders(options.embedders),
    ...(onProgress ? { onProgress } : {}),
  });
}
