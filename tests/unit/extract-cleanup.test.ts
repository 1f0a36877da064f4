/**
 * Text cleanup before extraction, with offsets mapped back to the original. Sentences invented for the test.
 */
import { createExtractor, WartaExtractor } from '../../src/ingest/extract';
import { cleanup, LIST_NUMBER_RE, LONG_CAP_WORD_RE, LOWER_UPPER_RE, toOriginal } from '../../src/ingest/extract/cleanup';
import { parseRecord } from '../../src/ingest/parse';

const known = (w: string) => ['Bogor', 'Gresik', 'Kementerian'].includes(w);

describe('glued words', () => {
  test('split after a known lower-case word, offsets map back to the original', () => {
    const raw = 'Kerja sama denganKomisi Informasi berjalan baik.';
    const c = cleanup(raw, known);
    expect(c.text).toBe('Kerja sama dengan Komisi Informasi berjalan baik.');
    const s = c.text.indexOf('Komisi'), e = s + 'Komisi Informasi'.length;
    const [os, oe] = toOriginal(c, s, e);
    expect(raw.slice(os, oe)).toBe('Komisi Informasi');
    const [ds, de] = toOriginal(c, 0, c.text.indexOf(' Komisi'));
    expect(raw.slice(ds, de)).toBe('Kerja sama dengan');
  });

  test('split after a known place, and a name that follows', () => {
    const raw = 'kata Wali Kota BogorRina Marlina di balai kota.';
    const c = cleanup(raw, known);
    expect(c.text).toBe('kata Wali Kota Bogor Rina Marlina di balai kota.');
    const s = c.text.indexOf('Rina');
    expect(raw.slice(...toOriginal(c, s, s + 'Rina Marlina'.length))).toBe('Rina Marlina');
  });

  test('split where both halves stand alone elsewhere in the text', () => {
    const c = cleanup('Kader Partai Sentosa menemui Lestari. Partai SentosaLestari Wulan hadir.');
    expect(c.text).toContain('Sentosa Lestari Wulan');
  });

  test.each(['McDonald', 'iPhone', 'DPRD-nya', 'KemenPAN', 'YouTube', 'WhatsApp', 'eKTP', 'detikNews', 'LaLiga'])('never splits %s', (w) => {
    const raw = `Ia membahas ${w} dengan warga.`;
    expect(cleanup(raw, known).text).toBe(raw);
  });

  test('a name glued to the verb after it', () => {
    const raw = 'Ketua panitia Rudi Hartono hadir. Rudi Hartonomengatakan acara berjalan lancar.';
    const c = cleanup(raw, known);
    expect(c.text).toBe('Ketua panitia Rudi Hartono hadir. Rudi Hartono mengatakan acara berjalan lancar.');
    const s = c.text.lastIndexOf('Rudi Hartono');
    expect(raw.slice(...toOriginal(c, s, s + 'Rudi Hartono'.length))).toBe('Rudi Hartono');
    expect(cleanup('Bupati Sari Wulandari tiba. Wulandarimemberikan bantuan.', known).text).toBe('Bupati Sari Wulandari tiba. Wulandari memberikan bantuan.');
    // A word that only looks like name + "yang" stays whole when the name part never stands alone.
    expect(cleanup('Pertunjukan Wayang semalam suntuk.', known).text).toBe('Pertunjukan Wayang semalam suntuk.');
    // A word the language writes whole is no name glued to a function word, even inside a run of capitals.
    expect(cleanup('Analis Kebijakan Ahli Madya Rina Wulandari hadir.', known).text).toBe('Analis Kebijakan Ahli Madya Rina Wulandari hadir.');
    expect(cleanup('Ketua Panitia Rudi Hartonoakan hadir.', known).text).toBe('Ketua Panitia Rudi Hartono akan hadir.');
  });

  test('a kinship or role noun glued to the name after it', () => {
    expect(cleanup('PengacaraBernardus Wibisana, Melati Sukma, hadir.', known).text).toBe('Pengacara Bernardus Wibisana, Melati Sukma, hadir.');
    expect(cleanup('Ia bertemu IbuRatna Kirana di pasar.', known).text).toBe('Ia bertemu Ibu Ratna Kirana di pasar.');
  });

  test('a prefixed verb the text also writes alone, glued after a name it does not', () => {
    expect(cleanup('Kapolda Irjen Bonar Situmeangmemimpin apel. Kapolres juga memimpin doa.', known).text)
      .toBe('Kapolda Irjen Bonar Situmeang memimpin apel. Kapolres juga memimpin doa.');
    // What the news says happened to a named person, glued after the name.
    expect(cleanup('Mantan pejabat Joko Santosadivonis enam tahun penjara.', known).text).toBe('Mantan pejabat Joko Santosa divonis enam tahun penjara.');
    // A function word glued to the last word of a capitalised run; a role noun glued before a name.
    expect(cleanup('Hakim menjatuhkan vonis kepada pengacaraBernardus Wibisanadalam sidang itu.', known).text)
      .toBe('Hakim menjatuhkan vonis kepada pengacara Bernardus Wibisana dalam sidang itu.');
    expect(cleanup('Penyanyi Dewi Ayusudah merilis lagu baru.', known).text).toBe('Penyanyi Dewi Ayu sudah merilis lagu baru.');
    // The cut never falls inside the verb's own prefix ("…mem" + "berikan").
    expect(cleanup('Pelatih Dodi Alonsomemberikan materi. Ia berikan contoh.', known).text).not.toContain('Alonsomem ');
  });

  test('item numbers glued to the item before', () => {
    expect(cleanup('Hasilnya: 1. Tenda 20 unit2. Selimut 300 lembar3. Beras 2 ton', known).text).toBe('Hasilnya: 1. Tenda 20 unit 2. Selimut 300 lembar 3. Beras 2 ton');
  });

  test('an unknown capitalised pair stays glued', () => {
    const raw = 'Produk SolarGrid dipamerkan.';
    expect(cleanup(raw, known).text).toBe(raw);
  });

  test('punctuation glued to the next word', () => {
    expect(cleanup('Komisi Pemberantasan Korupsi(KPK)menerima laporan.', known).text).toBe('Komisi Pemberantasan Korupsi (KPK) menerima laporan.');
  });
});

