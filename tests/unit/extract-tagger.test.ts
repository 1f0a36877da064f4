/**
 * The statistical tagger (src/ingest/extract/tagger) and the person candidates built on it (candidates.ts).
 * Every sentence here is invented for the test.
 */
import { createExtractor } from '../../src/ingest/extract';
import { parseRecord } from '../../src/ingest/parse';
import { CandidateGuards, personCandidates } from '../../src/ingest/extract/candidates';
import { Entity, shippedTagger, tagText } from '../../src/ingest/extract/tagger';
import { Labelled, scoreEntities, spansOf } from '../../src/ingest/extract/tagger/conll';
import { Perceptron } from '../../src/ingest/extract/tagger/perceptron';
import fc from 'fast-check';
import { tokenize, tokenizeByPattern } from '../../src/ingest/extract/tagger/tokens';
import { train } from '../../src/ingest/extract/tagger/train';

/** "Word/TAG" pairs, O when no tag is written. */
function lab(s: string): Labelled {
  const words: string[] = [], tags: string[] = [];
  for (const part of s.split(' ')) {
    const [w, t] = part.split('/');
    words.push(w); tags.push(t ?? 'O');
  }
  return { words, tags };
}

const TRAIN = [
  'menurut Andi/B-PER Saputra/I-PER , warga Cibiru/B-LOC sudah lama menunggu jembatan itu .',
  'kata Rina/B-PER Marlina/I-PER di Cimahi/B-LOC , kemarin .',
  'Joko/B-PER Pratomo/I-PER dari Yayasan/B-ORG Cahaya/I-ORG Pagi/I-ORG mengatakan bantuan itu tiba .',
  'bantuan dari Yayasan/B-ORG Bumi/I-ORG Hijau/I-ORG dibagikan di Garut/B-LOC .',
  'ujar Dedi/B-PER Kurniawan/I-PER kepada wartawan di Cianjur/B-LOC .',
  'Siti/B-PER Rahayu/I-PER mengatakan harga beras di Cibiru/B-LOC turun .',
  'petugas dari Koperasi/B-ORG Sinar/I-ORG Tani/I-ORG datang ke Garut/B-LOC .',
  'kata Wahyu/B-PER Hidayat/I-PER , warga Cimahi/B-LOC .',
  'menurut Lina/B-PER Susanti/I-PER , Koperasi/B-ORG Maju/I-ORG Jaya/I-ORG membuka cabang di Cianjur/B-LOC .',
  'Agus/B-PER Salim/I-PER menjelaskan jalan di Garut/B-LOC rusak .',
  'ujar Yanti/B-PER Oktaviani/I-PER di Cimahi/B-LOC .',
  'Yayasan/B-ORG Cahaya/I-ORG Pagi/I-ORG menerima bantuan dari warga .',
].map(lab);

const HELD_OUT = [
  'kata Bayu/B-PER Firmansyah/I-PER di Garut/B-LOC , kemarin .',
  'Nanda/B-PER Prasetyo/I-PER mengatakan harga cabai di Cianjur/B-LOC naik .',
  'bantuan dari Koperasi/B-ORG Sinar/I-ORG Tani/I-ORG dibagikan di Cimahi/B-LOC .',
].map(lab);

describe('averaged perceptron', () => {
  it('learns a tiny training set and tags held-out sentences with new names', () => {
    const p = train(TRAIN, 10);
    const pred = HELD_OUT.map((d) => p.tagWords(d.words));
    const s = scoreEntities(HELD_OUT.map((d) => d.tags), pred);
    expect(s.ALL.f1).toBeGreaterThanOrEqual(0.8);
    expect(spansOf(pred[0])).toContainEqual({ type: 'PER', from: 1, to: 3 });
  });

  it('is deterministic and survives a round trip through its JSON form', () => {
    const a = train(TRAIN, 5), b = train(TRAIN, 5);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const back = Perceptron.fromJSON(a.toJSON(1000, 0));
    for (const d of HELD_OUT) expect(back.tagWords(d.words)).toEqual(a.tagWords(d.words));
  });

  it('never opens an entity with I- after O', () => {
    const p = train(TRAIN, 3);
    for (const d of [...TRAIN, ...HELD_OUT]) {
      const tags = p.tagWords(d.words);
      tags.forEach((t, i) => { if (t.startsWith('I-')) expect(tags[i - 1]?.slice(2)).toBe(t.slice(2)); });
    }
  });
});

