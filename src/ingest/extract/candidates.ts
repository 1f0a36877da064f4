/**
 * Person candidates from the statistical tagger, kept only where the text supports them. The tagger finds names
 * the rules miss (no title pattern, an unusual layout) but also tags offices, places and capitalised common words;
 * a candidate therefore needs a cue (a title, rank or honorific before it, a speech verb next to it, an appositive
 * title after it, or, for a name of two words or more, a short reference to it elsewhere that the tagger also reads as
 * a person) and must pass guards (no region, institution, office, law, venue, brand or common word stands in the name).
 */
import { COUNTRIES, FOREIGN_REGIONS, RANKS, TITLES } from './gazetteer';
import { ACT_NOUNS, ENGLISH_TITLE_HEAD_WORDS, HONORIFIC, INSTITUTION_WORDS, KIN, NON_NAME_WORDS, QUOTE_TAGS, ROLE_NOUNS, SPEECH_VERBS } from './lexicon';
import { Entity, shippedTagger, tagText } from './tagger';
import { Token, tokenize } from './tagger/tokens';
import { isCapitalised } from './tagger/features';
import { codesOf, execAll, joinWords, unitOrSpace } from './text';

export interface CandidateGuards {
  isRegion(surface: string): boolean;
  isInstitution(surface: string): boolean;
  /** Spans already read as persons or institutions: a sentence whose name-like words all lie there is not tagged. */
  taken?: ReadonlyArray<{ start: number; end: number }>;
  /** Words of the names already found: a sentence naming only those holds short references, not new persons. */
  knownWords?: ReadonlySet<string>;
}

export type Cue = 'title' | 'speech' | 'appositive' | 'role' | 'repetition';
/** `cues`: the title, speech and appositive cues found; repetition is looked for only when none of them holds. */
export interface PersonCandidate { name: string; start: number; end: number; cues: Cue[] }

const TITLE_FORMS = new Set(TITLES.flatMap((t) => t.forms.map((f) => f.toLowerCase())));
const TITLE_WORDS = new Set([...TITLE_FORMS].flatMap((f) => f.split(/\s+/)));
/** First words of title forms ("kepala", "bupati", "wakil"): the words that announce an office before a name. */
const TITLE_HEADS = new Set([...TITLE_FORMS].map((f) => f.split(/\s+/)[0]));
const RANK_WORDS = new Set(RANKS.flatMap((r) => r.split(/\s+/)));
/** Words that open citations of laws and rules: "Undang-Undang Cipta Kerja", "Perda Nomor 3". */
const LAW_WORDS = new Set(['undang', 'undang-undang', 'uu', 'pasal', 'ayat', 'perda', 'perpres', 'perppu', 'permen', 'pergub', 'perbup', 'perwali',
  'peraturan', 'keputusan', 'keppres', 'kuhp', 'kuhap', 'nomor', 'no', 'instruksi', 'inpres', 'surat', 'edaran', 'qanun']);
