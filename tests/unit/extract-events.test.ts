/**
 * Events stage: invented regional-government sentences (the project's own words), one pattern each.
 */
import { createExtractor, Extraction, WartaExtractor } from '../../src/ingest/extract';
import { findDates } from '../../src/ingest/extract/dates';
import { parseRecord } from '../../src/ingest/parse';

let x: WartaExtractor;
beforeAll(async () => { x = await createExtractor(); });

const run = (body: string, publishedAt = '2025-06-18'): Extraction => x.extract(parseRecord({ title: 'Uji', body, publishedAt }, 't'));
const roles = (r: Extraction, i = 0) => Object.fromEntries(r.events[i].participants.map((p) => [p.person ?? p.institution, p.role]));

describe('event words in any case', () => {
  test('a name after "acara", "ajang" or "gelaran", capitalised or quoted, is a gathering whatever its words', () => {
    const r = run('Hal itu disampaikan Kepala Bappeda Sleman Andi Wijaya dalam acara Sarapan Bersama Media di Aula Balai Kota, Selasa (17/6/2025).');
    expect(r.events.map((e) => [e.name, e.kind, e.startDate, e.venue])).toEqual([['Sarapan Bersama Media', 'OTHER', '2025-06-17', 'Aula Balai Kota']]);
    expect(roles(r)).toEqual({ 'Andi Wijaya': 'ATTENDEE' });
    const quoted = run("Komunitas itu menguji sepeda listriknya melalui acara bertajuk 'Tanjakan Maut' di Bukit Bintang, Sabtu (14/6/2025).");
    expect(quoted.events.map((e) => [e.name, e.startDate, e.venue])).toEqual([['Tanjakan Maut', '2025-06-14', 'Bukit Bintang']]);
    // The mention is the name, without its quotation marks.
    const quotedEvent = quoted.events[0];
    expect(quotedEvent.mentions.map((m) => m.text)).toContain('Tanjakan Maut');
    expect(quotedEvent.mentions.every((m) => !/['"]/.test(m.text))).toBe(true);
    // A title in single quotes after "bertajuk" names a gathering its own word opens.
    expect(run("Rapat bertajuk 'Rembuk Warga Sehat' digelar di Balai Desa Sukamaju, Rabu (18/6/2025).").events.map((e) => e.name)).toEqual(['Rembuk Warga Sehat']);
    // An apostrophe inside a title in double quotes is part of it.
    const apostrophe = run('Warga mengikuti acara bertajuk "Jum\'at Berkah Bersama" di Masjid Raya Sukamaju, Jumat (13/6/2025).');
    expect(apostrophe.events.map((e) => e.name)).toEqual(["Jum'at Berkah Bersama"]);
    const arena = run('Produsen itu memamerkan tiga model baru pada ajang Kota Kreatif Motor Show 2025 di Gedung Expo Kemayoran, Jakarta, Rabu (18/6/2025).');
    expect(arena.events.map((e) => [e.name, e.kind])).toEqual([['Kota Kreatif Motor Show 2025', 'EXHIBITION']]);
  });

  test('a quote taken from a release or another outlet is no speech at the event; the same quote told there is', () => {
    const meeting = 'Pemkab Klaten menggelar rapat koordinasi penanganan banjir di Aula Kantor Bupati Klaten, Senin (16/6/2025).\n';
    const quote = '"Kami siapkan pompa air di tiap kecamatan," kata Kepala Dinas PU Klaten Budi Santoso';
    expect(run(`${meeting}${quote}, dikutip dari laman resmi Pemkab.`).events[0].participants).toEqual([]);
    expect(run(`${meeting}${quote}.`).events[0].participants).toEqual([{ person: 'Budi Santoso', role: 'SPEAKER' }]);
  });

  test('a bare hearing word, or one pointing at another occasion, does not join the named event of its kind', () => {
    const r = run('Majelis hakim Pengadilan Negeri Klaten membacakan putusan untuk terdakwa Budi Santoso, Rabu (18/6/2025). Pada persidangan sebelumnya, Budi Santoso dituntut 10 tahun penjara.');
    expect(r.events.map((e) => [e.name, e.kind])).toEqual([['Sidang Vonis Budi Santoso', 'HEARING'], ['Persidangan', 'HEARING']]);
  });

  test('a wedding and its reception are two family ceremonies, each with its own date and venue', () => {
    const r = run('Akad nikah Rudi dan Sinta digelar Sabtu (14/6/2025) di Masjid Raya Bogor. Resepsi pernikahan keduanya digelar Selasa (17/6/2025) di Gedung Graha Wangi.');
    expect(r.events.map((e) => [e.name, e.kind, e.startDate, e.venue])).toEqual([
      ['Akad nikah Rudi dan Sinta', 'OTHER', '2025-06-14', 'Masjid Raya'], ['Resepsi pernikahan', 'OTHER', '2025-06-17', 'Gedung Graha Wangi']]);
  });

  test('a bare event word joins the latest named event of its kind; after words of what is to come it names none', () => {
    const r = run('Produsen itu tampil pada ajang Kota Kreatif Motor Show 2025 di Gedung Expo Kemayoran, Jakarta, Rabu (18/6/2025). '
      + 'Saat pameran berlangsung, pengunjung mencoba mobil baru. Harga resmi baru akan diumumkan saat peluncuran.');
    expect(r.events.map((e) => [e.name, e.kind, e.startDate])).toEqual([['Kota Kreatif Motor Show 2025', 'EXHIBITION', '2025-06-18']]);
    expect(run('Menurut dia, saat peluncuran pekan lalu warga antusias.').events.map((e) => e.kind)).toEqual(['LAUNCHING']);
  });

  test('a straight mark closes a quotation opened with a curly one: what follows in the paragraph is narrative again', () => {
    const r = run('“Kami sudah siap," ujar Budi Santoso. Warga lalu menggelar rapat koordinasi di Aula Kantor Desa Sukamaju, Rabu (18/6/2025).');
    expect(r.events.map((e) => [e.name, e.startDate, e.venue])).toEqual([['Rapat koordinasi', '2025-06-18', 'Aula Kantor Desa Sukamaju']]);
  });

  test('no gathering from "acara" before a weekday, a region, a broadcast or a lone word, nor without a cue', () => {
    expect(run('Warga memenuhi balai desa dalam acara Senin Pagi (16/6/2025) bersama.').events).toEqual([]);
    expect(run('Tim muda itu tampil di ajang Jawa Tengah sejak Rabu (18/6/2025).').events).toEqual([]);
    expect(run('Tim muda itu tampil di ajang Eropa sejak Rabu (18/6/2025).').events).toEqual([]);
    expect(run('Penyanyi itu hadir di siaran langsung acara Pagi Ceria Sekali, Rabu (18/6/2025).').events).toEqual([]);
    expect(run('Penyanyi itu tampil dalam acara Pagi Ceria Trans TV, Rabu (18/6/2025).').events).toEqual([]);
    expect(run('Ia menonton acara Malam Penuh Tawa di rumah, Rabu (18/6/2025).').events).toEqual([]);
    expect(run('Ia menyukai acara Musik Malam sejak kecil.').events).toEqual([]);
    // "menjadi ajang X": an occasion for something, not a named gathering.
    expect(run('Debat itu menjadi ajang Adu Gagasan para calon, Rabu (18/6/2025).').events).toEqual([]);
  });

  test('a firm the extractor does not know as a body launches what it names after "yakni", where a date or venue evidences it', () => {
    const r = run('Merapi Motor Indonesia resmi meluncurkan dua mobil terbarunya, yakni Merapi Sakti X3 dan Merapi Lintas, di Gedung Expo Kemayoran, Jakarta, Rabu (18/6/2025).');
    expect(r.events.map((e) => [e.name, e.kind, e.startDate, e.venue])).toEqual([['Peluncuran Merapi Sakti X3 dan Merapi Lintas', 'LAUNCHING', '2025-06-18', 'Gedung Expo Kemayoran']]);
    expect(run('Budi Santoso meluncurkan buku barunya kemarin.').events).toEqual([]);
    expect(run('Mereka resmi meluncurkan Aplikasi Tani Cerdas di Gedung Serbaguna Klaten, Senin (16/6/2025).').events).toEqual([]);
  });

  test('the passive "X diluncurkan/diresmikan" with a date or venue is the launch or opening of X; a common word is no X', () => {
    const r = run('Aplikasi Lapor Banjir resmi diluncurkan Bupati Kendal Dewi Sartika di Pendopo Kendal, Senin (16/6/2025). '
      + 'Sejak diluncurkan tahun lalu, aplikasi itu dipakai ribuan warga.');
    expect(r.events.map((e) => [e.name, e.kind, e.startDate, e.venue])).toEqual([['Peluncuran Aplikasi Lapor Banjir', 'LAUNCHING', '2025-06-16', 'Pendopo Kendal']]);
    expect(roles(r)).toEqual({ 'Dewi Sartika': 'OPENER' });
    expect(run('Ketika Jembatan Kali Serang diresmikan pada 4 April 2016, warga datang.').events).toEqual([]);
  });

  test('a lower-case trigger with an event verb is an event named by its whole phrase', () => {
    const r = run('Pemkab Lamongan menggelar bakti sosial pengobatan gratis di Balai Desa Karangrejo, Sabtu (14/6/2025).');
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ kind: 'OTHER', startDate: '2025-06-14', endDate: '2025-06-14', venue: 'Balai Desa Karangrejo', organizers: ['Pemerintah Kabupaten Lamongan'] });
    expect(r.events[0].name.toLowerCase()).toContain('bakti sosial');
  });

  test('visits, signings and launches written in lower case', () => {
    const visit = run('Wakil Gubernur Jawa Timur Arif Wicaksono melakukan kunjungan kerja ke Pasar Baru Tuban, Rabu (18/6/2025).');
    expect(visit.events.map((e) => [e.kind, e.venue])).toEqual([['KUNKER', 'Pasar Baru Tuban']]);
    const signing = run('Pemkab Ngawi dan Universitas Merapi Raya menandatangani nota kesepahaman di Pendopo Wedya Graha, Senin (16/6/2025).');
    expect(signing.events.map((e) => [e.kind, e.startDate])).toEqual([['PENANDATANGANAN', '2025-06-16']]);
    expect(signing.events[0].name).toMatch(/^Penandatanganan nota kesepahaman/i);
  });

  test('a body that launches its own programme holds the launch', () => {
    const r = run('Dinas Koperasi Kabupaten Blitar meluncurkan Program Warung Sejahtera di Alun-alun Blitar, Kamis (12/6/2025).');
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ kind: 'LAUNCHING', name: 'Peluncuran Program Warung Sejahtera', startDate: '2025-06-12' });
    expect(r.events[0].organizers).toEqual(['Dinas Koperasi Kabupaten Blitar']);
  });

  test('generic words without a cue, inside a quote, after "masa" or inside an institution name are no events', () => {
    expect(run('“Nanti kita bahas lagi di rapat,” kata Camat Sumberjo, Dodi Prasetyo.').events).toEqual([]);
    expect(run('DPRD Lamongan kini memasuki masa sidang kedua.').events).toEqual([]);
    expect(run('Kepala Balai Pelatihan Kerja Lamongan, Hadi Susanto, menerima bantuan mesin jahit.').events).toEqual([]);
    expect(run('Pelatihan semacam itu dinilai penting bagi pemuda.').events).toEqual([]);
    expect(run('BMKG Juanda mengeluarkan peringatan dini cuaca ekstrem untuk Sidoarjo, Rabu (18/6/2025).').events).toEqual([]);
    expect(run('Jumlah kunjungan wisatawan ke Pantai Lorena naik pada Mei 2025.').events).toEqual([]);
  });
});

