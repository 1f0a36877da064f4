/**
 * Cross-article resolution (src/ingest/resolve): people and events named differently from one article to the next.
 * Every article here is invented for the test.
 */
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { EditorService } from '../../src/services/editor.service';
import { reresolve } from '../../src/services/reresolve.service';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const art = (key: string, publishedAt: string, title: string, body: string) =>
  parseRecord({ title, body, publishedAt, url: `https://warta.example/${key}` }, key);

const A = {
  trade1: art('trade1', '2025-03-03', 'Pameran Ekspor Dibuka', 'Menteri Perdagangan Rahmat Santoso Wibisono membuka pameran ekspor di Surabaya, Senin (3/3/2025). Ia berharap pelaku usaha kecil ikut menembus pasar luar negeri.'),
  trade2: art('trade2', '2025-03-04', 'Ekspor Naik', 'Menteri Perdagangan Rahmat Santoso menyebut nilai ekspor naik pada Februari, Selasa (4/3/2025).'),
  party: art('party', '2025-03-08', 'Partai Gelar Konsolidasi', 'Ketua Umum Partai Nusantara Raya, Rahmat Santoso Wibisono memimpin konsolidasi kader di Bandung, Sabtu (8/3/2025).'),
  expo: art('expo', '2025-03-06', 'Presiden Buka Pameran', 'Presiden Yudha Pranata membuka pameran dagang di Jakarta, Kamis (6/3/2025). Kapolri Jenderal Adi Wirya Pranata turut hadir.'),
  flood: art('flood', '2025-03-07', 'Presiden Tinjau Banjir', 'Presiden Pranata meninjau lokasi banjir di Bekasi, Jumat (7/3/2025). Menteri Sosial Lestari Ayuningtyas mendampingi.'),
  port1: art('port1', '2025-03-03', 'Menko Tinjau Pelabuhan', 'Menteri Koordinator Bidang Kemaritiman, Teguh Wirasena Hadi (TWH) meninjau Pelabuhan Tanjung Emas, Senin (3/3/2025). Ia didampingi Wali Kota Semarang Sutopo Handoyo atau Cak Topo.'),
  port2: art('port2', '2025-03-05', 'Dermaga Diperluas', 'Pemerintah memperluas dermaga Pelabuhan Tanjung Emas, Rabu (5/3/2025). Perluasan itu diminta TWH saat berkunjung dua hari lalu. "Kami siap mendukung," kata Cak Topo.'),
  camat1: art('camat1', '2025-03-10', 'Camat Tinjau Sawah', 'Camat Pucakwangi, Joko Wiyono meninjau sawah warga, Senin (10/3/2025).'),
  camat2: art('camat2', '2025-03-11', 'Camat Serahkan Bibit', 'Camat Pucakwangi, Djoko Wijono menyerahkan bibit padi, Selasa (11/3/2025).'),
  rob1: art('rob1', '2025-03-05', 'Rakor Banjir Rob', 'Rapat Koordinasi Penanganan Banjir Rob digelar Pemerintah Provinsi Jawa Tengah di Hotel Patra Jasa Semarang, Rabu (5/3/2025). Rakor dibuka Gubernur Jawa Tengah Bambang Suryadi Kusuma.'),
  rob2: art('rob2', '2025-03-05', 'Jateng Bahas Rob', 'Rakor Antisipasi Banjir Rob digelar Pemprov Jawa Tengah di Hotel Patra Jasa Semarang, Rabu (5/3/2025). Rakor dibuka Gubernur Jawa Tengah Bambang Suryadi Kusuma.'),
  dry: art('dry', '2025-03-05', 'Rakor Kekeringan', 'Rapat Koordinasi Penanganan Kekeringan Wonogiri digelar Pemerintah Provinsi Jawa Tengah di Hotel Patra Jasa Semarang, Rabu (5/3/2025). Rakor dibuka Gubernur Jawa Tengah Bambang Suryadi Kusuma.'),
  verdict1: art('verdict1', '2025-06-18', 'Yosef Divonis', 'Terdakwa Yosef Lumbantobing divonis lima tahun penjara dalam sidang di Pengadilan Tipikor Jakarta, Rabu (18/6/2025). Hakim Ketua Damar Prasetyo menyatakan Yosef terbukti menerima suap.'),
  verdict2: art('verdict2', '2025-06-18', 'Putusan Dibacakan', 'Majelis hakim yang dipimpin Hakim Ketua Damar Prasetyo membacakan amar putusan di Pengadilan Tipikor Jakarta, Rabu (18/6/2025). Terdakwa Yosef Lumbantobing hadir dalam sidang itu mengenakan kemeja putih.'),
  verdict3: art('verdict3', '2025-06-18', 'Putusan Lain', 'Majelis hakim yang dipimpin Hakim Ketua Damar Prasetyo membacakan amar putusan di Pengadilan Tipikor Jakarta, Rabu (18/6/2025). Terdakwa Wulan Sasmita hadir dalam sidang itu didampingi pengacaranya.'),
  outlook1: art('outlook1', '2025-06-18', 'Menkeu Optimistis', 'Menteri Keuangan Rina Kusuma berbicara dalam acara Nusantara Economic Outlook 2025 di Hotel Kencana, Jakarta Pusat, Rabu (18/6/2025).'),
  rupsA: art('rupsA', '2025-06-17', 'RUPS Sinar Laut', 'PT Sinar Laut Sejahtera Tbk menggelar rapat umum pemegang saham tahunan di Hotel Kencana, Jakarta Pusat, Selasa (17/6/2025). Rapat itu menyetujui pembagian dividen.'),
  rupsB: art('rupsB', '2025-06-17', 'RUPS Bumi Kencana', 'PT Bumi Kencana Mineral Tbk menggelar rapat umum pemegang saham tahunan di Hotel Puri Asri, Jakarta Pusat, Selasa (17/6/2025). Rapat itu menyetujui rencana ekspansi.'),
  rupsA2: art('rupsA2', '2025-06-17', 'Dividen Sinar Laut', 'PT Sinar Laut Sejahtera Tbk menggelar rapat umum pemegang saham tahunan di Hotel Kencana, Jakarta Pusat, Selasa (17/6/2025), dan membagikan dividen tunai.'),
  outlook2: art('outlook2', '2025-06-18', 'Inflasi Terkendali', 'Menteri Keuangan Rina Kusuma menyebut inflasi terkendali dalam Nusantara Economic Outlook 2025, di Hotel Kencana, Jakarta, Rabu (18/6/2025).'),
};

