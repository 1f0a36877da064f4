/**
 * Positions: the title in its long form and the body the holder serves, on invented sentences (the project's own words).
 */
import { createExtractor, Extraction, WartaExtractor, XPosition } from '../../src/ingest/extract';
import { parseRecord } from '../../src/ingest/parse';

let x: WartaExtractor;
beforeAll(async () => { x = await createExtractor(); });

const run = (body: string): Extraction => x.extract(parseRecord({ title: 'Uji', body, publishedAt: '2025-10-22' }, 't'));
const positionsOf = (r: Extraction, name: string): Array<[string, string | null]> =>
  (r.persons.find((p) => p.name === name)?.positions ?? []).map((p: XPosition) => [p.title, p.institution]);

describe('company titles in English', () => {
  const held = (body: string) => run(body).persons.map((p) => [p.name, p.positions.map((q) => [q.title, q.institution])]);
  test('words of a field before a head, or "Head of" and the field, make a title whose holder serves the company after it', () => {
    expect(held('Hal itu disampaikan Sales & Service Department Head PT SJM Rina Kusuma di Jakarta.')).toEqual([['Rina Kusuma', [['Sales & Service Department Head', 'PT SJM']]]]);
    expect(held('Menurut Marketing Director PT Sinar Jaya Motor Rina Kusuma, penjualan naik.')).toEqual([['Rina Kusuma', [['Marketing Director', 'PT Sinar Jaya Motor']]]]);
    expect(held('Andi Wijaya selaku Head of Brand Department PT SJM menjelaskan hal itu.')).toEqual([['Andi Wijaya', [['Head of Brand Department', 'PT SJM']]]]);
  });

  test('a title after a connector is the next holder\'s; modifiers the language also writes stay in the title', () => {
    expect(held('Presiden Direktur PT Maju Jaya Andi Wijaya dan Head of Sales PT Maju Jaya Budi Santoso hadir.').find(([n]) => n === 'Budi Santoso'))
      .toEqual(['Budi Santoso', [['Head of Sales', 'PT Maju Jaya']]]);
    expect(held('Edi Jahja selaku Senior Security Consultant Fortisat menjelaskan risikonya.')).toEqual([['Edi Jahja', [['Senior Security Consultant', 'Fortisat']]]]);
  });

  test('with a name before a made title, the words after are its company, even when a word that opens sentences precedes the name', () => {
    expect(held('Menurut Budi Santoso, Marketing Director Maju Jaya, harga naik.').filter(([, ps]) => ps.length)).toEqual([['Budi Santoso', [['Marketing Director', 'Maju Jaya']]]]);
  });

  test('a name before the title takes it and the words after are the company; a verb opening the sentence is neither', () => {
    expect(held('Dijelaskan Dewi Lestari, Finance Director Nusa Servis Ban Mandiri juga mengatakan harga naik.'))
      .toEqual([['Dewi Lestari', [['Finance Director', 'Nusa Servis Ban Mandiri']]]]);
  });
});

