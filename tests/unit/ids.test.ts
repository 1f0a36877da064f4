import fc from 'fast-check';
import { fromGlobalId, NODE_TYPES, toGlobalId } from '../../src/graphql/ids';

test('global ids are the base64url of "Type:id", and read back', () => {
  fc.assert(fc.property(fc.constantFrom(...NODE_TYPES), fc.integer({ min: 0, max: 999_999_999_999 }), (type, id) => {
    const gid = toGlobalId(type, id);
    expect(gid).toBe(Buffer.from(`${type}:${id}`).toString('base64url'));
    expect(fromGlobalId(gid)).toEqual({ type, id });
  }), { numRuns: 2000 });
});

test('ids stay right when the same ones are asked for again, also past the memo\'s bound', () => {
  for (let round = 0; round < 2; round++) {
    for (let id = 0; id < 25_000; id += 1) {
      const gid = toGlobalId('Person', id);
      if (id % 997 === 0) expect(gid).toBe(Buffer.from(`Person:${id}`).toString('base64url'));
    }
  }
  expect(toGlobalId('Event', 7)).not.toBe(toGlobalId('Person', 7));
  expect(fromGlobalId(toGlobalId('Event', 7))).toEqual({ type: 'Event', id: 7 });
});