describe('event dates', () => {
  test('relative dates resolve from publication', () => {
    expect(run('Sosialisasi pajak daerah digelar di Aula Kecamatan Pucuk hari ini.').events[0].startDate).toBe('2025-06-18');
    expect(run('Sosialisasi pajak daerah digelar di Aula Kecamatan Pucuk kemarin.').events[0].startDate).toBe('2025-06-17');
    expect(run('Sosialisasi pajak daerah akan digelar di Aula Kecamatan Pucuk besok.').events[0].startDate).toBe('2025-06-19');
  });

  test('the number wins over a weekday that does not fit it', () => {
    // 18 June 2025 is a Wednesday; the text says Tuesday.
    const r = run('Sidang pembacaan putusan perkara pupuk digelar di Pengadilan Negeri Tuban, Selasa (18/6/2025).');
    expect(r.events[0]).toMatchObject({ kind: 'HEARING', startDate: '2025-06-18' });
    expect(findDates('pada Minggu 22 Juni 2025', '2025-06-18').map((d) => d.start)).toEqual(['2025-06-22']);
    expect(findDates('rapat pada 17 dan 18 Juni 2025', '2025-06-18').map((d) => [d.start, d.end])).toEqual([['2025-06-17', '2025-06-18']]);
    // A time of day between the weekday and its number: one date, the number's.
    expect(findDates('Rapat itu digelar Senin malam (3/3/2025) di balai desa.', '2025-06-18').map((d) => d.start)).toEqual(['2025-03-03']);
  });

  test('a month without a year is the nearer one: months ahead are this year unless "lalu" follows; far ahead is last year', () => {
    const ref = '2025-06-18';
    expect(findDates('Festival layang-layang digelar 24 Juli hingga 3 Agustus.', ref).map((d) => [d.start, d.end])).toEqual([['2025-07-24', '2025-08-03']]);
    expect(findDates('Pendaftaran dibuka 1 Oktober.', ref).map((d) => d.start)).toEqual(['2025-10-01']);
    expect(findDates('Kasus itu terjadi pada 9 Agustus lalu.', ref).map((d) => d.start)).toEqual(['2024-08-09']);
    expect(findDates('Kasus itu terjadi 9 Mei tahun lalu.', ref).map((d) => d.start)).toEqual(['2024-05-09']);
    expect(findDates('Gudang itu terbakar 28 Desember.', ref).map((d) => d.start)).toEqual(['2024-12-28']);
  });

  test('two dated days joined by a range word are one range; a date in an earlier sentence serves a later mention', () => {
    const r = run('Lomba cerdas cermat tingkat SMP berlangsung Rabu (11/6/2025) sampai Kamis (12/6/2025) di Gedung Serbaguna Karanganyar.');
    expect(r.events[0]).toMatchObject({ startDate: '2025-06-11', endDate: '2025-06-12' });
    const later = run('Ketua Komisi B DPRD Tuban, Rudi Hartono, berbicara kepada wartawan, Senin (16/6/2025).\nIa baru saja memimpin Rapat Dengar Pendapat bersama para petani.');
    expect(later.events[0]).toMatchObject({ kind: 'RDP', startDate: '2025-06-16' });
  });
});

