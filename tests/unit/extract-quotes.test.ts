/**
 * Quotes stage: speakers by discourse. Every article here is invented for the test (the project's own words).
 */
import { createExtractor, Extraction, WartaExtractor } from '../../src/ingest/extract';
import { isNickname } from '../../src/ingest/extract/quotes';
import { parseRecord } from '../../src/ingest/parse';

let x: WartaExtractor;
beforeAll(async () => { x = await createExtractor(); });

const body = (...paras: string[]) => paras.join('\n');
const run = (b: string): Extraction => x.extract(parseRecord({ title: 'Uji', body: b, publishedAt: '2025-06-18' }, 't'));
const speakers = (r: Extraction) => r.quotes.map((q) => [q.speaker, q.text.split(' ').slice(0, 3).join(' ')]);

describe('speakers', () => {
  test('a short curly pair inside a quotation is a marked term, not its end', () => {
    const r = x.extract(parseRecord({ title: 'Uji', body: '“Setiap pemimpin harus punya “cara pandang helikopter” dalam menyusun kebijakan,” kata Kepala Dinas Pendidikan Klaten Rina Wati.', publishedAt: '2025-06-18' }, 't'));
    expect(r.quotes.map((q) => [q.text, q.speaker])).toEqual([['Setiap pemimpin harus punya “cara pandang helikopter” dalam menyusun kebijakan', 'Rina Wati']]);
  });

  test('a short name after the tag is the person named in full earlier', () => {
    const b = body(
      'Bupati Lamongan Rina Astuti Wibowo meninjau bendungan baru di Desa Sumberagung, Senin (16/6/2025).',
      'Kepala Dinas Pekerjaan Umum Lamongan Dedi Kurniawan mendampingi kunjungan itu.',
      '"Bendungan ini kami siapkan untuk musim kemarau panjang," kata Rina di lokasi.',
      '"Pintu airnya sudah diuji dua kali pekan lalu," ujar Dedi.',
    );
    expect(speakers(run(b))).toEqual([['Rina Astuti Wibowo', 'Bendungan ini kami'], ['Dedi Kurniawan', 'Pintu airnya sudah']]);
  });

  test('a one-word name after the tag is that person, not the first person of the paragraph before', () => {
    const b = body(
      'Bupati Gresik Siti Aminah Lestari meninjau pasar bersama Sekda Gresik Sutrisno.',
      '"Pedagang lama akan dapat kios di lantai dasar," kata Sutrisno.',
    );
    expect(speakers(run(b))).toEqual([['Sutrisno', 'Pedagang lama akan']]);
  });

  test('new tag verbs, with and without -nya', () => {
    const b = body(
      'Wakil Gubernur Jawa Timur Bagus Pranoto membuka pameran kerajinan di Surabaya.',
      '"Perajin kecil harus mendapat tempat di pasar ekspor," tegas Bagus.',
      '"Kami akan membuka tiga gerai baru tahun depan," imbuhnya.',
      '"Jangan lupa belanja produk tetangga sendiri," pesan Bagus menutup acara.',
    );
    const r = run(b);
    expect(r.quotes).toHaveLength(3);
    expect(r.quotes.every((q) => q.speaker === 'Bagus Pranoto')).toBe(true);
  });

  test('-nya is the running speaker, not the first person of the paragraph', () => {
    const b = body(
      'Ketua DPRD Bone Andi Rahmat Saleh mengaku telah berbicara dengan Gubernur Sulawesi Selatan Hendra Wijaya soal anggaran irigasi.',
      '"Anggaran irigasi tahun ini naik dan kami kawal sampai ke desa," kata Andi Rahmat Saleh.',
      'Dia juga menyinggung janji Gubernur Sulawesi Selatan Hendra Wijaya soal bendungan baru.',
      '"Kami juga minta laporan setiap bulan dari dinas terkait," sambungnya.',
    );
    expect(speakers(run(b))).toEqual([['Andi Rahmat Saleh', 'Anggaran irigasi tahun'], ['Andi Rahmat Saleh', 'Kami juga minta']]);
  });

  test('-nya after a narrative paragraph is that paragraph\'s subject, not a person named as its object', () => {
    const b = body(
      'Wali Kota Sukabumi Arif Setiawan menyerahkan bantuan kepada Menteri Sosial Tri Handayani di balai kota.',
      '"Bantuan ini kami salurkan lewat kelurahan agar cepat sampai," ujarnya.',
    );
    expect(speakers(run(b))).toEqual([['Arif Setiawan', 'Bantuan ini kami']]);
  });

  test('curly quotes and an untagged paragraph that continues the speaker', () => {
    const b = body(
      'Kapolres Kampar AKBP Rudi Hartawan memimpin apel pasukan pengamanan hari raya.',
      '“Semua personel wajib siaga di titik rawan macet sampai akhir pekan,” tutur Rudi.',
      '“Pos pengamanan kami buka dua puluh empat jam penuh di jalur mudik.”',
    );
    expect(speakers(run(b))).toEqual([['Rudi Hartawan', 'Semua personel wajib'], ['Rudi Hartawan', 'Pos pengamanan kami']]);
  });

  test('a nickname declared in brackets, and "Pak X"', () => {
    const b = body(
      'Kepala Bulog Wisnu Adi menyambut Menteri Pertanian, Surya Darma Putra (SDP), di gudang beras Cirebon.',
      '"Stok beras aman sampai akhir tahun," kata SDP.',
      '"Distribusi ke pasar kami percepat minggu ini," ucap Pak Wisnu.',
    );
    expect(speakers(run(b))).toEqual([['Surya Darma Putra', 'Stok beras aman'], ['Wisnu Adi', 'Distribusi ke pasar']]);
  });

  test('a single untitled name after the tag is a speaker', () => {
    const b = body(
      'Pedagang di pasar induk mengeluhkan harga cabai yang naik tajam sejak awal bulan.',
      '"Modal saya habis untuk kulakan cabai saja," keluh Wartini (45), pedagang sayur.',
    );
    const r = run(b);
    expect(speakers(r)).toEqual([['Wartini', 'Modal saya habis']]);
    expect(r.persons.map((p) => p.name)).toContain('Wartini');
  });

  test('a one-word subject nobody titled is the full name written once, and "-nya" follows it', () => {
    const b = body(
      'Reses anggota dewan dari Partai Maju Sejahtera Lestiana Putri digelar di dua desa pekan ini.',
      'Sesudah berkeliling kampung, Lestiana mengaku senang bertemu warga lagi.',
      '"Saya akan bawa usulan jalan desa ini ke rapat anggaran," ungkapnya.',
    );
    expect(speakers(run(b))).toEqual([['Lestiana Putri', 'Saya akan bawa']]);
  });

  test('a company speaking does not take over the running speaker', () => {
    const b = body(
      'Menteri Pertanian, Surya Darma Putra, meninjau gudang beras di Cirebon.',
      'Menurut Surya, stok aman. Bulog berharap harga tetap stabil sampai akhir tahun.',
      '"Kami pantau harga setiap hari di semua pasar induk," pungkasnya.',
    );
    expect(speakers(run(b))).toEqual([['Surya Darma Putra', 'Kami pantau harga']]);
  });

  test('"ujar hakim" is the one person whose office has that word; with two such people, nobody', () => {
    const one = body(
      'Ketua Majelis Hakim Pengadilan Negeri Klaten Dewi Anggraini membacakan putusan perkara korupsi.',
      'Terdakwa Budi Santoso tertunduk.',
      '"Terdakwa terbukti bersalah menerima suap dari rekanan," ujar hakim.',
    );
    expect(speakers(run(one))).toEqual([['Dewi Anggraini', 'Terdakwa terbukti bersalah']]);
    const two = body(
      'Ketua Majelis Hakim Dewi Anggraini dan Hakim Anggota Rudi Hartono memimpin sidang.',
      'Terdakwa Budi Santoso tertunduk.',
      '"Terdakwa terbukti bersalah menerima suap dari rekanan," ujar hakim.',
    );
    expect(speakers(run(two))).toEqual([[null, 'Terdakwa terbukti bersalah']]);
    // Every word of the description must be in the office: "kepala sekolah" is not the head of an office.
    const school = body(
      'Kepala Dinas Pendidikan Klaten Budi Santoso meninjau sekolah itu.',
      'Guru Sri Wahyuni mengeluh. "Kami kekurangan kelas," kata Sri.',
      '"Atap bocor sejak lama," kata kepala sekolah.',
    );
    expect(speakers(run(school))[1]).toEqual([null, 'Atap bocor sejak']);
  });

  test('a name before the quote with a speech verb', () => {
    const b = 'Bupati Gresik Siti Aminah Lestari mengatakan, "Warga yang belum terdata bisa datang ke kantor kecamatan."';
    expect(speakers(run(b))).toEqual([['Siti Aminah Lestari', 'Warga yang belum']]);
  });
});

