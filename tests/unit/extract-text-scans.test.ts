/**
 * The faster scans of the extractor's text helpers against the patterns they stand for. Sentences invented for the test.
 */
import * as E from '../../src/ingest/extract/entities';
import { LeadPattern, leadsOf, PhraseMatcher, wordKey, wordRunsOf } from '../../src/ingest/extract/text';

const TEXTS = [
  'Pemkab Sukamaju dan Pemkot Tegalsari bersama DPRD Kota Sukamaju serta Satpol PP menggelar rapat di Balai Kota Sukamaju.',
  'Kata Budi, warga Desa Sukamaju, "kami senang." ujar Rina Putri. Terdakwa Rudi Hartono dan eks pejabat Dinas X Joko hadir.',
  '2Pemkab Sukamaju, éPemkot Tegalsari, _kata Budi, xkata Budi, Kodim 1234/Sukamaju, Korem 099 dan Kodim 1234 serta Alun-alun Kidul.',
  'Pulau Seram Timur, Gunung Merapi Erupsi, Kecamatan Cibadak dan Kelurahan Sukamaju Baru di Stadion Maguwoharjo Sleman.',
  'Pengadilan Negeri Sukamaju dan Kejaksaan Tinggi Tegalsari, Majelis Pengadilan Tinggi, PT Sinar Abadi dan PT Kurnia Jaya.',
];

describe('LeadPattern', () => {
  const cases: Array<[RegExp, string[]]> = [
    [/(?<![\p{L}])(Pemkab|Pemkot|DPRD Kota|DPRD|Satpol PP|Balai Kota|Alun-alun)\s+(\p{Lu}\p{L}*)/gu, leadsOf(['Pemkab', 'Pemkot', 'DPRD Kota', 'DPRD', 'Satpol PP', 'Balai Kota', 'Alun-alun'])],
    [/\b(?:kata|ujar|[tT]erdakwa|[pP]ejabat)\s+(?=\p{Lu})/gu, ['kata', 'ujar', 'terdakwa', 'Terdakwa', 'pejabat', 'Pejabat']],
    [/(?<![\p{L}\d])(Kodim|Korem)\s+(\d{2,4})(?:\s*\/\s*(\p{Lu}\p{L}+))?(?![\p{L}\d])/gu, ['Kodim', 'Korem']],
    [/(?<![\p{L}])((?:Pulau|Gunung|Kecamatan|Kelurahan|Stadion|Pengadilan(?: Negeri| Tinggi)?|Kejaksaan(?: Tinggi)?|Majelis|PT)(?:\s+\p{Lu}\p{L}*){1,3})/gu,
      ['Pulau', 'Gunung', 'Kecamatan', 'Kelurahan', 'Stadion', 'Pengadilan', 'Kejaksaan', 'Majelis', 'PT']],
  ];
  test('all() gives what matchAll gives', () => {
    for (const [re, leads] of cases) {
      const p = new LeadPattern(re, leads);
      for (const t of TEXTS) {
        const want = [...t.matchAll(re)].map((m) => [m.index, ...m]);
        expect(p.all(t).map((m) => [m.index, ...m])).toEqual(want);
      }
    }
  });
  test('exec(text, from) gives what exec from lastIndex gives', () => {
    const [re, leads] = cases[3];
    const p = new LeadPattern(re, leads);
    for (const t of TEXTS) {
      for (let from = 0; from <= t.length; from += 3) {
        re.lastIndex = from;
        const want = re.exec(t);
        const got = p.exec(t, from);
        expect(got && [got.index, ...got]).toEqual(want && [want.index, ...want]);
      }
    }
  });
  test('a lead that is no run of ASCII letters is refused', () => {
    expect(() => new LeadPattern(/(?<![\p{L}])(Alun-alun)/gu, ['Alun-alun'])).toThrow();
    expect(() => new LeadPattern(/kata/giu, ['kata'])).toThrow();
  });
});

describe('PhraseMatcher', () => {
  test('finds what the alternation with word edges finds', () => {
    const phrases = ['Sukamaju', 'Sukamaju Baru', 'Kota Sukamaju', 'Tegalsari', 'Balai Kota'];
    const re = new RegExp(`(?<![\\p{L}\\d])(${[...phrases].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\d])`, 'gu');
    const m = new PhraseMatcher(phrases);
    for (const t of TEXTS) expect(m.matches(t).map((h) => [h.start, h.phrase])).toEqual([...t.matchAll(re)].map((x) => [x.index, x[1]]));
  });
  test('word runs carry the keys of their words', () => {
    for (const t of TEXTS) {
      const r = wordRunsOf(t);
      for (let k = 0; k < r.count; k++) expect(r.keys[k]).toBe(wordKey(t, r.starts[k], r.ends[k]));
    }
  });
});

describe('entity patterns tried where they can start', () => {
  const texts = [
    ...TEXTS,
    'Badan Penanggulangan Bencana Daerah (BPBD) dan Dinas Kesehatan (Dinkes) serta 3 Komisi Pemilihan (KPU Pusat) hadir. Rumah Sakit Umum (RSU),(X) (Ab)',
    'Pemerintah Kabupaten Sukamaju (Pemkab) bersama Sinar Abadi dan Kurnia Jaya (SAKJ) menggelar rapat.\nRina Putri Lestari mengatakan hal itu.',
    'Sekretaris Daerah, Budi Santoso menjelaskan bahwa warga. Rina Putri  juga menyampaikan terima kasih.\n\nJoko Widodo Santoso menegaskan hal itu',
  ];
  test('acronymDefinitions gives what matchAll of ACRONYM_DEF_RE gives', () => {
    let found = 0;
    for (const t of texts) {
      const want = [...t.matchAll(new RegExp(E.ACRONYM_DEF_RE.source, 'gu'))].map((m) => ({ index: m.index, long: m[1], acr: m[2] }));
      found += want.length;
      expect(E.acronymDefinitions(t)).toEqual(want);
    }
    expect(found).toBeGreaterThan(4);
  });
  test('namesBeforeSpeechVerbs gives the starts of the matches of NAME_THEN_VERB_RE', () => {
    let found = 0;
    for (const t of texts) {
      const want = [...t.matchAll(new RegExp(E.NAME_THEN_VERB_RE.source, 'gu'))].map((m) => m.index);
      found += want.length;
      expect(E.namesBeforeSpeechVerbs(t)).toEqual(want);
    }
    expect(found).toBeGreaterThan(2);
  });
});