describe('participants', () => {
  test('people a meeting appoints or dismisses "sebagai" are not its participants; the one sworn in is', () => {
    const r = run('Rapat umum pemegang saham PT Tirta Makmur di Hotel Sahid Raya, Selasa (17/6/2025), memberhentikan Haryanto Wibisono sebagai direktur utama '
      + 'dan mengangkat Melati Kusumawardani sebagai komisaris. Direktur Keuangan Bayu Pamungkas hadir dalam rapat itu.');
    expect(roles(r)).toEqual({ 'Bayu Pamungkas': 'ATTENDEE' });
    const list = run('RUPS PT Tirta Makmur di Hotel Sahid Raya, Selasa (17/6/2025), mengangkat jajaran direksi baru seperti Sekar Ayuningtyas sebagai direktur utama, '
      + 'Fajar Nugroho sebagai direktur keuangan, dan Intan Permatasari sebagai direktur operasi.');
    expect(list.events[0].participants).toEqual([]);
    expect(list.persons.map((p) => p.name)).toEqual(expect.arrayContaining(['Sekar Ayuningtyas', 'Fajar Nugroho', 'Intan Permatasari']));
    const swearing = run('Bupati Klaten Sri Handayani melantik Joko Susilo sebagai Sekretaris Daerah dalam upacara pelantikan di Pendopo Klaten, Senin (16/6/2025).');
    expect(roles(swearing)['Joko Susilo']).toBe('ATTENDEE');
  });

  test('an attendee list, a speech and a represented official', () => {
    const r = run([
      'Musrenbang Kecamatan Pucuk digelar di Pendopo Kecamatan Pucuk, Selasa (10/6/2025).',
      'Acara ini dihadiri Wakil Bupati Lamongan Rina Astuti, Kapolsek Pucuk AKP Dedi Kurnia dan Ketua DPRD Lamongan Joko Santoso.',
      'Bupati Lamongan Hendra Wijaya yang diwakili Sekda Lamongan Budi Prakoso berhalangan hadir.',
      'Dalam sambutannya, Rina Astuti meminta usulan warga diprioritaskan.',
    ].join('\n'));
    expect(r.events).toHaveLength(1);
    const got = roles(r);
    expect(got['Rina Astuti']).toBe('SPEAKER');
    expect(got['Dedi Kurnia']).toBe('ATTENDEE');
    expect(got['Joko Santoso']).toBe('ATTENDEE');
    expect(got['Hendra Wijaya']).toBeUndefined();
  });

  test('"kegiatan tersebut" ties a later paragraph to the event; a speaker there speaks at it', () => {
    const r = run([
      'Pemkot Madiun menggelar lomba kebersihan kampung di Taman Bantaran, Minggu (15/6/2025).',
      'Wali Kota Madiun Maidi Santoso membuka lomba tersebut.',
      'Banyak warga antusias.',
      'Dalam kegiatan tersebut, Kepala Dinas Lingkungan Hidup Kota Madiun, Sari Wulandari, memaparkan hasil penilaian.',
    ].join('\n'));
    const got = roles(r);
    expect(got['Maidi Santoso']).toBe('OPENER');
    expect(got['Sari Wulandari']).toBe('SPEAKER');
  });

  test('a person who holds the event is its host, not its organiser', () => {
    const r = run('Anggota DPRD Lamongan Siti Rahmawati menggelar reses di Balai Desa Sumberwangi, Jumat (13/6/2025).');
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ kind: 'RESES', organizers: [] });
    expect(roles(r)['Siti Rahmawati']).toBe('HOST');
  });

  test('a reported count; "ribuan warga" is none', () => {
    expect(run('Wisuda santri Pondok Al Hikmah diikuti 35 santri di Masjid Agung Tuban, Sabtu (14/6/2025).').events[0].participantCount).toBe(35);
    expect(run('Festival kuliner digelar di Alun-alun Tuban, Sabtu (14/6/2025), dan dipadati ribuan warga.').events[0].participantCount).toBeNull();
  });
});