describe('spaces and mojibake', () => {
  test('NBSP and narrow spaces become plain spaces, same offsets', () => {
    const raw = 'Bupati\u00A0Gresik\u202Fmeninjau pasar.';
    const c = cleanup(raw, known);
    expect(c.text).toBe('Bupati Gresik meninjau pasar.');
    expect(toOriginal(c, 7, 13)).toEqual([7, 13]);
  });

  test('UTF-8 read as Latin-1 is decoded, spans map over the longer original', () => {
    const raw = 'â€œKami siap,â€\u009d kata RenÃ©.';
    const c = cleanup(raw, known);
    expect(c.text).toBe('“Kami siap,” kata René.');
    const s = c.text.indexOf('Kami'), e = c.text.indexOf(',');
    expect(raw.slice(...toOriginal(c, s, e))).toBe('Kami siap');
    const q = toOriginal(c, 0, c.text.indexOf(' kata'));
    expect(raw.slice(...q)).toBe('â€œKami siap,â€\u009d');
  });

  test('a closing quote whose last byte was lost, and a degree sign', () => {
    expect(cleanup('â€œAman,â€ katanya. Suhu 30Â°C.', known).text).toBe('“Aman,” katanya. Suhu 30°C.');
  });

  test('a word joiner read as Latin-1, its last byte a no-break space, becomes a space', () => {
    const raw = 'Direksi:\n1.\u00E2\u0081\u00A0 \u00E2\u0081\u00A0Rina Kusuma sebagai Direktur Utama';
    const c = cleanup(raw, known);
    expect(c.text).toBe('Direksi:\n1.   Rina Kusuma sebagai Direktur Utama');
    const s = c.text.indexOf('Rina');
    expect(raw.slice(...toOriginal(c, s, s + 11))).toBe('Rina Kusuma');
  });

  test('unchanged text has no map', () => {
    const c = cleanup('Tidak ada yang perlu dibersihkan.', known);
    expect(c.map).toBeNull();
  });
});

