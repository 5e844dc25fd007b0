// PointOrder against a plain sort: any mix of adds, removes and reads keeps exactly the live ids in scroll order.
import { fc, test as propTest } from '@fast-check/jest';
import { comparePointIds, type PointId, pointIdKey } from './point-id';
import { PointOrder } from './point-order';

const anId = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.constantFrom('00000000-0000-4000-8000-000000000000', '0a000000-0000-4000-8000-000000000000', 'ffffffff-0000-4000-8000-000000000000'),
);
const anOperation = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), id: anId }),
  fc.record({ kind: fc.constant('delete' as const), id: anId }),
  fc.record({ kind: fc.constant('read' as const), id: anId }),
);

describe('PointOrder', () => {
  propTest.prop([fc.array(anOperation, { maxLength: 200 })])('matches a full sort after every read', (operations) => {
    const live = new Map<string, PointId>();
    const order = new PointOrder((id) => live.has(pointIdKey(id)));
    const expected = () => [...live.values()].sort(comparePointIds);
    for (const { kind, id } of operations) {
      const key = pointIdKey(id);
      if (kind === 'upsert' && !live.has(key)) {
        live.set(key, id);
        order.add(id);
      } else if (kind === 'delete' && live.delete(key)) {
        order.remove();
      } else if (kind === 'read') {
        expect(order.ids()).toEqual(expected());
        expect(order.lowerBound(id)).toBe(expected().filter((other) => comparePointIds(other, id) < 0).length);
      }
    }
    expect(order.ids()).toEqual(expected());
  });
});
