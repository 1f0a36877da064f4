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
