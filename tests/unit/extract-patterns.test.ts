/**
 * The extractor's patterns, one invented fixture sentence each (the project's own words), with the entities expected.
 */
import { createExtractor, Extraction, WartaExtractor } from '../../src/ingest/extract';
import { parseRecord } from '../../src/ingest/parse';

let x: WartaExtractor;
beforeAll(async () => { x = await createExtractor(); });

const run = (body: string, publishedAt = '2025-10-22'): Extraction => x.extract(parseRecord({ title: 'Uji', body, publishedAt }, 't'));
const people = (r: Extraction) => r.persons.map((p) => [p.name, p.positions[0]?.title ?? null, p.positions[0]?.institution ?? null]);
const insts = (r: Extraction) => r.institutions.map((i) => i.name);

describe('titles and their institutions', () => {
  test('"Perseroan" after a title is the one company the article names; with two companies it is none of them', () => {
    expect(people(run('PT Sarana Baja Lestari Tbk membagikan dividen. Direktur Utama Perseroan Hadi Santoso mengatakan laba naik.')))
      .toEqual([['Hadi Santoso', 'Direktur Utama', 'PT Sarana Baja Lestari Tbk']]);
    expect(people(run('PT Sarana Baja Lestari Tbk dan PT Bumi Kencana Mineral menandatangani kontrak. Direktur Utama Perseroan Hadi Santoso hadir.')))
      .toEqual([['Hadi Santoso', 'Direktur Utama', null]]);
  });

  test('an acronym of a thing ending a unit\'s name is no body; an unknown one is (a company\'s)', () => {
    expect(people(run('Kepala Bidang Pengembangan ASN Rina Wati membuka pelatihan.'))).toEqual([['Rina Wati', 'Kepala Bidang Pengembangan ASN', null]]);
    expect(people(run('Direktur Operasi KLM Bagas Wicaksono meninjau gudang.'))).toEqual([['Bagas Wicaksono', 'Direktur Operasi', 'KLM']]);
  });

  test('company titles kept in English take the company after them; the company\'s words are no person', () => {
    expect(people(run('Co-Founder Sagara Digital, Anjani Kusuma, mengatakan pesanan naik.'))).toEqual([['Anjani Kusuma', 'Founder', 'Sagara Digital']]);
    expect(people(run('Direktur Utama Lentera Kriya Indonesia, Anjani Kusuma, mengatakan pesanan naik.'))).toEqual([['Anjani Kusuma', 'Direktur Utama', 'Lentera Kriya Indonesia']]);
    expect(people(run('President Director PT Cahaya Mesin Nusantara Yohanes Pratama membuka pabrik baru.'))).toEqual([['Yohanes Pratama', 'President Director', 'PT Cahaya Mesin Nusantara']]);
    expect(people(run('Menurut Chief Financial Officer PT Arta Data Niaga, Lukas Wibowo, laba naik.'))).toEqual([['Lukas Wibowo', 'Chief Financial Officer', 'PT Arta Data Niaga']]);
  });

  test.each([
    ['Kapolres Kampar AKBP Rudi Hartawan memimpin apel.', ['Rudi Hartawan', 'Kepala Kepolisian Resor', 'Kepolisian Resor Kampar']],
    ['Kapolda Riau Irjen Pol Hendra Gunawan meninjau lokasi.', ['Hendra Gunawan', 'Kepala Kepolisian Daerah', 'Kepolisian Daerah Riau']],
    ['Sekda Bogor, Lukman Hakim membuka acara.', ['Lukman Hakim', 'Sekretaris Daerah', 'Pemerintah Kabupaten Bogor']],
    ['Wabup Lamongan Rina Astuti meninjau pasar.', ['Rina Astuti', 'Wakil Bupati', 'Pemerintah Kabupaten Lamongan']],
    ['Dandim 0815/Mojokerto Letkol Inf Bambang Irawan memimpin apel.', ['Bambang Irawan', 'Komandan Distrik Militer', 'Kodim 0815/Mojokerto']],
    ['Kades Sumberejo, Slamet Riyadi menyambut rombongan.', ['Slamet Riyadi', 'Kepala Desa', 'Pemerintah Desa Sumberejo']],
    ['Kabag Humas Setda Gresik, Nia Kurnia menjelaskan jadwal.', ['Nia Kurnia', 'Kepala Bagian Humas', 'Sekretariat Daerah Kabupaten Gresik']],
    ['Wagub Jatim, Bagus Pranoto menyerahkan bantuan.', ['Bagus Pranoto', 'Wakil Gubernur', 'Pemerintah Provinsi Jawa Timur']],
    ['Pj Bupati Bone Andi Hasrul menerima rombongan.', ['Andi Hasrul', 'Penjabat Bupati', 'Pemerintah Kabupaten Bone']],
    ['Plt Kadis Kesehatan Sidoarjo, Dewi Lestari mengimbau warga.', ['Dewi Lestari', 'Pelaksana Tugas Kepala Dinas Kesehatan', 'Pemerintah Kabupaten Sidoarjo']],
    ['Menko Perekonomian Arif Wicaksono memaparkan data.', ['Arif Wicaksono', 'Menteri Koordinator Bidang Perekonomian', 'Kementerian Koordinator Bidang Perekonomian']],
    ['Wamenkes Teguh Santosa mengunjungi puskesmas.', ['Teguh Santosa', 'Wakil Menteri Kesehatan', 'Kementerian Kesehatan']],
    ['Ketua DPRD Bone Andi Rahmat Saleh menolak usulan itu.', ['Andi Rahmat Saleh', 'Ketua DPRD', 'Dewan Perwakilan Rakyat Daerah Kabupaten Bone']],
    ['Jaksa KPK Yusuf Maulana membacakan dakwaan.', ['Yusuf Maulana', 'Jaksa', 'Komisi Pemberantasan Korupsi']],
    ['Ekonom Universitas Airlangga (Unair) Sinta Maharani menilai harga stabil.', ['Sinta Maharani', 'Ekonom', 'Universitas Airlangga']],
  ])('%s', (body, expected) => {
    expect(people(run(body))[0]).toEqual(expected);
  });

  test('a rank between unit and name stays out of both', () => {
    const r = run('Patroli dipimpin Kanit Reskrim Iptu Bayu Saputra bersama warga.');
    expect(r.persons.map((p) => p.name)).toEqual(['Bayu Saputra']);
    expect(r.persons[0].positions[0].title).toBe('Kepala Unit Reskrim');
  });

  test('two officials joined by "dan" are two people, each with a region', () => {
    const r = run('Wali Kota Blitar Hadi Susanto dan Bupati Rokan Hilir Darman Effendi hadir.');
    expect(people(r)).toEqual([
      ['Hadi Susanto', 'Wali Kota', 'Pemerintah Kota Blitar'],
      ['Darman Effendi', 'Bupati', 'Pemerintah Kabupaten Rokan Hilir'],
    ]);
  });

  test('a title inside a building name names no one; a dateline place after a comma is no name', () => {
    const r = run('Rapat itu digelar di Rumah Dinas Bupati Gresik, Kebomas, Senin (3/2/2025).');
    expect(r.persons).toEqual([]);
    expect(insts(r)).not.toContain('Dinas Bupati Gresik');
  });

  test('a title form alone or a region is never taken for a name', () => {
    const r = run('Presiden akan melantik Menko Polkam dan Menpora pekan depan. Ia pernah menjabat Wali Kota Solo.');
    expect(r.persons).toEqual([]);
  });

  test('a one-word later reference joins the one person it fits', () => {
    const r = run('Wali Kota Madiun Eko Prasetyo meninjau banjir. Dalam kesempatan itu Ketua APEKSI Eko menyerahkan bantuan.');
    expect(r.persons.map((p) => p.name)).toEqual(['Eko Prasetyo']);
  });

  test('an ambiguous short name is reported unresolved with both candidates', () => {
    const r = run('Kepala Dinas Kesehatan Sidoarjo, Sugeng Prayitno hadir. Camat Buduran, Sugeng Widodo juga hadir. Sugeng mengatakan acara lancar.');
    expect(r.unresolved).toEqual([{ text: 'Sugeng', start: expect.any(Number), end: expect.any(Number), candidates: ['Sugeng Prayitno', 'Sugeng Widodo'] }]);
    const u = r.unresolved[0];
    expect(r.persons.flatMap((p) => p.mentions).some((m) => m.start === u.start)).toBe(false);
  });
});

