import fc from 'fast-check';
import { fromGlobalId, NODE_TYPES, toGlobalId } from '../../src/graphql/ids';

test('global ids are the base64url of "Type:id", and read back', () => {
  fc.assert(fc.property(fc.constantFrom(...NODE_TYPES), fc.integer({ min: 0, max: 999_999_999_999 }), (type, id) => {
    const gid = toGlobalId(type, id);
    expect(gid).toBe(Buffer.from(`${type}:${id}`).toString('base64url'));
    expect(fromGlobalId(gid)).toEqual({ type, id });
  }), { numRuns: 2000 });
});
