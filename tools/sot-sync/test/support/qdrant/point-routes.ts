// REST operations on points: upsert, retrieve, delete, payload, scroll, count and the Query API.
import { normalizePointId, pointIdKey } from './point-id';
import type { PointsSelectorBody, QueryBody, ScrollBody, SetPayloadBody, UpsertBody, WithPayload, WithVector } from './qdrant-api-types';
import type { QdrantCollection } from './qdrant-collection';
import { notFound } from './qdrant-http-error';
import { collectionParam, type QdrantRoute, type RouteContext, updateStatus } from './qdrant-route';
import { queryPoints } from './query-points';
import { formatRecord, formatScoredPoint } from './record-format';

const points = '/collections/{collection_name}/points';

function collectionOf(context: RouteContext): QdrantCollection {
  return context.store.resolve(collectionParam(context));
}

// Query results carry no payload and no vector unless asked (the Query API defaults differ from scroll's).
function runQuery(collection: QdrantCollection, body: QueryBody): { points: unknown[] } {
  const hits = queryPoints(collection, body);
  return {
    points: hits.map(({ point, score }) => formatScoredPoint(point, score, collection.vectorConfig, body.with_payload ?? false, body.with_vector ?? false)),
  };
}

export const pointRoutes: QdrantRoute[] = [
  {
    method: 'PUT',
    template: points,
    operationId: 'upsert_points',
    handle: (context) => updateStatus(context, collectionOf(context).upsert(context.body as UpsertBody)),
  },
  {
    method: 'POST',
    template: points,
    operationId: 'get_points',
    handle: (context) => {
      const collection = collectionOf(context);
      const body = context.body as { ids: unknown[]; with_payload?: WithPayload; with_vector?: WithVector };
      const ids = [...new Map(body.ids.map((raw) => normalizePointId(raw)).map((id) => [pointIdKey(id), id])).values()];
      return ids.flatMap((id) => {
        const point = collection.get(id);
        return point ? [formatRecord(point, collection.vectorConfig, body.with_payload ?? true, body.with_vector ?? false)] : [];
      });
    },
  },
  {
    method: 'GET',
    template: `${points}/{id}`,
    operationId: 'get_point',
    handle: (context) => {
      const collection = collectionOf(context);
      const raw = context.params['id'] ?? '';
      const point = collection.get(normalizePointId(/^\d+$/.test(raw) ? Number(raw) : raw));
      if (!point) throw notFound(`No point with id ${raw} found`);
      return formatRecord(point, collection.vectorConfig, true, true);
    },
  },
  {
    method: 'POST',
    template: `${points}/delete`,
    operationId: 'delete_points',
    handle: (context) => updateStatus(context, collectionOf(context).deletePoints(context.body as PointsSelectorBody)),
  },
  {
    method: 'POST',
    template: `${points}/payload`,
    operationId: 'set_payload',
    handle: (context) => updateStatus(context, collectionOf(context).setPayload(context.body as SetPayloadBody, false)),
  },
  {
    method: 'PUT',
    template: `${points}/payload`,
    operationId: 'overwrite_payload',
    handle: (context) => updateStatus(context, collectionOf(context).setPayload(context.body as SetPayloadBody, true)),
  },
  {
    method: 'POST',
    template: `${points}/scroll`,
    operationId: 'scroll_points',
    handle: (context) => collectionOf(context).scroll((context.body ?? {}) as ScrollBody),
  },
  {
    method: 'POST',
    template: `${points}/count`,
    operationId: 'count_points',
    handle: (context) => ({ count: collectionOf(context).count((context.body as ScrollBody | undefined)?.filter) }),
  },
  {
    method: 'POST',
    template: `${points}/query`,
    operationId: 'query_points',
    handle: (context) => runQuery(collectionOf(context), (context.body ?? {}) as QueryBody),
  },
  {
    method: 'POST',
    template: `${points}/query/batch`,
    operationId: 'query_batch_points',
    handle: (context) => {
      const collection = collectionOf(context);
      return (context.body as { searches: QueryBody[] }).searches.map((search) => runQuery(collection, search));
    },
  },
];