describe('organisers and hearings', () => {
  test('a body that plans or is set to hold the event holds it', () => {
    const r = run('Pemkab Wonosobo berencana menggelar Festival Carica Dieng di Lapangan Kalianget, Sabtu (21/6/2025).');
    expect(r.events.map((e) => [e.name, e.organizers])).toEqual([['Festival Carica Dieng', ['Pemerintah Kabupaten Wonosobo']]]);
  });

  test('a sub-unit written before its parent body, and a region after an acronym, stay in the organiser', () => {
    const unit = run('Penyidik Direktorat Reserse Kriminal Umum Polda Jambi melakukan gelar perkara kasus pupuk palsu pada 16 Juni 2025.');
    expect(unit.events[0].organizers).toEqual(['Direktorat Reserse Kriminal Umum Kepolisian Daerah Jambi']);
    const region = run('Dinas Pertanian dan Pangan (Dispertan) Jawa Tengah memberikan pelatihan pengolahan pupuk organik di Aula Dispertan, Senin (16/6/2025).');
    expect(region.events[0].organizers[0]).toMatch(/Jawa Tengah$/);
  });

  test('a verdict reported with "divonis" or read out is a hearing', () => {
    const r = run('Terdakwa Bambang Sulistyo divonis 5 tahun penjara di Pengadilan Tipikor Semarang, Rabu (18/6/2025).');
    expect(r.events.map((e) => [e.kind, e.name, e.startDate])).toEqual([['HEARING', 'Sidang Vonis Bambang Sulistyo', '2025-06-18']]);
    const read = run('Majelis hakim membacakan amar putusan perkara suap perizinan di Pengadilan Negeri Kendal, Selasa (17/6/2025).');
    expect(read.events.map((e) => [e.kind, e.startDate])).toEqual([['HEARING', '2025-06-17']]);
  });
});