describe("a body's short name between a title and a name", () => {
  const firm = 'Nusatel menambah jaringan di desa. Direktur Utama Nusatel Rina Wulandari Kusuma mengatakan rencana itu matang. '
    + 'Menurut dia, direksi Nusatel bekerja cepat. "Kami siap," kata Rina. Wakil Direktur Utama Nusatel Bagus Pranoto Aji menambahkan bahwa Nusatel siap.';
  test('a word the article writes alone three times, never as a person, before a name whose later word stands alone too, is the body', () => {
    const r = run(firm);
    const held = r.persons.map((p) => [p.name, p.positions.map((q) => [q.title, q.institution])]);
    expect(held).toEqual([['Rina Wulandari Kusuma', [['Direktur Utama', 'Nusatel']]], ['Bagus Pranoto Aji', [['Wakil Direktur Utama', 'Nusatel']]]]);
  });

  test('a short form the article defines for a body, between a title and a name, is the body', () => {
    const r = run('PT Sinar Rejeki Tekstil Tbk (Sintex) menunda pembayaran. Direktur Utama Sintex Bagus Pranoto Aji menjelaskan rencana itu.');
    expect(r.persons.map((p) => p.name)).toEqual(['Bagus Pranoto Aji']);
  });

  test("an acronym after a company title is the body the article defined it for, under that body's recorded name", () => {
    const r = run('PT Kereta Api Nusantara Tbk (KAN) mencatat laba naik. Direktur Utama KAN Budi Santoso mengatakan penumpang bertambah.');
    expect(r.persons.map((p) => [p.name, p.positions.map((q) => q.institution)])).toEqual([['Budi Santoso', ['PT Kereta Api Nusantara Tbk']]]);
    expect(r.institutions.map((i) => i.name)).toEqual(['PT Kereta Api Nusantara Tbk']);
  });

  test('a word written alone only twice, or never after a common noun, stays the first name', () => {
    expect(run('Direktur Utama Nusatel Rina Wulandari Kusuma hadir. Nusatel menambah jaringan. "Siap," kata Rina. Nusatel tumbuh.').persons.map((p) => p.name)).toEqual(['Nusatel Rina Wulandari Kusuma']);
    expect(run('Direktur Utama Nusatel Rina Wulandari Kusuma hadir. Nusatel menambah jaringan. "Siap," kata Rina. Nusatel tumbuh. Nusatel untung.').persons.map((p) => p.name)).toEqual(['Nusatel Rina Wulandari Kusuma']);
  });

  test('a first name the article uses after an office or a speech tag, or with no later name alone, stays the name', () => {
    const judge = run('Ketua Majelis Hakim Arya Putra Wiguna membacakan putusan. Arya menolak eksepsi. Arya menunda sidang. Arya menutup sidang. "Cukup," ujar hakim Arya. Putra lalu keluar.');
    expect(judge.persons.map((p) => p.name)).toEqual(['Arya Putra Wiguna']);
    const deputy = run('Wakil Presiden Damar Satria Wibowo berziarah ke makam. Damar berdoa. Damar menabur bunga. Damar lalu pulang.');
    expect(deputy.persons.map((p) => p.name)).toEqual(['Damar Satria Wibowo']);
  });
});

describe('foreign heads of government', () => {
  const held = (body: string) => run(body).persons.map((p) => [p.name, p.positions.map((q) => [q.title, q.institution])]);
  test('"Pemimpin Tertinggi", "Perdana Menteri" and "Kanselir" serve the country named with them; "Ayatollah" is an honorific', () => {
    expect(held('Pemimpin Tertinggi Iran Ayatollah Hasan Karimi berpidato. Perdana Menteri Malaysia Rahman Yusof menerima tamu. Kanselir Jerman Klaus Becker hadir.')).toEqual([
      ['Hasan Karimi', [['Pemimpin Tertinggi', 'Pemerintah Iran']]], ['Rahman Yusof', [['Perdana Menteri', 'Pemerintah Malaysia']]],
      ['Klaus Becker', [['Kanselir', 'Pemerintah Jerman']]]]);
  });

  test('a country glued to the name after it is split off; an honorific opens the name, the words before it are not the name', () => {
    expect(held('Dalam pertemuan itu KanselirJermanKlaus Becker menyatakan dukungan.')).toEqual([['Klaus Becker', [['Kanselir', 'Pemerintah Jerman']]]]);
    expect(run('Mereka mengancam pemimpin tertinggi Teheran Ayatollah Hasan Karimi.').persons.map((p) => p.name)).toEqual(['Hasan Karimi']);
  });

  test('a name closing one line is no appositive of a title opening the next after a dash', () => {
    expect(held('Surat itu dikirim Rudi Hartono Wibowo.\n- Gubernur Jawa Tengah: pertemuan ditunda')).toEqual([]);
  });
});

