/**
 * Text cleanup before extraction: scraped pages glue words where links were removed ("BogorAni Rahma"), carry odd
 * spaces and UTF-8 read as Latin-1 ("â€œ"). The cleaned text comes with an offset map, so that every span found in
 * it can be reported against the original body (the `extract --json` contract's start/end).
 */
import { ACT_NOUNS, HONORIFIC, KIN, NON_NAME_WORDS, QUOTE_TAGS, ROLE_NOUNS, SPEECH_VERBS } from './lexicon';
import { execAll } from './text';
import { shippedTagger } from './tagger';

export interface Cleaned {
  text: string;
  /** Offsets of the cleaned text back to the original, or null when the text is unchanged or changed only in place. */
  map: OffsetMap | null;
}

/**
 * Where each edit sits in the cleaned and in the original text: a boundary of the cleaned text maps back by binary
 * search over the few edits (an array per character would cost more than the whole cleanup).
 */
export class OffsetMap {
  constructor(private readonly cs: Int32Array, private readonly ce: Int32Array, private readonly os: Int32Array, private readonly oe: Int32Array,
    private readonly inner: OffsetMap | null) {}

  /** Original offset of boundary `x` of the cleaned text; a span [s, e) maps to [at(s), at(e)). */
  at(x: number): number {
    let lo = 0, hi = this.cs.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.cs[mid] <= x) lo = mid + 1; else hi = mid; }
    const k = lo - 1;
    // Before any edit: unchanged; inside an edit's replacement: its start; after it: shifted by the edits so far.
    const y = k < 0 ? x : x < this.ce[k] ? this.os[k] : this.oe[k] + (x - this.ce[k]);
    return this.inner ? this.inner.at(y) : y;
  }
}

/** Whether a capitalised word is known vocabulary (a region, a title, an institution), supplied by the extractor. */
export type KnownWord = (word: string) => boolean;

interface Edit { at: number; del: number; ins: string }

/** Same-length fixes: odd spaces as plain spaces (mapped one to one, no map needed). */
const ODD_SPACES = /[\u00A0\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF\t]/g;
/** Zero-width and joiner characters: invisible, yet they break a word run like a letter would ("\u2060Budi"). */
const INVISIBLE = /^[\u200B-\u200D\u2060\uFEFF]$/;

/** Windows-1252 characters at 0x80–0x9F, by the byte they stand for: mojibake is UTF-8 bytes read through this table. */
const CP1252: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
  '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};
