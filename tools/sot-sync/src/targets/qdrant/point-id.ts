// Pure: the deterministic id of a point. Qdrant takes only unsigned integers and UUIDs, so the readable key
// (project, file type, entry id, chunk) becomes a UUIDv5 and stays readable in the payload.
import { v5 as uuidv5 } from 'uuid';

/**
 * Fixed forever: changing it would orphan every point written before. Derived once as
 * uuidv5('https://github.com/autopack/sot-sync#qdrant-point-id', URL namespace).
 */
export const POINT_ID_NAMESPACE = 'd5209410-ad36-54f5-8d6a-7c290d0e0757';

/**
 * `uuidv5(project \0 fileType \0 entryId \0 chunkIndex)`. The NUL separator cannot occur in any of the parts, so
 * distinct keys never share an id (`a` + `b_c` vs `a_b` + `c`).
 */
export function pointId(projectId: string, fileType: string, entryId: string, chunkIndex: number): string {
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0) throw new RangeError(`chunk index must be a non-negative integer, got ${chunkIndex}`);
  return uuidv5([projectId, fileType, entryId, String(chunkIndex)].join('\u0000'), POINT_ID_NAMESPACE);
}
