/**
 * The response cache and persisted queries: a repeated public query is answered from the cache with no SQL; a write
 * makes every earlier answer unreachable (never stale); private fields are never cached; APQ works; and two server
 * processes sharing PostgreSQL and Redis never serve each other's stale answers.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { config } from '../../src/config';
import { Db } from '../../src/db/database';
import { ApiRole } from '../../src/entities/enums';
import { ApiKeyService } from '../../src/services/api-key.service';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import { CLI, freePort, serveProcess, stopProcesses } from '../helpers/process';

const saved = { ...config };
const Q = '{ events(first: 50) { totalCount edges { node { name organizers { name } } } } }';
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const ingestBody = (n: number) => ({ query: 'mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2021-06-01" }) { status } }',
  variables: { t: `Rakor Cache ${n}`, b: `Rapat Koordinasi Cache Nomor ${n} digelar Pemkab Gresik di Pendopo Gresik, Selasa (1/6/2021). Bupati Gresik, Hasan Basri membuka acara.` } });

describe.each(targets())('response cache on $name', (target) => {
  let s: TestServer;
  let editor: string;
  beforeAll(async () => {
    Object.assign(config, { anonymousRequestsPerWindow: 0, keyRequestsPerWindow: 0, responseCacheSeconds: 60 });
    s = await startTestServer(await target.open());
    editor = (await new ApiKeyService(s.db).create('editor', ApiRole.EDITOR, [])).key;
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); Object.assign(config, saved); });

  test('a repeated query is a cache hit with no SQL; after a write the answer is fresh', async () => {
    let statements = 0;
    s.db.onQuery = () => { statements++; };
    const first = await post(s.url, { query: Q });
    expect(first.headers.get('warta-cache')).toBe('MISS');
    const before = (await first.json() as any).data.events.totalCount;
    statements = 0;
    const second = await post(s.url, { query: Q });
    expect(second.headers.get('warta-cache')).toBe('HIT');
    expect((await second.json() as any).data.events.totalCount).toBe(before);
    expect(statements).toBe(0);
    const w = await post(s.url, ingestBody(1), { authorization: `Bearer ${editor}` });
    expect((await w.json() as any).data.ingestArticle.status).toBe('NEW');
    const third = await post(s.url, { query: Q });
    expect(third.headers.get('warta-cache')).toBe('MISS');
    expect((await third.json() as any).data.events.totalCount).toBe(before + 1);
    s.db.onQuery = null;
  });

  test('an editor mutation invalidates too', async () => {
    await post(s.url, { query: '{ event(slug: "2019-rakor-pengembangan-sop") { name participantCount } }' });
    const id = (await s.gql('{ event(slug: "2019-rakor-pengembangan-sop") { id } }')).body.data.event.id;
    const u = await s.gql('mutation($id: ID!) { updateEvent(id: $id, input: { participantCount: 205 }) { id } }', { id }, editor);
    expect(u.body.errors).toBeUndefined();
    const r = await post(s.url, { query: '{ event(slug: "2019-rakor-pengembangan-sop") { name participantCount } }' });
    expect(r.headers.get('warta-cache')).toBe('MISS');
    expect((await r.json() as any).data.event.participantCount).toBe(205);
  });

  test('the search index taking writes after their commit empties the answers that search, and only those', async () => {
    const S = { query: 'query($q: String!) { search(query: $q, first: 5) { totalCount } }', variables: { q: 'gresik' } };
    const w = await post(s.url, ingestBody(2), { authorization: `Bearer ${editor}` });
    expect((await w.json() as any).data.ingestArticle.status).toBe('NEW');
    await s.db.searchIndexer?.caughtUp();
    for (const q of [{ query: Q }, S]) await post(s.url, q);
    for (const q of [{ query: Q }, S]) expect((await post(s.url, q)).headers.get('warta-cache')).toBe('HIT');
    // SQLite's index thread tells the server when it has taken writes (PostgreSQL writes its index in the write's
    // own transaction, whose commit has already moved every answer on).
    const indexer = s.db.searchIndexer;
    if (indexer) {
      expect(indexer.onIndexed).toBeInstanceOf(Function);
      await (indexer.onIndexed as () => unknown)();
      const [events, search] = [await post(s.url, { query: Q }), await post(s.url, S)];
      expect([events.headers.get('warta-cache'), search.headers.get('warta-cache')]).toEqual(['HIT', 'MISS']);
      expect((await search.json() as any).data.search.totalCount).toBeGreaterThan(0);
    } else expect(target.name).toBe('postgres');
  });

  test('private fields are never cached', async () => {
    const q = { query: '{ myApiKey { id name } }' };
    await post(s.url, q, { authorization: `Bearer ${editor}` });
    const again = await post(s.url, q, { authorization: `Bearer ${editor}` });
    expect(again.headers.get('warta-cache')).toBeNull();
  });

  test('automatic persisted queries: a hash alone works once the query is known', async () => {
    const query = '{ events(first: 3) { edges { node { slug } } } }';
    const sha256Hash = crypto.createHash('sha256').update(query).digest('hex');
    const ext = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await (await post(s.url, { extensions: ext })).json() as any;
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await (await post(s.url, { query, extensions: ext })).json() as any).data.events.edges).toHaveLength(3);
    const byHash = await post(s.url, { extensions: ext });
    expect((await byHash.json() as any).data.events.edges).toHaveLength(3);
  });
});

const pgBase = process.env.TEST_DATABASE_URL;
// Only where a PostgreSQL server is configured (as in CI): two processes need one shared database server.
if (pgBase) {
  test('two processes on one PostgreSQL and one Redis: a write through one is seen, never stale, through the other', async () => {
    const name = `warta_t_cache_${process.pid}`;
    const c = new Client({ connectionString: pgBase });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    const u = new URL(pgBase);
    u.pathname = `/${name}`;
    const db = await Db.open(u.toString());
    const editor = (await new ApiKeyService(db).create('editor', ApiRole.EDITOR, [])).key;
    await db.close();
    const env = { ...process.env, DATABASE_URL: u.toString(), REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', WARTA_QUOTA_PREFIX: `warta-test-${crypto.randomUUID()}`,
      WARTA_LOAD_DEMO: 'true', WARTA_RESPONSE_CACHE_SECONDS: '300', HOST: '127.0.0.1' };
    const a = await serveProcess({ ...env, PORT: String(await freePort()) });
    const b = await serveProcess({ ...env, PORT: String(await freePort()), WARTA_LOAD_DEMO: 'false' });
    try {
      const count = async (url: string) => { const r = await post(url, { query: Q }); return { cache: r.headers.get('warta-cache'), n: (await r.json() as any).data.events.totalCount as number }; };
      const b1 = await count(b.url);
      const b2 = await count(b.url);
      expect(b2).toEqual({ cache: 'HIT', n: b1.n });
      expect((await (await post(a.url, ingestBody(7), { authorization: `Bearer ${editor}` })).json() as any).data.ingestArticle.status).toBe('NEW');
      const b3 = await count(b.url);
      expect(b3).toEqual({ cache: 'MISS', n: b1.n + 1 });
      expect(await count(a.url)).toEqual({ cache: 'HIT', n: b1.n + 1 }); // b's fresh answer is shared with a
      // A third process, `warta ingest` from the command line, invalidates both servers through Redis too.
      const file = path.join(os.tmpdir(), `warta-cache-${process.pid}.txt`);
      fs.writeFileSync(file, 'Rakor Cache Dari Baris Perintah\n\nRapat Koordinasi Cache Baris Perintah digelar Pemkab Tuban di Pendopo Tuban, Rabu (2/6/2021). Bupati Tuban, Aditya Halindra membuka acara.\n');
      const cli = spawnSync('node', [CLI, 'ingest', '--quiet', file], { env, encoding: 'utf8' });
      fs.rmSync(file, { force: true });
      expect(cli.stdout).toMatch(/1 new/);
      expect(await count(a.url)).toEqual({ cache: 'MISS', n: b1.n + 2 });
    } finally {
      await stopProcesses(a, b);
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  }, 90_000);
}
