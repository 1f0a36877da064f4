/**
 * Access control over HTTP: per-key browser origins (CORS, preflights), request-rate and query-cost quotas with their
 * headers, the anonymous switch, and one Redis budget shared by two server processes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { config } from '../../src/config';
import { Db } from '../../src/db/database';
import { ApiRole } from '../../src/entities/enums';
import { ApiKeyService } from '../../src/services/api-key.service';
import { createApp } from '../../src/http/app';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import { freePort, serveProcess, stopProcesses } from '../helpers/process';

const saved = { ...config };
afterEach(() => { Object.assign(config, saved); });

const Q = '{ events(first: 1) { edges { node { name } } } }';
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe.each(targets())('access on $name', (target) => {
  let s: TestServer | null = null;
  let partner: string;
  let other: string;
  async function start(overrides: Partial<typeof config>) {
    Object.assign(config, overrides);
    s = await startTestServer(await target.open());
    const keys = new ApiKeyService(s.db);
    partner = (await keys.create('portal', ApiRole.PARTNER, ['https://portal.test'])).key;
    other = (await keys.create('other', ApiRole.PARTNER, [])).key;
    return s;
  }
  afterEach(async () => { if (s) { await s.close(); await s.db.close(); s = null; } });
  afterAll(async () => { await target.cleanup(); });

  test('a partner key works from its registered origin only; preflights answer registered origins', async () => {
    const srv = await start({ anonymousCorsOrigins: [] });
    const ok = await post(srv.url, { query: Q }, { origin: 'https://portal.test', authorization: `Bearer ${partner}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://portal.test');
    const evil = await post(srv.url, { query: Q }, { origin: 'https://evil.test', authorization: `Bearer ${partner}` });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    // A key with no registered origin is for servers: refused from any browser origin.
    expect((await post(srv.url, { query: Q }, { origin: 'https://portal.test', authorization: `Bearer ${other}` })).status).toBe(403);
    // Anonymous browser calls: none allowed in this configuration.
    expect((await post(srv.url, { query: Q }, { origin: 'https://portal.test' })).status).toBe(403);
    // Same-origin and server-side calls are unaffected.
    expect((await post(srv.url, { query: Q })).status).toBe(200);
    const pre = await fetch(`${srv.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://portal.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('Authorization');
    const preEvil = await fetch(`${srv.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' } });
    expect(preEvil.status).toBe(403);
  });

  test('the request rate: 429 with Retry-After and RateLimit headers for one key, another key unaffected', async () => {
    const srv = await start({ keyRequestsPerWindow: 3, quotaWindowSeconds: 60 });
    const seen: Array<{ status: number; remaining: string | null }> = [];
    for (let i = 0; i < 4; i++) {
      const r = await post(srv.url, { query: Q }, { authorization: `Bearer ${partner}` });
      seen.push({ status: r.status, remaining: r.headers.get('ratelimit-remaining') });
      if (i === 3) {
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(r.headers.get('ratelimit-limit')).toBe('3');
        expect(r.headers.get('ratelimit-policy')).toMatch(/^3;w=60/);
        expect((await r.json() as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      }
    }
    expect(seen).toEqual([{ status: 200, remaining: '2' }, { status: 200, remaining: '1' }, { status: 200, remaining: '0' }, { status: 429, remaining: '0' }]);
    expect((await post(srv.url, { query: Q }, { authorization: `Bearer ${other}` })).status).toBe(200);
  });

  test('the cost budget counts first: $n as n, before anything runs', async () => {
    const srv = await start({ keyCostPerWindow: 300 });
    const q = 'query($n: Int) { events(first: $n) { edges { node { name organizers { name } } } } }';
    const small = await post(srv.url, { query: q, variables: { n: 2 } }, { authorization: `Bearer ${partner}` });
    expect(small.status).toBe(200);
    const cost = Number(small.headers.get('warta-query-cost'));
    const big = await post(srv.url, { query: q, variables: { n: 100 } }, { authorization: `Bearer ${partner}` });
    expect(Number(big.headers.get('warta-query-cost'))).toBeGreaterThan(cost * 40);
    expect(big.status).toBe(429);
    expect(big.headers.get('retry-after')).toBeTruthy();
    let statements = 0;
    srv.db.onQuery = () => { statements++; };
    await post(srv.url, { query: q, variables: { n: 100 } }, { authorization: `Bearer ${partner}` });
    srv.db.onQuery = null;
    expect(statements).toBe(0);
    expect((await post(srv.url, { query: q, variables: { n: 2 } }, { authorization: `Bearer ${other}` })).status).toBe(200);
  });

  test('a query over the cost limit is refused with its cost, whoever asks', async () => {
    const srv = await start({ maxQueryCost: 500 });
    const r = await post(srv.url, { query: '{ articles(first: 100) { edges { node { persons { name } events { name } } } } }' });
    expect(r.status).toBe(400);
    const e = (await r.json() as any).errors[0];
    expect(e.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 500 });
    expect(e.extensions.cost).toBeGreaterThan(500);
  });

  test('behind a proxy: forwarded addresses and schemes count only from the proxies WARTA_TRUST_PROXY names', async () => {
    // Each request goes through the /graphql lane (POST) or through express (GET); both must read the client alike.
    const get = (url: string, headers: Record<string, string>) => fetch(`${url}/graphql?query=${encodeURIComponent(Q)}`, { headers: { 'apollo-require-preflight': '1', ...headers } });
    const remaining = (r: Response) => r.headers.get('ratelimit-remaining');
    const spoofed = await start({ anonymousRequestsPerWindow: 5, anonymousCorsOrigins: [] });
    // Not trusted (the default): a client cannot pick its own budget with X-Forwarded-For.
    expect(remaining(await post(spoofed.url, { query: Q }, { 'x-forwarded-for': '203.0.113.1' }))).toBe('4');
    expect(remaining(await post(spoofed.url, { query: Q }, { 'x-forwarded-for': '203.0.113.2' }))).toBe('3');
    expect(remaining(await get(spoofed.url, { 'x-forwarded-for': '203.0.113.3' }))).toBe('2');
    // Nor make a foreign origin its own with X-Forwarded-Proto.
    const host = new URL(spoofed.url).host;
    expect((await post(spoofed.url, { query: Q }, { origin: `https://${host}`, 'x-forwarded-proto': 'https' })).status).toBe(403);
    await s!.close(); await s!.db.close(); s = null;

    const proxied = await start({ anonymousRequestsPerWindow: 5, anonymousCorsOrigins: [], trustProxy: ['loopback'] });
    expect(remaining(await post(proxied.url, { query: Q }, { 'x-forwarded-for': '203.0.113.1' }))).toBe('4');
    expect(remaining(await post(proxied.url, { query: Q }, { 'x-forwarded-for': '203.0.113.2' }))).toBe('4');
    expect(remaining(await get(proxied.url, { 'x-forwarded-for': '203.0.113.1' }))).toBe('3');
    expect(remaining(await post(proxied.url, { query: Q }, { 'x-forwarded-for': '203.0.113.1' }))).toBe('2');
    // The balancer terminated TLS: a page on https://<host> calling its own API is same-origin.
    const own = await post(proxied.url, { query: Q }, { origin: `https://${new URL(proxied.url).host}`, 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    expect(own.status).toBe(200);
    expect(own.headers.get('vary')).toBeNull();

    config.trustProxy = ['not-an-address'];
    await expect(createApp(proxied.db)).rejects.toThrow(/WARTA_TRUST_PROXY/);
  });

  test('anonymous access can be switched off', async () => {
    const srv = await start({ anonymousAccess: false });
    const r = await post(srv.url, { query: Q });
    expect(r.status).toBe(401);
    expect((await r.json() as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(srv.url, { query: Q }, { 'x-api-key': partner })).status).toBe(200);
    expect((await fetch(`${srv.url}/embed/events/2019-rakor-pengembangan-sop`)).status).toBe(401);
  });
});

test('two server processes share one Redis budget per key', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-redis-'));
  const file = path.join(dir, 'w.sqlite');
  const db = await Db.open(file);
  const keys = new ApiKeyService(db);
  const a = (await keys.create('a', ApiRole.PARTNER, [])).key;
  const b = (await keys.create('b', ApiRole.PARTNER, [])).key;
  await db.close();
  const env = {
    ...process.env, DATABASE_URL: file, WARTA_LOAD_DEMO: 'false', REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    WARTA_KEY_REQUESTS: '4', WARTA_QUOTA_PREFIX: `warta-test-${crypto.randomUUID()}`, HOST: '127.0.0.1',
  };
  const one = await serveProcess({ ...env, PORT: String(await freePort()) });
  const two = await serveProcess({ ...env, PORT: String(await freePort()) });
  try {
    const statuses: number[] = [];
    for (const url of [one.url, two.url, one.url, two.url, one.url, two.url]) statuses.push((await post(url, { query: Q }, { authorization: `Bearer ${a}` })).status);
    // Four requests in the window, wherever they land; then both processes refuse.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await post(two.url, { query: Q }, { authorization: `Bearer ${b}` })).status).toBe(200);
  } finally {
    await stopProcesses(one, two);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
