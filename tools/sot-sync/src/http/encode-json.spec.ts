// encodeJson: the same bytes as JSON.stringify, for any JSON-like body, however it is split.
import { fc, test } from '@fast-check/jest';
import { encodeJson } from './encode-json';

const valueArb = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string({ unit: 'binary' }), fc.constant('✅ done'));
const bodyArb = fc.oneof(
  fc.dictionary(fc.string({ unit: 'binary' }), valueArb),
  fc.record({ points: fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)), { minLength: 0, maxLength: 60 }), wait: fc.boolean() }),
  fc.jsonValue(),
);

describe('encodeJson', () => {
  test.prop([bodyArb], { numRuns: 400 })('gives exactly the UTF-8 bytes of JSON.stringify', (body) => {
    expect(encodeJson(body).equals(Buffer.from(JSON.stringify(body) ?? 'null', 'utf8'))).toBe(true);
  });

  it('splits a large array of points with non-ASCII payloads without changing a byte', () => {
    const points = Array.from({ length: 300 }, (_, i) => ({
      id: i,
      payload: { title: `✅ entry ${i}`, skip: undefined },
      vector: { bm25: { indices: [i, i + 1], values: [0.5, 1 / 3] } },
    }));
    const body = { points, wait: undefined, extra: [undefined, () => 1] };
    expect(encodeJson(body).toString('utf8')).toBe(JSON.stringify(body));
  });

  it('leaves objects with their own toJSON, and class instances, to JSON.stringify', () => {
    const date = new Date('2026-01-01T00:00:00Z');
    expect(encodeJson(date).toString('utf8')).toBe(JSON.stringify(date));
    expect(encodeJson({ at: date, list: Array.from({ length: 20 }, () => date) }).toString('utf8')).toBe(
      JSON.stringify({ at: date, list: Array.from({ length: 20 }, () => date) }),
    );
  });
});
