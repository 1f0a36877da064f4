/**
 * Robustness: random and mutated article text never makes the parser or extractor throw or hang, and every offset
 * stays inside the text. Hostile shapes (5 MB bodies, 100 KB of titles or whitespace, NFD, zero-width characters,
 * HTML) give sane output. Speed is measured in `npm run bench`, not asserted here; Jest's timeout only guards hangs.
 */
import fc from 'fast-check';
import { createExtractor, Extraction, WartaExtractor } from '../../src/ingest/extract';
import { ParseError, parseRecord, parseText } from '../../src/ingest/parse';
import { config } from '../../src/config';

let x: WartaExtractor;
beforeAll(async () => { x = await createExtractor(); });

const SEED_SENTENCES = [
  'Bupati Sidoarjo, Saiful Ilah membuka Rakor Pengembangan SOP di Hotel Swiss Belinn, Rabu (13/11/2019).',
  'Kepala Biro Organisasi dan Tata Laksana Kementerian Dalam Negeri (Kemendagri) RI, Sugeng Haryono memaparkan materi.',
  '“Kami siap mendukung program ini sepenuhnya,” tegasnya kepada wartawan.',
  'Rakor digelar Kemendagri mulai 13 sampai 15 November 2019 dan diikuti 198 peserta.',
  'Kapolres Kampar AKBP Rudi Hartawan bersama Kodim 0313/Kampar dan Pemkab Kampar (Pemkab) meninjau lokasi.',
  'Sugeng menegaskan, "pelayanan publik harus cepat" ujarnya.',
];
const NOISE = ['\u200B', '\u200D', '\uFEFF', '\u0301', '“', '”', '"', '(', ')', ',', '.', '\n', '  ', 'Bupati ', 'Kepala Biro ', 'Rakor ', 'Dr. H. ', '<script>', '</p>', '&amp;', 'Ａ', 'Ｂｕｐａｔｉ'];

/** Every offset the extraction reports points inside the text it was given, with the text it claims. */
function checkOffsets(body: string, r: Extraction): void {
  const spans = [
    ...r.persons.flatMap((p) => p.mentions), ...r.institutions.flatMap((i) => i.mentions),
    ...r.events.flatMap((e) => e.mentions), ...r.quotes, ...r.unresolved,
  ];
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(body.length);
    expect(s.start).toBeLessThanOrEqual(s.end);
    expect(body.slice(s.start, s.end)).toBe(s.text);
  }
  for (const p of r.persons) expect(p.name.trim()).toBe(p.name);
}

function extractBody(body: string): void {
  let a;
  try { a = parseRecord({ title: 'Uji', body, publishedAt: '2019-11-13' }, 'p'); } catch (e) {
    expect(e).toBeInstanceOf(ParseError); // the only way parsing may fail
    return;
  }
  checkOffsets(a.body, x.extract(a));
}

const mutated = fc.tuple(
  fc.array(fc.constantFrom(...SEED_SENTENCES), { minLength: 1, maxLength: 8 }),
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOISE)), { maxLength: 30 }),
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 })), { maxLength: 5 }),
).map(([sentences, inserts, deletes]) => {
  let t = sentences.join(' ');
  for (const [at, s] of inserts) { const i = at % (t.length + 1); t = t.slice(0, i) + s + t.slice(i); }
  for (const [at, n] of deletes) { const i = at % (t.length + 1); t = t.slice(0, i) + t.slice(i + n); }
  return t;
});

describe('property: parser and extractor never throw and keep offsets inside the text', () => {
  test('mutated article text', () => {
    fc.assert(fc.property(mutated, (body) => { extractBody(body); }), { numRuns: 300 });
  });

  test('random unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (body) => { extractBody(body); }), { numRuns: 300 });
  });

  test('random raw files (scraped-page or plain-text form)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...SEED_SENTENCES), fc.string({ maxLength: 60 })), { maxLength: 10 }), (lines) => {
      let a;
      try { a = parseText(lines.join('\n'), 'f.txt'); } catch (e) { expect(e).toBeInstanceOf(ParseError); return; }
      checkOffsets(a.body, x.extract(a));
    }), { numRuns: 200 });
  });
});

describe('hostile shapes', () => {
  const body = (s: string) => parseRecord({ title: 'Uji', body: s, publishedAt: '2019-11-13' }, 'h');

  test('a 5 MB article: extraction reads its first window and finds the people in it', () => {
    const para = 'Bupati Sidoarjo, Saiful Ilah membuka Rakor di Pendopo Delta Wibawa. “Kami mendukung penuh program ini,” ujarnya.\n';
    const big = para.repeat(Math.ceil(5_000_000 / para.length));
    const a = body(big);
    expect(a.body.length).toBeGreaterThan(4_900_000);
    const r = x.extract(a);
    checkOffsets(a.body, r);
    expect(r.persons.map((p) => p.name)).toEqual(['Saiful Ilah']);
    // Mentions come from the window only, and the window ends at a paragraph end.
    const last = Math.max(...r.persons[0].mentions.map((m) => m.end));
    expect(last).toBeLessThanOrEqual(config.extractWindowChars);
    expect(r.persons[0].mentions.length).toBeGreaterThan(1000);
  });

  test('100 KB of repeated titles, of whitespace, of unclosed quotes and of brackets', () => {
    for (const s of ['Bupati Sidoarjo '.repeat(6400), 'Kepala Biro Organisasi dan Tata Laksana Kemendagri RI, '.repeat(1900),
      ' \n\t '.repeat(25000) + 'x', '“ '.repeat(50000) + 'x', '('.repeat(50000) + ')'.repeat(50000), 'Andi '.repeat(20000)]) {
      const a = body(s);
      const r = x.extract(a);
      checkOffsets(a.body, r);
      expect(r.persons).toEqual([]);
    }
  });

  test('NFD text and zero-width characters give the same person as clean NFC text', () => {
    const clean = x.extract(body('Bupati Sidoarjo, Saiful Ilah membuka acara.'));
    const nfd = x.extract(body('Bupati Sidoarjo, Saiful Ilah membuka acara.'.normalize('NFD').replace('Saiful', 'Sai\u200Bful')));
    expect(nfd.persons.map((p) => [p.name, p.positions])).toEqual(clean.persons.map((p) => [p.name, p.positions]));
  });

  test('HTML fragments are text: tags are not names and scripts do not disappear silently', () => {
    const a = body('<p>Bupati Sidoarjo, Saiful Ilah</p><script>alert("x")</script> membuka acara.');
    const r = x.extract(a);
    checkOffsets(a.body, r);
    expect(r.persons.map((p) => p.name)).toEqual(['Saiful Ilah']);
  });
});