const personsOf = (db: Db, key: string) => db.query<{ id: number; name: string }>(`SELECT DISTINCT p.id, p.name FROM mention m JOIN article a ON a.id = m.article_id
  JOIN person p ON p.id = m.entity_id WHERE m.entity_type = 'PERSON' AND a.source_url = ? ORDER BY p.id`, [`https://warta.example/${key}`]);
const eventsOf = (db: Db, key: string) => db.query<{ id: number }>(`SELECT ae.event_id AS id FROM article_event ae JOIN article a ON a.id = ae.article_id WHERE a.source_url = ?`,
  [`https://warta.example/${key}`]);
const idOf = async (db: Db, key: string, name: string) => (await personsOf(db, key)).find((p) => p.name === name)?.id;

/** The same world, ingested article by article or as one batch (PostgreSQL batches defer their rows). */
describe.each(targets().flatMap((t) => [{ ...t, mode: 'one by one' }, { ...t, mode: 'one batch' }]))('resolution on $name, $mode', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    const ingest = await IngestService.create(db);
    const order = [A.trade1, A.trade2, A.party, A.expo, A.flood, A.port1, A.port2, A.camat1, A.camat2, A.rob1, A.rob2, A.dry, A.verdict1, A.verdict2, A.verdict3,
      A.outlook1, A.outlook2, A.rupsA, A.rupsB, A.rupsA2];
    if (target.mode === 'one batch') {
      const r = await ingest.ingestBatch(order);
      expect(r.map((x) => x.error)).toEqual(order.map(() => undefined));
    } else for (const a of order) await ingest.ingest(a);
  });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('a short form in a later article joins the full-named person, with the reason recorded', async () => {
    const full = await idOf(db, 'trade1', 'Rahmat Santoso Wibisono');
    expect(full).toBeDefined();
    expect((await personsOf(db, 'trade2')).map((p) => p.id)).toEqual([full]);
    const merges = await db.query<{ form: string; method: string; reason: string }>('SELECT form, method, reason FROM person_merge WHERE person_id = ?', [full]);
    expect(merges).toEqual([expect.objectContaining({ form: 'Rahmat Santoso', method: 'CONTAINED' })]);
    expect(merges[0].reason).toMatch(/Menteri Perdagangan/);
  });

  test('a different title in another article does not split the person', async () => {
    expect((await personsOf(db, 'party')).map((p) => p.id)).toEqual([await idOf(db, 'trade1', 'Rahmat Santoso Wibisono')]);
  });

  test('two people sharing a name part stay apart; the one-word name goes to the one whose title it shares', async () => {
    const president = await idOf(db, 'expo', 'Yudha Pranata');
    const police = await idOf(db, 'expo', 'Adi Wirya Pranata');
    expect(president).toBeDefined();
    expect(police).toBeDefined();
    expect(president).not.toBe(police);
    expect((await personsOf(db, 'flood')).map((p) => p.id)).toContain(president);
    expect((await personsOf(db, 'flood')).map((p) => p.id)).not.toContain(police);
  });

  test('nicknames and initials declared in one article resolve in a later one', async () => {
    const teguh = await idOf(db, 'port1', 'Teguh Wirasena Hadi');
    const topo = await idOf(db, 'port1', 'Sutopo Handoyo');
    expect(teguh).toBeDefined();
    expect(topo).toBeDefined();
    const later = (await personsOf(db, 'port2')).map((p) => p.id);
    expect(later).toEqual(expect.arrayContaining([teguh, topo]));
    expect(await db.query('SELECT alias, kind FROM person_alias WHERE person_id IN (?, ?) ORDER BY alias', [teguh, topo]))
      .toEqual([{ alias: 'Cak Topo', kind: 'DECLARED' }, { alias: 'TWH', kind: 'DECLARED' }]);
    expect(Number((await db.one<{ n: number }>("SELECT COUNT(*) AS n FROM person WHERE name IN ('TWH', 'Cak Topo')"))!.n)).toBe(0);
  });

  test('an old spelling of the name at the same office is the same person', async () => {
    const joko = await idOf(db, 'camat1', 'Joko Wiyono');
    expect(joko).toBeDefined();
    expect((await personsOf(db, 'camat2')).map((p) => p.id)).toEqual([joko]);
  });

  test('two reports of one rakor join one event; another rakor the same day at the same place stays apart', async () => {
    const [r1] = await eventsOf(db, 'rob1');
    const [r2] = await eventsOf(db, 'rob2');
    const [d] = await eventsOf(db, 'dry');
    expect(r1).toBeDefined();
    expect(r2).toEqual(r1);
    expect(d.id).not.toEqual(r1.id);
  });

  test('gatherings named only by their kind that different bodies hold the same day in one city stay apart; one body\'s, reported twice, is one', async () => {
    const [a] = await eventsOf(db, 'rupsA');
    const [b] = await eventsOf(db, 'rupsB');
    const [a2] = await eventsOf(db, 'rupsA2');
    expect(a).toBeDefined();
    expect(b.id).not.toEqual(a.id);
    expect(a2).toEqual(a);
  });

  test('a verdict report naming only the kind of hearing joins the report named after its defendant; the same judge\'s other verdict stays apart', async () => {
    const [v1] = await eventsOf(db, 'verdict1');
    const [v2] = await eventsOf(db, 'verdict2');
    const [v3] = await eventsOf(db, 'verdict3');
    expect(v1).toBeDefined();
    expect(v2).toEqual(v1);
    expect(v3.id).not.toEqual(v1.id);
  });

  test('an event named in English with its kind last, reported twice, is one event', async () => {
    const [o1] = await eventsOf(db, 'outlook1');
    const [o2] = await eventsOf(db, 'outlook2');
    expect(o1).toBeDefined();
    expect(o2).toEqual(o1);
    const [row] = await db.query<{ name: string; kind: string }>('SELECT name, kind FROM event WHERE id = ?', [o1.id]);
    expect(row).toEqual({ name: 'Nusantara Economic Outlook 2025', kind: 'SEMINAR' });
  });

  test('re-ingesting makes no duplicates: no new people, merges or aliases', async () => {
    const count = async () => Promise.all(['person', 'person_merge', 'person_alias', 'person_name_part', 'event', 'mention'].map(async (t) =>
      Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))!.n)));
    const before = await count();
    const ingest = await IngestService.create(db);
    const again = await ingest.ingestBatch([A.trade2, A.port2, A.rob2]);
    expect(again.map((r) => r.result?.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // Same URL, corrected text: the article is replayed, its merge made once again (not twice).
    await ingest.ingest(art('trade2', '2025-03-04', 'Ekspor Naik', 'Menteri Perdagangan Rahmat Santoso menyebut nilai ekspor naik pada Februari 2025, Selasa (4/3/2025).'));
    expect(await count()).toEqual(before);
  });
});

