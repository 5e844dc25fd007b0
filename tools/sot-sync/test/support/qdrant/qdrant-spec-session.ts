// Spec helper: one Qdrant under test and one real client per spec file, with no contract violations allowed.
import { QdrantClient } from '@qdrant/js-client-rest';
import { qdrantUnderTest, type QdrantUnderTest } from './qdrant-under-test';

export interface QdrantSpecSession {
  readonly qdrant: QdrantUnderTest;
  readonly client: QdrantClient;
  /** Creates a uniquely named collection with one named dense vector `dense` of size 2. */
  denseCollection(label: string, distance?: 'Cosine' | 'Dot' | 'Euclid'): Promise<string>;
}

/** Registers the jest hooks; call at the top level of a spec file. Every test must end with zero violations. */
export function useQdrantSession(): QdrantSpecSession {
  let qdrant: QdrantUnderTest | undefined;
  let client: QdrantClient | undefined;
  beforeAll(async () => {
    qdrant = await qdrantUnderTest();
    client = new QdrantClient({ url: qdrant.url, apiKey: qdrant.apiKey, checkCompatibility: false });
  });
  afterAll(() => qdrant?.close());
  afterEach(() => expect(qdrant?.violations ?? []).toEqual([]));
  const session: QdrantSpecSession = {
    get qdrant() {
      if (!qdrant) throw new Error('useQdrantSession: used outside a test');
      return qdrant;
    },
    get client() {
      if (!client) throw new Error('useQdrantSession: used outside a test');
      return client;
    },
    async denseCollection(label, distance = 'Cosine') {
      const name = session.qdrant.collectionName(label);
      await session.client.createCollection(name, { vectors: { dense: { size: 2, distance } } });
      return name;
    },
  };
  return session;
}

/** Point ids of a result, for compact assertions. */
export const idsOf = (points: readonly { id: string | number }[]): (string | number)[] => points.map((point) => point.id);
