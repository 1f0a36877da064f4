/**
 * Persons and places: names found by appositives, role words and lists; the words of bodies and countries kept out of
 * names; villages, districts and venues. Invented sentences (the project's own words).
 */
import { createExtractor, Extraction, WartaExtractor } from '../../src/ingest/extract';
import { parseRecord } from '../../src/ingest/parse';

let x: WartaExtractor;
beforeAll(async () => { x = await createExtractor(); });

const run = (body: string): Extraction => x.extract(parseRecord({ title: 'Uji', body, publishedAt: '2025-10-22' }, 't'));
const names = (r: Extraction) => r.persons.map((p) => p.name);

describe('persons', () => {
  test('the full stop of "dr." or "Prof." before a name ends no sentence: the speech word before it still cues the name', () => {
    expect(names(run('Menurut dr. Rina Wulandari, Sp.A, gejala itu umum pada anak.'))).toEqual(['Rina Wulandari']);
    expect(names(run('Gejala itu umum, jelas Prof. Bagus Pranoto kepada wartawan.'))).toEqual(['Bagus Pranoto']);
  });

  test('appositive "Nama, Jabatan X" gives the person and the position', () => {
    const r = run('Slamet Widodo, Bupati Klaten, meresmikan pasar desa.');
    expect(r.persons[0]).toMatchObject({ name: 'Slamet Widodo', positions: [{ title: 'Bupati', institution: 'Pemerintah Kabupaten Klaten' }] });
  });

  test('"Nama selaku Jabatan" and "Nama sebagai Jabatan" are appositives too', () => {
    const r = run('Rapat menetapkan Dewi Anggraini sebagai Direktur Keuangan PT Sinar Abadi. Rudi Hartono selaku Kepala Dinas Pendidikan Klaten hadir.');
    expect(r.persons.map((p) => [p.name, p.positions[0]?.title, p.positions[0]?.institution])).toEqual([
      ['Dewi Anggraini', 'Direktur Keuangan', 'PT Sinar Abadi'],
      ['Rudi Hartono', 'Kepala Dinas Pendidikan', 'Pemerintah Kabupaten Klaten'],
    ]);
  });

  test('"Nama, yang merupakan/yang kini menjabat sebagai Jabatan" is an appositive too', () => {
    const r = run('Gunawan Santoso, yang merupakan Wakil Bupati Klaten, membuka pameran. Yohana Kartika, yang kini menjabat sebagai Kepala Dinas Pendidikan Sleman, hadir.');
    expect(r.persons.map((p) => [p.name, p.positions[0]?.title])).toEqual([['Gunawan Santoso', 'Wakil Bupati'], ['Yohana Kartika', 'Kepala Dinas Pendidikan']]);
  });

  test('a one-word name after a title with its body', () => {
    const r = run('Pameran dibuka Deputi Bidang Pemasaran Kementerian Pariwisata Sunarto di lapangan.');
    expect(names(r)).toContain('Sunarto');
  });

  test('the words of an office before the name are not part of it', () => {
    const r = run('Dirjen Pemasyarakatan Wawan Kurnia meninjau blok hunian.');
    expect(names(r)).toEqual(['Wawan Kurnia']);
  });

  test('a country before a foreign leader\'s name is not part of it', () => {
    const r = run('Sementara itu Perdana Menteri Jepang Kenji Sato menyatakan dukungan.');
    expect(names(r)).toEqual(['Kenji Sato']);
  });

  test('a rank and its corps stay out of the name, the alias in brackets too', () => {
    const r = run('Menko Pangan Bagus Wicaksono (BW) memberikan arahan.');
    expect(names(r)).toEqual(['Bagus Wicaksono']);
  });

  test('untitled people after role words and in a list', () => {
    const r = run('Sidang itu dihadiri Kapolres Klaten AKBP Dedi Kurnia, Sinta Maharani, Ustaz Hamid Fauzi, dan warga. Terdakwa Joni Saputra tampak tenang.');
    expect(names(r)).toEqual(expect.arrayContaining(['Dedi Kurnia', 'Sinta Maharani', 'Hamid Fauzi', 'Joni Saputra']));
  });

  test('a list read to its end: ", dan" before its last item, nicknames after "alias", one-word names in a list of people', () => {
    const r = run('Para tersangka yakni Bagus Hermawan alias Gondrong alias Item, Suprapti, Yohanes Lumban Tobing, dan Rosalina Dewi Anggara. '
      + 'Turut hadir Camat Sukoharjo Adi Prasetyo, Wartini, dan Ignatius Bima Saputra.');
    expect(names(r).sort()).toEqual(['Adi Prasetyo', 'Bagus Hermawan', 'Ignatius Bima Saputra', 'Rosalina Dewi Anggara', 'Suprapti', 'Wartini', 'Yohanes Lumban Tobing']);
    expect(r.persons.find((p) => p.name === 'Bagus Hermawan')?.aliases).toEqual(expect.arrayContaining(['Gondrong', 'Item']));
  });

  test('a list opened by a capitalised role or by presence words with words between', () => {
    expect(names(run('Tersangka yakni Sukardi, Paimin, dan Tuminah Wulandari.')).sort()).toEqual(['Paimin', 'Sukardi', 'Tuminah Wulandari']);
    expect(names(run('Turut hadir dalam acara tersebut Wartini, Suparmi, dan Ignatius Bima Saputra.')).sort()).toEqual(['Ignatius Bima Saputra', 'Suparmi', 'Wartini']);
  });

  test('a list that does not say it names people takes no one-word items, nor schools or firms', () => {
    const r = run('Kapolres Klaten AKBP Dedi Kurnia, Cilacap, dan Purworejo menggelar rapat. Ustaz Hamid Fauzi mengunjungi Pesantren Nurul Huda dan Pesantren Darul Ilmi.');
    expect(names(r)).toEqual(['Dedi Kurnia', 'Hamid Fauzi']);
  });

  test('"Nama sebagai Jabatan, Nama Lain sebagai Jabatan": each name keeps the title it is tied to', () => {
    const r = run('Rapat menetapkan Dewi Anggraini sebagai Direktur Keuangan, Bagas Pranata sebagai Direktur Umum serta Teguh Santosa sebagai Direktur Teknik.');
    expect(r.persons.map((p) => [p.name, p.positions[0]?.title])).toEqual([
      ['Dewi Anggraini', 'Direktur Keuangan'], ['Bagas Pranata', 'Direktur Umum'], ['Teguh Santosa', 'Direktur Teknik'],
    ]);
  });

  test('a list of "Nama - Jabatan" items: a body named after the title is no person, nor a common word', () => {
    const r = run('Susunan direksi baru: 6. Rina Kusuma - Direktur Keuangan7. Bagas Pranata - Direktur Supply Chain8. Teguh Santosa - Direktur Teknik.');
    expect(names(r)).toEqual(['Rina Kusuma', 'Bagas Pranata', 'Teguh Santosa']);
  });

  test('people without an office named by their role in a case: victim, perpetrator, defendant', () => {
    const r = run('Jaksa menyebut uang itu untuk memengaruhi putusan atas pelaku pembunuhan Bernardus Wibisana. Kasus itu bermula dari kematian Yohana Kristina Manurung di sebuah apartemen.');
    expect(names(r)).toEqual(expect.arrayContaining(['Bernardus Wibisana']));
    expect(names(r).some((n) => n.endsWith('Manurung'))).toBe(true);
    expect(names(run('Jaksa mengajukan kasasi atas vonis bebas Bernardus Wibisana pekan lalu.'))).toEqual(['Bernardus Wibisana']);
  });

  test('an English job title is no name', () => {
    const r = run('Public Relations Manager mengatakan layanan berjalan normal.');
    expect(names(r)).toEqual([]);
  });

  test('Balinese "I" stays in the name', () => {
    const r = run('Wakil Gubernur Bali I Made Suarta membuka festival.');
    expect(names(r)).toEqual(['I Made Suarta']);
  });
});