const CONT = `[\\u0080-\\u00BF${Object.keys(CP1252).join('')}]`;
/** A lead byte (Â–ô) and its continuation bytes as Latin-1/cp1252 characters. "â€" alone is a closing quote whose third byte (0x9D) was dropped. */
const MOJIBAKE_RE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}|â€`, 'gu');
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function byteOf(c: string): number {
  const code = c.charCodeAt(0);
  return code < 0x100 ? code : CP1252[c] ?? -1;
}

function decodeMojibake(s: string): string | null {
  if (s === 'â€') return '”';
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) { const b = byteOf(s[i]); if (b < 0) return null; bytes[i] = b; }
  let out: string;
  try { out = UTF8.decode(bytes); } catch { return null; }
  // Only what Latin-1 mis-reading plausibly produced (accented letters, signs, punctuation): "é””" written on purpose
  // would otherwise decode to an unrelated CJK character.
  return /^[\u00A0-\u024F\u2000-\u206F\u20A0-\u214F]$/u.test(out) ? out : null;
}

/**
 * Lower-case words that may end a glued pair ("denganKomisi", "ucapWali"): frequent function words, verbs of
 * speech and common nouns of news text. Words the article itself also writes on their own count too.
 */
const LOWER_WORDS = new Set(`
dan di ke dari yang untuk dengan pada dalam oleh kepada bagi atau serta juga ini itu akan telah sudah bisa dapat ada adalah yaitu yakni
tersebut para seperti karena sebagai bahwa sejak hingga sampai antara tentang terhadap melalui bersama setelah sebelum saat ketika menurut
agar supaya jika kalau namun tetapi tapi maupun baik bukan tidak belum masih pun lagi kini nanti kemarin besok hari tahun bulan pekan minggu
pukul tanggal jalan kota kabupaten provinsi desa kelurahan kecamatan daerah wilayah kawasan lingkungan negara pemerintah masyarakat warga
program kegiatan acara layanan pelayanan bantuan pembangunan festival rapat sidang kasus korupsi perkara bupati gubernur menteri presiden
ketua wakil kepala anggota sekretaris direktur pimpinan pihak tim resmi baru bertajuk bernama berjudul bertema disebut berupa termasuk
khususnya terutama sekitar lebih kurang hanya sangat paling semua seluruh setiap beberapa banyak sejumlah pula bahkan lalu kemudian
menjadi membuat mengikuti menghadiri meninjau membuka meresmikan menggelar melakukan memberikan menyerahkan menerima mendapat mendapatkan
dihadiri dibuka digelar diresmikan dilakukan diberikan disampaikan dikatakan dijelaskan ditandatangani dipimpin diikuti dilaksanakan
laman situs akun kanal portal media sosial berita laporan keterangan pernyataan tertulis rilis siaran pers dilansir dikutip melansir mengutip
merupakan yakni selaku sebagai sosok tokoh mantan calon kader partai fraksi komisi dewan
`.split(/\s+/).filter(Boolean).concat(QUOTE_TAGS, SPEECH_VERBS, SPEECH_VERBS.map((v) => v + 'nya'), [...ROLE_NOUNS], [...ACT_NOUNS],
  [...KIN].map((w) => w.toLowerCase())));

/**
 * Camel-case names written that way on purpose: never split. Prefix rules cover families of them
 * ("iPhone", "eKTP", "detikNews"); the list covers common brands whose halves are ordinary words.
 */
const BRANDS = new Set(`
youtube whatsapp tiktok airasia motogp vinfast gopay gojek gofood goride gocar gosend goto shopeefood shopeepay transjakarta transjogja laliga
mcdonald mcdonalds harmonyos blackberry playstation powerpoint linkedin mastercard paypal facetime spacex deepseek chatgpt blackrock
openai metlife injourney airnav jaklingko jakpro hokben cryptoquant crescentrating sharplink omnibook tomtom macbook airpods wechat smartfren
indihome mypertamina linkaja bukalapak fedex wikipedia instagram facebook moneygram westernunion
bitcoin coinmarketcap coingecko binance tokocrypto livin brimo wondr superapp kemenpan kemenpanrb kemenkopmk kemenkopolhukam
`.split(/\s+/).filter(Boolean));
const BRAND_PREFIX_RE = /^(?:i|e|m|x|my|go|jak|mc|mac|de|le|la|da|van|von|detik|kompas|tribun|okezone|liputan)$/i;

// Latin letters as plain classes: news text is Latin script, and these scan far faster than \p{…} classes.
/** Latin-1 letter tests by character code (called per character around candidate boundaries). */
function isUpper(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}
function isLower(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}
const isLetter = (ch: string | undefined) => isUpper(ch) || isLower(ch);
/**
 * A capital right after a lower-case letter, as isLower and isUpper read them. The capital is matched first and the
 * letter before it read by a look-behind, so that the pattern is tried at capitals only (matching the lower-case letter
 * first tried the look-ahead at nearly every character of the text).
 */
export const LOWER_UPPER_RE = /[A-ZÀ-ÖØ-Þ](?<=[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ])/g;
const TOKEN_BACK = /[A-Za-zÀ-ÖØ-öø-ÿ\d_@#./'’-]/;
const TOKEN_FWD = /[A-Za-zÀ-ÖØ-öø-ÿ\d_'’-]/;
const RIGHT_RE = /^[A-ZÀ-ÖØ-Þ](?:[a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]*)/;
/** Punctuation that may be glued to the next word: "(KPK)terkait", "Korupsi(KPK)", "juga:Ada", "Senin,Bupati". */
const PUNCT_RE = /[(),:]/g;
/**
 * An item number glued to the lower-case word before it and followed by the next item: "Utama2. Nama", "unit3.Tenda".
 * The match starts at the number (where the space goes): its first digit is matched first and the three letters before
 * it read by a look-behind, so that the pattern is tried at digits only.
 */
export const LIST_NUMBER_RE = /\d(?<=[a-zß-öø-ÿ]{3}\d)\d?\.\s*[A-ZÀ-ÖØ-Þ]/g;
/** How Indonesian prefixed verbs begin (me-, be-, di-, te-). */
const VERB_START_RE = /^(?:me[mnlrwy]|ber|ter|di[a-z])/;
/**
 * A capitalised word long enough to hide a name and a glued word after it: no letter or digit before the capital, read
 * by a look-behind after it, so that it is tried at capitals only.
 */
export const LONG_CAP_WORD_RE = /[A-ZÀ-ÖØ-Þ](?<![A-Za-zÀ-ÖØ-öø-ÿ\d][A-ZÀ-ÖØ-Þ])[a-zß-öø-ÿ]{6,}(?![A-Za-zÀ-ÖØ-öø-ÿ\d])/g;

/** Lower-case words often glued after a name, longest first so that the name part is as short as the text allows. */
const GLUED_AFTER_NAME = [...new Set([...SPEECH_VERBS, ...SPEECH_VERBS.map((v) => v + 'nya'), 'yang', 'dalam', 'kembali', 'terkait', 'seperti', 'sebagai',
  'bersama', 'kepada', 'melalui', 'selaku', 'sebelumnya', 'mengaku', 'menilai', 'meminta', 'bahwa', 'saat', 'usai', 'untuk', 'dengan', 'dari',
  // What the news says happened to a named person, often glued after the name: "… Nama divonis", "… Nama ditahan".
  'divonis', 'dituntut', 'didakwa', 'ditahan', 'ditangkap', 'diperiksa', 'dijatuhi', 'dihukum', 'dilantik', 'ditetapkan', 'dipanggil', 'dilaporkan',
  'menjadi', 'menerima', 'memimpin', 'meninggal', 'menghadiri', 'menjabat', 'tahun', 'itu', 'ini', 'pada',
  'sedang', 'sudah', 'masih', 'telah', 'kini', 'juga', 'seringkali', 'sempat', 'akan',
  // What a named person or body does next: "… Nama resmi membuka", "… Nama secara langsung".
  'resmi', 'secara', 'langsung', 'tidak', 'mulai', 'berhasil', 'bakal', 'harus', 'dapat', 'turut', 'hadir', 'tiba', 'mengunjungi', 'membuka',
  'meresmikan', 'meluncurkan', 'menggelar', 'menandatangani', 'menyerahkan', 'memberikan', 'meninjau', 'mendapatkan', 'mengumumkan'])]
  .sort((a, b) => b.length - a.length);

/** Function words among them, which no name ends with. */
const FUNCTION_WORDS = new Set(['dalam', 'untuk', 'dengan', 'kepada', 'terkait', 'sebagai', 'bersama', 'melalui', 'seperti', 'bahwa', 'sedang', 'sudah',
  'masih', 'telah', 'kini', 'juga', 'sempat', 'akan']);

/** The same words by their last four letters, so that a word is checked against the few that could end it. */
const GLUED_BY_TAIL = new Map<string, string[]>();
for (const w of GLUED_AFTER_NAME) GLUED_BY_TAIL.set(w.slice(-4), [...(GLUED_BY_TAIL.get(w.slice(-4)) ?? []), w]);

/** Cleans `raw`; `known` tells whether a capitalised word is known vocabulary (regions, titles, institutions). */
export function cleanup(raw: string, known: KnownWord = () => false): Cleaned {
  // Pass 1: mojibake, before odd spaces, as a mis-read no-break space (0xA0) is often a continuation byte ("â\u0081\u00A0").
  // Pass 2 looks for glued words in its output, as a mis-decoded letter ("Ã©") looks like a capital.
  const e1: Edit[] = [];
  for (let i = 0, list = execAll(MOJIBAKE_RE, raw); i < list.length; i++) {
    const m = list[i];
    const fixed = decodeMojibake(m[0]);
    if (fixed !== null) e1.push({ at: m.index!, del: m[0].length, ins: INVISIBLE.test(fixed) ? ' ' : fixed });
  }
  const c0 = e1.length ? applyEdits(raw, e1, null) : { text: raw, map: null };
  // Same-length replacements: the offset map stays valid.
  const c1 = { text: c0.text.replace(ODD_SPACES, ' '), map: c0.map };
  const e2 = glueEdits(c1.text, known);
  return e2.length ? applyEdits(c1.text, e2, c1.map) : c1;
}

/** Maps a span of the cleaned text back to the original. */
export function toOriginal(c: Cleaned, start: number, end: number): [number, number] {
  return c.map ? [c.map.at(start), c.map.at(end)] : [start, end];
}

function applyEdits(src: string, edits: Edit[], inner: OffsetMap | null): Cleaned {
  edits.sort((a, b) => a.at - b.at || b.del - a.del);
  const kept: Edit[] = [];
  let p = 0;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    // Overlapping edits, or a second insertion at the same place: the first wins.
    if (e.at < p || (kept.length && e.del === 0 && kept[kept.length - 1].at === e.at && kept[kept.length - 1].del === 0)) continue;
    kept.push(e);
    p = e.at + e.del;
  }
  const n = kept.length;
  const cs = new Int32Array(n), ce = new Int32Array(n), os = new Int32Array(n), oe = new Int32Array(n);
  const parts: string[] = [];
  let shift = 0;
  p = 0;
  kept.forEach((e, k) => {
    parts.push(src.slice(p, e.at), e.ins);
    cs[k] = e.at + shift; ce[k] = cs[k] + e.ins.length; os[k] = e.at; oe[k] = e.at + e.del;
    shift += e.ins.length - e.del;
    p = e.at + e.del;
  });
  parts.push(src.slice(p));
  return { text: parts.join(''), map: new OffsetMap(cs, ce, os, oe, inner) };
}

/** Whether the text writes `w` on its own somewhere (letters on neither side). */
function standsAloneIn(text: string, w: string): boolean {
  for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
    if (!isLetter(text[i - 1]) && !isLetter(text[i + w.length])) return true;
  }
  return false;
}

/** Spaces to insert where words are glued, only where both sides are safely words of their own. */
function glueEdits(text: string, known: KnownWord): Edit[] {
  const edits: Edit[] = [];
  for (let k = 0, list = execAll(PUNCT_RE, text); k < list.length; k++) {
    const m = list[k];
    const i = m.index!, c = m[0], prev = text[i - 1], next = text[i + 1];
    if (c === ')') { if (isLetter(next)) edits.push({ at: i + 1, del: 0, ins: ' ' }); }
    else if (c === '(') { if (isUpper(next) && isLower(prev) && isLower(text[i - 2])) edits.push({ at: i, del: 0, ins: ' ' }); }
    else if (isUpper(next) && isLetter(prev)) edits.push({ at: i + 1, del: 0, ins: ' ' });
  }
  // "Komisaris Utama2. Nama": a list's item numbers glued to the item before.
  for (let i = 0, list = execAll(LIST_NUMBER_RE, text); i < list.length; i++) { const m = list[i]; edits.push({ at: m.index, del: 0, ins: ' ' }); }
  // Whether the article also writes `w` on its own somewhere (letters on neither side).
  // Remembered per word: the checks below ask for the same halves again (a verb tail at each split point, a name twice).
  const aloneMemo = new Map<string, boolean>();
  const alone = (w: string) => {
    let v = aloneMemo.get(w);
    if (v === undefined) aloneMemo.set(w, (v = standsAloneIn(text, w)));
    return v;
  };
  // Every capital right after a lower-case letter (isLower, isUpper): one scan for the rare pairs, not a match per capital.
  LOWER_UPPER_RE.lastIndex = 0;
  for (let m = LOWER_UPPER_RE.exec(text); m; m = LOWER_UPPER_RE.exec(text)) {
    const i = m.index; // where the space goes: before a capital that follows a lower-case letter
    // The whole token, the part before and after the boundary.
    let ts = i; while (ts > 0 && TOKEN_BACK.test(text[ts - 1])) ts--;
    let te = i; while (te < text.length && TOKEN_FWD.test(text[te])) te++;
    const token = text.slice(ts, te);
    if (/[\d_@#/]|\.[A-Za-z]/.test(token) || BRANDS.has(token.toLowerCase().replace(/[-'’]/g, ''))) continue;
    let ls = i - 1; while (ls > ts && isLower(text[ls - 1])) ls--;
    if (ls > ts && isUpper(text[ls - 1])) ls--;
    const left = text.slice(ls, i);
    const rm = RIGHT_RE.exec(text.slice(i, i + 40));
    if (!rm) continue;
    const right = rm[0];
    if (BRAND_PREFIX_RE.test(left) || BRANDS.has((left + right).toLowerCase())) continue;
    let split: boolean;
    if (isLower(left[0])) {
      // "denganKomisi": a known lower-case word before the boundary.
      split = left.length >= 2 && (LOWER_WORDS.has(left) || (left.length >= 4 && alone(left)));
    } else {
      // "BogorAni": a known capitalised word on the left, a title or institution word on the right, or both halves
      // written on their own elsewhere in the article.
      const rightKnown = right.length >= 3 && (NON_NAME_WORDS.has(right) || known(right));
      const leftKnown = (left.length >= 3 && (NON_NAME_WORDS.has(left) || known(left))) || KIN.has(left) || HONORIFIC.test(left);
      split = leftKnown || (rightKnown && left.length >= 3) || (left.length >= 4 && right.length >= 3 && alone(left) && alone(right));
    }
    if (split) edits.push({ at: i, del: 0, ins: ' ' });
  }
  // "Hartonomengatakan", "Sutanyang": a name glued to a following lower-case word, split where the name stands alone
  // elsewhere in the article or the word is a long verb no name ends with.
  for (let k = 0, items = execAll(LONG_CAP_WORD_RE, text); k < items.length; k++) {
    const m = items[k];
    const w = m[0];
    let done = false;
    // A word the language writes whole ("Kebijakan", "Kerusakan") is no name glued to "akan".
    const whole = shippedTagger().lexicon.has(w.toLowerCase());
    for (let i = 0, list = whole ? [] : GLUED_BY_TAIL.get(w.slice(-4)) ?? []; i < list.length; i++) {
      const word = list[i];
      if (!w.endsWith(word)) continue;
      const name = w.slice(0, w.length - word.length);
      // A function word glued to the last word of a run of capitalised words ("Nama Lengkapdalam") ends that name.
      const inRun = FUNCTION_WORDS.has(word) && name.length >= 3 && /\p{Lu}[\p{Ll}'’-]+\s+$/u.test(text.slice(Math.max(0, m.index! - 30), m.index!));
      if (name.length < 4 && !inRun) continue;
      if (word.length >= 7 || inRun || alone(name)) { edits.push({ at: m.index! + name.length, del: 0, ins: ' ' }); done = true; }
      break;
    }
    // Any prefixed verb ("…memberikan", "…diminta") after a name the article also writes on its own, or a prefixed
    // verb the article also writes on its own after a name it does not ("…Wibowomeninggal"). A left part ending in a
    // verb's own nasal prefix ("…mem" + "berikan") is a cut inside the verb.
    if (!done && w.length >= 10) {
      for (let i = 4; i <= w.length - 6; i++) {
        if (!VERB_START_RE.test(w.slice(i, i + 3))) continue;
        const name = w.slice(0, i);
        if (!alone(name) && (/(?:mem|men|meng|meny)$/.test(name) || !alone(w.slice(i)))) continue;
        edits.push({ at: m.index! + i, del: 0, ins: ' ' });
        break;
      }
    }
  }
  return edits;
}
