/**
 * Hostile input on both databases: SQL injection payloads in every string argument and filter (bound as parameters,
 * never spliced: the payload never appears in a statement's text, and no row changes), LIKE wildcards taken literally,
 * unknown input fields refused, privileged columns out of reach, hostile articles (oversized, HTML, bad URLs,
 * confusable and zero-width names).
 */
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { config } from '../../src/config';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const PAYLOADS = [
  "' OR '1'='1", "'; DROP TABLE person; --", "\" OR 1=1 --", "1) OR (1=1", "x' UNION SELECT hash, name, role, prefix FROM api_key --",
  "'; SELECT pg_sleep(5); --", "' AND randomblob(500000000) --", '%', '_', '\\', "Sidoarjo%' --", '$1', '?', "'||(SELECT name FROM person LIMIT 1)||'",
];
const saved = { ...config };

describe.each(targets())('hostile input on $name', (target) => {
  let s: TestServer;
  let editor: string;
  const sql: string[] = [];
  beforeAll(async () => {
    Object.assign(config, { anonymousRequestsPerWindow: 0, keyRequestsPerWindow: 0 });
    s = await startTestServer(await target.open());
    editor = (await new ApiKeyService(s.db).create('editor', ApiRole.EDITOR, [])).key;
    s.db.onQuery = (q) => { sql.push(q); };
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); Object.assign(config, saved); });

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of ['article', 'person', 'institution', 'place', 'event', 'participation', 'mention', 'quote', 'api_key']) out[t] = Number((await s.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))!.n);
    return out;
  };

  test('payloads in every string argument and filter are data, never SQL', async () => {
    const before = await counts();
    const queries = [
      'query($p: String!) { events(filter: { search: $p }) { totalCount edges { node { name } } } }',
      'query($p: String!) { persons(filter: { name: $p, title: $p }) { totalCount } }',
      'query($p: String!) { institutions(filter: { name: $p }) { totalCount } }',
      'query($p: String!) { places(filter: { name: $p }) { totalCount } }',
      'query($p: String!) { articles(filter: { section: $p, outlet: $p }) { totalCount } }',
      'query($p: String!) { article(slug: $p) { title } event(slug: $p) { name } person(slug: $p) { name } institution(slug: $p) { name } }',
      'query($p: String!) { search(query: $p) { totalCount edges { node { title } } } }',
      'query($p: ID!) { node(id: $p) { id } }',
      'query($p: Date!) { attendance(filter: { from: $p }) { totalCount } }',
    ];
    for (const p of PAYLOADS) {
      for (const q of queries) {
        sql.length = 0;
        const r = await s.gql(q, { p });
        const codes = (r.body.errors ?? []).map((e) => e.extensions?.code);
        expect({ p, q, codes: codes.filter((c) => c !== 'BAD_USER_INPUT') }).toEqual({ p, q, codes: [] });
        // Bound, not spliced: no statement's text contains the payload (for payloads that could not be SQL text anyway, skip).
        if (p.length > 2) expect(sql.filter((x) => x.includes(p))).toEqual([]);
      }
    }
    expect(await counts()).toEqual(before);
    expect((await s.gql('{ persons(first: 1) { totalCount } }')).body.data.persons.totalCount).toBe(before.person);
  });

  test('LIKE wildcards are literal: "%" and "_" match only themselves', async () => {
    const all = (await s.gql('{ events { totalCount } }')).body.data.events.totalCount;
    expect(all).toBeGreaterThan(0);
    for (const w of ['%', '_', '%%', 'Rakor%']) expect((await s.gql('query($p: String!) { events(filter: { search: $p }) { totalCount } }', { p: w })).body.data.events.totalCount).toBe(0);
    expect((await s.gql('{ events(filter: { search: "rakor" }) { totalCount } }')).body.data.events.totalCount).toBe(2);
  });

  test('unknown input fields are refused; privileged columns cannot be given', async () => {
    const r = await s.gql('mutation { ingestArticle(input: { title: "T", body: "B", contentHash: "x", extractorVersion: "evil" }) { status } }', undefined, editor);
    expect(r.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ingest = await fetch(`${s.url}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` }, body: JSON.stringify({ title: 'T', body: 'Isi.', content_hash: 'x' }) });
    expect(ingest.status).toBe(400);
    expect(await ingest.json()).toMatchObject({ field: 'content_hash' });
    const long = await s.gql('query($p: String!) { events(filter: { search: $p }) { totalCount } }', { p: 'x'.repeat(201) });
    expect(long.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
  });

  test('hostile articles: 10 MB refused with a clear error; scripts stored inert and escaped; only http(s) sources', async () => {
    const post = (body: unknown, type = 'application/json') => fetch(`${s.url}/ingest`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${editor}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const before = await counts();
    const huge = await post({ title: 'Besar', body: 'x '.repeat(5_000_000) });
    expect(huge.status).toBe(413);
    expect((await huge.json() as any).error).toMatch(/too large/i);
    const badUrl = await post({ title: 'Uji', body: 'Isi berita.', url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect(await badUrl.json()).toMatchObject({ field: 'url' });
    expect(await counts()).toEqual(before);

    const html = await post({ title: 'Rakor <script>alert(1)</script> Keamanan', body: 'Rapat Koordinasi Keamanan Siber digelar Kemendagri di Hotel Delta Sidoarjo, Rabu (13/11/2019). <img src=x onerror=alert(1)> Bupati Sidoarjo, Saiful Ilah membuka acara.', publishedAt: '2019-11-13' });
    expect(html.status).toBe(201);
    const stored = await s.db.one<{ title: string }>("SELECT title FROM article WHERE title LIKE 'Rakor <script>%'");
    expect(stored!.title).toBe('Rakor <script>alert(1)</script> Keamanan');
    const ev = (await s.gql('{ events(filter: { search: "Keamanan Siber" }) { edges { node { slug name } } } }')).body.data.events.edges[0].node;
    const card = await (await fetch(`${s.url}/embed/events/${ev.slug}`)).text();
    const page = await (await fetch(`${s.url}/events/${ev.slug}`)).text();
    for (const h of [card, page]) {
      expect(h).not.toMatch(/<script>alert|<img src=x/);
      expect(h).not.toMatch(/<script type="application\/ld\+json">[^]*<\/script>[^]*<\/script>/);
    }
    expect(page).toContain('&lt;script&gt;');
  });

  test('confusable and zero-width characters in names do not make a second person', async () => {
    const add = (title: string, body: string) => fetch(`${s.url}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` }, body: JSON.stringify({ title, body, publishedAt: '2020-05-01' }) });
    expect((await add('Camat Porong Tinjau Tanggul', 'Camat Porong, Rahmat Hidayatullah meninjau tanggul, Jumat (1/5/2020).')).status).toBe(201);
    expect((await add('Camat Porong Serahkan Bantuan', 'Camat Porong, R\u0430hm\u0430t Hid\u200Bayatullah menyerahkan bantuan, Sabtu (2/5/2020).')).status).toBe(201);
    expect((await add('Camat Porong Buka Pasar', 'Camat Porong, Ｒａｈｍａｔ Hidayatullah membuka pasar, Minggu (3/5/2020).')).status).toBe(201);
    const people = await s.db.query<{ name: string }>("SELECT name FROM person WHERE name_key = 'rahmat hidayatullah'");
    expect(people).toHaveLength(1);
    const all = await s.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM person WHERE name_key LIKE '%hidayatullah%'");
    expect(Number(all[0].n)).toBe(1);
  });
});
