import { config } from '../../src/config';
import { SharedCaches } from '../../src/http/response-cache';

test('in memory, a write frees the answers cached before it (they could never be served again) and keeps persisted queries', async () => {
  const caches = new SharedCaches({ ...config, redisUrl: null });
  await caches.responses.set('resp:k', '{"data":{}}');
  await caches.store.set('apq:h', '{ __typename }');
  const before = await caches.generation();
  await caches.bump();
  expect(await caches.generation()).not.toBe(before);
  expect(await caches.responses.get('resp:k')).toBeUndefined();
  expect(await caches.store.get('apq:h')).toBe('{ __typename }');
  await caches.close();
});

describe.each([['in memory', null], ['through Redis', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379']] as const)('search generation %s', (_name, redisUrl) => {
  test('the search index catching up moves on only the keys of answers that search; a write moves on both', async () => {
    const caches = new SharedCaches({ ...config, redisUrl, quotaPrefix: `test-searchgen-${process.pid}-${Date.now()}` });
    try {
      const data = await caches.generation(), search = await caches.generation(true);
      expect(search).not.toBe(data);
      await caches.bumpSearch();
      expect(await caches.generation()).toBe(data);
      const searchAfterIndex = await caches.generation(true);
      expect(searchAfterIndex).not.toBe(search);
      await caches.bump();
      expect(await caches.generation()).not.toBe(data);
      expect(await caches.generation(true)).not.toBe(searchAfterIndex);
    } finally { await caches.close(); }
  });
});

test('a document that searches is kept by the search generation too; one that does not, by the data generation alone', async () => {
  const { buildWartaSchema } = await import('../../src/graphql/schema');
  const { parse } = await import('graphql');
  const { cachePolicy } = await import('../../src/http/response-cache');
  const schema = await buildWartaSchema();
  expect(cachePolicy(schema, parse('{ search(query: "rapat", first: 3) { totalCount } }'), 60)).toEqual({ maxAge: 30, search: true });
  expect(cachePolicy(schema, parse('{ events(first: 3) { totalCount } }'), 60)).toEqual({ maxAge: 60, search: false });
});
