/**
 * Builds a realistic Warta database of N articles for benchmarks, on SQLite or PostgreSQL, with the real schema
 * (migrations) and Indonesian-news proportions measured on corpus/bulk and the demo: per article about 7 mentions,
 * 1.7 quotes, 0.25 new persons, 0.1 institutions; one event per 5 articles with 1–3 reports, 1–2 organisers and
 * about 6 participants drawn with a skew (a few officials attend very many events, most few).
 * Text is synthetic (invented names and phrases), deterministic for a given N.
 */
import { Db } from '../src/db/database';
import { loadRegions } from '../src/ingest/extract/regions';
import { EXTRACTOR_VERSION } from '../src/config';

const GIVEN = ['Agus', 'Budi', 'Dewi', 'Eko', 'Fitri', 'Hadi', 'Indah', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Putu', 'Rina', 'Sri', 'Tri', 'Wahyu', 'Yusuf', 'Andi', 'Bambang', 'Citra', 'Dian', 'Fajar', 'Gita', 'Hendra', 'Irfan', 'Kurnia', 'Lukman', 'Maya', 'Rizki'];
const FAMILY = ['Santoso', 'Wijaya', 'Saputra', 'Lestari', 'Hidayat', 'Pratama', 'Kusuma', 'Nugroho', 'Setiawan', 'Rahman', 'Siregar', 'Harahap', 'Nasution', 'Wibowo', 'Purnomo', 'Susanto', 'Gunawan', 'Halim', 'Salim', 'Utomo'];
const OFFICES = ['Dinas Kesehatan', 'Dinas Pendidikan', 'Dinas Sosial', 'Dinas Perhubungan', 'Badan Perencanaan Pembangunan Daerah', 'Badan Penanggulangan Bencana Daerah',
  'Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas Komunikasi dan Informatika', 'Dinas Lingkungan Hidup', 'Badan Pendapatan Daerah', 'Inspektorat', 'Sekretariat Daerah'];
const KINDS = ['RAKOR', 'RAKER', 'RAPAT_PARIPURNA', 'MUSRENBANG', 'SOSIALISASI', 'BIMTEK', 'PELANTIKAN', 'PERESMIAN', 'KUNKER', 'RESES', 'APEL', 'SEMINAR'];
const KIND_WORD: Record<string, string> = { RAKOR: 'Rapat Koordinasi', RAKER: 'Rapat Kerja', RAPAT_PARIPURNA: 'Rapat Paripurna', MUSRENBANG: 'Musrenbang', SOSIALISASI: 'Sosialisasi',
  BIMTEK: 'Bimbingan Teknis', PELANTIKAN: 'Pelantikan', PERESMIAN: 'Peresmian', KUNKER: 'Kunjungan Kerja', RESES: 'Reses', APEL: 'Apel', SEMINAR: 'Seminar' };
const TOPICS = ['Pengendalian Inflasi', 'Penurunan Stunting', 'Pelayanan Publik', 'Reformasi Birokrasi', 'Ketahanan Pangan', 'Penanganan Banjir', 'Pembangunan Jalan', 'Zona Integritas'];
const ROLES = ['ATTENDEE', 'ATTENDEE', 'ATTENDEE', 'SPEAKER', 'OPENER', 'HOST'];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)], skew: (n: number) => Math.floor(n * next() ** 3) };
}

const day = (d: number) => new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

export interface Generated { articles: number; persons: number; institutions: number; places: number; events: number; participations: number; mentions: number; quotes: number }