describe('venues', () => {
  test('a venue named later in the event\'s discourse ("dipusatkan di")', () => {
    const r = run('Pemkab Tuban menggelar jalan sehat, Minggu (15/6/2025).\nKegiatan dipusatkan di Alun-alun Tuban Kota dan diikuti 300 peserta.');
    expect(r.events[0]).toMatchObject({ venue: 'Alun-alun Tuban Kota', participantCount: 300 });
  });
});

describe('roles read through titles and statements', () => {
  test('"dipimpin langsung oleh <title> <name>" is the host; a statement given elsewhere does not make a speaker', () => {
    const r = run([
      'Rapat koordinasi penanganan banjir digelar di Pendopo Kabupaten Tuban, Senin (16/6/2025), dipimpin langsung oleh Bupati Tuban Hendra Wijaya.',
      '"Kami siapkan posko di tiap kecamatan," kata pengamat kebencanaan Rudi Santoso dalam keterangan tertulis.',
    ].join('\n'));
    const got = roles(r);
    expect(got['Hendra Wijaya']).toBe('HOST');
    expect(got['Rudi Santoso']).toBeUndefined();
  });
});

describe('a person named by title alone', () => {
  test('"Bupati X" earlier, then "Bupati X kemudian meresmikan …" without the name', () => {
    const r = run([
      'Bupati Lamongan Hendra Wijaya menghadiri panen raya di Desa Sumberwangi, Rabu (18/6/2025).',
      'Usai panen, Bupati Lamongan kemudian meresmikan Gedung Serbaguna Desa Sumberwangi.',
    ].join('\n'));
    const opening = r.events.find((e) => e.kind === 'PERESMIAN')!;
    expect(opening.name).toBe('Peresmian Gedung Serbaguna Desa Sumberwangi');
    expect(opening.participants).toContainEqual({ person: 'Hendra Wijaya', role: 'OPENER' });
  });
});

