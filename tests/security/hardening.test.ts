/**
 * Hardening, round two, against a real server on both databases: values encoded in the embed snippet and in CSV
 * cells, calendar-valid dates everywhere, cursors validated, no schema suggestions through variables in production,
 * subscriptions refused clearly, the Host header never reflected into cacheable partner answers, /readyz checking
 * the schema. The hostile event names and titles are invented for this test.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { parse } from 'csv-parse/sync';
import { config } from '../../src/config';
import { ApiRole } from '../../src/entities/enums';
import { formulaSafe } from '../../src/services/export.service';
import { ApiKeyService } from '../../src/services/api-key.service';
import { encodeCursor } from '../../src/graphql/ids';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const saved = { ...config };
const RAKOR = '2019-rakor-pengembangan-sop';
const HOSTILE = 'Rapat "Uji" <script>alert(1)</script> & Kawan';

/** A raw GET with a Host header fetch would not send. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(targets())('hardening on $name', (target) => {
  let s: TestServer;
  let editor: string, analyst: string;
  beforeAll(async () => {
    Object.assign(config, { anonymousRequestsPerWindow: 0, responseCacheSeconds: 0, publicUrl: null, allowedHosts: ['warta.example.id'] });
    s = await startTestServer(await target.open());
    const keys = new ApiKeyService(s.db);
    editor = (await keys.create('editor', ApiRole.EDITOR, [])).key;
    analyst = (await keys.create('analyst', ApiRole.ANALYST, [])).key;
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); Object.assign(config, saved); });

  test('the embed snippet on the event page encodes a name with quotes and markup: pasted, it is one iframe and no script', async () => {
    const ev = await s.gql(`{ event(slug: "${RAKOR}") { id } }`);
    const up = await s.gql('mutation($id: ID!, $n: String!) { updateEvent(id: $id, input: { name: $n }) { name } }', { id: ev.body.data.event.id, n: HOSTILE }, editor);
    expect(up.body.data.updateEvent.name).toBe(HOSTILE);
    const page = await (await fetch(`${s.url}/events/${RAKOR}`)).text();
    const shown = /<pre>(&lt;iframe[^<]*)<\/pre>/.exec(page)![1];
    // What the reader copies is the <pre>'s text: decode it once, as the browser does.
    const copied = shown.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    // The one script a snippet carries is the card-sizing loader; anything else would be injected.
    expect(copied.replace(/<script src="[^"<>]*\/embed\.js" async><\/script>$/, '')).not.toMatch(/<script/i);
    expect((copied.match(/"/g) ?? []).length % 2).toBe(0);
    expect(copied).toContain('title="Rapat &quot;Uji&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; Kawan"');
    await s.gql('mutation($id: ID!, $n: String!) { updateEvent(id: $id, input: { name: $n }) { name } }', { id: ev.body.data.event.id, n: 'Rapat Koordinasi Pengembangan Standar Operasional Prosedur' }, editor);
  });

  test('CSV cells that a spreadsheet would run as formulas start with an apostrophe; other cells are unchanged', async () => {
    expect(['=1+1', '+62 812', '-2', '@SUM(A1)', '\tx', '\rx', 'Rakor', '2019-11-13'].map(formulaSafe))
      .toEqual(["'=1+1", "'+62 812", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'Rakor', '2019-11-13']);
    const ev = await s.gql(`{ event(slug: "${RAKOR}") { id name } }`);
    await s.gql('mutation($id: ID!, $n: String!) { updateEvent(id: $id, input: { name: $n }) { name } }', { id: ev.body.data.event.id, n: '=HYPERLINK("http://example.invalid","klik")' }, editor);
    try {
      const csv = Buffer.from(await (await fetch(`${s.url}/exports/events.csv`, { headers: { authorization: `Bearer ${analyst}` } })).arrayBuffer());
      const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
      const names = rows.map((r) => r.name);
      expect(names).toContain('\'=HYPERLINK("http://example.invalid","klik")');
      expect(names.filter((n) => /^[=+\-@\t\r]/.test(n))).toEqual([]);
    } finally {
      await s.gql('mutation($id: ID!, $n: String!) { updateEvent(id: $id, input: { name: $n }) { name } }', { id: ev.body.data.event.id, n: ev.body.data.event.name }, editor);
    }
  });

  test.each([['2019-02-30'], ['2019-02-29'], ['0000-01-01'], ['2019-13-01']])('the impossible date %s is a BAD_USER_INPUT naming the field, in filters, arguments and writes', async (d) => {
    const f = await s.gql('query($d: Date) { events(filter: { from: $d }) { totalCount } }', { d });
    expect(f.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const a = await s.gql(`{ person(slug: "saiful-ilah") { positions(at: "${d}") { title } } }`);
    expect(a.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
    const ev = await s.gql(`{ event(slug: "${RAKOR}") { id startDate } }`);
    const w = await s.gql('mutation($id: ID!, $d: Date) { updateEvent(id: $id, input: { startDate: $d }) { startDate } }', { id: ev.body.data.event.id, d }, editor);
    expect(w.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startDate' });
    const i = await s.gql('mutation($p: String) { ingestArticle(input: { title: "Rapat Tanggal Mustahil", body: "Rapat Koordinasi Tanggal digelar Pemkab Ngawi.", publishedAt: $p }) { status } }', { p: d }, editor);
    expect(i.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.publishedAt' });
    expect((await s.gql(`{ event(slug: "${RAKOR}") { startDate } }`)).body.data.event.startDate).toBe(ev.body.data.event.startDate);
    const partner = await fetch(`${s.url}/feeds/events.ics?from=${d}`);
    expect(partner.status).toBe(400);
  });

  test('a leap day that exists is accepted', async () => {
    expect((await s.gql('{ events(filter: { from: "2020-02-29" }) { totalCount } }')).body.errors).toBeUndefined();
  });

  test.each([[[1e25, 1]], [[1.5, 1]], [[-1e300, 'x']]])('the cursor %j is a BAD_USER_INPUT naming after, not an internal error', async (parts) => {
    const after = encodeCursor(parts as Array<string | number>);
    const r = await s.gql('query($a: String) { events(first: 2, after: $a) { totalCount edges { node { name } } } }', { a: after });
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const q = await s.gql('query($a: String) { search(query: "rakor", after: $a) { totalCount } }', { a: encodeCursor([1e25]) });
    expect(q.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test('a cursor whose date is no date is no internal error (PostgreSQL: BAD_USER_INPUT naming after; SQLite compares it as text)', async () => {
    const r = await s.gql('query($a: String) { events(first: 2, after: $a) { edges { node { name } } } }', { a: encodeCursor(['bukan-tanggal', 1]) });
    if (target.name === 'postgres') expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    else expect(r.body.errors).toBeUndefined();
  });

  test('highlight markers inside stored text do not become markup in search results', async () => {
    const i = await s.gql('mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2022-04-01" }) { status } }',
      { t: 'Rapat \uE000Sisipan\uE001 Penanda Ngawi', b: 'Rapat Penanda digelar di Ngawi. Teks \uE000tanpa\uE001 markah.' }, editor);
    expect(i.body.data.ingestArticle.status).toBe('NEW');
    const r = await s.gql('{ search(query: "penanda", kinds: [ARTICLE]) { edges { node { title snippet } } } }');
    const hit = r.body.data.search.edges[0].node;
    expect(hit.title).toContain('<mark>Penanda</mark>');
    expect(hit.title).not.toContain('<mark>Sisipan</mark>');
    expect(hit.snippet).not.toContain('<mark>tanpa</mark>');
    expect(JSON.stringify(hit)).not.toMatch(/[\uE000\uE001]/);
  });

  test('a subscription is refused with a clear "not supported", not a server error', async () => {
    const r = await s.gql('subscription { events { totalCount } }');
    expect(r.status).toBe(400);
    expect(r.body.errors![0].message).toMatch(/subscriptions are not supported/i);
    expect(r.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('without WARTA_PUBLIC_URL, a Host outside the allow-list is not reflected into calendar, JSON-LD or oEmbed; a listed one is; "a b" is no 500', async () => {
    const port = new URL(s.url).port;
    const ics = await getWithHost(`${s.url}/events/${RAKOR}.ics`, 'evil.example');
    expect(ics.status).toBe(200);
    expect(ics.body).not.toContain('evil.example');
    const ld = await getWithHost(`${s.url}/events/${RAKOR}.jsonld`, 'evil.example');
    expect(ld.body).not.toContain('evil.example');
    expect(ld.body).toContain(`127.0.0.1:${port}`);
    const listed = await getWithHost(`${s.url}/events/${RAKOR}.jsonld`, 'warta.example.id');
    expect(listed.body).toContain('http://warta.example.id/events/');
    const bad = await getWithHost(`${s.url}/events/${RAKOR}.ics`, 'a b');
    expect(bad.status).toBe(200);
  });
});

describe('partner ids', () => {
  const sqlite = targets().find((t) => t.name === 'sqlite')!;
  test('embed URLs take the key\'s opaque partner id; row ids cannot be walked to read registered origins', async () => {
    const s = await startTestServer(await sqlite.open());
    try {
      const partner = await new ApiKeyService(s.db).create('Portal Rahasia', ApiRole.PARTNER, ['https://portal-rahasia.test']);
      expect(partner.record.partnerId).toMatch(/^[0-9a-f]{24}$/);
      const csp = async (q: string) => { const r = await fetch(`${s.url}/embed/events/${RAKOR}${q}`); return { status: r.status, csp: r.headers.get('content-security-policy') ?? '' }; };
      for (let id = 1; id <= 5; id++) {
        const r = await csp(`?partner=${id}`);
        expect(r.status).toBe(400);
        expect(r.csp).not.toContain('portal-rahasia');
      }
      expect((await csp(`?partner=${'0'.repeat(24)}`)).csp).not.toContain('portal-rahasia');
      expect((await csp(`?partner=${partner.record.partnerId}`)).csp).toContain('https://portal-rahasia.test');
      const mine = await s.gql('{ myApiKey { partnerId } }', undefined, partner.key);
      expect(mine.body.data.myApiKey.partnerId).toBe(partner.record.partnerId);
    } finally { await s.close(); await s.db.close(); await sqlite.cleanup(); }
  });
});

describe('embed view counts', () => {
  const sqlite = targets().find((t) => t.name === 'sqlite')!;
  test('one client looping a partner\'s card counts once per window; another client counts too', async () => {
    const s = await startTestServer(await sqlite.open());
    try {
      const partner = await new ApiKeyService(s.db).create('Portal Uji', ApiRole.PARTNER, ['https://portal-uji.test']);
      for (let i = 0; i < 25; i++) expect((await fetch(`${s.url}/embed/events/${RAKOR}?partner=${partner.record.partnerId}`)).status).toBe(200);
      const views = async () => (await s.handle.services.embedStats.counts({ keyId: partner.record.id })).filter((v) => v.surface === 'CARD').reduce((n, v) => n + v.views, 0);
      expect(await views()).toBe(1);
      s.handle.services.embedStats.view(partner.record.id, 1, 'CARD', '203.0.113.7');
      s.handle.services.embedStats.view(partner.record.id, 1, 'CARD', '203.0.113.7');
      expect(await views()).toBe(2);
    } finally { await s.close(); await s.db.close(); await sqlite.cleanup(); }
  });
});

describe.each(targets())('readiness on $name', (target) => {
  test('/readyz is ready on a migrated database and not ready (503, with the reason) once its schema is gone', async () => {
    const s = await startTestServer(await target.open(), { demo: false });
    try {
      expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
      await s.db.query('DROP TABLE "migrations"');
      const r = await fetch(`${s.url}/readyz`);
      expect(r.status).toBe(503);
      expect(((await r.json()) as { reason: string }).reason).toMatch(/no schema/);
      await s.db.query('CREATE TABLE "migrations" ("id" integer, "timestamp" bigint, "name" varchar(255))');
      await s.db.query(`INSERT INTO "migrations" VALUES (1, 1732752000000, 'InitialSchema1732752000000')`);
      const old = await fetch(`${s.url}/readyz`);
      expect(old.status).toBe(503);
      expect(((await old.json()) as { reason: string }).reason).toMatch(/schema version 1732752000000/);
    } finally { await s.close(); await s.db.close(); await target.cleanup(); }
  });
});

describe('the production profile and variables', () => {
  const sqlite = targets().find((t) => t.name === 'sqlite')!;
  test('variable coercion errors carry no "Did you mean" suggestion, also when the cost is priced first', async () => {
    Object.assign(config, { fieldSuggestions: false, introspection: false });
    const s = await startTestServer(await sqlite.open(), { demo: false });
    try {
      const r = await s.gql('query($k: [SearchKind!]) { search(query: "rakor", kinds: $k) { totalCount } }', { k: ['PERSN'] });
      expect(r.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|PERSON/);
      const i = await s.gql('query($f: EventFilter) { events(filter: $f) { totalCount } }', { f: { kindd: 'RAKOR' } });
      expect(JSON.stringify(i.body)).not.toMatch(/Did you mean/);
    } finally { await s.close(); await s.db.close(); await sqlite.cleanup(); Object.assign(config, saved); }
  });
});

describe('persisted queries in Redis', () => {
  const sqlite = targets().find((t) => t.name === 'sqlite')!;
  test('a registered query expires (TTL at most WARTA_APQ_TTL_SECONDS) and one over WARTA_APQ_MAX_BYTES is not kept', async () => {
    const prefix = `warta-test-apq-${process.pid}-${Date.now()}`;
    Object.assign(config, { redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', quotaPrefix: prefix, anonymousRequestsPerWindow: 0 });
    const s = await startTestServer(await sqlite.open(), { demo: false });
    const Redis = (await import('ioredis')).default;
    const redis = new Redis(config.redisUrl!);
    const register = async (query: string) => {
      const hash = crypto.createHash('sha256').update(query).digest('hex');
      const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }) });
      expect(r.status).toBe(200);
      return `${prefix}:cache:apq:${hash}`;
    };
    try {
      const small = await register('{ events(first: 1) { totalCount } }');
      const ttl = await redis.ttl(small);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(config.apqTtlSeconds);
      const big = await register(`# ${'catatan '.repeat(3000)}\n{ events(first: 1) { totalCount } }`);
      expect(await redis.exists(big)).toBe(0);
    } finally {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await s.close(); await s.db.close(); await sqlite.cleanup(); Object.assign(config, saved);
    }
  });
});