/** Inserts rows in multi-row statements (within the PostgreSQL parameter limit), one transaction per table chunk. */
async function bulk(db: Db, table: string, cols: string[], rows: unknown[][]): Promise<void> {
  const per = Math.max(1, Math.floor(30_000 / cols.length));
  for (let i = 0; i < rows.length; i += per * 20) {
    await db.transaction(async (tx) => {
      for (let j = i; j < Math.min(rows.length, i + per * 20); j += per) {
        const chunk = rows.slice(j, j + per);
        const values = chunk.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ');
        await db.exec(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`, chunk.flat(), tx);
      }
    });
  }
}

export async function generate(db: Db, nArticles: number, log: (s: string) => void = () => {}): Promise<Generated> {
  const r = rng(nArticles);
  const regions = await loadRegions();
  const regencies = [...regions.byCode.values()].filter((x) => x.kind !== 'PROVINCE');

  // Places: every province, regency and city, and venues.
  const places: unknown[][] = [];
  const placeId = new Map<string, number>();
  for (const p of regions.provinces) { placeId.set(p.code, places.length + 1); places.push([places.length + 1, `${p.code}-${p.name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-'), p.name, p.name.toLowerCase(), 'PROVINCE', null, 0, p.code]); }
  for (const g of regencies) { placeId.set(g.code, places.length + 1); places.push([places.length + 1, `${g.code}-${g.name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-'), g.name, g.name.toLowerCase(), g.kind, placeId.get(g.provinceCode!) ?? null, placeId.get(g.provinceCode!) ?? 0, g.code]); }
  const firstVenue = places.length + 1;
  const nVenues = Math.max(50, Math.round(nArticles / 50));
  for (let i = 0; i < nVenues; i++) {
    const city = r.pick(regencies);
    const name = `${r.pick(['Pendopo', 'Aula', 'Gedung', 'Hotel', 'Balai'])} ${r.pick(TOPICS).split(' ')[1]} ${city.name} ${i}`;
    places.push([places.length + 1, `venue-${i}`, name, name.toLowerCase(), 'VENUE', placeId.get(city.code)!, placeId.get(city.code)!, null]);
  }
  await bulk(db, 'place', ['id', 'slug', 'name', 'name_key', 'kind', 'parent_id', 'scope_key', 'region_code'], places);

  // Institutions: regional offices of random regencies, and a few national ones as organisers.
  const nInst = Math.max(30, Math.round(nArticles / 10));
  const insts: unknown[][] = [];
  for (let i = 0; i < nInst; i++) {
    const g = regencies[i % regencies.length];
    const name = i < 20 ? `Kementerian Contoh ${i}` : `${OFFICES[Math.floor(i / regencies.length) % OFFICES.length]} ${g.kind === 'CITY' ? 'Kota' : 'Kabupaten'} ${g.name} ${i}`;
    insts.push([i + 1, `inst-${i + 1}`, name, name.toLowerCase(), i < 20 ? `Kemen${i}` : null, '[]', i < 20 ? 'MINISTRY' : 'OFFICE', null, i < 20 ? null : g.code, null]);
  }
  await bulk(db, 'institution', ['id', 'slug', 'name', 'name_key', 'acronym', 'aliases', 'kind', 'parent_id', 'region_code', 'merged_into_id'], insts);

  // Persons with one or two positions.
  const nPersons = Math.max(100, Math.round(nArticles / 4));
  const persons: unknown[][] = [];
  const positions: unknown[][] = [];
  for (let i = 0; i < nPersons; i++) {
    const name = `${r.pick(GIVEN)} ${r.pick(FAMILY)} ${i}`;
    persons.push([i + 1, `person-${i + 1}`, name, name.toLowerCase(), '[]', null]);
    const from = r.int(3000);
    positions.push([positions.length + 1, i + 1, r.pick(['Kepala Dinas', 'Bupati', 'Sekretaris Daerah', 'Camat', 'Kepala Bidang', 'Wali Kota']), 1 + r.int(nInst), day(from), day(from + r.int(800)), null]);
    if (r.next() < 0.3) positions.push([positions.length + 1, i + 1, 'Kepala Bagian', 1 + r.int(nInst), day(from + 900), day(from + 1200), null]);
  }
  await bulk(db, 'person', ['id', 'slug', 'name', 'name_key', 'aliases', 'merged_into_id'], persons);
  await bulk(db, 'position', ['id', 'person_id', 'title', 'institution_id', 'valid_from', 'valid_to', 'evidence_article_id'], positions);

  // Articles, events and the links between them.
  const nEvents = Math.max(10, Math.round(nArticles / 5));
  const events: unknown[][] = [];
  const organizers: unknown[][] = [];
  const participations: unknown[][] = [];
  const eventDay: number[] = [];
  const partsOfEvent: unknown[][][] = [];
  for (let e = 0; e < nEvents; e++) {
    const kind = r.pick(KINDS);
    const d = r.int(3900);
    eventDay.push(d);
    const city = r.pick(regencies);
    const name = `${KIND_WORD[kind]} ${r.pick(TOPICS)} ${city.name}`;
    events.push([e + 1, `event-${e + 1}`, name, null, '[]', kind, day(d), day(d + (r.next() < 0.2 ? 1 + r.int(3) : 0)), firstVenue + r.int(nVenues), placeId.get(city.code)!, r.next() < 0.5 ? 20 + r.int(400) : null, null, null]);
    const orgs = new Set([1 + (r.next() < 0.3 ? r.int(20) : r.int(nInst))]);
    if (r.next() < 0.3) orgs.add(1 + r.int(nInst));
    for (const o of orgs) organizers.push([e + 1, o]);
    const seen = new Set<string>();
    const mine: unknown[][] = [];
    partsOfEvent.push(mine);
    const n = 2 + r.int(9);
    for (let k = 0; k < n; k++) {
      const pid = 1 + r.skew(nPersons);
      const role = r.pick(ROLES);
      if (seen.has(`${pid}:${role}`)) continue;
      seen.add(`${pid}:${role}`);
      const row = [participations.length + 1, e + 1, pid, null, `p:${pid}`, role, null];
      participations.push(row);
      mine.push(row);
    }
  }
  const articles: unknown[][] = [];
  const articleEvents: unknown[][] = [];
  const mentions: unknown[][] = [];
  const quotes: unknown[][] = [];
  for (let a = 0; a < nArticles; a++) {
    const ev = a % 5 === 0 ? Math.floor(a / 5) % nEvents : -1;
    const d = ev >= 0 ? eventDay[ev] + r.int(3) : r.int(3900);
    const p1 = 1 + r.skew(nPersons), p2 = 1 + r.int(nPersons), i1 = 1 + r.int(nInst);
    const title = ev >= 0 ? `${events[ev][2]} Digelar, ${persons[p1 - 1][2]} Hadir` : `${persons[p1 - 1][2]} Tinjau ${r.pick(TOPICS)} ${a}`;
    const body = `${persons[p1 - 1][2]} menghadiri kegiatan bersama ${insts[i1 - 1][2]}. "Kami berkomitmen meningkatkan ${r.pick(TOPICS).toLowerCase()} tahun ini," ujarnya.\n`
      + `${persons[p2 - 1][2]} menambahkan bahwa program akan dievaluasi setiap bulan di ${r.pick(regencies).name}.`;
    articles.push([a + 1, `article-${a + 1}`, title, 'Pemerintahan', 'Kabar Contoh', day(d), body, '[]', `gen-${nArticles}-${a}`, EXTRACTOR_VERSION]);
    if (ev >= 0) {
      articleEvents.push([a + 1, ev + 1]);
      for (const pa of partsOfEvent[ev]) if (pa[6] == null) pa[6] = a + 1;
    }
    // About 7 mentions: the two people, the institution, a place, repeated references.
    const spans: Array<[string, number, number, number, string]> = [
      ['PERSON', p1, 0, String(persons[p1 - 1][2]).length, String(persons[p1 - 1][2])],
      ['INSTITUTION', i1, 40, 40 + String(insts[i1 - 1][2]).length, String(insts[i1 - 1][2])],
      ['PERSON', p2, 200, 200 + String(persons[p2 - 1][2]).length, String(persons[p2 - 1][2])],
      ['PLACE', placeId.get(r.pick(regencies).code)!, 300, 310, 'Kabupaten'],
      ['PERSON', p1, 400, 405, 'Ujar'], ['INSTITUTION', 1 + r.int(nInst), 500, 510, 'Dinas'], ['PLACE', 1 + r.int(places.length), 600, 610, 'Kota'],
    ];
    for (const [t, id, s, e, text] of spans) mentions.push([mentions.length + 1, a + 1, t, id, s, e, text, 0.9, EXTRACTOR_VERSION, 'SUGGESTED', day(d)]);
    quotes.push([quotes.length + 1, a + 1, p1, persons[p1 - 1][2], 'Kami berkomitmen meningkatkan pelayanan tahun ini', 60, 110]);
    if (r.next() < 0.7) quotes.push([quotes.length + 1, a + 1, p2, persons[p2 - 1][2], 'Program akan dievaluasi setiap bulan', 220, 256]);
  }
  log(`  generated in memory: ${articles.length} articles, ${participations.length} participations, ${mentions.length} mentions`);
  await bulk(db, 'event', ['id', 'slug', 'name', 'short_name', 'aliases', 'kind', 'start_date', 'end_date', 'venue_id', 'city_id', 'participant_count', 'participant_count_article_id', 'merged_into_id'], events);
  await bulk(db, 'event_organizer', ['event_id', 'institution_id'], organizers);
  await bulk(db, 'article', ['id', 'slug', 'title', 'section', 'outlet', 'published_on', 'body', 'related', 'content_hash', 'extractor_version'], articles);
  await bulk(db, 'article_event', ['article_id', 'event_id'], articleEvents);
  await bulk(db, 'participation', ['id', 'event_id', 'person_id', 'institution_id', 'party_key', 'role', 'evidence_article_id'], participations);
  await bulk(db, 'mention', ['id', 'article_id', 'entity_type', 'entity_id', 'start', 'end', 'text', 'confidence', 'extractor_version', 'status', 'article_date'], mentions);
  await bulk(db, 'quote', ['id', 'article_id', 'person_id', 'speaker_name', 'text', 'start', 'end'], quotes);
  if (db.isPostgres) {
    // Explicit ids were inserted: move each sequence past them.
    for (const t of ['place', 'institution', 'person', 'position', 'event', 'article', 'participation', 'mention', 'quote']) {
      await db.query(`SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), COALESCE((SELECT MAX(id) FROM "${t}"), 1))`);
    }
    await db.query('ANALYZE');
  } else {
    await db.query('ANALYZE');
  }
  return { articles: articles.length, persons: persons.length, institutions: insts.length, places: places.length, events: events.length, participations: participations.length, mentions: mentions.length, quotes: quotes.length };
}
