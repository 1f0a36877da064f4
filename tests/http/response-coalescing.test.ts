/**
 * The response cache coalesces misses within a process: a request that misses while another computes the same answer
 * waits for it and is served it as a hit; when that answer is not one to share, the waiting request computes its own;
 * a different question, or the same one after a write, is not held. Driven through the cache step itself, so the
 * order of events is exact.
 */
import { GraphQLSchema, parse } from 'graphql';
import { config } from '../../src/config';
import { buildWartaSchema } from '../../src/graphql/schema';
import { PolicyState } from '../../src/http/pipeline';
import { responseCache } from '../../src/http/pipeline/response-cache';
import { SharedCaches } from '../../src/http/response-cache';

const saved = { ...config };
let schema: GraphQLSchema;
beforeAll(async () => {
  Object.assign(config, { responseCacheSeconds: 60, redisUrl: '' });
  schema = await buildWartaSchema();
});
afterAll(() => { Object.assign(config, saved); });

const request = (query: string) => {
  const s = new PolicyState('POST', {}, null, undefined);
  s.setOperation(parse(query), null, {}, 'query' as never, null);
  return s;
};
const Q = '{ events(first: 2) { edges { node { name } } } }';

test('a request missing while the same answer is computed waits for it and gets it as a hit', async () => {
  const step = responseCache(schema, new SharedCaches());
  const leader = request(Q);
  await step.operation!(leader);
  expect(leader.headers['warta-cache']).toBe('MISS');
  let followerDone = false;
  const follower = request(Q);
  const waiting = Promise.resolve(step.operation!(follower)).then(() => { followerDone = true; });
  await new Promise((r) => setImmediate(r));
  expect(followerDone).toBe(false);
  Object.assign(leader, { ok: true, answerText: '{"data":{"events":{"edges":[]}}}' });
  await step.response!(leader);
  await waiting;
  expect(follower.hit).toBe('{"data":{"events":{"edges":[]}}}');
  expect(follower.headers['warta-cache']).toBe('HIT');
  expect(follower.cacheKey).toBeNull();
});

test('when the computed answer is not one to share, the waiting request computes its own', async () => {
  const step = responseCache(schema, new SharedCaches());
  const leader = request(Q);
  await step.operation!(leader);
  const follower = request(Q);
  let followerDone = false;
  const waiting = Promise.resolve(step.operation!(follower)).then(() => { followerDone = true; });
  await new Promise((r) => setImmediate(r));
  expect(followerDone).toBe(false);
  Object.assign(leader, { ok: false, answerValue: { errors: [{ message: 'deadline' }] } });
  await step.response!(leader);
  await waiting;
  expect(follower.hit).toBeNull();
  expect(follower.headers['warta-cache']).toBe('MISS');
  expect(follower.cacheKey).toBe(leader.cacheKey);
  // It now leads: a third request waits for its answer.
  const third = request(Q);
  let thirdDone = false;
  const thirdWaiting = Promise.resolve(step.operation!(third)).then(() => { thirdDone = true; });
  await new Promise((r) => setImmediate(r));
  expect(thirdDone).toBe(false);
  Object.assign(follower, { ok: true, answerText: '{"data":{}}' });
  await step.response!(follower);
  await thirdWaiting;
  expect(third.hit).toBe('{"data":{}}');
});

test('another question, or the same one after a write, is not held by a computation under way', async () => {
  const caches = new SharedCaches();
  const step = responseCache(schema, caches);
  const leader = request(Q);
  await step.operation!(leader);
  const other = request('{ events(first: 3) { edges { node { name } } } }');
  await step.operation!(other);
  expect(other.headers['warta-cache']).toBe('MISS');
  await caches.bump();
  const afterWrite = request(Q);
  await step.operation!(afterWrite);
  expect(afterWrite.headers['warta-cache']).toBe('MISS');
  expect(afterWrite.cacheKey).not.toBe(leader.cacheKey);
});