describe('institutions', () => {
  test('a body defined with an acronym spelt from its letters is an institution when a word of bodies names it so', () => {
    const r = run('Direktur Eksekutif Nusantara Green Energy Authority (NGEA) Hendra Wijaya menemui pengurus Pengurus Besar Dayung Nusantara (PBDN) '
      + 'dan Asia Rowing League (ARL). Program Bantuan Pangan Desa (BPD) dan Focus Group Discussion (FGD) juga dibahas. Selain Borneo Canoe Federation (BCF), Dana Abadi Fund (DAF) ikut.');
    expect(insts(r)).toEqual(['Nusantara Green Energy Authority', 'Pengurus Besar Dayung Nusantara', 'Asia Rowing League', 'Borneo Canoe Federation']);
    expect(r.institutions[0].acronym).toBe('NGEA');
    expect(people(r)).toEqual([['Hendra Wijaya', 'Direktur Eksekutif', 'Nusantara Green Energy Authority']]);
  });

  test('a court named with its acronym before its seat keeps the seat; an acronym glued on with a slash is no part of a name', () => {
    const r = run('Sidang digelar di Pengadilan Negeri (PN) Banyumas. Ketua Pengadilan Negeri Cilacap hadir bersama utusan Komite Dayung Nasional/KDN.');
    expect(insts(r)).toEqual(['Pengadilan Negeri Banyumas', 'Pengadilan Negeri Cilacap', 'Komite Dayung Nasional']);
    expect(insts(run('Kejaksaan Negeri (Kejari) Kota Malang dan Kejaksaan Negeri (Kejari) Kabupaten Malang bekerja sama.')))
      .toEqual(['Kejaksaan Negeri Kota Malang', 'Kejaksaan Negeri Kabupaten Malang']);
  });

  test('"PT A, PT B dan PT C" are three companies', () => {
    expect(insts(run('Penyedia layanan itu yakni PT Sinar Data, PT Awan Biru dan PT Jaring Kita.'))).toEqual(['PT Sinar Data', 'PT Awan Biru', 'PT Jaring Kita']);
  });

  test('military units take their seat from the one place it is written', () => {
    const r = run('Anggota Kodim 0815/Mojokerto berjaga. Dandim 0815 memimpin apel di markas Kodim 0815.');
    const kodim = r.institutions.find((i) => i.name === 'Kodim 0815/Mojokerto')!;
    expect(kodim.kind).toBe('MILITARY');
    expect(kodim.mentions).toHaveLength(2);
  });

  test('regional governments get the short form the press uses as an alias', () => {
    const r = run('Kegiatan ini kerja sama Pemerintah Kabupaten (Pemkab) Gresik dan Pemprov Jatim.');
    const gresik = r.institutions.find((i) => i.name === 'Pemerintah Kabupaten Gresik')!;
    expect(gresik.aliases).toContain('Pemkab Gresik');
    expect(r.institutions.find((i) => i.name === 'Pemerintah Provinsi Jawa Timur')!.aliases).toContain('Pemprov Jawa Timur');
  });

  test('regional agencies with a region short form expand to the full agency of that region', () => {
    const r = run('BKAD Sulsel menyalurkan dana ke DPRD OKU dan Dinas PUPR Madina.');
    expect(insts(r)).toEqual([
      'Badan Keuangan dan Aset Daerah Provinsi Sulawesi Selatan', 'Dewan Perwakilan Rakyat Daerah Kabupaten Ogan Komering Ulu', 'Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Mandailing Natal',
    ]);
    expect(r.institutions[0].aliases).toContain('BKAD Sulsel');
  });

  test('a region written in brackets is not taken for an acronym', () => {
    const r = run('Tim memeriksa ruang pelayanan Polda Bangka Belitung (Babel) pekan ini.');
    const polda = r.institutions.find((i) => i.name === 'Kepolisian Daerah Kepulauan Bangka Belitung')!;
    expect(polda.acronym).toBeNull();
    expect(polda.aliases).toContain('Polda Bangka Belitung');
  });

  test('a person named after an institution phrase is cut off it', () => {
    const r = run('Hadir pula Wakil Kepala Badan Pengelola Arsip Daerah Fitri Handayani Lubis.');
    expect(insts(r)).toEqual(['Badan Pengelola Arsip Daerah']);
    expect(people(r)).toEqual([['Fitri Handayani Lubis', 'Wakil Kepala Badan Pengelola Arsip Daerah', 'Badan Pengelola Arsip Daerah']]);
  });

  test('task forces, cabinets, regional companies and service branches are institutions', () => {
    const r = run('Satgas Pangan bersama BUMD Jatim Sejahtera, TNI AL dan Kabinet Merah Putih membahas Tim Percepatan Penurunan Stunting (TPPS).');
    expect(insts(r)).toEqual(['Satgas Pangan', 'BUMD Jatim Sejahtera', 'TNI Angkatan Laut', 'Kabinet Merah Putih', 'Tim Percepatan Penurunan Stunting']);
    expect(r.institutions[4].acronym).toBe('TPPS');
  });

  test('"Sidang Kabinet", "Rumah Dinas" and "Pusat dan Daerah" are no institutions', () => {
    const r = run('Sidang Kabinet Paripurna digelar di Rumah Dinas Gubernur. Aturan hubungan keuangan Pusat dan Daerah berubah.');
    expect(insts(r)).toEqual([]);
  });
});