const SPEECH_AFTER = new Set([...SPEECH_VERBS, ...QUOTE_TAGS, 'mengatakan', 'berkata', 'ujarnya', 'katanya', 'menjawab', 'bercerita', 'membenarkan']);
const SPEECH_BEFORE = /(?:^|[\s,"”])(?:kata|ujar|ucap|tutur|jelas|ungkap|tegas|imbuh|tambah|terang|papar|sebut|menurut|Menurut)\s+(?:(?:dr|drg|Dr|Drs|Prof|Ir|H)\.?\s+){0,2}$/;
/** Heads of organisations, schools, venues, places and programmes: the capitalised words after them name those, not persons. */
export const ORG_HEADS = new Set(['PT', 'CV', 'UD', 'PD', 'Tbk', 'SMA', 'SMAN', 'SMK', 'SMKN', 'SMP', 'SMPN', 'SD', 'SDN', 'MI', 'MTs', 'MTsN', 'MAN', 'Pondok', 'Pesantren',
  'Ponpes', 'Universitas', 'Sekolah', 'Kampus', 'Desa', 'Kelurahan', 'Kecamatan', 'Dusun', 'Kampung', 'Jalan', 'Jl', 'Gang', 'Gedung', 'Hotel', 'Taman',
  'Klub', 'Grup', 'Tim', 'program', 'Program', 'gerakan', 'Gerakan', 'aplikasi', 'merek', 'festival', 'Festival', 'lomba', 'Lomba', 'kampung', 'desa',
  'Pendopo', 'Pendapa', 'Aula', 'Balai', 'Graha', 'Wisma', 'Auditorium', 'Masjid', 'Gereja', 'Pura', 'Vihara', 'Klenteng', 'Stadion', 'Lapangan', 'GOR',
  'Kantor', 'Kompleks', 'Komplek', 'Perumahan', 'Pantai', 'Bandara', 'Pelabuhan', 'Terminal', 'Stasiun', 'Rumah', 'Ruang', 'Pasar', 'Jembatan', 'Gunung',
  'Sungai', 'Danau', 'Pulau', 'Bukit', 'Kafe', 'Restoran', 'Toko', 'Bank', 'Museum', 'Monumen', 'Tugu', 'Candi', 'Hutan', 'Kebun', 'Bendungan', 'Waduk']);
/** Words of companies, clubs, brands, products, places and job titles, which the tagger reads as parts of names. */
const FOREIGN_ORG_WORDS = new Set([...ENGLISH_TITLE_HEAD_WORDS, 'International', 'Limited', 'Ltd', 'Inc', 'Corp', 'Corporation', 'Company', 'Group', 'Holding', 'Holdings', 'Foundation',
  'University', 'College', 'Institute', 'Club', 'FC', 'United', 'City', 'Real', 'Sporting', 'Athletic', 'Chief', 'Officer', 'Executive', 'Manager',
  'Director', 'President', 'Minister', 'Secretary', 'Senior', 'Junior', 'Series', 'Edition', 'Pro', 'Max', 'Plus', 'Ultra', 'Mini', 'Sport', 'Hybrid',
  'Studio', 'Travel', 'Resort', 'Award', 'Awards', 'Rewards', 'Festival', 'Cup', 'League', 'Championship', 'Open', 'Grand', 'Prix', 'Motor', 'Motors',
  'Manajemen', 'Yayasan', 'Pondok', 'Pesantren', 'Persatuan', 'Klub', 'Tim', 'Timnas', 'Liga', 'Piala', 'Kejuaraan', 'Turnamen', 'Park', 'Communications',
  'Honda', 'Yamaha', 'Suzuki', 'Kawasaki', 'Toyota', 'Daihatsu', 'Mitsubishi', 'Nissan', 'Hyundai', 'Wuling', 'Chery', 'BMW', 'Mercedes', 'Audi', 'Porsche',
  'Ferrari', 'Lamborghini', 'Bugatti', 'Vespa', 'Apple', 'iPhone', 'Samsung', 'Xiaomi', 'Oppo', 'Vivo', 'Huawei', 'Realme', 'Infinix', 'Google', 'Instagram',
  'Facebook', 'TikTok', 'YouTube', 'WhatsApp', 'Twitter', 'Netflix', 'Shopee', 'Tokopedia', 'Gojek', 'Grab', 'Selat', 'Teluk', 'Tanjung', 'Samudra', 'Paroki']);
/**
 * A name glued to the next word by a lost space ("Santosamengatakan", "Santosadan"): a lexicon word of five letters or
 * more after four or more, or a short function word after five or more.
 */
const GLUE_TAIL = /^\p{Ll}{5,}(?:dan|atau|akan|yang|saat|untuk|pada|dari|dengan|sudah|telah|juga|bahwa|kini)$/u;
function glued(w: string, lexicon: ReadonlySet<string>): boolean {
  const lw = w.toLowerCase();
  if (GLUE_TAIL.test(lw.slice(1)) && /^\p{L}/u.test(lw)) return true;
  // "Saksinya": a common word with the possessive -nya, capitalised at a sentence start.
  if (lw.length > 6 && lw.endsWith('nya') && lexicon.has(lw.slice(0, -3))) return true;
  for (let k = 4; k <= lw.length - 5; k++) if (lexicon.has(lw.slice(k))) return true;
  return false;
}
/** Two names joined by a hyphen ("Santosa-Wibowo", a ticket or a pair), unlike a reduplication ("Laki-Laki"). */
const PAIR = /^(\p{Lu}\p{Ll}{2,})-(?!\1$)\p{Lu}\p{Ll}{2,}$/u;
/** Abbreviated offices written as one word: "Diskominfo", "Pemko", "Kemendes". */
const OFFICE_WORD = /^(?:Dis\p{Ll}{3,}|Pem(?:ko|kot|kab|prov|da)\p{Ll}*|Kemen\p{Ll}+|Kanwil|Polres\p{Ll}*|Polsek|Polda|Kodim|Koramil|Ka(?:sat|dis|bid|bag|sub|nit|pol|rutan|lapas|jari|jati|kanwil|ops)\p{Ll}*|Sat(?:lantas|reskrim|narkoba|pol)\p{Ll}*|Gakkum|Ops)$/u;
/** Derived common nouns ("Kewilayahan", "Pembangunan", "Modernisasi"): capitalised inside titles and programme names. */
const DERIVED_NOUN = /^(?:(?:ke|pe|per|pem|pen|peng|peny)\p{Ll}{3,}an|\p{Ll}+isasi)$/iu;
/** Words whose presence lets a sentence hold a cue other than repetition (see personCandidates). */
const CUE_WORDS = new Set([...TITLE_HEADS, ...[...RANK_WORDS].map((w) => w.toLowerCase()), ...SPEECH_AFTER, 'kata', 'ujar', 'ucap', 'tutur', 'jelas', 'ungkap',
  'tegas', 'imbuh', 'tambah', 'terang', 'papar', 'sebut', 'menurut', 'bapak', 'pak', 'ibu', 'bu', 'saudara', 'sdr', 'h', 'hj', 'dr', 'drs', 'dra', 'ir', 'prof',
  'kh', 'ustaz', 'ustadz', 'habib', 'kiai', 'kyai', 'gus', 'tuan', 'nyonya', 'bebas', ...ROLE_NOUNS, ...ACT_NOUNS]);
/** A role or an act just before a name ("korban Nama", "pelaku pembunuhan Nama", "kasus kematian Nama"). */
const ROLE_SRC = `(?:^|[\\s,(])(?:(?:${[...ROLE_NOUNS].join('|')})(?:\\s+(?:${[...ACT_NOUNS].join('|')}))?|${[...ACT_NOUNS].join('|')}|(?:vonis|putusan)\\s+bebas)\\s+`;
const ROLE_BEFORE = new RegExp(`${ROLE_SRC}$`, 'i');
/** The same with one or two capitalised words between the role and a tagged span: the tagger left out a first name. */
const ROLE_BEFORE_WORDS = new RegExp(`${ROLE_SRC}((?:\\p{Lu}\\p{Ll}+\\s+){1,2})$`, 'iu');
/** Countries and foreign places by their words ("Amerika", "Korea"): repeated in foreign news, never persons. */
const FOREIGN = new Set([...Object.keys(COUNTRIES), ...Object.values(COUNTRIES), ...FOREIGN_REGIONS].flatMap((c) => c.split(/\s+/)));
const NAME_TOKEN = /^(?:\p{Lu}[\p{Ll}'’`-]+(?:-\p{Lu}?\p{Ll}+)?|\p{Lu}\.)$/u;

function isTitleWord(w: string): boolean { return TITLE_WORDS.has(w.toLowerCase()); }
function isPrefixWord(w: string, g: CandidateGuards): boolean {
  return isTitleWord(w) || RANK_WORDS.has(w) || HONORIFIC.test(w) || KIN.has(w) || NON_NAME_WORDS.has(w) || INSTITUTION_WORDS.has(w)
    || /^\p{Lu}[\p{Lu}\d&-]+$/u.test(w) || g.isRegion(w) || g.isInstitution(w);
}

interface Word { w: string; start: number; end: number }

const ENTITY_WORD_RE = /[\p{L}][\p{L}.'’`-]*/gu;
function wordsOf(e: Entity): Word[] {
  const out: Word[] = [];
  for (let i = 0, list = execAll(ENTITY_WORD_RE, e.text); i < list.length; i++) {
    const m = list[i];
    const w = m[0].endsWith('.') && !/^\p{Lu}\.$/u.test(m[0]) ? m[0].slice(0, -1) : m[0];
    out.push({ w, start: e.start + m.index!, end: e.start + m.index! + w.length });
  }
  return out;
}

/**
 * Whether `word` occurs outside [start, end) on its own (no name-shaped word right after it, none right before but a
 * title or honorific) and `ok` accepts that occurrence.
 */
function standsAlone(text: string, word: string, start: number, end: number, ok: (at: number) => boolean = () => true): boolean {
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (i >= start && i < end) continue;
    const e = i + word.length;
    if (/[\p{L}\d]/u.test(text[i - 1] ?? ' ') || /[\p{L}\d]/u.test(text[e] ?? ' ')) continue;
    if (/^ \p{Lu}/u.test(text.slice(e, e + 2))) continue;
    const prev = /(\S+) $/.exec(text.slice(Math.max(0, i - 30), i))?.[1];
    if (prev && NAME_TOKEN.test(prev) && !NON_NAME_WORDS.has(prev) && !isTitleWord(prev) && !HONORIFIC.test(prev) && !CUE_WORDS.has(prev.toLowerCase())) continue;
    if (ok(i)) return true;
  }
  return false;
}

/** Whether the tagger reads the word at `at` as a person in its own sentence (a window of it, for speed). */
function taggedPerson(text: string, at: number): boolean {
  const from = Math.max(0, at - 120), to = Math.min(text.length, at + 120);
  const toks = tokenize(text.slice(from, to));
  let a = 0, b = toks.length;
  const k = toks.findIndex((t) => t.start === at - from);
  if (k < 0) return false;
  for (let i = k - 1; i >= 0; i--) if (/^[.!?"“”]$/.test(toks[i].text)) { a = i + 1; break; }
  for (let i = k + 1; i < toks.length; i++) if (/^[.!?"“”]$/.test(toks[i].text)) { b = i + 1; break; }
  // Decoding runs left to right and a word's features reach two words ahead: with the word capitalised (so that the two
  // after it are described as in the whole sentence), the words after those two cannot change its tag.
  const words: string[] = [];
  for (let i = a; i < b; i++) words.push(toks[i].text);
  const upto = isCapitalised(words[k - a]) ? Math.min(words.length, k - a + 3) : words.length;
  return shippedTagger().tagWords(words.slice(0, upto))[k - a] === 'B-PER';
}

/** Whether `word` occurs somewhere right beside another name-shaped word ("Rahmat Wijaya Kusuma" for "Wijaya"). */
function insideLongerName(text: string, word: string): boolean {
  const beside = (w: string | undefined) => !!w && NAME_TOKEN.test(w) && !NON_NAME_WORDS.has(w) && !INSTITUTION_WORDS.has(w) && !isTitleWord(w) && !HONORIFIC.test(w);
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    const end = i + word.length;
    if (/[\p{L}\d]/u.test(text[i - 1] ?? ' ') || /[\p{L}\d]/u.test(text[end] ?? ' ')) continue;
    if (beside(/(\S+) $/.exec(text.slice(Math.max(0, i - 30), i))?.[1]) || beside(/^ ([^\s,.;:!?"”]+)/.exec(text.slice(end, end + 30))?.[1])) return true;
  }
  return false;
}

/** The capitalised words (and acronyms) right before `pos` in the same clause, nearest last, at most `max`. */
function capitalisedRunBefore(text: string, pos: number, max = 8): string[] {
  // Read backwards word by word (a regex anchored at the end retried from every position of the window).
  const words: string[] = [];
  let i = pos;
  while (words.length < max + 4) {
    let e = i;
    while (e > 0 && /\s/.test(text[e - 1])) e--;
    if (e === i || e === 0) break;
    let b = e;
    while (b > 0 && !/\s/.test(text[b - 1])) b--;
    const w = text.slice(b, e);
    // The run ends at a full stop: "… Presiden. Syukur …" starts a new sentence; and at a comma or a lower-case word.
    if (w === 'dan' || w === '&') { i = b; continue; }
    if (!/^\p{Lu}[\p{L}\d.'’&/-]*$/u.test(w)) break;
    if (w.endsWith('.') && !/^(?:\p{Lu}|Hj|Dr|Drs|Dra|Ir|Prof|Kab|KH)\.$/u.test(w)) break;
    words.unshift(w);
    i = b;
  }
  return words.slice(-max);
}

/** Per-offset marks of personCandidates, kept from call to call and cleared for each text rather than allocated per article. */
const scratchArrays = [new Uint8Array(0), new Uint8Array(0), new Uint8Array(0)];
/** Scratch array `k`, zeroed over [0, n). */
function scratch(k: number, n: number): Uint8Array {
  if (scratchArrays[k].length < n) scratchArrays[k] = new Uint8Array(Math.max(n, scratchArrays[k].length * 2));
  return scratchArrays[k].fill(0, 0, n);
}

/**
 * Persons the tagger finds in `text` that a cue supports and the guards let through. Leading offices, ranks, regions
 * and honorifics are trimmed off a tagged span ("Kapolres Tegalsari AKBP Rudi Hartanto" → "Rudi Hartanto", a title cue).
 * `entities` replaces the tagger's output (tests); without it the tagger sees only what a kept candidate could come
 * from, as it costs more than the rest of the extractor.
 */
export function personCandidates(text: string, g: CandidateGuards, entities?: Entity[]): PersonCandidate[] {
  const lexicon = shippedTagger().lexicon;
  const counts = new Map<string, number>();
  const countOf = (w: string) => {
    let n = counts.get(w);
    if (n === undefined) {
      n = 0;
      for (let i = text.indexOf(w); i !== -1 && n < 3; i = text.indexOf(w, i + 1)) if (!/[\p{L}\d]/u.test(unitOrSpace(text, i + w.length)) && !/[\p{L}\d]/u.test(unitOrSpace(text, i - 1))) n++;
      counts.set(w, n);
    }
    return n;
  };
  // Only words that could stand in a kept candidate are decided by the tagger, the rest are O unscored: name-shaped, not
  // a common, office, institution, honorific or place word, not inside a name or institution already found.
  const covered = scratch(0, text.length + 1);
  for (let i = 0, list = g.taken ?? []; i < list.length; i++) { const s = list[i]; covered.fill(1, s.start, s.end); }
  // The verdict per token start, once decided: 0 not yet, 1 name-like, 2 not.
  const seen = scratch(1, text.length + 1);
  // First characters and lengths of tokens read from the text's codes and the tokens' offsets (see tagText).
  const cs = codesOf(text);
  const nameLike = (t: Token) => {
    const w = t.text, c = cs[t.start];
    // A name-shaped word starts with a capital: ASCII punctuation, digits and lower-case letters are rejected at once.
    if ((c < 128 && !(c >= 65 && c <= 90)) || covered[t.start]) return false;
    let v = seen[t.start];
    if (v === 0) {
      // The lower-case form only once the shape and the case-sensitive lists have let the word through.
      let lw: string;
      v = NAME_TOKEN.test(w) && (w.length > 2 || /^\p{Lu}\.$/u.test(w)) && !NON_NAME_WORDS.has(w) && !INSTITUTION_WORDS.has(w)
        && !TITLE_WORDS.has(lw = w.toLowerCase()) && !CUE_WORDS.has(lw) && !FOREIGN.has(w) && !g.isRegion(w) ? 1 : 2;
      seen[t.start] = v;
    }
    return v === 1;
  };
  // Whether a token is a cue word, remembered by its start (windows of neighbouring words overlap): 0 not yet, 1 yes, 2 no.
  const cue = scratch(2, text.length + 1);
  const isCue = (t: Token) => {
    let v = cue[t.start];
    if (v === 0) cue[t.start] = v = CUE_WORDS.has(t.text) || CUE_WORDS.has(t.text.toLowerCase()) ? 1 : 2;
    return v === 1;
  };
  // And only sentences where a new candidate could pass: a name-like word not in the lexicon of common words nor in a
  // name already found (which brings short references, not new persons), with a title, honorific, rank or speech word
  // at most six words before it or four after it, or repeated in the text (three times: the protagonists).
  entities ??= tagText(text, shippedTagger(), {
    decide: nameLike,
    keep: (sentence) => {
      for (let k = 0; k < sentence.length; k++) {
        const t = sentence[k], c = cs[t.start];
        if ((c >= 97 && c <= 122) || t.end - t.start < 3 || !nameLike(t) || lexicon.has(t.text.toLowerCase()) || g.knownWords?.has(t.text)) continue;
        if (countOf(t.text) > 2) return true;
        // Cue words are looked for only around such a word: most words of a sentence are never looked up.
        for (let j = Math.max(0, k - 6); j < Math.min(sentence.length, k + 5); j++) if (j !== k && isCue(sentence[j])) return true;
      }
      return false;
    },
  });
  // The tagger's reading of a word elsewhere, once per position: names that share a first or last word ask for the same ones.
  const personAt = new Map<number, boolean>();
  const isPerson = (at: number) => { let v = personAt.get(at); if (v === undefined) personAt.set(at, (v = taggedPerson(text, at))); return v; };
  const out: PersonCandidate[] = [];
  for (let j = 0; j < entities.length; j++) {
    if (entities[j].type !== 'PER') continue;
    const c = candidateOf(text, entities[j], g, lexicon, isPerson);
    if (c) out.push(c);
  }
  return out;
}

/**
 * The candidate a tagged person span gives, or null: leading offices trimmed, guards passed, cues found. A function of
 * its own: inside personCandidates it made that function one of the costliest to optimise.
 */
function candidateOf(text: string, e: Entity, g: CandidateGuards, lexicon: ReadonlySet<string>, isPerson: (at: number) => boolean): PersonCandidate | null {
  let ws = wordsOf(e);
  // "korban Dewi Sekar Arum" tagged from "Sekar": the name-shaped words after the role belong to the name.
  const lead = ROLE_BEFORE_WORDS.exec(text.slice(Math.max(0, e.start - 60), e.start));
  if (lead && !ROLE_BEFORE.test(text.slice(Math.max(0, e.start - 32), e.start))) {
    const at = e.start - lead[1].length;
    const extra = wordsOf({ ...e, text: lead[1], start: at });
    if (extra.every((w) => NAME_TOKEN.test(w.w) && !NON_NAME_WORDS.has(w.w) && !isPrefixWord(w.w, g))) ws = [...extra, ...ws];
  }
  let titled = false;
  let k = 0;
  while (k < ws.length - 1 && isPrefixWord(ws[k].w, g)) { if (TITLE_HEADS.has(ws[k].w.toLowerCase()) || RANK_WORDS.has(ws[k].w) || HONORIFIC.test(ws[k].w)) titled = true; k++; }
  ws = ws.slice(k);
  while (ws.length && (/^(?:dan|bin|binti)$/.test(ws[ws.length - 1].w))) ws.pop();
  if (ws.length === 0 || ws.length > 5) return null;
  const name = joinWords(ws);
  const start = ws[0].start, end = ws[ws.length - 1].end;
  const after = text.slice(end, end + 40);
  const nextWord = /^\s*,?\s*(?:juga\s+|pun\s+|pun,\s+)?([\p{L}]+)/u.exec(after)?.[1] ?? '';
  const speech = SPEECH_AFTER.has(nextWord) || SPEECH_BEFORE.test(text.slice(Math.max(0, start - 24), start));
  // One word alone is a name only beside a speech verb (see below); most tagged spans are single words, so first.
  if (ws.length === 1 && (!speech || name.length < 6)) return null;
  // Guards: every word name-shaped and none an office, institution, law or place word; the whole not a region or institution.
  if (!ws.every((w) => NAME_TOKEN.test(w.w) && !isTitleWord(w.w) && !NON_NAME_WORDS.has(w.w) && !INSTITUTION_WORDS.has(w.w) && !LAW_WORDS.has(w.w.toLowerCase()))) return null;
  if (g.isRegion(name) || g.isInstitution(name) || ws.some((w) => g.isRegion(w.w) || g.isInstitution(w.w) || OFFICE_WORD.test(w.w))) return null;
  if (ws.some((w) => DERIVED_NOUN.test(w.w) || FOREIGN_ORG_WORDS.has(w.w) || glued(w.w, lexicon) || PAIR.test(w.w)) || (ws.length === 1 && name.length < 6)) return null;
  const prevWord = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, start - 20), start))?.[1] ?? '';
  if (ORG_HEADS.has(prevWord)) return null;
  // Capitalised common words ("Penyerahan", "Bazar") are headings and sentence starts, not names.
  const letters = ws.filter((w) => w.w.length > 2);
  if (letters.length === 0 || letters.every((w) => lexicon.has(w.w.toLowerCase()))) return null;
  if (text.slice(end, end + 1) === '(' || /^\s*\((?:Perda|UU|Nomor|No)/.test(text.slice(end, end + 12))) return null;

  const cues: Cue[] = [];
  const run = capitalisedRunBefore(text, start);
  // "… - Direktur Supply Chain 8. Nama": right after a title and closing a list's item, the words name the office.
  if (run.length && isTitleWord(run[run.length - 1]) && /^\s*\d{1,2}\.(?:\s|$)/.test(text.slice(end, end + 5))) return null;
  if (titled || run.some((w) => TITLE_HEADS.has(w.toLowerCase()) || RANK_WORDS.has(w) || HONORIFIC.test(w)) || /(?:^|\s)(?:bapak|pak|ibu|bu|saudara|sdr\.?)\s+$/i.test(text.slice(Math.max(0, start - 10), start))) cues.push('title');
  if (speech) cues.push('speech');
  const appos = /^\s*,\s*(?:selaku\s+|sebagai\s+|yang\s+(?:juga|merupakan|kini|saat ini)\s+(?:menjabat\s+)?(?:sebagai\s+)?)?([\p{L}]+(?:\s+[\p{L}]+)?)/u.exec(after);
  if (appos && (isTitleWord(appos[1].split(/\s+/)[0]) || TITLE_FORMS.has(appos[1].toLowerCase()))) cues.push('appositive');
  if (ws.length > 1 && ROLE_BEFORE.test(text.slice(Math.max(0, start - 32), start))) cues.push('role');
  if (ws.length === 1) {
    // One word alone is a name only beside a speech verb: after a title it is as often the title's place ("Camat Sukamaju, …");
    // and a lone word that elsewhere stands inside a longer name is a short reference to that person, not a new one.
    if (!cues.includes('speech') || insideLongerName(text, name)) return null;
  } else if (cues.length === 0) {
    // Repetition is looked at last, and only for names no other cue supports: it is the costliest and the weakest cue.
    // A person is referred to later by one of their names alone ("… kata Santosa"); brands, clubs and places are
    // repeated whole. So it must be a first or last word standing alone elsewhere, all words rare, which the tagger
    // reads as a person in that other sentence too.
    const rare = (w: string) => w.length > 2 && !lexicon.has(w.toLowerCase());
    if (!ws.every((w) => rare(w.w) || /^\p{Lu}\.$/u.test(w.w))) return null;
    const first = ws[0].w, last = ws[ws.length - 1].w;
    if (!((rare(last) && standsAlone(text, last, start, end, isPerson)) || (rare(first) && standsAlone(text, first, start, end, isPerson)))) return null;
    cues.push('repetition');
  }
  return { name, start, end, cues };
}
