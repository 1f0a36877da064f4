/**
 * The compiled path of /graphql (graphql-jit): it answers only queries Apollo has answered cleanly before, and hands
 * everything else to Apollo, so errors, limits, CSRF rules, persisted queries and roles behave exactly as before.
 */
import crypto from 'node:crypto';
import { config } from '../../src/config';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

describe.each(targets())('compiled queries on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => {
    config.responseCacheSeconds = 0;
    s = await startTestServer(await target.open());
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  const post = async (payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
    return { status: res.status, path: res.headers.get('warta-execution'), body: await res.json() as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
  };

  test('a query is compiled after Apollo answered it once, and follows its variables', async () => {
    const query = 'query($n: Int) { articles(first: $n) { edges { node { title persons { name } } } } }';
    const first = await post({ query, variables: { n: 1 } });
    expect(first.path).toBeNull();
    const again = await post({ query, variables: { n: 2 } });
    expect(again.path).toBe('compiled');
    expect(again.body.data.articles.edges).toHaveLength(2);
    expect(again.body.data.articles.edges[0]).toEqual(first.body.data.articles.edges[0]);
  });

  test('an error on the compiled path is answered by Apollo in its usual shape, and nothing runs twice to the client', async () => {
    const query = 'query($n: Int) { articles(first: $n) { edges { node { slug } } } }';
    expect((await post({ query, variables: { n: 1 } })).body.errors).toBeUndefined();
    expect((await post({ query, variables: { n: 1 } })).path).toBe('compiled');
    const bad = await post({ query, variables: { n: config.pageSizeMax + 1 } });
    expect(bad.path).toBeNull();
    expect(bad.status).toBe(200);
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const wrongType = await post({ query, variables: { n: 'many' } });
    expect(wrongType.path).toBeNull();
    expect(wrongType.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a compiled query over the cost limit is refused by Apollo', async () => {
    const query = 'query($n: Int) { articles(first: $n) { edges { node { persons { articles(first: 100) { edges { node { title } } } } } } } }';
    const saved = config.maxQueryCost;
    expect((await post({ query, variables: { n: 1 } })).body.errors).toBeUndefined();
    try {
      config.maxQueryCost = 50;
      const r = await post({ query, variables: { n: 1 } });
      expect(r.path).toBeNull();
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    } finally { config.maxQueryCost = saved; }
  });

  test('roles are checked on the compiled path too: a query an admin ran is refused to a reader', async () => {
    const admin = (await s.handle.keys.create('compiled-admin', ApiRole.ADMIN, [])).key;
    const reader = (await s.handle.keys.create('compiled-reader', ApiRole.READER, [])).key;
    const query = '{ apiKeys { name role } }';
    expect((await post({ query }, { authorization: `Bearer ${admin}` })).body.errors).toBeUndefined();
    const again = await post({ query }, { authorization: `Bearer ${admin}` });
    expect(again.path).toBe('compiled');
    expect(again.body.data.apiKeys.map((k: { name: string }) => k.name)).toContain('compiled-admin');
    const refused = await post({ query }, { authorization: `Bearer ${reader}` });
    expect(refused.path).toBeNull();
    expect(refused.body.data?.apiKeys ?? null).toBeNull();
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('persisted queries: registered through Apollo, then answered by hash on the compiled path', async () => {
    const query = '{ events(first: 2) { edges { node { name startDate } } } }';
    const sha256Hash = crypto.createHash('sha256').update(query).digest('hex');
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(registered.path).toBeNull();
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(byHash.path).toBe('compiled');
    expect(byHash.body).toEqual(registered.body);
    const wrongHash = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(wrongHash.path).toBeNull();
    expect(wrongHash.status).toBe(400);
  });

  test('a persisted query another process registered is compiled after its first answer by hash', async () => {
    const query = '{ places(first: 3) { edges { node { name kind } } } }';
    const sha256Hash = crypto.createHash('sha256').update(query).digest('hex');
    // As if another server had registered it in the shared store: this process has never seen its text.
    await s.handle.caches.store.set(`apq:${sha256Hash}`, query);
    const first = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(first.path).toBeNull();
    expect(first.body.data.places.edges.length).toBeGreaterThan(0);
    const second = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(second.path).toBe('compiled');
    expect(second.body).toEqual(first.body);
  });

  test('GET keeps Apollo\'s CSRF rule, and mutations are never compiled', async () => {
    const query = '{ articles(first: 1) { edges { node { title } } } }';
    await post({ query });
    const url = `${s.url}/graphql?query=${encodeURIComponent(query)}`;
    const blocked = await fetch(url);
    expect(blocked.status).toBe(400);
    expect(blocked.headers.get('warta-execution')).toBeNull();
    const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('warta-execution')).toBe('compiled');
    expect(ok.headers.get('cache-control')).toMatch(/^public, max-age=/);
    expect(ok.headers.get('etag')).toBeTruthy();

    const admin = (await s.handle.keys.create('compiled-admin-2', ApiRole.ADMIN, [])).key;
    for (const name of ['m1', 'm2']) {
      const r = await post({ query: `mutation { createApiKey(name: "${name}", role: READER) { info { name } } }` }, { authorization: `Bearer ${admin}` });
      expect(r.body.data.createApiKey.info.name).toBe(name);
      expect(r.path).toBeNull();
    }
  });
});
