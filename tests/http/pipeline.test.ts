/**
 * One request path (issue 20): the /graphql policy is one ordered list of steps (src/http/pipeline/), and every entry
 * to /graphql runs every step of it. The entries: a JSON POST taken by the lane, answered by Apollo on first sight or by
 * the compiled route in the lane on second sight; the same POSTs through express alone (no lane); and GETs, first and
 * second sight. A probe step appended to the list (as a step added later would be) is run by each entry in each phase,
 * after the standard steps, can add a header to each answer and refuse on each path; then each standard step's own
 * effect is checked on each entry.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { config } from '../../src/config';
import { ApiRole } from '../../src/entities/enums';
import type { PolicyState, PolicyStep } from '../../src/http/pipeline';
import { serverOptions } from '../../src/http/server';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const saved = { ...config };
const STANDARD = ['csrf', 'list-variables', 'price', 'cost-limit', 'charge', 'execution-budget', 'response-cache', 'cache-headers'];

/** What the probe saw, per request (the request names itself in X-Probe-Id). */
const seen = new Map<string, string[]>();
const note = (s: PolicyState, what: string) => {
  const id = s.requestHeaders['x-probe-id'];
  if (typeof id === 'string') seen.set(id, [...(seen.get(id) ?? []), what]);
};
const probe: PolicyStep = {
  name: 'probe',
  request(s) { note(s, 'request'); },
  operation(s) {
    // Runs after the standard steps: the operation is priced and charged by now.
    note(s, `operation (priced: ${s.cost >= 0})`);
    if (s.requestHeaders['x-probe-refuse']) s.refusal = new GraphQLError('refused by the probe', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  },
  response(s) {
    note(s, `response (cache-control: ${s.headers['cache-control']})`);
    s.headers['x-probe'] = 'seen';
  },
};

interface Entry { name: string; server: 'lane' | 'express'; method: 'POST' | 'GET'; sight: 'first' | 'second'; execution: string | null }
const ENTRIES: Entry[] = [
  { name: 'lane POST, first sight (Apollo)', server: 'lane', method: 'POST', sight: 'first', execution: null },
  { name: 'lane POST, second sight (compiled, in the lane)', server: 'lane', method: 'POST', sight: 'second', execution: 'compiled' },
  { name: 'express POST, first sight (Apollo)', server: 'express', method: 'POST', sight: 'first', execution: null },
  { name: 'express POST, second sight (compiled route)', server: 'express', method: 'POST', sight: 'second', execution: 'compiled' },
  { name: 'GET, first sight (Apollo)', server: 'lane', method: 'GET', sight: 'first', execution: null },
  { name: 'GET, second sight (compiled route)', server: 'lane', method: 'GET', sight: 'second', execution: 'compiled' },
];

interface Answer { status: number; headers: Headers; body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> } }

