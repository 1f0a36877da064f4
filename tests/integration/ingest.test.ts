import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { ArticlePersister } from '../../src/ingest/persist';
import { parseRecord, parseText } from '../../src/ingest/parse';
import { demoFiles, loadDemoIfEmpty } from '../../src/demo';
import { targets } from '../helpers/db';

const counts = async (db: Db) => {
  const out: Record<string, number> = {};
  for (const t of ['article', 'person', 'institution', 'place', 'event', 'participation', 'mention', 'quote', 'position', 'article_event']) {
    out[t] = Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))!.n);
  }
  return out;
};

describe.each(targets())('ingest on $name', (target) => {
  let db: Db;
  let ingest: IngestService;
  beforeAll(async () => { db = await target.open(); ingest = await IngestService.create(db); await loadDemoIfEmpty(db, ingest); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('migrations leave nothing for the entities to change', async () => {
    const log = await db.ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  test('the demo world is linked: one Saiful Ilah, one Rakor with two reports', async () => {
    expect(await db.query('SELECT name FROM person WHERE name_key = ?', ['saiful ilah'])).toHaveLength(1);
    const rakor = await db.query<{ id: number; participant_count: number }>(`SELECT id, participant_count FROM event WHERE kind = 'RAKOR' AND start_date = '2019-11-13'`);
    expect(rakor).toHaveLength(1);
    expect(Number(rakor[0].participant_count)).toBe(198);
    expect(await db.query('SELECT article_id FROM article_event WHERE event_id = ?', [rakor[0].id])).toHaveLength(2);
  });

  test('re-ingesting the same article changes nothing, even concurrently', async () => {
    const before = await counts(db);
    const a = parseText(fs.readFileSync(demoFiles()[0], 'utf8'), 'again');
    const results = await Promise.all([ingest.ingest(a), ingest.ingest(a), ingest.ingest(a)]);
    expect(results.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await counts(db)).toEqual(before);
  });

  test('a failing article in a batch is rolled back alone: it leaves no rows, the others land', async () => {
    const before = await counts(db);
    const mk = (n: number) => parseRecord({
      title: `Bupati Lumajang Resmikan Pasar Desa ${n}`,
      body: `Bupati Lumajang, Thoriqul Haq meresmikan Pasar Desa Kebon ${n} bersama Camat Sukodono, Agus Priyanto, Rabu (4/12/2019).`,
      url: `https://example.org/pasar-${n}`,
    }, `batch:${n}`);
    // The second article fails halfway through its writes, every time: after its article row and people, at the next
    // mention write (on PostgreSQL a batch writes mentions at its end, so there it fails the batch, which is then
    // run again article by article).
    let failNext = false;
    db.onQuery = (sql, params) => {
      if (/INSERT INTO "article"/.test(sql) && params.flat().includes('https://example.org/pasar-2')) failNext = true;
      if (failNext && /INSERT INTO "mention"/.test(sql)) { failNext = false; throw new Error('simulated failure while writing mentions'); }
    };
    let results: Awaited<ReturnType<IngestService['ingestBatch']>>;
    try { results = await ingest.ingestBatch([mk(1), mk(2), mk(3)]); } finally { db.onQuery = null; }
    expect(results.map((r) => r.result?.status ?? r.error?.message)).toEqual(['new', 'simulated failure while writing mentions', 'new']);
    const stored = await db.query<{ source_url: string }>(`SELECT source_url FROM article WHERE source_url LIKE 'https://example.org/pasar-%' ORDER BY source_url`);
    expect(stored.map((r) => r.source_url)).toEqual(['https://example.org/pasar-1', 'https://example.org/pasar-3']);
    const after = await counts(db);
    expect(after.article).toBe(before.article + 2);
    // Articles 1 and 3 brought their mentions; article 2 left none, and its rollback did not take theirs.
    const orphans = await db.query('SELECT m.id FROM mention m LEFT JOIN article a ON a.id = m.article_id WHERE a.id IS NULL');
    expect(orphans).toHaveLength(0);
    expect(Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM mention m JOIN article a ON a.id = m.article_id WHERE a.source_url LIKE 'https://example.org/pasar-%'`))!.n))
      .toBeGreaterThan(0);
    // The failed article goes in on its own later, once.
    expect((await ingest.ingest(mk(2))).status).toBe('new');
    expect((await ingest.ingestBatch([mk(1), mk(2), mk(3)])).map((r) => r.result?.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  test('reports of one gathering under ever new names keep a bounded list of its names; numbered sittings stay apart', async () => {
    const words = ['Pagi', 'Siang', 'Sore', 'Malam', 'Awal', 'Lanjutan', 'Terbuka', 'Tertutup', 'Darurat', 'Khusus', 'Umum', 'Teknis', 'Bersama',
      'Lintas', 'Terpadu', 'Gabungan', 'Terbatas', 'Lengkap', 'Pleno', 'Perdana', 'Pamungkas', 'Susulan', 'Inti', 'Pendahuluan', 'Penutup'];
    const report = (w: string, i: number) => parseRecord({ title: `Rakor Banjir Rob ${w}`, publishedAt: '2024-03-04',
      body: `Rapat Koordinasi Penanganan Banjir Rob ${w} digelar Pemkab Sidoarjo di Pendopo Delta Wibawa, Senin (4/3/2024). Warga ${i} hadir.` }, `rob-${i}`);
    const results = await ingest.ingestBatch(words.map(report));
    expect(results.every((r) => r.result?.status === 'new')).toBe(true);
    const evs = await db.query<{ id: number; aliases: string }>("SELECT id, aliases FROM event WHERE start_date = '2024-03-04' AND kind = 'RAKOR'");
    expect(evs).toHaveLength(1);
    expect(Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article_event WHERE event_id = ?', [evs[0].id]))!.n)).toBe(words.length);
    expect((JSON.parse(evs[0].aliases) as string[]).length).toBe(20);
    const sitting = (n: number) => parseRecord({ title: `Paripurna ke-${n}`, publishedAt: '2024-03-05',
      body: `Rapat Paripurna ke-${n} DPRD Sidoarjo digelar di Gedung DPRD Sidoarjo, Selasa (5/3/2024).` }, `sitting-${n}`);
    await ingest.ingestBatch([sitting(11), sitting(12)]);
    expect(await db.query("SELECT id FROM event WHERE start_date = '2024-03-05'")).toHaveLength(2);
  });

  test('a new article ingested twice concurrently is stored once', async () => {
    const before = await counts(db);
    const a = parseRecord({ title: 'Camat Buduran Tinjau Banjir', body: 'Camat Buduran, Rudi Santoso meninjau banjir di Desa Sidokerto, Selasa (3/12/2019).', url: 'https://example.org/banjir-1' }, 'x');
    const rs = await Promise.all([ingest.ingest(a), ingest.ingest(a)]);
    expect(rs.map((r) => r.status).sort()).toEqual(['new', 'unchanged']);
    const after = await counts(db);
    expect(after.article).toBe(before.article + 1);
    expect(after.person).toBe(before.person + 1);
  });

  test('a title that recurs gets the next numbered slug without trying every taken one as a whole-row insert', async () => {
    // An invented daily column: the same title and date every time, a different body.
    const column = (n: number) => parseRecord({ title: 'Jadwal Pelayanan Samsat Keliling', publishedAt: '2024-05-06',
      body: `Samsat keliling melayani warga di titik ${n} Kecamatan Waru, Senin (6/5/2024), mulai pukul 08.00 hingga 12.00.`, url: `https://example.org/samsat-${n}` }, `samsat-${n}`);
    for (let n = 1; n <= 40; n++) expect((await ingest.ingest(column(n))).status).toBe('new');
    let inserts = 0;
    db.onQuery = (sql) => { if (/^INSERT INTO "article"/.test(sql)) inserts++; };
    try { expect((await ingest.ingest(column(41))).status).toBe('new'); } finally { db.onQuery = null; }
    // One try of the first form, then one of the first form the read of the series shows free.
    expect(inserts).toBe(2);
    const slugs = (await db.query<{ slug: string }>("SELECT slug FROM article WHERE source_url LIKE 'https://example.org/samsat-%'")).map((r) => r.slug);
    const base = slugs.find((x) => !/-\d+$/.test(x.replace(/^2024-05-06-/, '')))!;
    expect(new Set(slugs)).toEqual(new Set([base, ...Array.from({ length: 40 }, (_, i) => `${base}-${i + 2}`)]));
  });

  test('a failed ingest leaves no half-written rows', async () => {
    const before = await counts(db);
    const spy = jest.spyOn(ArticlePersister.prototype, 'event').mockRejectedValue(new Error('disk full'));
    const a = parseRecord({ title: 'Rakor Baru', body: 'Rapat Koordinasi (Rakor) Penanganan Stunting digelar Pemkab Sidoarjo, Rabu (4/12/2019). Rakor dibuka Bupati Sidoarjo, Saiful Ilah.' }, 'y');
    await expect(ingest.ingest(a)).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(await counts(db)).toEqual(before);
    // …and the same article then ingests whole.
    expect((await ingest.ingest(a)).status).toBe('new');
  });

  test('two officials sharing a name at different institutions stay two people', async () => {
    await ingest.ingest(parseRecord({ title: 'A', body: 'Kepala Dinas Kesehatan Sidoarjo, Ahmad Fauzi meninjau puskesmas, Senin (2/12/2019).' }, 'a'));
    await ingest.ingest(parseRecord({ title: 'B', body: 'Ketua DPRD Bone, Ahmad Fauzi membuka sidang, Senin (9/12/2019).' }, 'b'));
    await ingest.ingest(parseRecord({ title: 'C', body: 'Kepala Dinas Kesehatan Sidoarjo, Ahmad Fauzi meresmikan posyandu, Senin (16/12/2019).' }, 'c'));
    const rows = await db.query<{ id: number }>('SELECT id FROM person WHERE name_key = ? ORDER BY id', ['ahmad fauzi']);
    expect(rows).toHaveLength(2);
    const pos = await db.query<{ valid_from: string; valid_to: string }>('SELECT valid_from, valid_to FROM position WHERE person_id = ?', [rows[0].id]);
    expect(pos).toEqual([{ valid_from: '2019-12-02', valid_to: '2019-12-16' }]);
  });

  test('the seed-style page of the same Rakor links to the existing event and people', async () => {
    const before = await counts(db);
    const page = ['Pemerintahan', 'Rakor SOP Nasional Berlangsung di Sidoarjo',
      'Kabar Kota Sidoarjo – Rakor Pengembangan SOP yang digelar Kemendagri berlangsung di Sidoarjo, Kamis (14/11/2019). Rakor dibuka Bupati Sidoarjo, Saiful Ilah pada hari sebelumnya.',
      'Kepala Biro Organisasi dan Tata Laksana Kemendagri, Sugeng Haryono hadir mendampingi peserta. Tim/red'].join('\n');
    const r = await ingest.ingest(parseText(page, 'p.txt'));
    expect(r.status).toBe('new');
    const after = await counts(db);
    expect(after.person).toBe(before.person);
    expect(after.event).toBe(before.event);
    expect(after.article).toBe(before.article + 1);
  });
});

test('demo articles are the project\'s own files', () => {
  expect(demoFiles().length).toBeGreaterThanOrEqual(8);
  for (const f of demoFiles()) expect(path.dirname(f)).toMatch(/src[\\/]demo[\\/]articles$/);
});

// Read replicas (DATABASE_REPLICA_URLS): the routing, against the one local server, told apart by application_name.
// replica.test.ts checks it against a real primary and streaming standby that it starts itself.
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  test('with read replicas, plain reads go to a replica and transactions to the primary', async () => {
    // A database of its own: the server's shared one may hold another checkout's migrations.
    const name = `warta_t_${process.pid}_replica`;
    const admin = new Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const primary = new URL(pgUrl);
    primary.pathname = `/${name}`;
    primary.searchParams.set('application_name', 'warta-primary');
    const replica = new URL(primary.toString());
    replica.searchParams.set('application_name', 'warta-replica');
    const db = await Db.open(primary.toString(), { replicaUrls: [replica.toString()] });
    try {
      const read = await db.one<{ a: string }>("SELECT current_setting('application_name') AS a");
      expect(read!.a).toBe('warta-replica');
      const inTx = await db.transaction(async (tx) => (await db.one<{ a: string }>("SELECT current_setting('application_name') AS a", [], tx))!.a);
      expect(inTx).toBe('warta-primary');
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
}

describe('batch ingest', () => {
  test.each(targets())('one batch and one article at a time build the same graph on $name', async (target) => {
    const snapshot = async (db: Db) => {
      await db.searchIndexer?.caughtUp();
      const out: Record<string, unknown[]> = {};
      out.institution = await db.query(`SELECT i.slug, i.name, i.name_key, i.acronym, i.aliases, i.kind, i.region_code, p.slug AS parent
        FROM institution i LEFT JOIN institution p ON p.id = i.parent_id ORDER BY i.slug`);
      out.alias = await db.query('SELECT a.alias_key, i.slug FROM institution_alias a JOIN institution i ON i.id = a.institution_id ORDER BY a.alias_key, i.slug');
      out.place = await db.query('SELECT pl.slug, pl.name, pl.kind, pl.region_code, pp.slug AS parent FROM place pl LEFT JOIN place pp ON pp.id = pl.parent_id ORDER BY pl.slug');
      out.person = await db.query('SELECT slug, name, aliases FROM person ORDER BY slug');
      out.position = await db.query(`SELECT p.slug, po.title, i.slug AS institution, po.valid_from, po.valid_to, a.slug AS evidence FROM position po JOIN person p ON p.id = po.person_id
        LEFT JOIN institution i ON i.id = po.institution_id LEFT JOIN article a ON a.id = po.evidence_article_id ORDER BY p.slug, po.title, i.slug`);
      out.mention = await db.query('SELECT a.slug, m.entity_type, m.start, m."end", m.article_date FROM mention m JOIN article a ON a.id = m.article_id ORDER BY a.slug, m.start, m.entity_type');
      out.search = await db.query(db.isPostgres ? "SELECT entity_type, title, body, tsv::text AS words FROM search_doc WHERE entity_type <> 'ARTICLE' ORDER BY entity_type, title, body"
        : "SELECT entity_type, title, extra FROM search.search_fts WHERE entity_type <> 'ARTICLE' ORDER BY entity_type, title, extra");
      return out;
    };
    const articles = demoFiles().map((f) => parseText(fs.readFileSync(f, 'utf8'), path.basename(f)));
    const one = await target.open();
    const batched = await target.open();
    try {
      const a = await IngestService.create(one);
      for (const x of articles) await a.ingest(x);
      const statements: string[] = [];
      batched.onQuery = (sql) => statements.push(sql.replace(/\s+/g, ' '));
      const results = await (await IngestService.create(batched)).ingestBatch(articles);
      batched.onQuery = null;
      expect(results.every((r) => r.result?.status === 'new')).toBe(true);
      expect(await snapshot(batched)).toEqual(await snapshot(one));
      // On PostgreSQL, where each statement is a round trip, the batch reads places and writes articles, positions,
      // aliases, mentions and quotes many to a statement (up to 1,000); SQLite runs most of them one by one in process.
      const count = (re: RegExp) => statements.filter((q) => re.test(q)).length;
      const perArticle = { places: count(/^SELECT id FROM place WHERE name_key = \?/), articles: count(/^INSERT INTO "article"/), positions: count(/^INSERT INTO "position"/),
        aliases: count(/^INSERT INTO "institution_alias"/), mentions: count(/^INSERT INTO "mention"/) };
      const thousands = async (table: string) => Math.ceil(Number((await batched.one<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`))!.n) / 1000);
      if (batched.isPostgres) {
        expect(perArticle).toEqual({ places: 0, articles: await thousands('article'), positions: await thousands('position'), aliases: await thousands('institution_alias'),
          mentions: await thousands('mention') });
      }
      else expect(Math.min(...Object.values(perArticle))).toBeGreaterThan(1);
    } finally { await one.close(); await batched.close(); await target.cleanup(); }
  });

  test('a batch writes each search document once, in ascending rowid order, deleting only documents stored before it', async () => {
    const sqlite = targets().find((x) => x.name === 'sqlite')!;
    const db = await sqlite.open();
    try {
      const ingest = await IngestService.create(db);
      const articles = demoFiles().map((f) => parseText(fs.readFileSync(f, 'utf8'), path.basename(f)));
      // The indexer thread writes them (search-indexer.ts): its passes report the rowids, in order.
      const indexer = db.searchIndexer!;
      indexer.trace = true;
      const writes = async (batch: typeof articles) => {
        await indexer.caughtUp();
        const stored = new Set((await db.query<{ r: number }>('SELECT rowid AS r FROM search.search_fts')).map((x) => Number(x.r)));
        const inserted: number[] = [], deleted: number[] = [];
        indexer.onPass = (p) => { inserted.push(...p.inserted!); deleted.push(...p.deleted!); };
        try { await ingest.ingestBatch(batch); await indexer.caughtUp(); } finally { indexer.onPass = null; }
        return { stored, inserted, deleted };
      };
      // A first batch into an empty index: nothing to delete (FTS5 deletes cost a lookup each, and most were of rows
      // the batch itself had just created).
      const dinsos = parseRecord({ title: 'Dinsos Salurkan Bantuan', body: 'Kepala Dinas Sosial Sidoarjo, Wahyu Kristanto menyalurkan bantuan, Jumat (1/5/2020).' }, 'dinsos');
      const sekda = parseRecord({ title: 'Sekda Sidoarjo Dilantik', body: 'Sekretaris Daerah Sidoarjo, Wahyu Kristanto dilantik, Senin (4/5/2020).' }, 'sekda');
      const first = await writes([...articles, dinsos]);
      expect(first.deleted).toEqual([]);
      expect(first.inserted.length).toBeGreaterThan(articles.length);
      expect(new Set(first.inserted).size).toBe(first.inserted.length);
      // Ascending: FTS5 flushes its pending index whenever a write goes below the last rowid written.
      expect(first.inserted).toEqual([...first.inserted].sort((a, b) => a - b));
      // A later batch that gives a known person a new position replaces documents, and only stored ones.
      const later = await writes([sekda]);
      expect(later.deleted.length).toBeGreaterThan(0);
      expect(later.deleted.every((r) => later.stored.has(r))).toBe(true);
      expect(later.inserted).toEqual([...later.inserted].sort((a, b) => a - b));
    } finally { await db.close(); await sqlite.cleanup(); }
  });

  test.each(targets())('batches on $name: a repeat is unchanged, new content at a URL is a replay, a second title or name takes the next slug, positions widen, stored institutions keep new short forms', async (target) => {
    const db = await target.open();
    try {
      const a = parseRecord({ title: 'Wali Kota Kediri Resmikan Taman', body: 'Wali Kota Kediri, Abdullah Abu Bakar meresmikan taman kota, Senin (2/12/2019).', url: 'https://example.org/taman' }, 'a');
      const again = parseRecord({ title: a.title, body: a.body, url: a.sourceUrl }, 'b');
      const changed = parseRecord({ title: a.title, body: `${a.body} Taman dibuka untuk umum.`, url: a.sourceUrl }, 'c');
      const results = await (await IngestService.create(db)).ingestBatch([a, again, changed, again]);
      expect(results.map((r) => r.result?.status)).toEqual(['new', 'unchanged', 'reextracted', 'reextracted']);
      expect(new Set(results.map((r) => r.result?.articleId)).size).toBe(1);
      expect(Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n)).toBe(1);
      expect(Number((await db.one<{ n: number }>("SELECT COUNT(*) AS n FROM person WHERE name_key = 'abdullah abu bakar'"))!.n)).toBe(1);
      // A position widened by later articles of one batch, before and after a replay in it (on PostgreSQL a new
      // position waits among the batch's deferred rows, and a replay writes them out first).
      const camat = (body: string, publishedAt: string, key: string, url: string) => parseRecord({ title: `Camat Porong ${key}`, body, publishedAt, url }, key);
      const widened = await (await IngestService.create(db)).ingestBatch([
        camat('Camat Porong, Bambang Sutejo meninjau tanggul, Senin (6/1/2020).', '2020-01-06', 'k1', 'https://example.org/k1'),
        camat('Camat Porong, Bambang Sutejo membuka pasar, Senin (20/1/2020).', '2020-01-20', 'k2', 'https://example.org/k2'),
        camat('Camat Porong, Bambang Sutejo meninjau tanggul baru, Senin (6/1/2020).', '2020-01-06', 'k1', 'https://example.org/k1'),
        camat('Camat Porong, Bambang Sutejo menyerahkan bantuan, Senin (3/2/2020).', '2020-02-03', 'k3', 'https://example.org/k3'),
      ]);
      expect(widened.map((r) => r.result?.status)).toEqual(['new', 'new', 'reextracted', 'new']);
      const dates = () => db.query(`SELECT po.title, po.valid_from AS "from", po.valid_to AS "to" FROM position po JOIN person p ON p.id = po.person_id
        WHERE p.name_key = 'bambang sutejo'`);
      expect(await dates()).toEqual([{ title: 'Camat', from: '2020-01-06', to: '2020-02-03' }]);
      // A later batch widens the stored position (on PostgreSQL in one statement at the batch's end).
      await (await IngestService.create(db)).ingestBatch([
        camat('Camat Porong, Bambang Sutejo meresmikan jembatan, Senin (2/3/2020).', '2020-03-02', 'k4', 'https://example.org/k4'),
        camat('Camat Porong, Bambang Sutejo membuka turnamen voli, Senin (24/2/2020).', '2020-02-24', 'k5', 'https://example.org/k5'),
      ]);
      expect(await dates()).toEqual([{ title: 'Camat', from: '2020-01-06', to: '2020-03-02' }]);
      // Two officials of one name at different offices, new in one batch: two people, the second under the next slug
      // (on PostgreSQL the first waits among the batch's deferred rows, holding its slug).
      await (await IngestService.create(db)).ingestBatch([
        parseRecord({ title: 'Dinkes Gelar Vaksinasi', body: 'Kepala Dinas Kesehatan Sidoarjo, Budi Santoso membuka vaksinasi massal, Rabu (8/1/2020).', publishedAt: '2020-01-08' }, 'b1'),
        parseRecord({ title: 'Desa Bligo Bersih Sungai', body: 'Kepala Desa Bligo, Budi Santoso memimpin kerja bakti, Minggu (12/1/2020).', publishedAt: '2020-01-12' }, 'b2'),
      ]);
      expect((await db.query<{ slug: string }>("SELECT slug FROM person WHERE name_key = 'budi santoso' ORDER BY slug")).map((r) => r.slug)).toEqual(['budi-santoso', 'budi-santoso-2']);
      // A stored institution met under a new short form in a later batch keeps it (on PostgreSQL written at the batch's end).
      await (await IngestService.create(db)).ingestBatch([
        parseRecord({ title: 'Banjir Rendam Tanggulangin', body: 'Badan Penanggulangan Bencana Daerah Kabupaten Sidoarjo mengirim perahu karet ke Tanggulangin, Selasa (4/2/2020).', publishedAt: '2020-02-04' }, 'bp1'),
        parseRecord({ title: 'Warga Tanggulangin Mengungsi', body: 'Warga Desa Kedungbanteng mengungsi ke balai desa, Selasa (4/2/2020).', publishedAt: '2020-02-04' }, 'bp2'),
      ]);
      await (await IngestService.create(db)).ingestBatch([
        parseRecord({ title: 'BPBD Bagikan Logistik', body: 'Kepala Pelaksana BPBD Sidoarjo, Dwijo Prawito membagikan logistik kepada pengungsi, Rabu (5/2/2020).', publishedAt: '2020-02-05' }, 'bp3'),
        parseRecord({ title: 'Air Mulai Surut', body: 'Genangan di Desa Kedungbanteng mulai surut, Rabu (5/2/2020).', publishedAt: '2020-02-05' }, 'bp4'),
      ]);
      const bpbd = await db.query<{ aliases: string }>("SELECT aliases FROM institution WHERE name_key = 'badan penanggulangan bencana daerah kabupaten sidoarjo'");
      expect(bpbd.map((r) => JSON.parse(r.aliases))).toEqual([['BPBD Sidoarjo']]);
      // Two new stories under one title and date (on PostgreSQL the first goes in with the batch's multi-row insert).
      const pasar = (body: string, key: string) => parseRecord({ title: 'Pasar Murah Digelar', body, publishedAt: '2020-02-03' }, key);
      const twins = await (await IngestService.create(db)).ingestBatch([pasar('Pasar murah digelar di Kecamatan Candi, Senin (3/2/2020).', 'p1'),
        pasar('Pasar murah digelar di Kecamatan Buduran, Senin (3/2/2020).', 'p2'), pasar('Pasar murah digelar di Kecamatan Candi, Senin (3/2/2020).', 'p3')]);
      expect(twins.map((r) => r.result?.status)).toEqual(['new', 'new', 'unchanged']);
      const slugs = await db.query<{ id: number; slug: string }>("SELECT id, slug FROM article WHERE title = 'Pasar Murah Digelar' ORDER BY id");
      expect(slugs.map((r) => r.slug)).toEqual(['2020-02-03-pasar-murah-digelar', '2020-02-03-pasar-murah-digelar-2']);
      expect(slugs.map((r) => Number(r.id))).toEqual([twins[0].result!.articleId, twins[1].result!.articleId]);
      expect(twins[2].result!.articleId).toBe(twins[0].result!.articleId);
      // A later batch's story under the same title finds both slugs taken.
      const third = await (await IngestService.create(db)).ingestBatch([pasar('Pasar murah digelar di Kecamatan Tulangan, Senin (3/2/2020).', 'p4'), a]);
      expect(third.map((r) => r.result?.status)).toEqual(['new', 'unchanged']);
      expect((await db.one<{ slug: string }>('SELECT slug FROM article WHERE id = ?', [third[0].result!.articleId]))!.slug).toBe('2020-02-03-pasar-murah-digelar-3');
      // A batch of five more under that title: on PostgreSQL they take the next free forms together, in two inserts
      // (the batch's own, then the numbered forms read for all five at once), not three statements each.
      const kecamatan = ['Porong', 'Krian', 'Gedangan', 'Sedati', 'Wonoayu'];
      let inserts = 0;
      db.onQuery = (sql) => { if (/^INSERT INTO "article"/.test(sql)) inserts++; };
      let more: Awaited<ReturnType<IngestService['ingestBatch']>>;
      try {
        more = await (await IngestService.create(db)).ingestBatch(kecamatan.map((k, i) => pasar(`Pasar murah digelar di Kecamatan ${k}, Senin (3/2/2020).`, `p${5 + i}`)));
      } finally { db.onQuery = null; }
      expect(more.map((r) => r.result?.status)).toEqual(kecamatan.map(() => 'new'));
      const moreSlugs = [];
      for (const r of more) moreSlugs.push((await db.one<{ slug: string }>('SELECT slug FROM article WHERE id = ?', [r.result!.articleId]))!.slug);
      expect(moreSlugs).toEqual([4, 5, 6, 7, 8].map((n) => `2020-02-03-pasar-murah-digelar-${n}`));
      if (target.name === 'postgres') expect(inserts).toBe(2);
    } finally { await db.close(); await target.cleanup(); }
  });
});
