/**
 * Search over HTTP on both backends (SQLite FTS5, PostgreSQL tsvector): ranking by kind filter, aliases and acronyms,
 * case and accents, paging, escaped highlights, and the index following ingest and editor merges.
 */
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

interface Hit { kind: string; title: string; snippet: string; node: { id: string; name?: string; title?: string } }
const SEARCH = `query($q: String!, $kinds: [SearchKind!], $first: Int, $after: String) { search(query: $q, kinds: $kinds, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { kind title snippet node { id ... on Institution { name } ... on Person { name } ... on Article { title } ... on Event { name } } } } } }`;

describe.each(targets())('search on $name', (target) => {
  let s: TestServer;
  let editorKey: string;
  beforeAll(async () => {
    s = await startTestServer(await target.open());
    editorKey = (await new ApiKeyService(s.db).create('editor', ApiRole.EDITOR, [])).key;
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  const search = async (q: string, extra: Record<string, unknown> = {}) => {
    const r = await s.gql(SEARCH, { q, ...extra });
    expect(r.body.errors).toBeUndefined();
    return r.body.data.search as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: Hit }> };
  };

  test('an acronym finds the institution by its long name, first among institutions', async () => {
    const r = await search('Kemendagri', { kinds: ['INSTITUTION'] });
    expect(r.edges[0].node.node.name).toBe('Kementerian Dalam Negeri');
  });

  test('articles are found by the short form even when they spell the long one, and vice versa', async () => {
    const long = await search('kementerian dalam negeri', { kinds: ['ARTICLE'], first: 50 });
    const short = await search('kemendagri', { kinds: ['ARTICLE'], first: 50 });
    const titles = (r: typeof long) => r.edges.map((e) => e.node.node.title).sort();
    expect(long.totalCount).toBeGreaterThan(0);
    expect(titles(short)).toEqual(titles(long));
  });

  test('case and accents do not matter; every word must match', async () => {
    const plain = await search('saiful ilah', { kinds: ['PERSON'] });
    const shouty = await search('SAÏFUL ÍLAH', { kinds: ['PERSON'] });
    expect(plain.edges.map((e) => e.node.node.name)).toEqual(['Saiful Ilah']);
    expect(shouty.edges.map((e) => e.node.node.name)).toEqual(['Saiful Ilah']);
    expect((await search('saiful zzzzqx')).totalCount).toBe(0);
  });

  test('a word prefix matches, highlights are marked, kinds filter', async () => {
    const r = await search('Rako Sidoarj', { kinds: ['EVENT'] });
    expect(r.edges.map((e) => e.node.node.name)).toContain('Rapat Koordinasi Pengembangan Standar Operasional Prosedur');
    expect(r.edges.every((e) => e.node.kind === 'EVENT')).toBe(true);
    const a = await search('Rakor Sidoarjo', { kinds: ['ARTICLE'] });
    expect(a.edges[0].node.title).toMatch(/<mark>Rakor<\/mark>/i);
  });

  test('pages do not overlap and the count is exact', async () => {
    const all = await search('Sidoarjo', { first: 100 });
    const p1 = await search('Sidoarjo', { first: 3 });
    const p2 = await search('Sidoarjo', { first: 3, after: p1.pageInfo.endCursor });
    const ids = [...p1.edges, ...p2.edges].map((e) => e.node.node.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toEqual(all.edges.slice(0, 6).map((e) => e.node.node.id));
    expect(p1.totalCount).toBe(all.edges.length);
  });

  test('stored text is escaped in highlights; a newly ingested article is searchable at once', async () => {
    const title = 'Warga <script>alert(1)</script> Hadiri Musyawarah Zonasi Tambakrejo';
    const ingest = await s.gql(`mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2020-03-01" }) { status } }`,
      { t: title, b: 'Musyawarah zonasi digelar di Balai Desa Tambakrejo, Minggu (1/3/2020). Warga menyampaikan usulan "<b>jalan</b>".' }, editorKey);
    expect(ingest.body.data.ingestArticle.status).toBe('NEW');
    const r = await search('tambakrejo zonasi', { kinds: ['ARTICLE'] });
    expect(r.totalCount).toBe(1);
    expect(r.edges[0].node.title).toContain('&lt;script&gt;');
    expect(r.edges[0].node.title).not.toContain('<script>');
    expect(r.edges[0].node.title).toMatch(/<mark>Zonasi<\/mark>/);
  });

  test('a merged person leaves the index; the survivor is found by the merged name', async () => {
    const add = (t: string, b: string) => s.gql(`mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2020-04-01" }) { status } }`, { t, b }, editorKey);
    await add('Camat Krembung Tinjau Sawah', 'Camat Krembung, Joko Wiyono meninjau sawah warga, Rabu (1/4/2020).');
    // Another local office: resolution keeps the two apart (the same office in the old spelling would be linked at once).
    await add('Kades Kedungsumur Serahkan Bibit', 'Kepala Desa Kedungsumur, Djoko Wijono menyerahkan bibit, Kamis (2/4/2020).');
    const joko = (await search('Joko Wiyono', { kinds: ['PERSON'] })).edges[0].node.node;
    const djoko = (await search('Djoko Wijono', { kinds: ['PERSON'] })).edges[0].node.node;
    expect(joko.id).not.toBe(djoko.id);
    const m = await s.gql(`mutation($a: ID!, $b: ID!) { mergePersons(survivorId: $a, mergedId: $b) { id } }`, { a: joko.id, b: djoko.id }, editorKey);
    expect(m.body.errors).toBeUndefined();
    const after = await search('Djoko Wijono', { kinds: ['PERSON'] });
    expect(after.edges.map((e) => e.node.node.id)).toEqual([joko.id]);
  });

  test('a person linked by a later article with a new position is found by that title', async () => {
    const add = (t: string, b: string) => s.gql(`mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2020-05-01" }) { status } }`, { t, b }, editorKey);
    await add('Dinsos Salurkan Bantuan', 'Kepala Dinas Sosial Sidoarjo, Wahyu Kristanto menyalurkan bantuan, Jumat (1/5/2020).');
    expect((await search('Sekretaris Daerah Wahyu', { kinds: ['PERSON'] })).totalCount).toBe(0);
    await add('Sekda Sidoarjo Baru Dilantik', 'Sekretaris Daerah Sidoarjo, Wahyu Kristanto dilantik, Senin (4/5/2020).');
    const people = await s.db.query<{ id: number }>("SELECT id FROM person WHERE name_key = 'wahyu kristanto'");
    expect(people).toHaveLength(1);
    const r = await search('Sekretaris Daerah Wahyu', { kinds: ['PERSON'] });
    expect(r.edges.map((e) => e.node.node.name)).toEqual(['Wahyu Kristanto']);
  });

  test('documents split into words as queries do, on both backends: "2.500" and "e-KTP" find the article that spells them', async () => {
    const add = (t: string, b: string) => s.gql(`mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2020-06-01" }) { status } }`, { t, b }, editorKey);
    await add('Blangko e-KTP Tiba di Porong', 'Sebanyak 2.500 keping blangko e-KTP tiba di Kecamatan Porong, Senin (1/6/2020), untuk warga yang antre perekaman.');
    for (const q of ['2.500 blangko', 'e-KTP Porong', 'ktp 500 keping']) {
      const r = await search(q, { kinds: ['ARTICLE'] });
      expect(r.edges.map((e) => e.node.node.title)).toEqual(['Blangko e-KTP Tiba di Porong']);
    }
  });

  test('a query without letters or digits, or too long, is BAD_USER_INPUT on the query argument', async () => {
    for (const q of ['  *** ', 'x'.repeat(201)]) {
      const r = await s.gql(SEARCH, { q });
      expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    }
  });
});