describe('the extractor on glued text', () => {
  let x: WartaExtractor;
  beforeAll(async () => { x = await createExtractor(); });

  test('a word of what happens next glued after a name ("Nama" + "resmi", "membuka") is split off where the name stands alone too', () => {
    const r = x.extract(parseRecord({ title: 'Uji', body: 'Bupati Klaten Sri Handayaniresmi membuka pameran. Menurut Handayani, pameran itu penting.', publishedAt: '2025-06-18' }, 't'));
    expect(r.persons.map((p) => p.name)).toEqual(['Sri Handayani']);
  });

  test('a title glued to a place still gives the person, with spans into the original body', () => {
    const body = '"Kami buka pendaftaran mulai besok pagi," ujarBupati GresikSiti Aminah Lestari di pendopo.\nWarga antusias.';
    const r = x.extract(parseRecord({ title: 'Uji', body, publishedAt: '2025-06-18' }, 't'));
    const p = r.persons.find((q) => q.name === 'Siti Aminah Lestari');
    expect(p).toBeDefined();
    for (const m of p!.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
    expect(r.quotes[0].speaker).toBe('Siti Aminah Lestari');
    expect(body.slice(r.quotes[0].start, r.quotes[0].end)).toBe(r.quotes[0].text);
    for (const i of r.institutions) for (const m of i.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
  });

  test('a scraped list of appointments: mis-read joiners, glued item numbers, each title with its own name', () => {
    const j = '\u00E2\u0081\u00A0';
    const body = `Rapat pemegang saham menetapkan susunan komisaris.\n1.${j} ${j}Rina Kusuma sebagai Komisaris Utama2.${j} ${j}Bagas Pranata sebagai Wakil Komisaris Utama3.${j} ${j}Teguh Santosa sebagai Komisaris`;
    const r = x.extract(parseRecord({ title: 'Uji', body, publishedAt: '2025-06-18' }, 't'));
    expect(r.persons.map((p) => [p.name, p.positions.map((q) => q.title)])).toEqual([
      ['Rina Kusuma', ['Komisaris Utama']], ['Bagas Pranata', ['Wakil Komisaris Utama']], ['Teguh Santosa', ['Komisaris']],
    ]);
    for (const p of r.persons) for (const m of p.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('glue patterns tried at their rarer character', () => {
  // The forms the patterns had, matching the lower-case letters first; invented strings and random ones.
  const LOWER_FIRST = /[a-zß-öø-ÿ](?=[A-ZÀ-ÖØ-Þ])/g;
  const LETTERS_FIRST = /[a-zß-öø-ÿ]{3}(?=\d{1,2}\.\s*[A-ZÀ-ÖØ-Þ])/g;
  const samples = ['Komisaris Utama2. Nama Lain, Direktur utama10.  Nama, unit3.Tenda, ab1. C, abc123. D, xyz12.\nÖmer, qrs7.ü',
    'denganKomisi BogorAni ÉlodieBerkata ÁmbarwatiKu iPhone aBC abCD ßÖ'];
  const alphabet = [...'abcxyzßéÿabcabc', 'A', 'B', 'É', 'Þ', '÷', '×', '1', '2', '.', '.', ' ', '\n', '\u00a0'];
  let seed = 11;
  const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  for (let k = 0; k < 2000; k++) samples.push(Array.from({ length: 40 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
  test('LOWER_UPPER_RE finds the capitals after the lower-case letters the old form found', () => {
    for (const s of samples) expect([...s.matchAll(LOWER_UPPER_RE)].map((m) => m.index)).toEqual([...s.matchAll(LOWER_FIRST)].map((m) => m.index! + 1));
  });
  test('LONG_CAP_WORD_RE finds what the form with the look-behind first found', () => {
    const LOOK_BEHIND_FIRST = /(?<![A-Za-zÀ-ÖØ-öø-ÿ\d])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{6,}(?![A-Za-zÀ-ÖØ-öø-ÿ\d])/g;
    let found = 0;
    for (const s of [...samples, 'Kata Hartonomengatakan, xHartonomengatakan 1Hartonomengatakan ÉHartonomengatakan Ámbarwati Ámbarwatiku9']) {
      const want = [...s.matchAll(LOOK_BEHIND_FIRST)].map((m) => [m.index, m[0]]);
      found += want.length;
      expect([...s.matchAll(LONG_CAP_WORD_RE)].map((m) => [m.index, m[0]])).toEqual(want);
    }
    expect(found).toBeGreaterThan(3);
  });
  test('LIST_NUMBER_RE finds the numbers after the letters the old form found', () => {
    let found = 0;
    for (const s of samples) {
      const want = [...s.matchAll(LETTERS_FIRST)].map((m) => m.index! + 3);
      found += want.length;
      expect([...s.matchAll(LIST_NUMBER_RE)].map((m) => m.index)).toEqual(want);
    }
    expect(found).toBeGreaterThan(3);
  });
});
