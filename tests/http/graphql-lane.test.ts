/**
 * The /graphql lane (src/http/graphql-lane.ts): a JSON POST to /graphql is taken before express. Its
 * answers must be express's answers, byte for byte; whatever it does not answer goes on into express without being
 * decided, charged, read or compiled twice; and everything else never enters it.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { config } from '../../src/config';
import { draining } from '../../src/http/draining';
import { serverOptions } from '../../src/http/server';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const saved = { ...config };
const Q = 'query($n: Int) { articles(first: $n) { edges { node { title persons { name } } } } }';

interface Answer { status: number; headers: Record<string, string>; body: string }
interface Request { method?: string; headers?: Record<string, string>; body?: string; path?: string }
/** Headers that differ between any two answers (time, connection) or between two servers sharing one quota. */
const VARYING = new Set(['date', 'connection', 'keep-alive', 'ratelimit-remaining', 'ratelimit-reset', 'cost-ratelimit-remaining', 'cost-ratelimit-reset']);

async function send(url: string, init: Request = {}): Promise<Answer> {
  const res = await fetch(`${url}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: init.body,
  });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => { if (!VARYING.has(k)) headers[k] = v; });
  return { status: res.status, headers, body: await res.text() };
}
const query = (variables: Record<string, unknown>, q = Q) => JSON.stringify({ query: q, variables });

describe.each(targets())('the /graphql lane on $name', (target) => {
  let s: TestServer;
  /** The same app without the lane: express alone answers. */
  let plain: http.Server;
  let plainUrl: string;
  const lane = () => ({ ...s.handle.listener.stats });

  beforeAll(async () => {
    config.responseCacheSeconds = 0;
    s = await startTestServer(await target.open());
    plain = http.createServer(serverOptions(), s.handle.app);
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => plain.close(() => r()));
    await s.close(); await s.db.close(); await target.cleanup();
    Object.assign(config, saved);
  });

  test('a compiled query is answered in the lane with the status, headers and bytes express gives', async () => {
    const before = lane();
    const first = await send(s.url, { body: query({ n: 2 }) }); // first sight: Apollo answers it, through express
    expect(first.headers['warta-execution']).toBeUndefined();
    expect(lane()).toEqual({ taken: before.taken + 1, answered: before.answered });

    const inLane = await send(s.url, { body: query({ n: 3 }) });
    expect(lane()).toEqual({ taken: before.taken + 2, answered: before.answered + 1 });
    const viaExpress = await send(plainUrl, { body: query({ n: 3 }) });
    expect(inLane.headers['warta-execution']).toBe('compiled');
    expect(inLane).toEqual(viaExpress);
    expect(JSON.parse(inLane.body).data.articles.edges).toHaveLength(3);
  });

  test('browsers\' calls (same origin, an allowed origin, a refused one) get express\'s CORS answers from the lane', async () => {
    await send(s.url, { body: query({ n: 1 }) });
    const saved = config.anonymousCorsOrigins;
    try {
      config.anonymousCorsOrigins = ['https://portal.test'];
      for (const [origin, status, inLane] of [[s.url, 200, true], ['https://portal.test', 200, true], ['https://elsewhere.test', 403, false]] as const) {
        const before = lane();
        const a = await send(s.url, { headers: { origin }, body: query({ n: 1 }) });
        expect(lane()).toEqual({ taken: before.taken + 1, answered: before.answered + (inLane ? 1 : 0) });
        expect(a.status).toBe(status);
        const b = await send(plainUrl, { headers: { origin: origin === s.url ? plainUrl : origin }, body: query({ n: 1 }) });
        expect(a).toEqual(b);
        if (origin !== s.url) expect(a.headers.vary).toBe('Origin');
      }
      const allowed = await send(s.url, { headers: { origin: 'https://portal.test' }, body: query({ n: 1 }) });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.test');
    } finally { config.anonymousCorsOrigins = saved; }
  });

  test('a GET, another path or content type, and a draining server are left to express', async () => {
    await send(s.url, { body: query({ n: 1 }) });
    const before = lane();
    const cases: Request[] = [
      { method: 'GET', path: `/graphql?query=${encodeURIComponent(Q)}&variables=${encodeURIComponent('{"n":1}')}`, headers: { 'apollo-require-preflight': '1' } },
      { path: '/graphql/', body: query({ n: 1 }) },
      { path: '/graphql?x=1', body: query({ n: 1 }) },
      { headers: { 'content-type': 'text/plain' }, body: query({ n: 1 }) },
    ];
    for (const c of cases) expect(await send(s.url, c)).toEqual(await send(plainUrl, c));
    draining.on = true;
    try {
      const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query({ n: 1 }) });
      expect(r.status).toBe(200);
      expect(r.headers.get('connection')).toBe('close');
    } finally { draining.on = false; }
    expect(lane()).toEqual(before);
  });

  test('a body the lane cannot read gets express\'s answer', async () => {
    for (const body of ['{"query": ', `{"query": "${'x'.repeat(200_000)}"}`, '"a string"']) {
      const before = lane();
      const inLane = await send(s.url, { body });
      expect(lane()).toEqual({ taken: before.taken + 1, answered: before.answered });
      expect(inLane.status).toBeGreaterThanOrEqual(400);
      expect(inLane).toEqual(await send(plainUrl, { body }));
    }
  });

  test('a compiled query that fails goes on to Apollo without the compiled route running twice', async () => {
    const q = 'query($n: Int) { articles(first: $n) { edges { node { slug } } } }';
    await send(s.url, { body: query({ n: 1 }, q) });
    expect((await send(s.url, { body: query({ n: 1 }, q) })).headers['warta-execution']).toBe('compiled');
    const lookup = jest.spyOn(s.handle.compiled, 'lookup');
    try {
      const bad = await send(s.url, { body: query({ n: config.pageSizeMax + 1 }, q) });
      expect(JSON.parse(bad.body).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally { lookup.mockRestore(); }
  });

  test('refusals decided in the lane are answered by express, and each request is charged once', async () => {
    Object.assign(config, { anonymousRequestsPerWindow: 4 });
    const q = await startTestServer(s.db, { demo: false }); // a fresh quota under that limit
    try {
      const seen: Array<[number, string | null]> = [];
      for (const body of [query({ n: 1 }, '{ events(first: 1) { edges { node { name } } } }'), // new: Apollo's, via express
        query({ n: 1 }, '{ events(first: 1) { edges { node { name } } } }'), // compiled, in the lane
        '{"query": ', // unreadable: express's 400
        query({ n: 1 }), query({ n: 1 })]) {
        const r = await fetch(`${q.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        seen.push([r.status, r.headers.get('ratelimit-remaining')]);
        if (r.status === 429) {
          expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
          expect((await r.json() as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('RATE_LIMITED');
        } else await r.arrayBuffer();
      }
      expect(seen).toEqual([[200, '3'], [200, '2'], [400, '1'], [200, '0'], [429, '0']]);

      const bad = await fetch(`${q.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: query({ n: 1 }) });
      expect(bad.status).toBe(401);
      expect(bad.headers.get('www-authenticate')).toBe('Bearer');
      expect((await bad.json() as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(q.handle.listener.stats).toEqual({ taken: 6, answered: 1 });
    } finally { await q.close(); }
  });
});