describe('heads of state and ministers', () => {
  test('a relative named after the holder\'s title holds no office; a name right after the title is the holder\'s', () => {
    const who = (r: Extraction) => r.persons.map((p) => [p.name, p.positions.map((q) => q.title)]);
    expect(who(run('Acara itu dihadiri putra sulung Presiden, Galih Santosa Wiryawan.'))).toEqual([['Galih Santosa Wiryawan', []]]);
    expect(who(run('Acara itu dihadiri putra sulung Presiden Joko Susanto, Galih Wiryawan, dan istri Gubernur Jawa Tengah Ahmad Sulaiman, Nawal Sari.')))
      .toEqual([['Joko Susanto', ['Presiden']], ['Galih Wiryawan', []], ['Ahmad Sulaiman', ['Gubernur']], ['Nawal Sari', []]]);
  });

  test('Presiden alone is the national government', () => {
    const r = run('Presiden Hadi Wirawan meresmikan bendungan baru di Kabupaten Bone.');
    expect(positionsOf(r, 'Hadi Wirawan')).toEqual([['Presiden', 'Pemerintah Republik Indonesia']]);
  });

  test('Presiden RI after a comma is the national government too', () => {
    const r = run('Harapan Presiden RI, Hadi Wirawan adalah desa yang mandiri.');
    expect(positionsOf(r, 'Hadi Wirawan')).toEqual([['Presiden', 'Pemerintah Republik Indonesia']]);
  });

  test('an ordinal after Presiden and a rank with a full stop before a name', () => {
    const r = run('Acara itu dihadiri Presiden ke-9 Hadi Wirawan dan Kapolri Jenderal Pol. Arman Siregar.');
    expect(positionsOf(r, 'Hadi Wirawan')).toEqual([['Presiden', 'Pemerintah Republik Indonesia']]);
    expect(positionsOf(r, 'Arman Siregar')).toEqual([['Kepala Kepolisian Negara Republik Indonesia', 'Kepolisian Negara Republik Indonesia']]);
  });

  test('a title after the comma starts the next person', () => {
    const r = run('Hadir Direktur Utama PT Sinar Abadi Rudi Hartono, Komisaris PT Sinar Abadi Dewi Anggraini.');
    expect(positionsOf(r, 'Rudi Hartono')).toEqual([['Direktur Utama', 'PT Sinar Abadi']]);
    expect(positionsOf(r, 'Dewi Anggraini')).toEqual([['Komisaris', 'PT Sinar Abadi']]);
  });

  test('a foreign president serves his own country', () => {
    const r = run('Presiden Prancis Louis Martin menyambut delegasi itu.');
    expect(positionsOf(r, 'Louis Martin')).toEqual([['Presiden', 'Pemerintah Prancis']]);
  });

  test('a foreign president named later without his country keeps his own government', () => {
    const r = run('Presiden Prancis Louis Martin tiba pagi. Presiden Louis Martin lalu menemui wartawan.');
    expect(positionsOf(r, 'Louis Martin')).toEqual([['Presiden', 'Pemerintah Prancis']]);
  });

  test('Menteri X takes Kementerian X, even for a ministry written out in the text', () => {
    const r = run('Menteri Transmigrasi Rudi Hartanto membuka pameran hasil panen.');
    expect(positionsOf(r, 'Rudi Hartanto')).toEqual([['Menteri Transmigrasi', 'Kementerian Transmigrasi']]);
  });

  test('a minister named by the ministry acronym ("Menteri PKP") gets the long title', () => {
    const r = run('Menteri PKP Joko Prasetyo meninjau rumah susun.');
    expect(positionsOf(r, 'Joko Prasetyo')).toEqual([['Menteri Perumahan dan Kawasan Permukiman', 'Kementerian Perumahan dan Kawasan Permukiman']]);
  });

  test('a short title built from a Kemen… acronym ("Wamendes PDT")', () => {
    const r = run('Wamendes PDT, Sari Wulandari menyampaikan target tahun ini.');
    expect(positionsOf(r, 'Sari Wulandari')).toEqual([['Wakil Menteri Desa dan Pembangunan Daerah Tertinggal', 'Kementerian Desa dan Pembangunan Daerah Tertinggal']]);
  });

  test('a ministry spelt one letter off is still found', () => {
    const r = run('Menteri Imigrasi dan Pemasyaraktan Bayu Saputra meninjau lapas.');
    expect(positionsOf(r, 'Bayu Saputra')).toEqual([['Menteri Imigrasi dan Pemasyarakatan', 'Kementerian Imigrasi dan Pemasyarakatan']]);
  });

  test('a coordinating minister unknown to the gazetteer gets Kementerian Koordinator Bidang X', () => {
    const r = run('Menko Kelautan Rahmat Hidayat membuka forum nelayan.');
    expect(positionsOf(r, 'Rahmat Hidayat')).toEqual([['Menteri Koordinator Bidang Kelautan', 'Kementerian Koordinator Bidang Kelautan']]);
  });

  test('a later bare "Menteri Nama" adds no second position', () => {
    const r = run('Menteri Sosial Wahyu Pratama datang pagi. Menteri Wahyu lalu menyapa warga.');
    expect(positionsOf(r, 'Wahyu Pratama')).toEqual([['Menteri Sosial', 'Kementerian Sosial']]);
  });
});