describe('places', () => {
  test('an address names a district without "Kecamatan" before its city; a district of another city, or a street named like one, is not read', () => {
    const r = run('Gudang itu di Jalan Kenanga, Kebon Jeruk, Jakarta Barat. Pasar di Gambir, Kota Bogor tutup. Toko di Jalan Tebet, Jakarta Selatan buka.');
    expect(r.places.filter((p) => p.kind === 'DISTRICT').map((p) => p.name)).toEqual(['Kebon Jeruk']);
    const k = r.places.find((p) => p.name === 'Kebon Jeruk')!;
    expect(k.mentions.map((m) => m.text)).toEqual(['Kebon Jeruk']);
  });

  test('a venue named in English puts its head last; the locality between a venue and its city is a place', () => {
    const r = run('Pameran itu digelar di Nusantara Raya Convention Center, Cempaka Baru, Jakarta Pusat, pekan lalu. Rapat berlangsung di The Palm Garden Resort, Bali.');
    const kinds = Object.fromEntries(r.places.map((p) => [p.name, p.kind]));
    expect(kinds).toEqual({ 'Nusantara Raya Convention Center': 'VENUE', 'Cempaka Baru': 'REGION', 'Jakarta Pusat': 'CITY', 'The Palm Garden Resort': 'VENUE', Bali: 'PROVINCE' });
    expect(r.places.find((p) => p.name === 'Cempaka Baru')!.mentions.map((m) => m.text)).toEqual(['Cempaka Baru']);
    // A weekday after a venue is no locality.
    expect(run('Acara digelar di Gedung Merdeka Raya, Senin, Kota Bandung.').places.map((p) => p.name)).toEqual(['Gedung Merdeka Raya', 'Bandung']);
    // Nor is a street, a time of day or a word of the language.
    for (const item of ['Jalan Merdeka', 'Sabtu Pagi', 'Besok']) {
      expect(run(`Acara digelar di Gedung Merdeka Raya, ${item}, Kota Bandung.`).places.map((p) => p.name)).toEqual(['Gedung Merdeka Raya', 'Bandung']);
    }
  });

  test("an event's venue is a place of the story, also where the places' own patterns do not read it", () => {
    const r = run('Kepala Dinas Pariwisata Kota Malang Andi Wijaya hadir dalam acara Temu Kopi Nusantara di Kedai Kopi Senja Raya, Rabu (22/10/2025).');
    expect(r.events.map((e) => e.venue)).toEqual(['Kedai Kopi Senja Raya']);
    expect(r.places.filter((p) => p.kind === 'VENUE').map((p) => p.name)).toEqual(['Kedai Kopi Senja Raya']);
  });

  test('a place written before a country after "di", "ke" or "dari" is a place in it; more countries by their Indonesian names', () => {
    const r = run('Tim voli itu bertanding di Samarkanda, Uzbekistan, lalu terbang ke Bulgaria.');
    const kinds = Object.fromEntries(r.places.map((p) => [p.name, p.kind]));
    expect(kinds).toEqual({ Samarkanda: 'REGION', Uzbekistan: 'COUNTRY', Bulgaria: 'COUNTRY' });
    expect(run('Rapat digelar di Januari, Uzbekistan mengirim utusan.').places.map((p) => p.name)).toEqual(['Uzbekistan']);
    // Not an item of a list of countries, a word of the language, a continent, or a venue.
    expect(run('Wisatawan datang dari Eropa, Australia, dan Jepang.').places.map((p) => p.name)).toEqual(['Australia', 'Jepang']);
    expect(run('Pertemuan itu digelar di Balai Kota, Jepang membantu.').places.map((p) => p.kind)).not.toContain('REGION');
    expect(run('Presiden tiba di Bandara Haneda, Jepang, pagi ini.').places.map((p) => [p.name, p.kind])).toEqual([['Bandara Haneda', 'VENUE'], ['Jepang', 'COUNTRY']]);
  });

  test('villages and districts are places with their bare names', () => {
    const r = run('Bantuan dibagikan di Desa Sukamakmur, Kecamatan Cibeber, Kabupaten Cianjur.');
    const kinds = Object.fromEntries(r.places.map((p) => [p.name, p.kind]));
    expect(kinds).toMatchObject({ Sukamakmur: 'VILLAGE', Cibeber: 'DISTRICT', Cianjur: 'REGENCY' });
  });

  test('a programme named after villages is no village', () => {
    const r = run('Koperasi Desa Sejahtera Bersama dibentuk bulan lalu.');
    expect(r.places.filter((p) => p.kind === 'VILLAGE')).toEqual([]);
  });

  test('venues after "di" and listed venues', () => {
    const r = run('Lomba digelar di RPTRA Melati Indah, RPTRA Kenanga Asri, dan Balai Kota Bogor.');
    const venues = r.places.filter((p) => p.kind === 'VENUE').map((p) => p.name);
    expect(venues).toEqual(expect.arrayContaining(['RPTRA Melati Indah', 'RPTRA Kenanga Asri', 'Balai Kota Bogor']));
  });

  test('a country inside a venue\'s name is no place', () => {
    const r = run('Pertemuan digelar di Hotel Jepang Permai, Klaten.');
    expect(r.places.map((p) => p.name)).not.toContain('Jepang');
  });

  test('a police unit before its parent is listed under the parent', () => {
    const r = run('Penyidik Direktorat Reserse Narkoba Polda Jambi menyita barang bukti.');
    expect(r.institutions.map((i) => i.name)).toContain('Direktorat Reserse Narkoba Kepolisian Daerah Jambi');
  });

  test('islands are regions', () => {
    const r = run('Warga kemudian dipindahkan ke Pulau Sumatera.');
    expect(r.places).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Pulau Sumatera', kind: 'REGION' })]));
  });
});