describe.each(targets())('one request path on $name', (target) => {
  let s: TestServer;
  let plain: http.Server;
  let plainUrl: string;
  let n = 0;

  beforeAll(async () => {
    // Quotas: no request rates; a small cost budget per key (read when the server starts), none for anonymous calls.
    Object.assign(config, { responseCacheSeconds: 0, anonymousRequestsPerWindow: 0, keyRequestsPerWindow: 0, anonymousCostPerWindow: 0, keyCostPerWindow: 200 });
    s = await startTestServer(await target.open(), { policy: (steps) => [...steps, probe] });
    plain = http.createServer(serverOptions(), s.handle.app);
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => plain.close(() => r()));
    await s.close(); await s.db.close(); await target.cleanup();
    Object.assign(config, saved);
  });
  afterEach(() => { Object.assign(config, { responseCacheSeconds: 0, maxQueryCost: saved.maxQueryCost, maxRowsPerRequest: saved.maxRowsPerRequest }); });

  /** A query text no entry has seen: the same operation under a fresh alias. */
  const fresh = (query: string) => query.replace('{', `{ f${++n}: __typename `);

  async function send(e: Entry, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
    const base = e.server === 'lane' ? s.url : plainUrl;
    const res = e.method === 'GET'
      ? await fetch(`${base}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`, { headers: { 'apollo-require-preflight': '1', ...headers } })
      : await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, headers: res.headers, body: await res.json() as Answer['body'] };
  }

  /** The entry's request for `query`: a fresh text, compiled first (by a clean answer through Apollo) for a second sight. */
  async function call(e: Entry, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, warm: Record<string, unknown> = variables): Promise<Answer> {
    const q = fresh(query);
    if (e.sight === 'second') {
      const w = await send({ ...e, method: 'POST', server: 'lane' }, q, warm);
      expect(w.body.errors).toBeUndefined();
    }
    return send(e, q, variables, headers);
  }

  const ARTICLES = 'query($n: Int) { articles(first: $n) { edges { node { title } } } }';

  test('the policy is one ordered list of steps, and the standard steps come first', () => {
    expect(s.handle.policy.map((x) => x.name)).toEqual([...STANDARD, 'probe']);
  });

  test.each(ENTRIES)('$name runs every step, a step added later too, in every phase', async (e) => {
    const id = `${target.name}-probe-${++n}`;
    const r = await call(e, ARTICLES, { n: 2 }, { 'x-probe-id': id });
    expect(r.status).toBe(200);
    expect(r.headers.get('warta-execution')).toBe(e.execution);
    expect(r.body.data.articles.edges).toHaveLength(2);
    expect(r.headers.get('x-probe')).toBe('seen');
    const cacheControl = e.method === 'GET' ? `public, max-age=${config.partnerMaxAgeSeconds}` : 'no-store';
    expect(seen.get(id)).toEqual(['request', 'operation (priced: true)', `response (cache-control: ${cacheControl})`]);

    // The probe refuses: every entry answers its refusal, in Apollo's shape.
    const refused = await call(e, ARTICLES, { n: 2 }, { 'x-probe-refuse': '1' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('warta-execution')).toBeNull();
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([{ message: 'refused by the probe', extensions: { code: 'FORBIDDEN' } }]);
  });

  test.each(ENTRIES)('$name: a list variable over the limit is refused (400 BAD_USER_INPUT)', async (e) => {
    const q = 'query($k: [SearchKind!]) { search(query: "rakor", kinds: $k) { totalCount } }';
    const r = await call(e, q, { k: Array(config.maxListItems + 1).fill('PERSON') }, {}, { k: ['PERSON'] });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'k' });
  });

  test.each(ENTRIES)('$name: the price is in Warta-Query-Cost, and over the limit it is refused (400 QUERY_TOO_COSTLY)', async (e) => {
    const ok = await call(e, ARTICLES, { n: 3 });
    expect(ok.headers.get('warta-query-cost')).toBe('7');
    expect(ok.headers.get('warta-execution')).toBe(e.execution);
    const q = fresh(ARTICLES);
    if (e.sight === 'second') expect((await send({ ...e, method: 'POST', server: 'lane' }, q, { n: 1 })).body.errors).toBeUndefined();
    config.maxQueryCost = 50;
    const r = await send(e, q, { n: 30 });
    expect(r.status).toBe(400);
    expect(r.headers.get('warta-query-cost')).toBe('61');
    expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 61, limit: 50 });
  });

  test.each(ENTRIES)('$name: the price is charged to the key\'s budget, and a spent budget is a 429', async (e) => {
    const key = (await s.handle.keys.create(`pipeline-${++n}`, ApiRole.READER, [])).key;
    const auth = { authorization: `Bearer ${key}` };
    // 141 of the key's 200, then 141 more than it has left.
    const first = await call(e, ARTICLES, { n: 70 }, auth);
    expect(first.status).toBe(200);
    expect(first.headers.get('warta-execution')).toBe(e.execution);
    expect(first.headers.get('cost-ratelimit-remaining')).toBe('59');
    const spent = await call(e, ARTICLES, { n: 70 }, auth);
    expect(spent.status).toBe(429);
    expect(spent.headers.get('retry-after')).toBeTruthy();
    expect(spent.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  test.each(ENTRIES)('$name: Cache-Control is public or private for a GET\'s clean answer, no-store otherwise', async (e) => {
    const key = (await s.handle.keys.create(`pipeline-${++n}`, ApiRole.READER, [])).key;
    const anonymous = await call(e, ARTICLES, { n: 1 });
    const keyed = await call(e, ARTICLES, { n: 1 }, { authorization: `Bearer ${key}` });
    const failed = await call(e, ARTICLES, { n: config.pageSizeMax + 1 }, {}, { n: 1 });
    expect(failed.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const max = `max-age=${config.partnerMaxAgeSeconds}`;
    expect([anonymous, keyed, failed].map((a) => a.headers.get('cache-control')))
      .toEqual(e.method === 'GET' ? [`public, ${max}`, `private, ${max}`, 'no-store'] : ['no-store', 'no-store', 'no-store']);
  });

  test.each(ENTRIES)('$name: a stored answer is a response-cache hit', async (e) => {
    config.responseCacheSeconds = 60;
    const q = fresh('{ events(first: 2) { edges { node { name } } } }');
    const stored = await send({ ...e, method: 'POST', server: 'lane' }, q, {});
    expect(stored.headers.get('warta-cache')).toBe('MISS');
    // First sight: another text of the same document (the cache keys the printed document); second: the same text.
    const r = await send(e, e.sight === 'first' ? `${q}\n` : q, {});
    expect(r.headers.get('warta-cache')).toBe('HIT');
    expect(r.headers.get('warta-execution')).toBe(e.execution);
    expect(r.body).toEqual(stored.body);
  });

  test.each(ENTRIES)('$name: a query over the row budget is answered with that error alone (400 ROW_BUDGET_EXCEEDED)', async (e) => {
    const q = fresh(ARTICLES);
    if (e.sight === 'second') expect((await send({ ...e, method: 'POST', server: 'lane' }, q, { n: 1 })).body.errors).toBeUndefined();
    config.maxRowsPerRequest = 3;
    const r = await send(e, q, { n: 5 });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errors: [{ message: expect.stringMatching(/more than 3 rows/), extensions: { code: 'ROW_BUDGET_EXCEEDED', limit: 3 } }] });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  test.each(ENTRIES.filter((e) => e.method === 'GET'))('$name without a preflight-forcing header is refused as CSRF (400)', async (e) => {
    const q = fresh(ARTICLES);
    if (e.sight === 'second') await send({ ...e, method: 'POST', server: 'lane' }, q, { n: 1 });
    const res = await fetch(`${s.url}/graphql?query=${encodeURIComponent(q)}&variables=${encodeURIComponent('{"n":1}')}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('warta-execution')).toBeNull();
    expect(((await res.json()) as Answer['body']).errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  test('a text/plain POST is refused as CSRF, with or without the lane', async () => {
    for (const url of [s.url, plainUrl]) {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Answer['body']).errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
    }
  });
});