describe('seats: police, prosecutors, navy', () => {
  test('Kapolda + province is the Kepolisian Daerah', () => {
    const r = run('Kapolda Jambi Irjen Pol Arif Setiawan meninjau pos pengamanan.');
    expect(positionsOf(r, 'Arif Setiawan')).toEqual([['Kepala Kepolisian Daerah', 'Kepolisian Daerah Jambi']]);
  });

  test('Kapolresta is expanded and serves the Kepolisian Resor Kota', () => {
    const r = run('Kapolresta Malang Kombes Budi Hartono memimpin apel pagi.');
    expect(positionsOf(r, 'Budi Hartono')).toEqual([['Kepala Kepolisian Resor Kota', 'Kepolisian Resor Kota Malang']]);
  });

  test('Kajati + province is the Kejaksaan Tinggi', () => {
    const r = run('Kajati Bali Ketut Sudarma menerima laporan itu.');
    expect(positionsOf(r, 'Ketut Sudarma')).toEqual([['Kepala Kejaksaan Tinggi', 'Kejaksaan Tinggi Bali']]);
  });

  test('Danlanal with a navy rank and its corps', () => {
    const r = run('Hadir pula Danlanal Cilacap Kolonel Laut (P) Andi Prakoso di dermaga.');
    expect(positionsOf(r, 'Andi Prakoso')).toEqual([['Komandan Pangkalan TNI Angkatan Laut', 'Pangkalan TNI Angkatan Laut Cilacap']]);
  });

  test('village and district heads serve their village or district', () => {
    const r = run('Camat Cibeber Asep Mulyana dan Lurah Sukamaju, Dedi Kurnia menyambut rombongan.');
    expect(positionsOf(r, 'Asep Mulyana')).toEqual([['Camat', 'Kecamatan Cibeber']]);
    expect(positionsOf(r, 'Dedi Kurnia')).toEqual([['Lurah', 'Kelurahan Sukamaju']]);
  });

  test('a Kapolda named once with the province and later without it keeps one position', () => {
    const r = run('Kapolda Jambi Irjen Arif Setiawan tiba. Dalam sambutannya, Kapolda Arif Setiawan berpesan agar warga tenang.');
    expect(positionsOf(r, 'Arif Setiawan')).toEqual([['Kepala Kepolisian Daerah', 'Kepolisian Daerah Jambi']]);
  });

  test('a rank written before a name is no position', () => {
    const r = run('Kapolda Jambi Irjen Arif Setiawan tiba. Sore harinya Irjen Arif Setiawan menanam pohon.');
    expect(positionsOf(r, 'Arif Setiawan')).toEqual([['Kepala Kepolisian Daerah', 'Kepolisian Daerah Jambi']]);
  });
});

describe('acronyms the text defines', () => {
  test('a body defined as "Long Name (ACR)" is the institution of "Kepala ACR"', () => {
    const r = run('Badan Riset Pesisir Daerah (BRPD) menggelar lokakarya. Kepala BRPD Lina Marlina membuka acara itu.');
    expect(positionsOf(r, 'Lina Marlina')).toEqual([['Kepala Badan Riset Pesisir Daerah', 'Badan Riset Pesisir Daerah']]);
  });

  test('a ministry defined with a Kemen… acronym gives its minister\'s short titles', () => {
    const r = run('Kementerian Urusan Pesisir (Kemenpesisir) meluncurkan program baru. Wamenpesisir Laila Ramadhani mengatakan program itu dimulai bulan depan.');
    expect(positionsOf(r, 'Laila Ramadhani')).toEqual([['Wakil Menteri Urusan Pesisir', 'Kementerian Urusan Pesisir']]);
  });

  test('a regional office defined with its region after the acronym', () => {
    const r = run('Dinas Pariwisata (Dispar) Jawa Barat menggelar pelatihan. Kepala Bidang Pemasaran Rina Kartika hadir.');
    expect(r.institutions.map((i) => i.name)).toContain('Dinas Pariwisata Provinsi Jawa Barat');
    expect(positionsOf(r, 'Rina Kartika')).toEqual([['Kepala Bidang Pemasaran', 'Dinas Pariwisata Provinsi Jawa Barat']]);
  });
});

