// REST operations on collections, payload indexes and aliases, with Qdrant 1.19's result shapes.
import type { AliasAction, CreateCollectionBody } from './qdrant-api-types';
import { collectionParam, type QdrantRoute, updateStatus } from './qdrant-route';

/** Reported by GET /; the client's compatibility check compares it with its own version. */
export const EMULATED_QDRANT_VERSION = '1.19.0';

export const collectionRoutes: QdrantRoute[] = [
  {
    method: 'GET',
    template: '/',
    operationId: 'root',
    raw: true,
    handle: () => ({ title: 'qdrant - vector search engine', version: EMULATED_QDRANT_VERSION, commit: 'sot-sync-test-server' }),
  },
  {
    method: 'GET',
    template: '/collections',
    operationId: 'get_collections',
    handle: ({ store }) => ({ collections: store.collectionNames().map((name) => ({ name })) }),
  },
  {
    method: 'GET',
    template: '/collections/{collection_name}',
    operationId: 'get_collection',
    handle: (context) => context.store.resolve(collectionParam(context)).info(),
  },
  {
    method: 'PUT',
    template: '/collections/{collection_name}',
    operationId: 'create_collection',
    handle: (context) => {
      context.store.create(collectionParam(context), (context.body ?? {}) as CreateCollectionBody);
      return true;
    },
  },
  {
    method: 'DELETE',
    template: '/collections/{collection_name}',
    operationId: 'delete_collection',
    handle: (context) => context.store.delete(collectionParam(context)),
  },
  {
    method: 'GET',
    template: '/collections/{collection_name}/exists',
    operationId: 'collection_exists',
    handle: (context) => ({ exists: context.store.exists(collectionParam(context)) }),
  },
  {
    method: 'PUT',
    template: '/collections/{collection_name}/index',
    operationId: 'create_field_index',
    handle: (context) => {
      const body = context.body as { field_name: string; field_schema?: unknown };
      const collection = context.store.resolve(collectionParam(context));
      return updateStatus(context, collection.createIndex(body.field_name, body.field_schema));
    },
  },
  {
    method: 'DELETE',
    template: '/collections/{collection_name}/index/{field_name}',
    operationId: 'delete_field_index',
    handle: (context) => {
      const collection = context.store.resolve(collectionParam(context));
      return updateStatus(context, collection.deleteIndex(context.params['field_name'] ?? ''));
    },
  },
  {
    method: 'POST',
    template: '/collections/aliases',
    operationId: 'update_aliases',
    handle: (context) => {
      context.store.changeAliases((context.body as { actions: AliasAction[] }).actions);
      return true;
    },
  },
  {
    method: 'GET',
    template: '/aliases',
    operationId: 'get_collections_aliases',
    handle: ({ store }) => ({ aliases: store.listAliases() }),
  },
  {
    method: 'GET',
    template: '/collections/{collection_name}/aliases',
    operationId: 'get_collection_aliases',
    handle: (context) => ({ aliases: context.store.listAliases(collectionParam(context)) }),
  },
];