describe('what is not a quote', () => {
  test('programme titles and scare-quoted terms inside a sentence', () => {
    const b = body(
      'Pemerintah Kota Madiun menggelar lomba bertajuk "Madiun Bersih Lestari Jaya" pada akhir pekan.',
      'Warga menyebut lomba itu "pesta kampung tahunan" karena selalu ramai.',
    );
    expect(run(b).quotes).toEqual([]);
  });

  test('an unknown acronym after the tag is no guess at the running subject', () => {
    const b = body(
      'Bupati Gresik Siti Aminah Lestari meninjau tanggul sungai.',
      '"Curah hujan masih tinggi sampai akhir bulan ini," kata BMKG dalam rilisnya.',
    );
    expect(speakers(run(b))).toEqual([[null, 'Curah hujan masih']]);
  });

  test('video teasers', () => {
    const b = body(
      'Bupati Lamongan Rina Astuti Wibowo meninjau bendungan baru. Simak juga video "Banjir Rob Rendam Jalan Pantura Selama Tiga Hari" di kanal kami.',
      'Pembangunan bendungan dimulai tahun lalu.',
    );
    expect(run(b).quotes).toEqual([]);
  });

  test('quote offsets point into the body', () => {
    const b = body('Wakil Gubernur Jawa Timur Bagus Pranoto membuka pameran.', '“Perajin kecil harus mendapat tempat di pasar,” kata Bagus.');
    const r = run(b);
    for (const q of r.quotes) expect(b.slice(q.start, q.end)).toBe(q.text);
  });
});

describe('nicknames by shortening', () => {
  test.each([
    ['Ana', 'Hana Lestari', false],
    ['Ara', 'Budi Samarada', true],
    ['Zulhas', 'Zulkarnain Hasibuan', true],
    ['Ariza', 'Ahmad Rizal Fauzi', true],
    ['Sari', 'Dewi Purnamasari', false],
    ['Budi', 'Budi Santoso', false],
  ])('%s of %s: %s', (w, n, ok) => { expect(isNickname(w, n)).toBe(ok); });
});
