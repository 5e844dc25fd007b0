// Errors the in-memory Qdrant raises, each carrying the HTTP status and the message prefix real Qdrant uses.

/** An error that becomes `{ "status": { "error": message }, "time": ... }` with the given HTTP status. */
export class QdrantHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'QdrantHttpError';
  }
}

/** 404, as Qdrant's StorageError::NotFound. */
export function notFound(what: string): QdrantHttpError {
  return new QdrantHttpError(404, `Not found: ${what}`);
}

/** 404 for a missing collection or alias, worded as Qdrant words it. */
export function collectionNotFound(name: string): QdrantHttpError {
  return notFound(`Collection \`${name}\` doesn't exist!`);
}

/** 400, as Qdrant's StorageError::BadInput ("Wrong input: ..."). */
export function wrongInput(what: string): QdrantHttpError {
  return new QdrantHttpError(400, `Wrong input: ${what}`);
}

/** 409, as Qdrant's StorageError::AlreadyExists (since 1.8 it is a Conflict, the message kept "Wrong input"). */
export function alreadyExists(what: string): QdrantHttpError {
  return new QdrantHttpError(409, `Wrong input: ${what}`);
}

/** 400 for a body serde would refuse to deserialize. */
export function formatError(what: string): QdrantHttpError {
  return new QdrantHttpError(400, `Format error in JSON body: ${what}`);
}

/** 422 for a body that deserializes but fails Qdrant's `validator` rules. */
export function validationError(what: string): QdrantHttpError {
  return new QdrantHttpError(422, `Validation error in JSON body: [${what}]`);
}

/**
 * 501 for a request the document allows but this test server does not model. It is not a 4xx on purpose:
 * a test hitting it learns the fake is too small, not that its request was wrong.
 */
export function notModelled(what: string): QdrantHttpError {
  return new QdrantHttpError(501, `Not implemented by the sot-sync Qdrant test server: ${what}`);
}