describe('several titles of one person', () => {
  test('a slash joins two offices: two positions', () => {
    const r = run('Acara dibuka Menteri ATR/Kepala BPN Gilang Ramadhan di aula.');
    expect(positionsOf(r, 'Gilang Ramadhan')).toEqual([
      ['Menteri Agraria dan Tata Ruang', 'Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional'],
      ['Kepala Badan Pertanahan Nasional', 'Badan Pertanahan Nasional'],
    ]);
  });

  test('"Wakil Ketua I dan Ketua Komisi …": both offices go to the one name', () => {
    const r = run('Rapat dipimpin Wakil Ketua I dan Ketua Komisi C DPRD Sleman Yudi Prasetyo.');
    const titles = positionsOf(r, 'Yudi Prasetyo').map((p) => p[0]);
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(/^Wakil Ketua I/);
  });

  test('"Bupati X dan Wali Kota Y Nama" stays two people, the first unnamed', () => {
    const r = run('Hadir Bupati Sleman dan Wali Kota Magelang Dodi Kurniawan.');
    expect(positionsOf(r, 'Dodi Kurniawan')).toEqual([['Wali Kota', 'Pemerintah Kota Magelang']]);
  });
});

describe('titles pointed back at', () => {
  test('"Ketua Fraksi X DPRD Y ini" is held by the person named before; a commission takes the one legislature', () => {
    const r = run('Anggota DPRD Klaten Rina Kusuma menggelar reses. Ketua Fraksi Partai Hijau DPRD Klaten ini menyapa warga. Sekretaris Komisi II ini berjanji membawa usulan itu.');
    expect(positionsOf(r, 'Rina Kusuma')).toEqual([
      ['Anggota DPRD', 'Dewan Perwakilan Rakyat Daerah Kabupaten Klaten'],
      ['Ketua Fraksi Partai Hijau', 'Dewan Perwakilan Rakyat Daerah Kabupaten Klaten'],
      ['Sekretaris Komisi II', 'Dewan Perwakilan Rakyat Daerah Kabupaten Klaten'],
    ]);
  });

  test('"Presiden tersebut" is not the last person named', () => {
    const r = run('Menteri Sosial Wahyu Pratama hadir. Ia menyampaikan salam Presiden tersebut kepada warga.');
    expect(positionsOf(r, 'Wahyu Pratama')).toEqual([['Menteri Sosial', 'Kementerian Sosial']]);
  });
});

describe('a bare head keeps the type of body', () => {
  test('"Ketua Komisi Pemberantasan Korupsi" stays whole', () => {
    const r = run('Ketua Komisi Pemberantasan Korupsi (KPK) Hendra Wijaya menandatangani nota itu.');
    expect(positionsOf(r, 'Hendra Wijaya')).toEqual([['Ketua Komisi Pemberantasan Korupsi', 'Komisi Pemberantasan Korupsi']]);
  });

  test('the head of a regional office serves the regional government', () => {
    const r = run('Kadis Kominfo Jateng, Ratna Sari membuka pelatihan.');
    expect(positionsOf(r, 'Ratna Sari')).toEqual([['Kepala Dinas Komunikasi dan Informatika', 'Pemerintah Provinsi Jawa Tengah']]);
  });

  test('a Dirjen without a ministry takes the one ministry of the article', () => {
    const r = run('Kementerian Perdagangan menggelar pasar murah. Dirjen Perdagangan Dalam Negeri Fajar Nugroho hadir.');
    expect(positionsOf(r, 'Fajar Nugroho')).toEqual([['Direktur Jenderal Perdagangan Dalam Negeri', 'Kementerian Perdagangan']]);
  });

  test('a regulation named after an office is no position', () => {
    const r = run('Aturan itu merujuk Peraturan Presiden Nomor 12 Tahun 2024 yang disusun tim Budi Santoso.');
    expect(r.persons.flatMap((p) => p.positions)).toEqual([]);
  });
});
