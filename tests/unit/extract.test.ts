import fs from 'node:fs';
import path from 'node:path';
import { createExtractor, WartaExtractor } from '../../src/ingest/extract';
import { parseRecord, parseText } from '../../src/ingest/parse';
import { findDates, parsePublished } from '../../src/ingest/extract/dates';
import { personKey } from '../../src/text/normalize';

let x: WartaExtractor;
beforeAll(async () => { x = await createExtractor(); });

const demo = (f: string) => parseText(fs.readFileSync(path.join(__dirname, '../../src/demo/articles', f), 'utf8'), f);
const plain = (title: string, body: string, publishedAt = '2019-11-13') => parseRecord({ title, body, publishedAt }, 't');

describe('extractor on the Rakor demo article', () => {
  test('finds both officials with their canonical positions', () => {
    const r = x.extract(demo('01-rakor-sop-sidoarjo.txt'));
    expect(r.persons.map((p) => [p.name, p.positions])).toEqual([
      ['Saiful Ilah', [{ title: 'Bupati', institution: 'Pemerintah Kabupaten Sidoarjo', region: 'Sidoarjo' }]],
      ['Sugeng Haryono', [{ title: 'Kepala Biro Organisasi dan Tata Laksana', institution: 'Kementerian Dalam Negeri', region: null }]],
    ]);
    // "Sugeng menjelaskan" is a later short reference to the same person.
    expect(r.persons[1].aliases).toContain('Sugeng');
  });

  test('finds the Rakor with dates, venue, city, organiser, count and roles', () => {
    const r = x.extract(demo('01-rakor-sop-sidoarjo.txt'));
    expect(r.events).toHaveLength(1);
    const e = r.events[0];
    expect(e).toMatchObject({
      name: 'Rapat Koordinasi Pengembangan Standar Operasional Prosedur', kind: 'RAKOR', startDate: '2019-11-13', endDate: '2019-11-15',
      venue: 'Hotel Swiss Belinn Airport Juanda', city: 'Sidoarjo', organizers: ['Kementerian Dalam Negeri'], participantCount: 198,
    });
    expect(e.aliases).toContain('Rakor Pengembangan SOP');
    expect(e.participants).toEqual([{ person: 'Saiful Ilah', role: 'OPENER' }, { person: 'Sugeng Haryono', role: 'ATTENDEE' }]);
  });

  test('institutions carry canonical names and the forms written', () => {
    const r = x.extract(demo('01-rakor-sop-sidoarjo.txt'));
    const kemendagri = r.institutions.find((i) => i.name === 'Kementerian Dalam Negeri')!;
    expect(kemendagri.acronym).toBe('Kemendagri');
    expect(kemendagri.aliases).toEqual(expect.arrayContaining(['Kemendagri']));
    const biro = r.institutions.find((i) => i.name === 'Biro Organisasi dan Tata Laksana')!;
    expect(biro.parent).toBe('Kementerian Dalam Negeri');
  });

  test('quotes are attributed to the person the paragraph is about', () => {
    const r = x.extract(demo('01-rakor-sop-sidoarjo.txt'));
    expect(r.quotes.map((q) => [q.speaker, q.text.slice(0, 25)])).toEqual([
      ['Saiful Ilah', 'Prosedur yang baik itu ya'],
      ['Sugeng Haryono', 'Kami ingin peserta pulang'],
    ]);
    for (const q of r.quotes) expect(demo('01-rakor-sop-sidoarjo.txt').body.slice(q.start, q.end)).toBe(q.text);
  });

  test('places: regency with official code, province, venue', () => {
    const r = x.extract(demo('01-rakor-sop-sidoarjo.txt'));
    expect(r.places).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Sidoarjo', kind: 'REGENCY', code: '35.15' }),
      expect.objectContaining({ name: 'Papua', kind: 'PROVINCE', code: '91' }),
      expect.objectContaining({ name: 'Hotel Swiss Belinn Airport Juanda', kind: 'VENUE' }),
    ]));
  });

  test('every mention offset points at its text', () => {
    const a = demo('01-rakor-sop-sidoarjo.txt');
    const r = x.extract(a);
    for (const m of [...r.persons, ...r.institutions].flatMap((e) => e.mentions)) expect(a.body.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('person patterns', () => {
  test('"Name, Title Region" puts the name before the title', () => {
    const r = x.extract(plain('Uji', 'Acara itu dihadiri Hendra Kusuma, Wakil Bupati Lamongan, dan sejumlah camat.'));
    expect(r.persons[0]).toMatchObject({ name: 'Hendra Kusuma', positions: [{ title: 'Wakil Bupati', institution: 'Pemerintah Kabupaten Lamongan' }] });
  });

  test('"Ketua DPRD Bone Name" without a comma splits the region from the name', () => {
    const r = x.extract(plain('Uji', 'Ketua DPRD Bone Andi Rahmat Saleh menolak usulan itu.'));
    expect(r.persons[0]).toMatchObject({ name: 'Andi Rahmat Saleh', positions: [{ title: 'Ketua DPRD', institution: 'Dewan Perwakilan Rakyat Daerah Kabupaten Bone' }] });
  });

  test('abbreviated titles expand, ministries resolve', () => {
    const r = x.extract(plain('Uji', 'Kabiro Umum Kemenag, Budi Santoso memimpin rapat. Mendagri Rudi Hartono hadir.'));
    expect(r.persons.map((p) => [p.name, p.positions[0]?.title, p.positions[0]?.institution])).toEqual([
      ['Budi Santoso', 'Kepala Biro Umum', 'Kementerian Agama'],
      ['Rudi Hartono', 'Menteri Dalam Negeri', 'Kementerian Dalam Negeri'],
    ]);
  });

  test('Gubernur + province gives the provincial government; honorifics and degrees are dropped', () => {
    const r = x.extract(plain('Uji', 'Gubernur Riau, Dr. H. Amir Hamzah, M.Si. meresmikan jembatan itu.'));
    expect(r.persons[0]).toMatchObject({ name: 'Amir Hamzah', positions: [{ title: 'Gubernur', institution: 'Pemerintah Provinsi Riau' }] });
  });

  test('an ambiguous short name stays unresolved', () => {
    const r = x.extract(plain('Uji', 'Kepala Dinas Kesehatan Sidoarjo, Sugeng Prayitno hadir. Camat Buduran, Sugeng Widodo juga hadir. Sugeng mengatakan acara lancar.'));
    expect(r.persons.map((p) => p.name)).toEqual(['Sugeng Prayitno', 'Sugeng Widodo']);
    for (const p of r.persons) expect(p.aliases).not.toContain('Sugeng');
  });

  test('name keys ignore honorifics, degrees, case and confusable spacing', () => {
    expect(personKey('Dr. H. Saiful Ilah, M.Si.')).toBe('saiful ilah');
    expect(personKey('SAIFUL\u200B ILAH')).toBe(personKey('Saiful Ilah'));
    expect(personKey('Saifu\u0301l Ilah')).toBe(personKey('Saiful Ilah'));
  });
});

describe('institutions', () => {
  test('an acronym defined in the text is learned; Pemkab + region is canonical', () => {
    const r = x.extract(plain('Uji', 'Badan Keuangan dan Aset Daerah (BKAD) menyiapkan anggaran. Pemkab Bone meminta BKAD bergerak cepat.'));
    const bkad = r.institutions.find((i) => i.name === 'Badan Keuangan dan Aset Daerah')!;
    expect(bkad.acronym).toBe('BKAD');
    expect(bkad.mentions.length).toBe(2);
    expect(r.institutions.map((i) => i.name)).toContain('Pemerintah Kabupaten Bone');
  });

  test('generic phrases are not institutions', () => {
    const r = x.extract(plain('Uji', 'Pemerintah daerah dan instansi terkait diminta waspada.'));
    expect(r.institutions).toEqual([]);
  });
});

describe('events', () => {
  test('date forms resolve against the publication date', () => {
    const at = (t: string, ref = '2019-11-13') => findDates(t, ref).map((d) => [d.start, d.end]);
    expect(at('mulai 13 sampai 15 November 2019')).toEqual([['2019-11-13', '2019-11-15']]);
    expect(at('pada 13-15 November 2019')).toEqual([['2019-11-13', '2019-11-15']]);
    expect(at('Rabu (13/11/2019) malam')).toEqual([['2019-11-13', '2019-11-13']]);
    expect(at('Senin (20/10)', '2025-10-22')).toEqual([['2025-10-20', '2025-10-20']]);
    expect(at('kemarin')).toEqual([['2019-11-12', '2019-11-12']]);
    expect(at('digelar Senin lalu')).toEqual([['2019-11-11', '2019-11-11']]);
  });

  test('publication dates as the sites print them', () => {
    expect(parsePublished('Diperbarui 18 Jun 2025, 14:05 WIB').date).toBe('2025-06-18');
    expect(parsePublished('19 Februari 2018 | 20.46 WIB')).toEqual({ date: '2018-02-19', at: '2018-02-19T20:46:00+07:00' });
    expect(parsePublished('Kompas.com- 18/06/2025, 21:35 WIB').date).toBe('2025-06-18');
    expect(parsePublished('2025-10-22T08:54:00+07:00').date).toBe('2025-10-22');
  });

  test('organiser, count and roles from the verbs around them', () => {
    const r = x.extract(plain('Uji', 'Musrenbang Kecamatan Waru digelar Pemkab Sidoarjo di Pendopo Kecamatan Waru, Senin (11/11/2019). Musrenbang diikuti 120 peserta. Musrenbang dibuka Wakil Bupati Sidoarjo, Nur Hidayat. Kepala Bappeda Sidoarjo, Ratna Dewi memaparkan prioritas pembangunan.'));
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ kind: 'MUSRENBANG', startDate: '2019-11-11', organizers: ['Pemerintah Kabupaten Sidoarjo'], participantCount: 120, venue: 'Pendopo Kecamatan Waru' });
    expect(r.events[0].participants).toEqual([{ person: 'Nur Hidayat', role: 'OPENER' }, { person: 'Ratna Dewi', role: 'SPEAKER' }]);
  });
});

describe('parsing', () => {
  test('the scraped page format keeps teasers out of the body', () => {
    const a = parseText('Pemerintahan\nJudul Berita Uji\nKabar Delta Sidoarjo – Isi berita pertama, Rabu (13/11/2019).\nParagraf kedua. Red/adm\n- Berita2 tahun\nJudul teaser satu\n- Hukum & Kriminal3 tahun\nJudul teaser dua', 'x.txt');
    expect(a).toMatchObject({ section: 'Pemerintahan', title: 'Judul Berita Uji', outlet: 'Kabar Delta', dateline: 'Sidoarjo', byline: 'Red/adm', publishedOn: '2019-11-13' });
    expect(a.body).toBe('Isi berita pertama, Rabu (13/11/2019).\nParagraf kedua.');
    expect(a.related).toEqual([{ section: 'Berita', title: 'Judul teaser satu' }, { section: 'Hukum & Kriminal', title: 'Judul teaser dua' }]);
  });

  test('JSON Lines leads "Outlet, Place -" become outlet and dateline', () => {
    const a = parseRecord({ id: 'k1', title: 'T', body: 'JAKARTA, KOMPAS.com - Isi berita.', outlet: 'kompas.com', publishedText: 'Kompas.com- 18/06/2025, 21:35 WIB' }, 'x');
    expect(a).toMatchObject({ outlet: 'Kompas', dateline: 'Jakarta', body: 'Isi berita.', publishedOn: '2025-06-18' });
  });

  test('teaser entities are not mentions', () => {
    const a = parseText('Pemerintahan\nJudul\nKabar Delta Sidoarjo – Rapat biasa, Rabu (13/11/2019). Red/adm\n- Berita2 tahun\nBupati Lamongan, Hendra Kusuma Resmikan Pasar', 'x.txt');
    expect(x.extract(a).persons).toEqual([]);
  });

  test('hostile text (repeated titles, unclosed quotes) terminates with offsets inside the text', () => {
    const big = 'Bupati Sidoarjo, '.repeat(20000) + ' “'.repeat(5000) + 'a'.repeat(100000);
    const r = x.extract(plain('Uji', big));
    for (const m of r.persons.flatMap((p) => p.mentions)) expect(m.end).toBeLessThanOrEqual(big.length);
  });
});