describe('references back to a named event', () => {
  test('a visit named twice with the same destination is one event', () => {
    const r = run('Gubernur Jawa Tengah Ahmad Sulaiman melakukan kunjungan kerja ke Kabupaten Wonogiri, Selasa (17/6/2025). '
      + 'Kunjungan Gubernur ke Wonogiri itu ditutup dengan dialog bersama petani.');
    expect(r.events.map((e) => e.kind)).toEqual(['KUNKER']);
  });

  test('a bare head word ("Rapat …") joins the named event it heads, with the people of its sentence', () => {
    const r = run('Rapat Paripurna DPRD Pacitan penetapan Perda Pajak Daerah digelar di Gedung DPRD Pacitan, Rabu (11/6/2025). Rapat dipimpin oleh Ketua DPRD Pacitan, Rudi Santosa. Bupati Pacitan, Wahyu Lestari juga hadir dalam rapat tersebut.');
    expect(r.events).toHaveLength(1);
    expect(roles(r)).toEqual({ 'Rudi Santosa': 'HOST', 'Wahyu Lestari': 'ATTENDEE' });
  });

  test('the city written right after the venue is the event city', () => {
    const r = run('Bimtek penyusunan anggaran digelar di Aula Graha Praja, Blitar, Selasa (10/6/2025).');
    expect(r.events[0]).toMatchObject({ venue: 'Aula Graha Praja', city: 'Blitar' });
  });
});

test('the capital written after a venue is the event city, other provinces are none', () => {
  const capital = run('Rapat koordinasi pengawasan pangan digelar di Gedung Graha Mulia, Jakarta, Senin (9/6/2025).');
  expect(capital.events[0]).toMatchObject({ venue: 'Gedung Graha Mulia', city: 'Jakarta' });
  const province = run('Rapat koordinasi pengawasan pangan digelar di Gedung Graha Mulia, Jawa Tengah, Senin (9/6/2025).');
  expect(province.events[0].city).toBeNull();
});

describe('events named in English, the kind last', () => {
  test('a forum with a cue, a venue and a date is an event of its kind; a convention centre is a venue, not an event', () => {
    const r = run('Menteri Keuangan Rina Kusuma berbicara dalam acara Nusantara Economic Outlook 2025 di Hotel Kencana, Jakarta Pusat, Rabu (18/6/2025).');
    expect(r.events.map((e) => [e.name, e.kind, e.startDate])).toEqual([['Nusantara Economic Outlook 2025', 'SEMINAR', '2025-06-18']]);
    expect(r.events[0].participants.map((p) => p.person)).toEqual(['Rina Kusuma']);
    const venue = run('Pameran mobil listrik digelar di Kencana Convention Center, Tangerang, Rabu (18/6/2025).');
    expect(venue.events.map((e) => e.name)).not.toContain('Kencana Convention');
    // The head word followed by another capitalised word names something else ("… Conference League").
    expect(run('Tim itu lolos ke babak final Sakura Conference League musim ini, Rabu (18/6/2025).').events).toEqual([]);
  });
});

describe('gatherings named inside a quotation', () => {
  test('a named and dated gathering a speaker reports is an event; talk of meetings in general is not', () => {
    const r = run('"Rapat Dewan Pengupahan Sumbara pada 12 dan 13 Juni 2025 memutuskan upah naik lima persen," kata Ketua Dewan Pengupahan Sumbara Lukas Tarigan, Jumat (13/6/2025).');
    expect(r.events.map((e) => [e.name, e.startDate, e.endDate])).toEqual([['Rapat Dewan Pengupahan Sumbara', '2025-06-12', '2025-06-13']]);
    expect(run('"Kami akan sering rapat dengan warga soal upah," kata Ketua Dewan Pengupahan Sumbara Lukas Tarigan, Jumat (13/6/2025).').events).toEqual([]);
  });
});