describe.each(targets())('splitting a merge on $name', (target) => {
  let s: TestServer;
  let editor: string;
  beforeAll(async () => {
    s = await startTestServer(await target.open(), { demo: false });
    editor = (await new ApiKeyService(s.db).create('desk', ApiRole.EDITOR, [])).key;
    const ingest = await IngestService.create(s.db);
    for (const a of [A.trade1, A.trade2]) await ingest.ingest(a);
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  test('Person.aliasSources and merges say why; splitPerson undoes the merge and keeps it in the history', async () => {
    const q = `{ persons(first: 10) { edges { node { id name aliases aliasSources { alias kind reason sourceArticle { title } }
      merges { id form method reason undoneAt article { title } splitInto { name } } } } } }`;
    const r = await s.gql(q);
    expect(r.body.errors).toBeUndefined();
    const people = r.body.data.persons.edges.map((e: any) => e.node);
    expect(people.map((p: any) => p.name)).toEqual(['Rahmat Santoso Wibisono']);
    const [p] = people;
    expect(p.aliasSources).toEqual([expect.objectContaining({ alias: 'Rahmat Santoso', kind: 'CONTAINED', sourceArticle: { title: 'Ekspor Naik' } })]);
    expect(p.merges).toHaveLength(1);
    expect(p.merges[0]).toMatchObject({ form: 'Rahmat Santoso', method: 'CONTAINED', undoneAt: null, article: { title: 'Ekspor Naik' }, splitInto: null });

    const split = await s.gql('mutation($m: ID!) { splitPerson(mergeId: $m) { person { name aliases } split { id name } } }', { m: p.merges[0].id }, editor);
    expect(split.body.errors).toBeUndefined();
    expect(split.body.data.splitPerson.person).toEqual({ name: 'Rahmat Santoso Wibisono', aliases: [] });
    expect(split.body.data.splitPerson.split.name).toBe('Rahmat Santoso');
    expect((await personsOf(s.db, 'trade2')).map((x) => x.name)).toEqual(['Rahmat Santoso']);
    expect((await personsOf(s.db, 'trade1')).map((x) => x.name)).toEqual(['Rahmat Santoso Wibisono']);
    const after = (await s.gql(q)).body.data.persons.edges.map((e: any) => e.node).find((n: any) => n.name === 'Rahmat Santoso Wibisono');
    expect(after.merges[0].undoneAt).not.toBeNull();
    expect(after.merges[0].splitInto).toEqual({ name: 'Rahmat Santoso' });
    // Undone once: not again.
    const twice = await s.gql('mutation($m: ID!) { splitPerson(mergeId: $m) { split { id } } }', { m: p.merges[0].id }, editor);
    expect(twice.body.errors?.[0].message).toMatch(/undone already/);
  });

  test('an editor\'s alias resolves later articles; removing it stops that; an editor\'s merge can be split', async () => {
    const ids = (await s.db.query<{ id: number; name: string }>('SELECT id, name FROM person ORDER BY id')).map((r) => ({ id: Number(r.id), name: r.name }));
    const full = ids.find((p) => p.name === 'Rahmat Santoso Wibisono')!.id;
    const short = ids.find((p) => p.name === 'Rahmat Santoso')!.id;
    const editorSvc = new EditorService(s.db);
    await editorSvc.addPersonAlias(full, 'Pak Rahmat Sw');
    expect(await s.db.query('SELECT alias, kind FROM person_alias WHERE person_id = ?', [full])).toEqual([{ alias: 'Pak Rahmat Sw', kind: 'EDITOR' }]);
    await editorSvc.removePersonAlias(full, 'Pak Rahmat Sw');
    expect(await s.db.query('SELECT alias FROM person_alias WHERE person_id = ?', [full])).toEqual([]);
    await editorSvc.mergePersons(full, short);
    expect((await personsOf(s.db, 'trade2')).map((x) => Number(x.id))).toEqual([full]);
    const m = await s.db.one<{ id: number }>("SELECT id FROM person_merge WHERE method = 'EDITOR' AND merged_person_id = ?", [short]);
    const r = await editorSvc.splitPerson(Number(m!.id));
    expect(r).toEqual({ survivor: full, split: short });
    expect((await personsOf(s.db, 'trade2')).map((x) => Number(x.id))).toEqual([short]);
    expect(await s.db.one<{ m: number | null }>('SELECT merged_into_id AS m FROM person WHERE id = ?', [short])).toEqual({ m: null });
  });
});

describe.each(targets())('re-resolution of a stored database on $name', (target) => {
  let db: Db;
  beforeAll(async () => { db = await target.open(); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('an alias an editor adds later merges the person stored under it; the merge is recorded and can be split', async () => {
    const ingest = await IngestService.create(db);
    await ingest.ingest(art('topo1', '2025-04-01', 'Warga Bersih Kali', 'Warga Tugu membersihkan kali, Selasa (1/4/2025). "Kami ikut turun," kata Cak Topo di lokasi.'));
    await ingest.ingest(art('topo2', '2025-04-02', 'Wali Kota Tinjau Kali', 'Wali Kota Semarang, Sutopo Handoyo meninjau kali di Tugu, Rabu (2/4/2025).'));
    const nick = (await personsOf(db, 'topo1'))[0];
    const full = (await personsOf(db, 'topo2'))[0];
    expect([nick.name, full.name]).toEqual(['Cak Topo', 'Sutopo Handoyo']);
    expect(await reresolve(db, { apply: true })).toEqual([]);
    const editor = new EditorService(db);
    await editor.addPersonAlias(full.id, 'Cak Topo');
    const merges = await reresolve(db, { apply: true });
    expect(merges).toEqual([expect.objectContaining({ survivor: full.id, merged: nick.id, method: 'ALIAS' })]);
    expect((await personsOf(db, 'topo1')).map((p) => p.id)).toEqual([full.id]);
    const m = await db.one<{ id: number; reason: string }>('SELECT id, reason FROM person_merge WHERE merged_person_id = ?', [nick.id]);
    expect(m!.reason).toMatch(/^re-resolution: .*registered alias/);
    await editor.splitPerson(Number(m!.id));
    expect((await personsOf(db, 'topo1')).map((p) => p.id)).toEqual([nick.id]);
  });
});