describe('tokens', () => {
  it('keeps offsets, initials and inner punctuation', () => {
    const text = 'Kata H. Rudi, "Jalan ke Pasar-Baru 12/3."';
    const toks = tokenize(text);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(toks.map((t) => t.text)).toEqual(['Kata', 'H.', 'Rudi', ',', '"', 'Jalan', 'ke', 'Pasar-Baru', '12/3', '.', '"']);
  });
});

describe('shipped model', () => {
  it('loads and finds persons in invented sentences, with character offsets', () => {
    expect(shippedTagger().lexicon.size).toBeGreaterThan(1000);
    const text = 'Ketua Koperasi Tani Makmur, Hendra Gunawan, menjelaskan harga pupuk naik. "Kami siap membantu warga," kata Sinta Wulandari kepada wartawan.';
    const per = tagText(text).filter((e) => e.type === 'PER');
    expect(per.map((e) => e.text)).toEqual(expect.arrayContaining(['Hendra Gunawan', 'Sinta Wulandari']));
    for (const e of per) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('is a candidate generator: what it proposes without a cue, or behind a body\'s head word, is not a person', async () => {
    const text = 'Ketua Koperasi Tani Makmur, Hendra Gunawan, menjelaskan harga pupuk naik. "Kami siap membantu warga," kata Sinta Wulandari kepada wartawan.';
    const x = await createExtractor();
    expect(x.extract(parseRecord({ title: 'Uji', body: text, publishedAt: '2025-06-01' }, 't')).persons.map((p) => p.name)).toEqual(['Hendra Gunawan', 'Sinta Wulandari']);
  });
});

describe('person candidates', () => {
  const guards: CandidateGuards = { isRegion: (s) => ['Sukamaju', 'Kabupaten Sukamaju'].includes(s), isInstitution: (s) => s === 'KPU' };
  const ent = (text: string, surface: string, from = 0): Entity => {
    const start = text.indexOf(surface, from);
    return { type: 'PER', text: surface, start, end: start + surface.length };
  };
  const names = (text: string, entities: Entity[]) => personCandidates(text, guards, entities).map((c) => c.name);

  it('finds a titled name after an office with the shipped model, title stripped', () => {
    const text = 'Kepala Dinas Pendidikan Kabupaten Sukamaju Rudi Hartanto membuka lomba cerdas cermat itu di aula sekolah.';
    const c = personCandidates(text, guards);
    expect(c.map((x) => x.name)).toEqual(['Rudi Hartanto']);
    expect(c[0].cues).toContain('title');
  });

  it('keeps names a cue supports', () => {
    const t1 = 'Acara dibuka Camat Sukamaju Dewi Anggraini pagi itu.';
    expect(names(t1, [ent(t1, 'Sukamaju Dewi Anggraini')])).toEqual(['Dewi Anggraini']);
    const t2 = 'Harga gabah turun, ujar Hariyanto kepada wartawan.';
    expect(names(t2, [ent(t2, 'Hariyanto')])).toEqual(['Hariyanto']);
    const t3 = 'Bantuan itu diserahkan Fitri Handayani, Ketua Kelompok Tani Subur.';
    expect(personCandidates(t3, guards, [ent(t3, 'Fitri Handayani')])[0].cues).toContain('appositive');
    const t4 = 'Rombongan Teguh Santosa tiba sore. Setelah itu Santosa meninjau gudang.';
    expect(names(t4, [ent(t4, 'Teguh Santosa')])).toEqual(['Teguh Santosa']);
  });

  it('drops names without a cue, and regions, institutions, laws and offices', () => {
    const t1 = 'Rombongan Teguh Santosa tiba sore itu.';
    expect(names(t1, [ent(t1, 'Teguh Santosa')])).toEqual([]);
    const t2 = 'Kata Bupati, Kabupaten Sukamaju menerima bantuan.';
    expect(names(t2, [ent(t2, 'Kabupaten Sukamaju')])).toEqual([]);
    const t3 = 'Kata dia, Undang Undang Pangan sudah berlaku.';
    expect(names(t3, [ent(t3, 'Undang Undang Pangan')])).toEqual([]);
    const t4 = 'Ketua Diskominfo Sukamaju membuka acara.';
    expect(names(t4, [ent(t4, 'Diskominfo Sukamaju')])).toEqual([]);
    const t5 = 'Menteri Koordinator Bidang Pembangunan Kewilayahan hadir.';
    expect(names(t5, [ent(t5, 'Kewilayahan')])).toEqual([]);
    const t6 = 'Pasangan Hartono-Wibisana mengatakan siap bertanding.';
    expect(names(t6, [ent(t6, 'Hartono-Wibisana')])).toEqual([]);
    const t7 = 'Kata dia, Rudi Santosamengatakan hal itu kemarin.';
    expect(names(t7, [ent(t7, 'Rudi Santosamengatakan')])).toEqual([]);
  });

  it('drops a lone word without a speech verb, and a lone word that is part of a longer name', () => {
    const t1 = 'Pagi itu Hariyanto datang ke pasar. Hariyanto membeli beras.';
    expect(names(t1, [ent(t1, 'Hariyanto')])).toEqual([]);
    const t3 = 'Camat Sukadamai, Wahyu Prakoso hadir.';
    expect(names(t3, [ent(t3, 'Sukadamai')])).toEqual([]);
    const t4 = 'Pelatihan digelar di Pendopo Sekar Arum. Pendopo Sekar Arum penuh.';
    expect(names(t4, [ent(t4, 'Sekar Arum')])).toEqual([]);
    const t2 = 'Wakil Ketua Adi Prasetya Nugraha hadir. "Kami siap," kata Prasetya.';
    expect(names(t2, [ent(t2, 'Prasetya', t2.indexOf('kata'))])).toEqual([]);
  });
});

describe('extractor with the candidates hook', () => {
  it('adds a person the rules miss, named three times without a title, and no region or office', async () => {
    const { createExtractor } = await import('../../src/ingest/extract');
    const { parseRecord } = await import('../../src/ingest/parse');
    const x = await createExtractor();
    const body = [
      'Rombongan pedagang yang dipimpin Teguh Santosa tiba di Pasar Kliwon pada Senin pagi.',
      'Santosa lalu meninjau kios yang rusak akibat banjir pekan lalu.',
      '"Kami butuh atap baru sebelum musim hujan," kata Santosa.',
      'Wali Kota Surabaya Eri Cahyadi menyatakan perbaikan pasar dimulai bulan depan.',
    ].join('\n');
    const r = x.extract(parseRecord({ title: 'Pedagang meninjau pasar', body, publishedAt: '2024-03-04' }, 't'));
    const names = r.persons.map((p) => p.name);
    expect(names).toContain('Teguh Santosa');
    expect(names).toContain('Eri Cahyadi');
    expect(names.some((n) => /Surabaya|Pasar|Kliwon|Wali/.test(n))).toBe(false);
  });
});

describe('tokenizer', () => {
  it('reads initials, inner punctuation and single characters as its pattern does', () => {
    const text = 'Drs. H. Budi S.H., M.Si. tiba 29/10 di Al-Ashar (kata’nya) A.5 É. ×2 — “ok”\u00a0x\u2009y 😀';
    expect(tokenize(text)).toEqual(tokenizeByPattern(text));
    expect(tokenize('H. Budi').map((t) => t.text)).toEqual(['H.', 'Budi']);
    expect(tokenize('S.H., 29/10').map((t) => t.text)).toEqual(['S.H', '.', ',', '29/10']);
  });

  it('matches its pattern on any text', () => {
    const chars = fc.constantFrom(...'aZé×÷ÀÞß’\'-/.5 \u00a0\t\nA\u2028\u3000\ufeff😀,'.split(''), '\ud83d');
    fc.assert(fc.property(fc.array(chars, { maxLength: 24 }).map((a) => a.join('')), (s) => {
      expect(tokenize(s)).toEqual(tokenizeByPattern(s));
    }), { numRuns: 3000 });
  });
});