describe('events and places', () => {
  test('election and ceremony words are events of their own kind', () => {
    const r = run('Pilkada Serentak 2024 berjalan damai. Pemilu Legislatif berikutnya digelar 2029. Peringatan HUT Kabupaten Gresik dimeriahkan pawai.');
    expect(r.events.map((e) => [e.kind, e.name])).toEqual([
      ['PEMILIHAN', 'Pemilihan Kepala Daerah Serentak 2024'], ['PEMILIHAN', 'Pemilihan Umum Legislatif'], ['UPACARA', 'Peringatan Hari Ulang Tahun Kabupaten Gresik'],
    ]);
    // A bare mention with nothing to pin it to (no name, date, venue or organiser) is a reference, not an event.
    expect(run('Pemilu berikutnya masih lama.').events).toEqual([]);
  });

  test('regency short forms carry their official code', () => {
    const r = run('Banjir melanda Kukar dan Tangsel.');
    expect(r.places.map((p) => [p.name, p.kind, p.code])).toEqual([['Kutai Kartanegara', 'REGENCY', '64.02'], ['Tangerang Selatan', 'CITY', '36.74']]);
  });
});

describe('parsing JSON Lines bodies', () => {
  test('the scroll marker and video and "baca juga" teasers are not body text', () => {
    const a = parseRecord({ title: 'T', body: 'Paragraf satu SCROLL TO CONTINUE WITH CONTENT berlanjut.\nSimak Video "Bupati Meresmikan Pasar"\nBaca juga: Judul lain\nParagraf dua.' }, 'x');
    expect(a.body).toBe('Paragraf satu berlanjut.\nParagraf dua.');
  });
});
