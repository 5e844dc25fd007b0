// Point ids: deterministic UUIDv5s, distinct per (project, file type, entry, chunk), accepted by Qdrant.
import { fc, test } from '@fast-check/jest';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { pointId, POINT_ID_NAMESPACE } from './point-id';

describe('pointId', () => {
  it('is a version-5 UUID, the same on every run', () => {
    const id = pointId('autopack', 'build_history', 'BUILD-163', 0);
    expect(isUuid(id) && uuidVersion(id)).toBe(5);
    expect(id).toBe(pointId('autopack', 'build_history', 'BUILD-163', 0));
    // Pinned: a change here would orphan every point already written.
    expect(POINT_ID_NAMESPACE).toBe('d5209410-ad36-54f5-8d6a-7c290d0e0757');
    expect(id).toBe('e488b5d3-77df-5ba6-a9f0-00c978970483');
  });

  it('differs by project, file type, entry id and chunk index', () => {
    const base = pointId('autopack', 'build_history', 'BUILD-1', 0);
    expect(pointId('other', 'build_history', 'BUILD-1', 0)).not.toBe(base);
    expect(pointId('autopack', 'debug_log', 'BUILD-1', 0)).not.toBe(base);
    expect(pointId('autopack', 'build_history', 'BUILD-2', 0)).not.toBe(base);
    expect(pointId('autopack', 'build_history', 'BUILD-1', 1)).not.toBe(base);
  });

  it('cannot be confused by parts that run into each other', () => {
    expect(pointId('a', 'b_c', 'X', 0)).not.toBe(pointId('a_b', 'c', 'X', 0));
  });

  it('refuses a chunk index that is not a non-negative integer', () => {
    expect(() => pointId('p', 'f', 'e', -1)).toThrow(RangeError);
    expect(() => pointId('p', 'f', 'e', 1.5)).toThrow(RangeError);
  });

  test.prop([fc.string(), fc.string(), fc.string(), fc.nat(1000)])('always gives a canonical lowercase UUID', (project, type, entry, chunk) => {
    expect(pointId(project, type, entry, chunk)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
