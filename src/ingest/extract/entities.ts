/**
 * The entities stage and the state every later stage reads: the gazetteer matchers (`Matchers`, built once) and one
 * article's run (`ArticleRun`: cleaned text, paragraphs, institutions, persons with positions, places).
 * Offsets (start, end) refer to the article body as parsed (paragraphs joined by "\n").
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import { config } from '../../config';
import { EventKind, InstitutionKind, ParticipationRole, PlaceKind } from '../../entities/enums';
import type { ParsedArticle, RelatedTeaser } from '../parse';
import { ORG_HEADS, personCandidates } from './candidates';
import { shippedTagger } from './tagger';
import { cleanup, OffsetMap } from './cleanup';
import {
  COUNTRIES, EVENT_FULL, EVENT_TYPES, EventTypeEntry, FOREIGN_REGIONS, GENERIC_INSTITUTION_PHRASES, InstitutionEntry, NATIONAL_INSTITUTIONS, RANKS, TITLES, TitleEntry,
} from './gazetteer';
import { ENGLISH_TITLE_HEAD_WORDS, HONORIFIC, INSTITUTION_WORDS, NON_NAME_WORDS, PHRASE_CONNECTORS, QUOTE_TAGS, SPEECH_VERBS, WEEKDAY_OR_MONTH_RE } from './lexicon';
import { Region, RegionIndex } from './regions';
import { addKey, cleanPersonName, codesOf, joinWords, execAll, containsTokens, escapeRe, hasKey, keyBits, LeadPattern, leadsOf, PhraseMatcher, spaceCode, standaloneOffsets, wordKey, wordRunsOf } from './text';
import { nameKey, personKey } from '../../text/normalize';

export interface Span { start: number; end: number; text: string }
export interface XPosition { title: string; institution: string | null; region: string | null }
export interface XPerson { name: string; aliases: string[]; positions: XPosition[]; mentions: Span[] }
export interface XInstitution { name: string; acronym: string | null; aliases: string[]; kind: InstitutionKind; parent: string | null; regionCode: string | null; mentions: Span[] }
export interface XPlace { name: string; kind: PlaceKind; code: string | null; parent: string | null; mentions: Span[] }
export interface XParticipant { person?: string; institution?: string; role: ParticipationRole }
export interface XEvent {
  name: string; aliases: string[]; kind: EventKind; startDate: string | null; endDate: string | null; venue: string | null; city: string | null;
  organizers: string[]; participantCount: number | null; participants: XParticipant[]; mentions: Span[];
}
export interface XQuote { speaker: string | null; text: string; start: number; end: number }
/** A short name that fits more than one person of the article: left unresolved, with its candidates. */
export interface XUnresolved { text: string; start: number; end: number; candidates: string[] }
export interface Extraction {
  id: string;
  article: { title: string; section: string | null; outlet: string | null; dateline: string | null; byline: string | null; publishedOn: string | null; language: string; related: RelatedTeaser[] };
  persons: XPerson[];
  institutions: XInstitution[];
  places: XPlace[];
  events: XEvent[];
  quotes: XQuote[];
  /** Not part of the `extract --json` contract: ingest keeps these for editors. */
  unresolved: XUnresolved[];
}

// ---------------------------------------------------------------------------------------------
// Gazetteer matchers, built once.

interface InstForm { form: string; entry: InstitutionEntry }
export interface Extractor { extract(a: ParsedArticle): Extraction; regions: RegionIndex }

const TITLE_FORMS: Array<{ form: string; entry: TitleEntry }> = TITLES.flatMap((e) => e.forms.map((form) => ({ form, entry: e })))
  .sort((a, b) => b.form.length - a.form.length);
const TITLE_RE = new RegExp(`(?<![\\p{L}\\d])(?:(Plt\\.?|Pj\\.?|Pjs\\.?|Penjabat|Pelaksana Tugas)\\s+)?(${TITLE_FORMS.map((t) => escapeRe(t.form)).join('|')})(?![\\p{L}\\d])`, 'gu');
// Lower-case "kepala" is also the body part: only its longer title forms are read in lower case; forms of more than
// three words (written-out ministries) are rare in lower case and would only slow the scan.
const TITLE_RE_CI = new RegExp(`(?<![\\p{L}\\d])(?:(Plt\\.?|Pj\\.?)\\s+)?(${TITLE_FORMS.filter((t) => t.form.length > 4 && !/^[A-Z]+$/.test(t.form) && t.form !== 'Kepala' && t.form.split(' ').length <= 3).map((t) => escapeRe(t.form.toLowerCase())).join('|')})(?![\\p{L}\\d])`, 'gu');
/** Ranks ending a qualifier, with the corps a navy or air-force rank carries ("Kolonel Laut (P)"). */
const RANKS_TAIL_RE = new RegExp(`(?:\\s*(?:${RANKS.map(escapeRe).join('|')})\\.?(?:\\s+(?:Laut|Udara|Marinir|Pnb|Tek|Kes|Sus|Adm))?(?:\\s*\\([A-Z]{1,3}\\))?)+$`, 'u');
/** Whether `before` ends with a title form and whitespace ("… Wakil Kepala "). */
function endsWithTitle(before: string): boolean {
  if (!/\s$/.test(before)) return false;
  const words = before.trim().split(/\s+/);
  for (let n = 1; n <= 4 && n <= words.length; n++) if (TITLE_BY_FORM.has(words.slice(words.length - n).join(' ').toLowerCase())) return true;
  return false;
}
const TITLE_BY_FORM = new Map(TITLE_FORMS.map((t) => [t.form.toLowerCase(), t.entry]));
/** A title starting exactly at lastIndex. */
const TITLE_AT = new RegExp(TITLE_RE.source, 'uy');
const TITLE_AT_CI = new RegExp(TITLE_RE_CI.source, 'uy');
/** The leading letters of every title form's first word (and of the interim prefixes), for finding where a title may start. */
const leadLetters = (w: string) => /^\p{L}+/u.exec(w)?.[0] ?? w;
const TITLE_FIRST = new Set([...TITLE_FORMS.map((t) => leadLetters(t.form)), 'Plt', 'Pj', 'Pjs', 'Penjabat', 'Pelaksana']);
const TITLE_FIRST_CI = new Set([...TITLE_FORMS.map((t) => leadLetters(t.form.toLowerCase())), 'Plt', 'Pj']);

/** The end of the letters a word run [start, end) begins with: its first digit, or its end ("Kapolres" of "Kapolres2"). */
function leadEnd(codes: ArrayLike<number>, start: number, end: number): number {
  for (let i = start; i < end; i++) { const c = codes[i]; if (c >= 48 && c <= 57) return i; }
  return end;
}
/** The keys of the words that can begin a title: most words of a text have none of them and are never sliced. */
const TITLE_FIRST_KEYS = keyBits();
for (const w of [...TITLE_FIRST, ...TITLE_FIRST_CI]) addKey(TITLE_FIRST_KEYS, wordKey(w, 0, w.length));

/**
 * The matches `matchAll` of the two title patterns would give, found faster: the long alternations are tried only where
 * a word that can begin a title stands (a word run whose leading letters are a title's first word, as every title form
 * starts with a letter), and each pattern's scan resumes after its last match as `matchAll` does.
 */
function scanTitles(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let resume = 0, resumeCi = 0;
  const runs = wordRunsOf(text), cs = codesOf(text);
  for (let k = 0; k < runs.count; k++) {
    const i = runs.starts[k], end = runs.ends[k], e = leadEnd(cs, i, end);
    if (e === i || !hasKey(TITLE_FIRST_KEYS, e === end ? runs.keys[k] : wordKey(text, i, e))) continue;
    const lead = text.slice(i, e);
    if (i >= resume && TITLE_FIRST.has(lead)) {
      TITLE_AT.lastIndex = i;
      const m = TITLE_AT.exec(text);
      if (m) { out.push(m); resume = i + m[0].length; }
    }
    if (i >= resumeCi && TITLE_FIRST_CI.has(lead)) {
      TITLE_AT_CI.lastIndex = i;
      const m = TITLE_AT_CI.exec(text);
      if (m) { out.push(m); resumeCi = i + m[0].length; }
    }
  }
  return out;
}
/**
 * Company titles in English are made, not listed: words of a field before a head ("Marketing Director", "PR & Event
 * Department Head", "Chief Economist") or "Head of" and the field ("Head of Corporate Communications"). The holder
 * heads or serves the body named after the title.
 */
const ENGLISH_TITLE_HEADS = ENGLISH_TITLE_HEAD_WORDS.join('|');
const ENGLISH_TITLE_TEST_RE = new RegExp(`(?<![\\p{L}])(?:${ENGLISH_TITLE_HEADS})(?![\\p{L}])`, 'u');
const ENGLISH_TITLE_WORD = `(?:\\p{Lu}[\\p{L}]*|&|and|of)`;
const ENGLISH_TITLE_RE = new RegExp(`(?<![\\p{L}&])()((?:\\p{Lu}[\\p{L}]*|Head[ \\t]+of)(?:[ \\t]+${ENGLISH_TITLE_WORD}){0,6}[ \\t]+(?:${ENGLISH_TITLE_HEADS})|Head[ \\t]+of(?:[ \\t]+(?:(?!(?:PT|CV)(?![\\p{L}]))\\p{Lu}[\\p{L}]*|&|and)){1,5}(?=[ \\t]+(?:PT|CV|\\p{Lu}{2,})(?![\\p{L}])))(?![\\p{L}])`, 'gu');
/** Modifiers of English titles that Indonesian text also writes in lower case (so the common-word test would drop them). */
const ENGLISH_TITLE_MODIFIERS = new Set(['Senior', 'Junior', 'General', 'Digital', 'Regional', 'Global', 'Executive', 'Product', 'Marketing']);
/** Words opening a sentence before the name it reports ("Menurut Nama, …"), no part of the name. */
const SENTENCE_OPENERS = new Set(['Menurut', 'Kata', 'Ujar', 'Sementara', 'Adapun', 'Namun', 'Selain', 'Sedangkan', 'Bahkan']);
/** Made titles read per article at most: a text of nothing but such runs names no more people. */
const MAX_MADE_TITLES = 100;
/** A capitalised Indonesian verb form ("Dijelaskan", "Menambahkan") opening a sentence before a title. */
const INDONESIAN_VERB_FORM_RE = /^(?:Di|Me|Ber|Ter)\p{Ll}+(?:kan|i)$/u;
/** A made English title starting at a position (sticky), where a connector leads to the next holder's title. */
const ENGLISH_TITLE_AT = new RegExp(ENGLISH_TITLE_RE.source, 'uy');
/** A made English title ending the text before a phrase. */
const ENGLISH_TITLE_END_RE = new RegExp(`(?<![\\p{L}])(?:${ENGLISH_TITLE_HEADS}|Head[ \\t]+of(?:[ \\t]+(?:\\p{Lu}[\\p{L}]*|&|and)){1,5})[ \\t]+$`, 'u');
const RANK_RE = new RegExp(`^(?:(?:${RANKS.map(escapeRe).join('|')})\\.?\\s+)+`, 'u');
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’`-]+(?:-\p{Lu}?[\p{Ll}]+)?|\p{Lu}\.|Mc\p{Lu}\p{Ll}+)$/u;
const HONORIFIC_WORD = /^(?:H|Hj|Dr|Drs|Dra|Ir|Prof|KH|dr|drg|Tgh|Ustaz|Ustadz|Kiai|Habib|Buya|Syekh|Ayatollah|Pendeta|Romo)\.?$/;
/**
 * Words that introduce a person without an office: roles in a story ("terdakwa", "saksi", "warga"), trades and
 * callings ("pengusaha", "ustaz"), former officials ("pejabat", "mantan"). The name follows, perhaps after a body.
 */
const ROLE_CUE_WORDS = 'pejabat mantan eks terdakwa tersangka terpidana saksi korban pelaku warga transmigran petani nelayan pedagang siswa siswi mahasiswa mahasiswi ustaz ustadz kiai habib buya pengacara advokat aktivis artis penyanyi aktor aktris atlet pelatih pemain dokter sosok tokoh akademisi budayawan seniman penulis jurnalis wartawan politikus politisi pengusaha presenter komedian ekonom pengamat peneliti analis kader bapak ibu';
const ROLE_CUE_RE = new RegExp(`\\b(?:${ROLE_CUE_WORDS.split(' ').map((w) => `[${w[0]}${w[0].toUpperCase()}]${w.slice(1)}`).join('|')})(?:[ \\t]+(?:senior|muda|asal))?[ \\t]+(?=[A-Z])`, 'g');
const ROLE_CUE = new LeadPattern(ROLE_CUE_RE, ROLE_CUE_WORDS.split(' ').flatMap((w) => [w, w[0].toUpperCase() + w.slice(1)]));
const VENUE_HEADS = ['Hotel', 'Pendopo', 'Pendapa', 'Gedung', 'Ruang', 'Aula', 'Balai', 'Graha', 'Wisma', 'Auditorium', 'Convention', 'Masjid', 'Stadion',
  'Lapangan', 'Alun-alun', 'Taman', 'GOR', 'Kantor', 'Rumah Dinas', 'Rumah Jabatan', 'Mapolres', 'Mapolda', 'Makodim', 'Kompleks', 'Komplek', 'Islamic Center', 'Pantai', 'Bandara', 'Pelabuhan', 'Universitas', 'Kampus'];
/** Heads of places that are venues after "di" only (schools, courts, offices, markets, houses of worship). */
const VENUE_HEADS_AFTER_DI = ['RPTRA', 'Lapas', 'Rutan', 'Mapolsek', 'Mapolres', 'Mapolresta', 'Mapolda', 'Mabes', 'MTsN', 'MAN', 'MIN', 'SMAN', 'SMPN', 'SDN', 'SMKN',
  'SMA', 'SMP', 'SMK', 'SD', 'Madrasah', 'Sekolah', 'Pondok Pesantren', 'Ponpes', 'Pengadilan', 'Puskesmas', 'RSUD', 'Rumah Sakit', 'Pasar', 'Terminal',
  'Stasiun', 'Museum', 'Monumen', 'Pura', 'Gereja', 'Vihara', 'Klenteng', 'Kementerian', 'Halaman', 'Mal', 'Mall', 'Plaza', 'Gelanggang', 'Sport Center',
  'Kompleks Parlemen', 'Markas'];
/** Lower-case heads the press writes before a named room or building ("di ruang Melati", "di aula Kecamatan …"). */
const VENUE_RE = new RegExp(`\\b(?:di|bertempat di|berlangsung di|digelar di)\\s+((?:${[...VENUE_HEADS, ...VENUE_HEADS_AFTER_DI].map(escapeRe).join('|')}|ruang|aula|gedung|halaman|kantor|pendopo|lapangan)(?:\\s+(?:[\\p{Lu}\\d][\\p{L}\\d.'’&-]*|dan|de|of))+)`, 'gu');
const VENUE = new LeadPattern(VENUE_RE, ['di', 'bertempat', 'berlangsung', 'digelar']);
/** Venues named with their head wherever they stand, in lists too ("RPTRA Melati, RPTRA Kenanga"). */
const ALWAYS_VENUE_HEADS = ['RPTRA', 'Balai Kota', 'Lapas', 'Rutan', 'Mapolsek', 'Mapolres', 'Mapolresta', 'Mapolda', 'Alun-alun', 'Stadion', 'GOR'];
const ALWAYS_VENUE = new LeadPattern(new RegExp(`(?<![\\p{L}])((?:${ALWAYS_VENUE_HEADS.join('|')})(?:\\s+(?:[\\p{Lu}\\d][\\p{L}\\d.'’&-]*))+)`, 'gu'), leadsOf(ALWAYS_VENUE_HEADS));
/**
 * Venues named in English put their head last ("Nusantara Convention Center", "The Grand Palm Resort"), after "di"
 * as the head-first ones are.
 */
const VENUE_TAILS = ['Convention Center', 'Convention Centre', 'Convention Hall', 'Convention Exhibition', 'Exhibition Center', 'Resort', 'Hotel', 'Ballroom',
  'Hall', 'Arena', 'Stadium', 'Mall', 'Plaza', 'Tower', 'Square', 'Dome', 'Theater', 'Theatre', 'Building'];
const VENUE_TAIL_TEST_RE = new RegExp(`(?<![\\p{L}])(?:${VENUE_TAILS.join('|')})(?![\\p{L}])`, 'u');
const VENUE_TAIL_RE = new RegExp(`(?<![\\p{L}])(?:di|bertempat di|berlangsung di|digelar di)[ \\t]+((?:The[ \\t]+)?(?:\\p{Lu}[\\p{L}\\d'’&-]*[ \\t]+){1,4}(?:${VENUE_TAILS.join('|')}))(?![\\p{L}])`, 'gu');
/** "di Tashkent, " before a country: one or two capitalised words after a preposition of place. */
const PLACE_BEFORE_COUNTRY_RE = /(?<![\p{L}])(?:di|ke|dari)[ \t]+(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)?),[ \t]*$/u;
/** Continents, compass words and the heads of names that are no place in a country ("Uni Eropa", "Timur Tengah", "Piala Asia"). */
const NOT_A_PLACE_WORDS = new Set(['Eropa', 'Asia', 'Afrika', 'Amerika', 'Australia', 'Oseania', 'Uni', 'Timur', 'Barat', 'Utara', 'Selatan', 'Tengah', 'Tenggara',
  'Piala', 'Grand', 'Prix', 'Klub', 'Toko', 'Bandara', 'Pelabuhan', 'Universitas', 'Hotel', 'Stadion']);
/** ", Cempaka Baru, " right after a venue: one to three capitalised words, then the comma before the city. */
const LOCALITY_AFTER_VENUE_RE = /^,[ \t]+(\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}),[ \t]+/u;
/** Villages and districts: "Desa Sukamaju", "Kecamatan Cibadak". */
const ADMIN_PLACE_HEADS = ['Desa', 'Kelurahan', 'Kecamatan', 'Kampung', 'Dusun', 'Nagari', 'Gampong', 'Distrik'];
const ADMIN_PLACE = new LeadPattern(new RegExp(`(?<![\\p{L}])(${ADMIN_PLACE_HEADS.join('|')})[ \\t]+(\\p{Lu}[\\p{Ll}'’-]+(?:[ \\t]+\\p{Lu}[\\p{Ll}'’-]+){0,2})`, 'gu'), ADMIN_PLACE_HEADS);
const SUBUNIT_BEFORE_RE = /(?<![\p{L}])((?:Komisi[ \t]+(?:[IVX]{1,4}|[A-E])|(?:Direktorat|Sekretariat|Satuan|Subdirektorat|Kanwil|Kantor Wilayah|Fraksi)(?:[ \t]+(?:\p{Lu}[\p{L}]*|dan)){1,6}))[ \t]+$/u;
/** "…," kata Nama / tegas Nama: an attribution word before a capitalised name (lexicon's QUOTE_TAGS without -nya forms). */
const SPEECH_TAG_WORDS = QUOTE_TAGS.filter((t) => !t.endsWith('nya'));
/** Function words a name of anyone stands after ("dan Nusatel", "oleh Rina"): no sign that a body owns what comes before. */
const FUNCTION_BEFORE_NAME = new Set(['dan', 'atau', 'serta', 'oleh', 'dari', 'ke', 'di', 'untuk', 'bagi', 'kepada', 'dengan', 'bersama', 'yang', 'bahwa', 'pun',
  'juga', 'namun', 'tetapi', 'sedangkan', 'saat', 'ketika', 'karena', 'agar', 'supaya', 'jika', 'bila', 'sementara', 'lalu', 'kemudian', 'adalah', 'ialah', 'yakni', 'yaitu']);
/** Words a person's name stands after, never a body's: speech tags, "menurut", honorifics and role words. */
const PERSON_BEFORE_WORDS = new Set([...SPEECH_TAG_WORDS.map((w) => w.toLowerCase()), 'menurut', 'pak', 'bu', 'bapak', 'ibu', 'mas', 'mbak', 'bang', 'kak', ...ROLE_CUE_WORDS.split(' ')]);
const SPEECH_TAG = new LeadPattern(new RegExp(`\\b(?:${SPEECH_TAG_WORDS.join('|')})\\s+(?=\\p{Lu})`, 'gu'), leadsOf(SPEECH_TAG_WORDS));
/** "Nama Lengkap mengatakan …": a name at a clause start before a speech verb (lexicon's SPEECH_VERBS). */
export const NAME_THEN_VERB_RE = new RegExp(`(?<=^|[.!?]\\s+|,\\s+|\\n)((?:\\p{Lu}[\\p{Ll}'’-]+\\s+){1,3}\\p{Lu}[\\p{Ll}'’-]+)(?=\\s+(?:juga\\s+|pun\\s+|kemudian\\s+|lalu\\s+)?(?:${SPEECH_VERBS.join('|')}))`, 'gu');
/** NAME_THEN_VERB_RE tried at one position: where its look-behind can hold (clauseStarts), not at every position. */
const NAME_THEN_VERB_AT = new RegExp(NAME_THEN_VERB_RE.source, 'uy');
/**
 * The offsets where NAME_THEN_VERB_RE's look-behind holds before a character that is no white space, ascending: the
 * start, after a line break, and where white space after [.!?,] ends.
 */
function clauseStarts(text: string): number[] {
  const out = [0];
  const cs = codesOf(text), n = cs.length;
  for (let i = 0; i < n; i++) {
    const c = cs[i];
    if (c === 10) out.push(i + 1);
    else if (c === 46 || c === 33 || c === 63 || c === 44) {
      let j = i + 1;
      while (j < n && spaceCode(cs[j])) j++;
      if (j > i + 1) out.push(j);
    }
  }
  // A break inside the white space after a full stop comes after the stop's own entry.
  return out.sort((a, b) => a - b);
}
/** Any speech verb of NAME_THEN_VERB_RE, anywhere: without one that pattern cannot match. */
const SPEECH_VERB_ANY_RE = new RegExp(SPEECH_VERBS.join('|'));
/** Where the matches of NAME_THEN_VERB_RE start, as matchAll finds them: each tried at a clause start where the last ended or later. */
export function namesBeforeSpeechVerbs(text: string): number[] {
  const out: number[] = [];
  // Texts with no speech verb at all (about half) cannot match: no walk over their clause starts.
  if (!SPEECH_VERB_ANY_RE.test(text)) return out;
  let next = 0;
  for (let i = 0, list = clauseStarts(text); i < list.length; i++) {
    const at = list[i];
    if (at < next) continue;
    NAME_THEN_VERB_AT.lastIndex = at;
    const m = NAME_THEN_VERB_AT.exec(text);
    if (!m) continue;
    out.push(at);
    next = at + m[0].length;
  }
  return out;
}
/** What may not touch a whole capitalised word on either side (a letter, a digit or an apostrophe). */
const CAP_WORD_EDGE = /^[\p{L}\d'’]$/u;
const COMPASS_WORDS = new Set(['Selatan', 'Utara', 'Barat', 'Timur', 'Tengah', 'Tenggara', 'Baratdaya', 'Raya', 'Besar', 'Baru', 'Lama', 'Atas', 'Bawah', 'Jaya', 'Indah']);
/** Islands and other named natural regions: "Pulau Lombok". */
const NATURAL_REGION_HEADS = ['Pulau', 'Kepulauan', 'Selat', 'Gunung', 'Danau', 'Pegunungan'];
const NATURAL_REGION = new LeadPattern(new RegExp(`(?<![\\p{L}])((?:${NATURAL_REGION_HEADS.join('|')})[ \\t]+\\p{Lu}[\\p{Ll}]+(?:[ \\t]+\\p{Lu}[\\p{Ll}]+)?)(?![\\p{L}-])`, 'gu'), NATURAL_REGION_HEADS);
const GEO_WORDS = new Set([...COMPASS_WORDS, 'Jawa', 'Sumatera', 'Kalimantan', 'Sulawesi', 'Papua', 'Maluku', 'Bali', 'Nusa', 'Banten', 'Aceh', 'Riau', 'Lombok', 'Flores', 'Timor', 'Madura']);
/** Regency names that are also common nouns ("Puncak", "Batu"): before another capitalised word they name something else. */
const COMMON_NOUN_REGIONS = new Set(['Puncak', 'Batu', 'Banjar', 'Tegal', 'Lebak', 'Kota']);
const REGIONAL_GOV_HEADS = ['Pemerintah Kabupaten', 'Pemerintah Kota', 'Pemerintah Provinsi', 'Pemkab', 'Pemkot', 'Pemko', 'Pemprov', 'Pemda', 'BNNP', 'BNNK',
  'DPRD Kabupaten', 'DPRD Kota', 'DPRD Provinsi', 'DPRD', 'Polresta', 'Polrestabes', 'Polres', 'Polda', 'Kejari', 'Kejati', 'Bappeda', 'BPBD', 'Satpol PP',
  'Setda', 'Setdakab', 'Setdaprov', 'Inspektorat', 'Dinkes', 'Disdik', 'Dinsos', 'Dishub', 'Diskominfo', 'Disdukcapil', 'RSUD', 'BKD', 'BKAD', 'Bapenda',
  'Bakesbangpol', 'Kesbangpol', 'DPUPR', 'Dinas PUPR', 'DLH', 'DPMPTSP', 'DPMD', 'Disnaker', 'Dispendik', 'Disperindag', 'Disbudpar', 'Dispora'];
const REGIONAL_GOV = new LeadPattern(new RegExp(`(?<![\\p{L}])(${REGIONAL_GOV_HEADS.join('|')})\\s+(?:\\((?:Pemkab|Pemkot|Pemprov)\\)\\s+)?((?:Kabupaten|Kota|Provinsi|Kab\\.)\\s+)?`, 'gu'), leadsOf(REGIONAL_GOV_HEADS));
const INST_HEADS = 'CV|Lapas|Rutan|Gabungan|Komunitas|Serikat|Komite|Otoritas|Organisasi|Departemen|Perhimpunan|Himpunan|Federasi|Konfederasi|Persatuan|Aliansi|Koalisi|Paguyuban|Puskesmas|Kementerian|Badan|Dinas|Biro|Direktorat(?: Jenderal)?|Komisi|Lembaga|Universitas|Institut|Politeknik|Sekolah Tinggi|Pengadilan(?: Negeri| Tinggi| Agama)?|Kejaksaan(?: Negeri| Tinggi)?|Rumah Sakit|Yayasan|Asosiasi|Ikatan|Perkumpulan|Partai|PT|Perum|Perumda|Perusahaan Daerah|BUMD|Bank|Majelis|Dewan|Inspektorat|Sekretariat|Kantor Wilayah|Kanwil|Balai|Pusat|Kabinet|Tim|Satgas|Satuan Tugas|Koperasi|Forum|Fraksi|Panitia Khusus|Pansus';
const GENERIC_INST = new LeadPattern(new RegExp(`(?<![\\p{L}])((?:${INST_HEADS})(?:\\s+(?:\\p{Lu}[\\p{L}\\d.'’&/-]*|\\d+|dan|&|serta|se|untuk)){1,9})`, 'gu'),
  // The first word of each head; the pieces of the optional groups ("Pengadilan(?: Negeri| Tinggi| Agama)?") that split
  // off at their bars start with a space and lead nothing.
  leadsOf(INST_HEADS.split('|').filter((h) => /^[A-Za-z]/.test(h))));
/** A head word after "dan"/"serta" starts a second institution: "PT Sinar Abadi dan PT Kurnia Jaya". */
/** The end of " RI" or " Republik Indonesia" (after any white space) written at `at` after an institution's form, or -1. */
function republicSuffixEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (i === at) return -1;
  if (text.startsWith('RI', i)) return i + 2;
  if (text.startsWith('Republik Indonesia', i)) return i + 'Republik Indonesia'.length;
  return -1;
}
/** A defined acronym counts where no letter, digit or its own bracket touches it: "(Dispar)" is the definition itself. */
const ACRONYM_EDGE_BEFORE = /^[\p{L}\d(]$/u;
const ACRONYM_EDGE_AFTER = /^[\p{L}\d)]$/u;
const INST_HEAD_WORD_RE = new RegExp(`^(?:${INST_HEADS.split('|').map((h) => h.split(/[ (]/)[0]).join('|')})$`, 'u');
/** Military units named by number and seat: "Kodim 1234/Sukamaju", "Korem 099", "Kodam IX/Nusantara". */
const MILITARY_UNIT_HEADS = ['Kodim', 'Korem', 'Kodam', 'Koramil', 'Lanal', 'Lanud', 'Lantamal', 'Yonif'];
const MILITARY_UNIT = new LeadPattern(new RegExp(`(?<![\\p{L}\\d])(${MILITARY_UNIT_HEADS.join('|')})\\s+(\\d{2,4}|[IVX]{1,5})(?:\\s*\\/\\s*(\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+)?))?(?![\\p{L}\\d])`, 'gu'), MILITARY_UNIT_HEADS);
/** The bracketed acronym that ends every match of ACRONYM_DEF_RE (no such text, no definition). */
const ACRONYM_DEF_TAIL_RE = /\s\(\p{Lu}[\p{L}\d&/-]{1,15}(?:\s\p{Lu}\p{L}{0,8})?\)/u;
export const ACRONYM_DEF_RE = /((?:\p{Lu}[\p{L}’'-]*|dan|&|se|serta|untuk)(?:\s+(?:\p{Lu}[\p{L}’'-]*|dan|&|se|serta|untuk|di)){0,9})\s+\(([\p{Lu}][\p{L}\d&/-]{1,15}(?:\s[\p{Lu}][\p{L}]{0,8})?)\)/gu;
const ACRONYM_DEF_TAIL_AT = new RegExp(ACRONYM_DEF_TAIL_RE.source, 'uy');
/** ACRONYM_DEF_RE's first match in a string (not global: no lastIndex carried from one string to the next). */
const ACRONYM_DEF_FIRST = new RegExp(ACRONYM_DEF_RE.source, 'u');
/** An ASCII character that no match of ACRONYM_DEF_RE holds before its bracket: not a letter, ’, ', -, & or white space. */
function acronymBarrier(c: number): boolean {
  return c < 128 && !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 45 || c === 38 || c === 32 || (c >= 9 && c <= 13));
}
/**
 * The matches of ACRONYM_DEF_RE in `text` as matchAll gives them, the pattern run only on the stretch before each
 * bracketed acronym: a match's words hold no barrier character, so it starts after the last barrier before its bracket
 * (the bracket is the first barrier after its start) and ends at the bracket's close. Retried from every position of
 * the text, the pattern cost more than the rest of the acronym step.
 */
export function acronymDefinitions(text: string): Array<{ index: number; long: string; acr: string }> {
  const out: Array<{ index: number; long: string; acr: string }> = [];
  let from = 0;
  for (let q = text.indexOf('('); q >= 0; q = text.indexOf('(', Math.max(q + 1, from))) {
    if (q === 0) continue;
    ACRONYM_DEF_TAIL_AT.lastIndex = q - 1;
    const tail = ACRONYM_DEF_TAIL_AT.exec(text);
    if (!tail) continue;
    const end = q - 1 + tail[0].length;
    let s = q - 1;
    while (s > from && !acronymBarrier(text.charCodeAt(s - 1))) s--;
    const m = ACRONYM_DEF_FIRST.exec(text.slice(s, end));
    if (!m) continue;
    out.push({ index: s + m.index, long: m[1], acr: m[2] });
    from = end;
  }
  return out;
}

/**
 * Capitalised words that belong to the names of bodies, offices and countries rather than of people: the words of the
 * institution vocabulary, of the gazetteer's institution names and full titles, country names and English job words.
 * Words that are also common personal names stay out ("Sandi", "Putra", "Jaya").
 */
const NAME_LIKE_WORDS = new Set(`Sandi Jaya Abadi Agung Putra Putri Mulia Indah Sari Utama Bakti Surya Raya Perdana Wijaya Makmur Sentosa Mandiri
Sejahtera Nusantara Bina Cipta Karya Dharma Darma Bumi Kusuma Besar Baru Muda Bersama Pratama Adi Dewi Intan Mutiara Cahaya Bintang Merah Putih
Gunung Tirta Arta Mas Emas Sakti Teguh Budi Harapan Setia Tunggal Wahyu Ilham Rahmat Hidayat Syukur Iman Amal Taufik Bahari Samudra
Hakim Ratu Raja Sultan Pangeran Nur Syah Adil Arif Bijak Laksana Perkasa Satria Ksatria Pahlawan Sri Dewa Dewi Arab`.split(/\s+/));
const ROLE_WORDS_EN = `Chief Officer Executive Director President Vice Manager Management Secretary Corporate Public Relation Relations Communications
Communication Head Council Group Limited Asset Research Equity Marketing Operating Technology Finance Financial Senior Country Regional Founder
Analyst Economist Spokesperson Minister Prime Affairs Operations Strategic Business Development Customer People Legal Investor Holding Company
Commissioner Board Committee Association Agency Department Ministry Office University Institute Foundation Federation Union League Club
United City Conference Championship Cup Series Festival Awards Manajemen Capital Human Resources Investment Bisnis Operasional Komersial
Korporat Niaga Produksi Distribusi Transmisi Risiko Bea Cukai Independen Rp Triliun Miliar Juta Ribu Persen Paling Tepatnya Spesialis
Sekuritas Kolaborasi Pembuat Komitmen Training Safety Consultant Advisor Partner Coach Captain Senior`;
const ORG_VOCAB = new Set([
  ...INSTITUTION_WORDS, ...ROLE_WORDS_EN.split(/\s+/),
  ...NATIONAL_INSTITUTIONS.flatMap((e) => e.name.split(/[\s,/]+/)), ...TITLES.flatMap((e) => e.full.split(/[\s,/]+/)),
  ...Object.keys(COUNTRIES).flatMap((c) => c.split(' ')), ...FOREIGN_REGIONS.flatMap((c) => c.split(' ')),
  'Uni', 'Eropa', 'Iran', 'Irak', 'Turki', 'Mesir', 'Ukraina', 'Qatar', 'Kanada', 'Meksiko', 'Brasil', 'Argentina', 'Italia', 'Spanyol', 'Swiss', 'Pakistan',
  'Bangladesh', 'Yordania', 'Suriah', 'Lebanon', 'Yaman', 'Afghanistan', 'Selandia', 'Kamboja', 'Laos', 'Myanmar', 'Brunei', 'Taiwan', 'Hongkong', 'AS',
].filter((w) => /^\p{Lu}[\p{L}-]+$/u.test(w) && !NAME_LIKE_WORDS.has(w)));
/** "Pemasyarakatan", "Kependudukan": long pe-…-an and ke-…-an nouns name fields and offices, not people. */
const ABSTRACT_NOUN_RE = /^(?:Pe[mnr]?|Peng|Pel|Ke)\p{Ll}{5,}an$/u;
export function isVocabWord(w: string): boolean { return ORG_VOCAB.has(w) || ABSTRACT_NOUN_RE.test(w); }

/** Titles held at one seat: the body is named by the seat ("Kapolres Sleman" → Kepolisian Resor Sleman). */
const SEAT_PREFIX: Partial<Record<string, string>> = {
  POLDA: 'Kepolisian Daerah', POLRES: 'Kepolisian Resor', POLRESTA: 'Kepolisian Resor Kota', POLSEK: 'Kepolisian Sektor', KEJARI: 'Kejaksaan Negeri',
  KEJATI: 'Kejaksaan Tinggi', LANAL: 'Pangkalan TNI Angkatan Laut', LANUD: 'Pangkalan TNI Angkatan Udara', KECAMATAN: 'Kecamatan', KELURAHAN: 'Kelurahan',
  DESA: 'Pemerintah Desa',
};

const SEAT_NAME_RE: Partial<Record<string, RegExp>> = Object.fromEntries(Object.entries(SEAT_PREFIX).map(([k, v]) => [k, new RegExp(`^${v} `)]));
const SEAT_SHORT: Record<string, string> = {
  'Kepolisian Daerah': 'Polda', 'Kepolisian Resor Kota Besar': 'Polrestabes', 'Kepolisian Resor Kota': 'Polresta', 'Kepolisian Resor': 'Polres',
  'Kepolisian Sektor': 'Polsek', 'Kejaksaan Negeri': 'Kejari', 'Kejaksaan Tinggi': 'Kejati',
};

function isNameWord(w: string): boolean {
  return NAME_WORD.test(w) && !NON_NAME_WORDS.has(w.replace(/\.$/, ''));
}

/** Roles a list of people may share ("para terdakwa yakni …", "tersangka, yaitu …"). */
const LIST_ROLES = ['terdakwa', 'tersangka', 'terpidana', 'saksi', 'korban', 'pelaku', 'pemenang', 'peserta', 'narasumber', 'pembicara', 'anggota',
  'pengurus', 'pejabat', 'tokoh', 'hakim', 'jaksa', 'komisioner', 'calon'];
/**
 * Words that introduce a list of people: the role its people share with "yakni/yaitu/adalah/terdiri dari/antara lain/
 * masing-masing" ("para terdakwa yakni", "kedua tersangka, yaitu"), or their presence ("turut hadir", "hadir pula",
 * "dihadiri oleh"). Found from the rarer words: each introducer by a plain search, then the role right before it; the
 * presence pattern only on a text holding "hadir" (one pattern tried at every position cost 2 % of extraction).
 */
const LIST_INTRODUCERS = [' yakni', ' yaitu', ' adalah', ' ialah', ' terdiri', ' antara lain', ' masing-masing', ' di antaranya'];
const LIST_ROLE_BEFORE_RE = new RegExp(`(?<![\\p{L}])(?:${LIST_ROLES.map((r) => `[${r[0].toUpperCase()}${r[0]}]${r.slice(1)}`).join('|')})(?:\\s+\\p{Ll}+){0,3}?\\s*,?$`, 'u');
const LIST_INTRODUCER_AT_RE = /\s+(?:yakni|yaitu|adalah|ialah|terdiri\s+(?:dari|atas)|antara\s+lain|masing-masing|di\s+antaranya)\s*:?\s+/y;
const LIST_BY_PRESENCE_RE = /\b(?:[Tt]urut\s+hadir|[Hh]adir\s+(?:pula|juga)|[Tt]ampak\s+hadir|dihadiri\s+(?:pula\s+|juga\s+)?oleh)(?:\s+(?:dalam|pada)\s+[\p{Ll}\s]{3,40}?)?\s*,?\s*(?:(?:di\s+antaranya|antara\s+lain|yakni|yaitu)\s*,?\s*)?(?=\p{Lu})/gu;
/** Where the list each introduction opens begins (the offset after its words), in text order. */
function listStarts(text: string): number[] {
  const out: number[] = [];
  for (let w = 0; w < LIST_INTRODUCERS.length; w++) {
    for (let at = text.indexOf(LIST_INTRODUCERS[w]); at >= 0; at = text.indexOf(LIST_INTRODUCERS[w], at + 1)) {
      if (!LIST_ROLE_BEFORE_RE.test(text.slice(Math.max(0, at - 60), at))) continue;
      LIST_INTRODUCER_AT_RE.lastIndex = at;
      const m = LIST_INTRODUCER_AT_RE.exec(text);
      if (m) out.push(at + m[0].length);
    }
  }
  if (text.includes('hadir') || text.includes('Hadir')) for (let i = 0, list = execAll(LIST_BY_PRESENCE_RE, text); i < list.length; i++) out.push(list[i].index + list[i][0].length);
  return out.sort((a, b) => a - b);
}

/**
 * Acronyms of things rather than bodies, common in units' names ("Kepala Bidang Pengembangan ASN", "Direktur Pembiayaan
 * UMKM"): ending a qualifier, they name what the unit deals with, not the body it belongs to.
 */
const CONCEPT_ACRONYMS = new Set(['ASN', 'PNS', 'PPPK', 'UMKM', 'UKM', 'IKM', 'APBD', 'APBN', 'SDM', 'SDA', 'TIK', 'PAD', 'BBM', 'KTP', 'TPS', 'CSR',
  'ESG', 'IPTEK', 'PAUD', 'SPBU', 'LPG', 'EBT', 'K3', 'KUR', 'BLT', 'PKH', 'ODGJ', 'TKI', 'WNI', 'WNA']);

/** A relative of an office holder named before the title (lower case: "Putra" and "Putri" are names too). */
const RELATIVE_BEFORE_RE = /(?<![\p{L}])(?:putra|putri|anak|istri|suami|adik|kakak|ayah|ayahanda|ibunda|cucu|menantu|keponakan|cicit)(?:\s+(?:sulung|bungsu|kandung|tertua|pertama|kedua|ketiga|mendiang|almarhum|mantan))?\s+$/u;

/** Up to three capitalised words ending a stretch: an item of an address, before the comma that ends it. */
const ADDRESS_ITEM_RE = /(?<![\p{L}])(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})$/u;
/** Words that open the name of a street, a village or an estate: the name after them is not a district's. */
const ADDRESS_HEADS = 'Jalan|Jl\\.?|Jln\\.?|Gang|Gg\\.?|Desa|Kelurahan|Dusun|Kampung|Perumahan|Komplek|Kompleks';
const ADDRESS_HEAD_RE = new RegExp(`^(?:${ADDRESS_HEADS})$`);
const ADDRESS_HEAD_BEFORE_RE = new RegExp(`(?:${ADDRESS_HEADS})\\s+$`);

/** " alias Julukan" after a name, once or more (defendants and suspects are reported with their nicknames). */
const ALIAS_AFTER_RE = /^(?:[ \t]+alias[ \t]+\p{Lu}[\p{L}'’-]+)+/u;

function isAcronym(w: string): boolean { return /^\p{Lu}[\p{Lu}\d&-]{1,9}$/u.test(w) || /^\p{Lu}\p{Ll}*\p{Lu}[\p{Lu}\p{Ll}]*$/u.test(w); }

/** Expands an acronym defined as "Long Form (ACR)" to the long form, first letters matching. */
function acronymFits(long: string, acr: string): boolean {
  const a = acr.replace(/[^\p{L}]/gu, '').toLowerCase();
  if (!a) return false;
  const words = long.split(/\s+/).filter((w) => !PHRASE_CONNECTORS.has(w.toLowerCase()));
  if (words.length === 0) return false;
  return words[0][0].toLowerCase() === a[0];
}

/**
 * Words that make a capitalised phrase the name of a body where no head word of INST_HEADS opens it: an English one
 * last ("Indonesia Investment Authority", "… Group Indonesia"), an Indonesian one first ("Pengurus Besar …"). A word of
 * bodies elsewhere in the phrase names something else ("Focus Group Discussion", "Fund Under Management").
 */
const ORG_WORD_RE = /(?:(?<![\p{L}-])(?:Authority|League|Association|Alliance|Task Force|Council|Organi[sz]ation|Federation|Institute|Foundation|Group|Commission|Agency|Network|Union|Committee|Corporation|Company|Board|Bureau|Society|Club|Consulting)(?:\s+Indonesia)?$|^(?:Pengurus (?:Besar|Pusat|Wilayah|Daerah)|Pimpinan (?:Pusat|Wilayah|Daerah))\s)/u;
/** Words of gatherings: a defined long form holding one names an event, not a body ("Indonesia Investment Forum" aside). */
const EVENT_WORD_RE = /(?<![\p{L}])(?:Summit|Expo|Festival|Conference|Week|Award|Awards|Cup|Games|Championship|Forum)(?![\p{L}])/u;
/** Whether the acronym's letters occur in the long form in order, the first at its first word ("INA": Indonesia Investment Authority). */
function spelledFrom(acr: string, long: string): boolean {
  const a = acr.replace(/[^\p{L}]/gu, '').toLowerCase();
  const l = long.toLowerCase();
  if (a.length < 2 || l[0] !== a[0]) return false;
  let k = 1;
  for (let i = 1; i < l.length && k < a.length; i++) if (l[i] === a[k]) k++;
  return k === a.length;
}

function trimLongForm(long: string, acr: string): string {
  // Keep only as many trailing capitalised words as the acronym plausibly covers.
  const words = long.split(/\s+/);
  const a = acr.replace(/[^\p{L}]/gu, '');
  let best = words.length;
  for (let i = words.length - 1; i >= 0; i--) {
    if (words[i][0] && words[i][0].toLowerCase() === a[0].toLowerCase() && /^\p{Lu}/u.test(words[i])) { best = i; if (words.length - i >= Math.min(a.length, 2)) break; }
  }
  const picked = words.slice(best);
  while (picked.length && PHRASE_CONNECTORS.has(picked[0].toLowerCase())) picked.shift();
  return picked.join(' ');
}

// ---------------------------------------------------------------------------------------------

interface PersonAcc { key: string; name: string; forms: Set<string>; positions: XPosition[]; mentions: Span[]; firstAt: number }
interface InstAcc { key: string; name: string; acronym: string | null; forms: Set<string>; kind: InstitutionKind; parent: string | null; regionCode: string | null; mentions: Span[]; firstAt: number }
interface PlaceAcc { name: string; kind: PlaceKind; code: string | null; parent: string | null; mentions: Span[]; firstAt: number }
interface InstHit { start: number; end: number; name: string; region: Region | null }
/** What collectTitledPersons carries from one title match to the next. */
interface TitleScan {
  lastTitleStart: number; spansEnd: number;
  pending: { positions: XPosition[]; nextAt: number } | null;
  pendingName: { name: { name: string; start: number; end: number }; nextAt: number } | null;
}

/** The gazetteer matchers, built once per process; `WartaExtractor` (index.ts) runs the stages with them. */
export class Matchers {
  private instByForm = new Map<string, InstitutionEntry>();
  /** "kementerian atr" → the entry whose form is "Kementerian ATR/BPN". */
  private ministryBySlashHead = new Map<string, InstitutionEntry>();
  /** Ministries by their field ("transmigrasi", "koordinator bidang pangan"), for fuzzy matching. */
  private ministries: Array<{ field: string; entry: InstitutionEntry }> = [];
  /** The national institutions' forms, each optionally followed by "RI" or "Republik Indonesia". */
  private instFormMatcher: PhraseMatcher;
  private regionMatcher: PhraseMatcher;
  private countryMatcher: PhraseMatcher;

  constructor(readonly regions: RegionIndex) {
    const forms: InstForm[] = [];
    for (const e of NATIONAL_INSTITUTIONS) {
      for (const f of [e.name, ...e.acronyms, ...(e.aliases ?? [])]) { forms.push({ form: f, entry: e }); this.instByForm.set(f.toLowerCase(), e); }
    }
    for (const f of forms) {
      if (f.entry.kind !== InstitutionKind.MINISTRY && f.entry.kind !== InstitutionKind.COORDINATING_MINISTRY) continue;
      if (f.form.includes('/')) this.ministryBySlashHead.set(f.form.split('/')[0].toLowerCase(), f.entry);
      if (f.form === f.entry.name) this.ministries.push({ field: nameKey(f.entry.name.slice('Kementerian '.length).split('/')[0]), entry: f.entry });
    }
    forms.sort((a, b) => b.form.length - a.form.length);
    this.instFormMatcher = new PhraseMatcher(forms.map((f) => f.form), republicSuffixEnd);
    this.regionMatcher = new PhraseMatcher(regions.surfaces());
    const c = [...Object.keys(COUNTRIES), ...FOREIGN_REGIONS].sort((a, b) => b.length - a.length);
    this.countryMatcher = new PhraseMatcher(c);
  }

  /** Institutions named in `text` (offsets relative to `base`). */
  findInstitutions(text: string, base: number, defs: Map<string, string>): InstHit[] {
    const hits: InstHit[] = [];
    const taken = (s: number, e: number) => hits.some((h) => s < h.end && e > h.start);
    for (let i = 0, list = REGIONAL_GOV.all(text); i < list.length; i++) {
      const m = list[i];
      const head = m[1];
      const after = text.slice(m.index! + m[0].length);
      // "Polda Metro Jaya" is the capital's police, not one of Metro city.
      if (head === 'Polda' && /^Metro Jaya\b/.test(after)) continue;
      const region = this.regionAt(after, head, m[2]);
      if (!region) continue;
      const s = base + m.index!, e = s + m[0].length + region.len;
      if (taken(s, e)) continue;
      hits.push({ start: s, end: e, name: this.regionalName(head, region.region), region: region.region });
    }
    // Military units: the seat written once ("Kodim 1234/Sukamaju") names every mention of that number.
    const seats = new Map<string, string>();
    const seatOf = (m: RegExpMatchArray) => (m[3] ? m[3].split(' ').filter((w, i) => i === 0 || !RANKS.includes(w)).join(' ') : null);
    // Both passes read the same matches: the text is scanned once.
    const units = MILITARY_UNIT.all(text);
    for (let i = 0; i < units.length; i++) { const m = units[i]; const seat = seatOf(m); if (seat && !seats.has(`${m[1]} ${m[2]}`)) seats.set(`${m[1]} ${m[2]}`, seat); }
    for (let i = 0; i < units.length; i++) {
      const m = units[i];
      const s = base + m.index!, e = s + m[0].length - (m[3] ? m[3].length - seatOf(m)!.length : 0);
      if (taken(s, e)) continue;
      const unit = `${m[1]} ${m[2]}`;
      const seat = seats.get(unit);
      hits.push({ start: s, end: e, name: seat ? `${unit}/${seat}` : unit, region: null });
    }
    for (let i = 0, list = this.instFormMatcher.matches(text); i < list.length; i++) {
      const hit = list[i];
      const form = hit.phrase;
      const s = base + hit.start, e = base + hit.end;
      if (taken(s, e)) continue;
      const entry = this.instByForm.get(form.toLowerCase())!;
      const next = text.slice(hit.end, hit.end + 12);
      // "DPD Partai X": a party's regional board (Dewan Pimpinan Daerah), not the senate.
      if (form === 'DPD' && /^\s+(?:Partai|PDIP|PDI-P|PDI|Golkar|Gerindra|Nasdem|NasDem|PKB|PKS|PAN|PPP|Demokrat|Perindo|Hanura|PSI)\b/.test(next)) continue;
      // "Dinas Kominfo", "Kadis PUPR": a ministry's short name as the field of a regional office.
      if ((entry.kind === InstitutionKind.MINISTRY) && /(?:Dinas|Kadis|Kepala Dinas)\s+$/.test(text.slice(Math.max(0, hit.start - 14), hit.start))) continue;
      if (form === 'BI' || form === 'MA' || form === 'MK' || form === 'KY' || form === 'LAN' || form === 'BIN' || form === 'LPS' || form === 'ORI') {
        // Short acronyms that are also words or initials: only as standalone capitals with an institutional cue nearby.
        if (!/\b(di|ke|dari|oleh|Ketua|Kepala|Hakim|Gubernur|Deputi|Hakim)\s*$/.test(text.slice(Math.max(0, hit.start - 12), hit.start))) continue;
      }
      hits.push({ start: s, end: e, name: entry.name, region: null });
    }
    this.genericInstitutions(text, base, defs, hits, taken);
    return hits.sort((x, y) => x.start - y.start);
  }

  /**
   * Institutions named by a generic head ("Dinas …", "PT …", "Yayasan …"), added to `hits` where none is yet. A method
   * of its own: inside findInstitutions it made that one of the costliest functions to optimise.
   */
  private genericInstitutions(text: string, base: number, defs: Map<string, string>, hits: InstHit[], taken: (s: number, e: number) => boolean): void {
    // `next` is where the scan resumes, as a global pattern's lastIndex: after the match unless set below.
    let next = 0;
    for (let m = GENERIC_INST.exec(text, next); m; m = GENERIC_INST.exec(text, next)) {
      next = m.index + m[0].length;
      const s = base + m.index;
      const words = m[1].split(/\s+/);
      // Stop before a trailing capitalised verb from a headline, at a sentence end, or before a second institution.
      let cut = words.length;
      for (let i = 1; i < words.length; i++) {
        if (/^(Digelar|Dibuka|Diresmikan|Gelar|Resmikan|Buka|Bersama|Dengan|Di|Ke|Dari|Tahun|Mulai)$/.test(words[i])) { cut = i; break; }
        if (/^(dan|serta|&)$/.test(words[i]) && i + 1 < words.length && INST_HEAD_WORD_RE.test(words[i + 1])) { cut = i; break; }
        // "Kementerian X Kanwil Y": a regional office named after its ministry is a second body.
        if (i >= 2 && /^(Kanwil|Kementerian|Dinas|Biro)$/.test(words[i])) { cut = i; break; }
        if (/\p{L}{2}\.$/u.test(words[i]) && i + 1 < words.length) { words[i] = words[i].slice(0, -1); cut = i + 1; break; }
      }
      const lead = text.slice(Math.max(0, m.index - 8), m.index);
      // "Sidang Kabinet …" is an event, "Rumah Dinas …" a building, "Pusat dan …" no body at all.
      // "Majelis Pengadilan …", "Majelis Hakim …": the bench of a court, which is the body.
      if (words[0] === 'Majelis' && /^(Pengadilan|Hakim)$/.test(words[1] ?? '')) { next = m.index + 8; continue; }
      // "Amerika Serikat", "Federasi Rusia": a country's name, not a body.
      if ((words[0] === 'Serikat' && /Amerika\s+$/.test(lead)) || (words[0] === 'Federasi' && COUNTRIES[words[1]])) continue;
      if ((words[0] === 'Kabinet' && /Sidang\s+$/.test(lead)) || (words[0] === 'Dinas' && /Rumah\s+$/.test(lead)) || PHRASE_CONNECTORS.has(words[1])) continue;
      // "Komite X/KOI": an acronym glued on with a slash is no word of the name.
      let phrase = words.slice(0, cut).join(' ').replace(/\s+(dan|&|serta|se|untuk)$/u, '').replace(/\/\p{Lu}{2,6}(?=\.?$)/u, '');
      if (cut < words.length) next = m.index + phrase.length; // the rest may hold another institution
      phrase = this.withoutTrailingName(phrase.replace(/[.]$/, ''), text.slice(Math.max(0, m.index - 40), m.index));
      const e = s + phrase.length;
      if (phrase.split(/\s+/).length < 2 || taken(s, e)) continue;
      if (GENERIC_INSTITUTION_PHRASES.has(phrase.toLowerCase()) || /^Balai (Kota|Desa|Kelurahan)\b/.test(phrase)) continue;
      const last = phrase.split(/\s+/).pop()!;
      if (defs.has(last) && phrase.split(/\s+/).length === 2) continue;
      // "Dinas Kominfo Jatim": a regional office named with its region takes the long form of both.
      const office = /^(Dinas|Badan) (.+)$/.exec(phrase);
      const rg = office ? this.trailingRegionOf(office[2]) : null;
      if (office && rg && rg.surface.length < office[2].length) {
        const field = office[2].slice(0, office[2].length - rg.surface.length).trim().replace(/\s+(Provinsi|Kabupaten|Kota|Kab\.)$/, '').split(' ')
          .map((w) => { const en = this.instByForm.get(w.toLowerCase()); return en?.kind === InstitutionKind.MINISTRY ? en.name.replace(/^Kementerian /, '') : w; }).join(' ');
        const level = rg.region.kind === PlaceKind.PROVINCE ? 'Provinsi' : rg.region.kind === PlaceKind.CITY ? 'Kota' : 'Kabupaten';
        hits.push({ start: s, end: e, name: `${office[1]} ${field} ${level} ${rg.region.name}`, region: rg.region });
        continue;
      }
      hits.push({ start: s, end: e, name: expandInstitutionName(phrase), region: null });
    }
  }

  /**
   * "Wakil Kepala Badan Pengelola Arsip Daerah Rina Kusuma": capitalised words that end an institution
   * phrase but belong to no institution vocabulary are a person's name when a title precedes the phrase, or a region or
   * a title word stands just before them. The phrase is cut before them.
   */
  private withoutTrailingName(phrase: string, before: string): string {
    const words = phrase.split(' ');
    let k = words.length;
    while (k > 1 && (isNameWord(words[k - 1]) || /^\p{Lu}$/u.test(words[k - 1])) && !INSTITUTION_WORDS.has(words[k - 1]) && !isAcronym(words[k - 1])
      && !this.regions.lookup(words[k - 1]) && !(k > 1 && this.regions.lookup(`${words[k - 2]} ${words[k - 1]}`)) && words.length - k < 4) k--;
    // "Direktur PT Sinar Abadi Rudi Hartono", "Marketing Director PT SAM Rudi Hartono": after a title, a company's last
    // two plain name words are the holder's name (after an acronym that names the company, the company ends there).
    if (/^(PT|CV)$/.test(words[0]) && (endsWithTitle(before) || ENGLISH_TITLE_END_RE.test(before)) && (words.length >= 5 || (words.length === 4 && isAcronym(words[1])))
      && words.slice(-2).every((w) => isNameWord(w) && !isVocabWord(w))) {
      return words.slice(0, -2).join(' ');
    }
    if (words.length - k < 2 || k < 2 || /^(PT|Perum|Perumda|BUMD|Bank|Koperasi|Yayasan|Kabinet|Forum|Partai)$/.test(words[0])) return phrase;
    const prev = words[k - 1];
    const head = words.slice(0, k).join(' ');
    const cue = endsWithTitle(before) || TITLE_BY_FORM.has(prev.toLowerCase()) || !!COUNTRIES[prev] || !!this.regions.lookup(prev) || !!this.regions.lookup(words.slice(Math.max(0, k - 2), k).join(' '));
    return cue ? head : phrase;
  }

  /** The region that ends `s`, if any ("… Jawa Timur"). */
  trailingRegionOf(s: string): { region: Region; surface: string } | null {
    const words = s.split(/\s+/);
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const cand = words.slice(words.length - n).join(' ');
      const r = this.regions.lookup(cand);
      if (r) return { region: r, surface: cand };
    }
    return null;
  }

  /** A region named at the start of `after` ("Jawa Timur …"), preferring the level `prefix` names. */
  regionAtStart(after: string, prefix: string): { region: Region; len: number } | null { return this.regionAt(after, prefix, prefix); }

  private regionAt(after: string, head: string, prefix: string | undefined): { region: Region; len: number } | null {
    const m = /^(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3})/u.exec(after);
    if (!m) return null;
    const words = m[1].split(/\s+/);
    const prefer = /Kota|Pemkot|Pemko|Polresta|BNNK/.test(head + (prefix ?? '')) ? PlaceKind.CITY : /Provinsi|Pemprov|Polda|Kejati/.test(head + (prefix ?? '')) ? PlaceKind.PROVINCE : PlaceKind.REGENCY;
    for (let n = words.length; n >= 1; n--) {
      const cand = words.slice(0, n).join(' ');
      const r = this.regions.lookup(cand, prefer);
      if (r) return { region: r, len: cand.length };
    }
    return null;
  }

  regionalName(head: string, r: Region): string {
    const level = r.kind === PlaceKind.PROVINCE ? 'Provinsi' : r.kind === PlaceKind.CITY ? 'Kota' : 'Kabupaten';
    const h = head.replace(/\s+(Kabupaten|Kota|Provinsi)$/, '');
    switch (h) {
      case 'Pemerintah': case 'Pemkab': case 'Pemkot': case 'Pemko': case 'Pemprov': case 'Pemda':
        return `Pemerintah ${level} ${r.name}`;
      case 'DPRD': return `Dewan Perwakilan Rakyat Daerah ${level} ${r.name}`;
      case 'Polres': return `Kepolisian Resor ${r.name}`;
      case 'Polresta': return `Kepolisian Resor Kota ${r.name}`;
      case 'Polrestabes': return `Kepolisian Resor Kota Besar ${r.name}`;
      case 'Polda': return `Kepolisian Daerah ${r.name}`;
      case 'Kejari': return `Kejaksaan Negeri ${r.name}`;
      case 'Kejati': return `Kejaksaan Tinggi ${r.name}`;
      default: return `${expandRegionalHead(h)} ${level} ${r.name}`;
    }
  }

  findRegions(text: string): Array<{ start: number; end: number; region: Region; surface: string }> {
    const out: Array<{ start: number; end: number; region: Region; surface: string }> = [];
    for (let i = 0, list = this.regionMatcher.matches(text); i < list.length; i++) {
      const m = list[i];
      const surface = m.phrase;
      // A bare regency name written in lower case at a sentence start is still the regency; a lower-case word is not.
      if (!/^\p{Lu}/u.test(surface)) continue;
      const before = text.slice(Math.max(0, m.start - 12), m.start);
      const prefer = /Kota\s+$|Wali ?[Kk]ota\s+$|Pemkot\s+$/.test(before) ? PlaceKind.CITY : /Provinsi\s+$|Gubernur\s+$/.test(before) ? PlaceKind.PROVINCE : undefined;
      if (COMMON_NOUN_REGIONS.has(surface) && !/(?:Kabupaten|Kota|Kab\.)\s+$/.test(before) && /^[ \t]+\p{Lu}/u.test(text.slice(m.end, m.end + 3))) continue;
      const region = this.regions.lookup(surface, prefer);
      if (region) out.push({ start: m.start, end: m.end, region, surface });
    }
    return out;
  }

  findCountries(text: string): Array<{ start: number; end: number; name: string; kind: PlaceKind }> {
    const out: Array<{ start: number; end: number; name: string; kind: PlaceKind }> = [];
    for (let i = 0, list = this.countryMatcher.matches(text); i < list.length; i++) {
      const m = list[i];
      const w = m.phrase;
      out.push({ start: m.start, end: m.end, name: COUNTRIES[w] ? w : w, kind: COUNTRIES[w] ? PlaceKind.COUNTRY : PlaceKind.REGION });
    }
    return out;
  }

  institutionEntry(name: string): InstitutionEntry | undefined { return this.instByForm.get(name.toLowerCase()); }

  /**
   * The ministry a minister's field names: "Transmigrasi", "PKP" (Kementerian PKP), "ATR" (ATR/BPN), a field the text
   * abbreviates itself, or the field misspelt by a letter or two ("Pemasyarakatn").
   */
  ministryFor(field: string, coord: boolean, defs: Map<string, string>): InstitutionEntry | null {
    const f = field.trim();
    if (!f) return null;
    const tries = coord
      ? [`Kementerian Koordinator ${f}`, `Kementerian Koordinator Bidang ${f.replace(/^Bidang /, '')}`, `Kemenko ${f}`]
      : [`Kementerian ${f}`, `Kemen${f}`, f];
    const d = defs.get(f);
    if (d) tries.push(d);
    for (let i = 0; i < tries.length; i++) {
      const t = tries[i];
      const e = this.instByForm.get(t.toLowerCase()) ?? this.ministryBySlashHead.get(t.toLowerCase());
      if (e && (e.kind === InstitutionKind.MINISTRY || e.kind === InstitutionKind.COORDINATING_MINISTRY)) return e;
    }
    const key = nameKey(coord && !/^Bidang /.test(f) ? `Koordinator Bidang ${f}` : coord ? `Koordinator ${f}` : f);
    if (key.length < 8 || !/^\p{Lu}/u.test(f)) return null;
    let best: InstitutionEntry | null = null;
    let bestD = key.length >= 12 ? 3 : 1;
    for (let i = 0, list = this.ministries; i < list.length; i++) {
      const m = list[i];
      const dist = editDistance(key, m.field, bestD);
      if (dist < bestD) { bestD = dist; best = m.entry; }
    }
    return best;
  }
}

/** Levenshtein distance of two strings, or `cap` once it is certain to reach it. */
/** Levenshtein distance (fastest-levenshtein), capped at `cap`: callers only ask whether it is below a bound. */
function editDistance(a: string, b: string, cap: number): number {
  return Math.abs(a.length - b.length) >= cap ? cap : Math.min(levenshtein(a, b), cap);
}

/** Short words inside institution names written out in the canonical name ("Lapas" → "Lembaga Pemasyarakatan"). */
const INST_NAME_SHORT: Array<[RegExp, string]> = [
  [/^Lapas\b/, 'Lembaga Pemasyarakatan'], [/^Rutan\b/, 'Rumah Tahanan Negara'], [/\bTipikor\b/, 'Tindak Pidana Korupsi'],
  [/^SMAN\b/, 'SMA Negeri'], [/^SMPN\b/, 'SMP Negeri'], [/^SMKN\b/, 'SMK Negeri'], [/^SDN\b/, 'SD Negeri'], [/^MTsN\b/, 'Madrasah Tsanawiyah Negeri'],
];
const INST_NAME_SHORT_TEST = /^(?:Lapas|Rutan|SMAN|SMPN|SMKN|SDN|MTsN)\b|Tipikor/;
function expandInstitutionName(name: string): string {
  if (!INST_NAME_SHORT_TEST.test(name)) return name;
  let n = name;
  for (let i = 0; i < INST_NAME_SHORT.length; i++) { const [re, long] = INST_NAME_SHORT[i]; n = n.replace(re, long); }
  return n;
}

function expandRegionalHead(h: string): string {
  const map: Record<string, string> = {
    Bappeda: 'Badan Perencanaan Pembangunan Daerah', BPBD: 'Badan Penanggulangan Bencana Daerah', 'Satpol PP': 'Satuan Polisi Pamong Praja',
    Setda: 'Sekretariat Daerah', Setdakab: 'Sekretariat Daerah', Setdaprov: 'Sekretariat Daerah', Inspektorat: 'Inspektorat', Dinkes: 'Dinas Kesehatan',
    Disdik: 'Dinas Pendidikan', Dinsos: 'Dinas Sosial', Dishub: 'Dinas Perhubungan', Diskominfo: 'Dinas Komunikasi dan Informatika',
    Disdukcapil: 'Dinas Kependudukan dan Pencatatan Sipil', RSUD: 'Rumah Sakit Umum Daerah', BKD: 'Badan Kepegawaian Daerah',
    BKAD: 'Badan Keuangan dan Aset Daerah', Bapenda: 'Badan Pendapatan Daerah', Bakesbangpol: 'Badan Kesatuan Bangsa dan Politik',
    Kesbangpol: 'Badan Kesatuan Bangsa dan Politik', DPUPR: 'Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas PUPR': 'Dinas Pekerjaan Umum dan Penataan Ruang',
    DLH: 'Dinas Lingkungan Hidup', DPMPTSP: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', DPMD: 'Dinas Pemberdayaan Masyarakat dan Desa',
    Disnaker: 'Dinas Tenaga Kerja', Dispendik: 'Dinas Pendidikan', Disperindag: 'Dinas Perindustrian dan Perdagangan', Disbudpar: 'Dinas Kebudayaan dan Pariwisata',
    Dispora: 'Dinas Pemuda dan Olahraga', BNNP: 'Badan Narkotika Nasional', BNNK: 'Badan Narkotika Nasional',
  };
  return map[h] ?? h;
}

/** An institution's kind from its canonical name's head word. */
export function kindOfInstitution(name: string): InstitutionKind {
  if (/^Pemerintah (Kabupaten|Kota|Provinsi)/.test(name)) return InstitutionKind.REGIONAL_GOVERNMENT;
  if (/^(DPRD|Dewan Perwakilan)/.test(name)) return InstitutionKind.LEGISLATURE;
  if (/^(Polres|Polda|Polsek|Kepolisian)/.test(name)) return InstitutionKind.POLICE;
  if (/^(Kodim|Korem|Kodam|Koramil|Lanal|Lanud|Lantamal|Yonif|TNI|Pangkalan TNI)\b/.test(name)) return InstitutionKind.MILITARY;
  if (/^Pemerintah (Republik )?Indonesia$/.test(name)) return InstitutionKind.NATIONAL_GOVERNMENT;
  if (/^Kejaksaan/.test(name)) return InstitutionKind.PROSECUTOR;
  if (/^(Pengadilan|Mahkamah)/.test(name)) return InstitutionKind.JUDICIARY;
  if (/^Kementerian Koordinator/.test(name)) return InstitutionKind.COORDINATING_MINISTRY;
  if (/^Kementerian/.test(name)) return InstitutionKind.MINISTRY;
  if (/^Biro/.test(name)) return InstitutionKind.BUREAU;
  if (/^(Dinas|Kantor|Sekretariat|Inspektorat)/.test(name)) return InstitutionKind.OFFICE;
  if (/^(Badan|Komisi|Lembaga|Direktorat|Satuan|Balai|Pusat)/.test(name)) return InstitutionKind.AGENCY;
  if (/^(PT|Perum|Bank)\b/.test(name)) return InstitutionKind.COMPANY;
  if (/^(Universitas|Institut|Politeknik|Sekolah Tinggi)/.test(name)) return InstitutionKind.UNIVERSITY;
  if (/^Rumah Sakit/.test(name)) return InstitutionKind.HOSPITAL;
  if (/^Partai/.test(name)) return InstitutionKind.PARTY;
  return InstitutionKind.ORGANIZATION;
}

// ---------------------------------------------------------------------------------------------

/** One article's extraction state: the stages in events.ts and quotes.ts read it. */
export class ArticleRun {
  text: string;
  paraStarts: number[] = [];
  defs = new Map<string, string>();
  persons = new Map<string, PersonAcc>();
  insts = new Map<string, InstAcc>();
  places = new Map<string, PlaceAcc>();
  instHits: InstHit[] = [];
  /** Person mention spans (start → person key), for participants and quote speakers. */
  personSpans: Array<{ start: number; end: number; acc: PersonAcc; titled: boolean }> = [];
  /** Person records by each word of their key, so that matching a new name looks only at people sharing a word. */
  private personsByToken = new Map<string, Set<PersonAcc>>();
  unresolved: Array<{ text: string; start: number; end: number; cands: PersonAcc[] }> = [];

  /** The body window as parsed, and the offset map from the cleaned text back to it (null: same offsets). */
  private readonly raw: string;
  private readonly map: OffsetMap | null;

  constructor(readonly x: Matchers, readonly a: ParsedArticle) {
    // The stages read the cleaned text (glued words split, mojibake fixed); run() maps spans back to the body.
    this.raw = windowOf(a.body, config.extractWindowChars);
    const c = cleanup(this.raw, (w) => TITLE_BY_FORM.has(w.toLowerCase()) || !!x.regions.lookup(w) || !!x.institutionEntry(w) || !!COUNTRIES[w] || HONORIFIC_WORD.test(w));
    this.text = c.text;
    this.map = c.map;
    let i = 0;
    for (let k = 0, list = this.text.split('\n'); k < list.length; k++) { const p = list[k]; this.paraStarts.push(i); i += p.length + 1; }
  }

  /** The entities stage: institutions, persons with their positions, places. */
  collect(): void {
    this.learnAcronyms();
    this.collectInstitutions();
    this.collectPersons();
    this.collectListedPersons();
    this.collectShortReferences();
    this.listPositionInstitutions();
    this.collectPlaces();
  }

  /** The extraction, with every span mapped back to the parsed body. */
  assemble(events: XEvent[], quotes: XQuote[]): Extraction {
    const a = this.a;
    // An event's venue is a place of the story, also where the places' own patterns did not read it ("dalam acara X di
    // Kedai Kopi Senja").
    for (let i = 0; i < events.length; i++) {
      const v = events[i].venue;
      if (!v || this.places.has(`${PlaceKind.VENUE}:${nameKey(v)}`)) continue;
      const at = this.text.indexOf(v);
      // Not what the event stage read loosely: a run ending in a lower-case word, a country or region ("Federasi X"), or
      // a body's name.
      if (at < 0 || /(?:^|\s)\p{Ll}+$/u.test(v) || this.x.findCountries(v).length || this.x.findRegions(v).some((r) => r.start === 0)
        || this.instHits.some((h) => h.start < at + v.length && h.end > at)) continue;
      this.addPlace(v, PlaceKind.VENUE, null, events[i].city, at, at + v.length);
    }
    const out: Extraction = {
      id: a.id,
      article: { title: a.title, section: a.section, outlet: a.outlet, dateline: a.dateline, byline: a.byline, publishedOn: a.publishedOn, language: a.language, related: a.related },
      persons: this.personsOut(),
      institutions: this.institutionsOut(),
      places: this.placesOut(),
      events,
      quotes,
      unresolved: this.unresolvedOut(),
    };
    if (this.text === this.raw) return out;
    // Indexed loops, one per kind of record: a for-of loop or a map over an empty list (whose elements kind differs
    // from a filled one's) deoptimised this function, and a spread into one array made every access polymorphic.
    for (let i = 0; i < out.persons.length; i++) out.persons[i].mentions = this.spansToBody(out.persons[i].mentions);
    for (let i = 0; i < out.institutions.length; i++) out.institutions[i].mentions = this.spansToBody(out.institutions[i].mentions);
    for (let i = 0; i < out.places.length; i++) out.places[i].mentions = this.spansToBody(out.places[i].mentions);
    for (let i = 0; i < out.events.length; i++) out.events[i].mentions = this.spansToBody(out.events[i].mentions);
    const qs: XQuote[] = [];
    for (let i = 0; i < out.quotes.length; i++) qs.push(this.toBody(out.quotes[i]));
    out.quotes = qs;
    const us: XUnresolved[] = [];
    for (let i = 0; i < out.unresolved.length; i++) us.push(this.toBody(out.unresolved[i]));
    out.unresolved = us;
    return out;
  }

  private personsOut(): XPerson[] {
    const list = [...this.persons.values()].sort((p, q) => p.firstAt - q.firstAt);
    const out: XPerson[] = [];
    // "Direktur Utama Lentera Kriya Indonesia, Nama": words read as a titled name that open the name of a body the
    // article names, wherever they stand, are the body's.
    const bodies: Array<{ start: number; end: number }> = [];
    if (list.some((p) => p.positions.length === 0)) for (const b of this.insts.values()) {
      bodies.push(...b.mentions);
      // A body taken from a title's qualifier has no mention of its own: where its name is written counts.
      for (let at = this.text.indexOf(b.name); at >= 0; at = this.text.indexOf(b.name, at + 1)) bodies.push({ start: at, end: at + b.name.length });
    }
    // The body's name opens with the words and goes on past them (not "Partai X Nama", a party glued to a member's name).
    const inBody = (m: Span) => bodies.some((b) => b.start === m.start && m.end < b.end);
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      if (p.positions.length === 0 && p.mentions.length > 0 && p.mentions.every(inBody)) continue;
      out.push({ name: p.name, aliases: formsBesides(p.forms, p.name), positions: p.positions, mentions: p.mentions.sort((m, n) => m.start - n.start) });
    }
    return out;
  }

  private institutionsOut(): XInstitution[] {
    const list = [...this.insts.values()].sort((p, q) => p.firstAt - q.firstAt);
    const out: XInstitution[] = [];
    for (let k = 0; k < list.length; k++) {
      const i = list[k];
      out.push({ name: i.name, acronym: i.acronym, aliases: formsBesides(i.forms, i.name), kind: i.kind, parent: i.parent, regionCode: i.regionCode, mentions: i.mentions });
    }
    return out;
  }

  private placesOut(): XPlace[] {
    const list = [...this.places.values()].sort((p, q) => p.firstAt - q.firstAt);
    const out: XPlace[] = [];
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      out.push({ name: p.name, kind: p.kind, code: p.code, parent: p.parent, mentions: p.mentions });
    }
    return out;
  }

  private unresolvedOut(): XUnresolved[] {
    const out: XUnresolved[] = [];
    for (let i = 0; i < this.unresolved.length; i++) {
      const u = this.unresolved[i];
      const candidates: string[] = [];
      for (let k = 0; k < u.cands.length; k++) candidates.push(u.cands[k].name);
      out.push({ text: u.text, start: u.start, end: u.end, candidates });
    }
    return out;
  }

  /** Mentions of the cleaned text as mentions of the parsed body. */
  private spansToBody(ms: Span[]): Span[] {
    const out: Span[] = [];
    for (let i = 0; i < ms.length; i++) out.push(this.spanToBody(ms[i]));
    return out;
  }

  /**
   * A mention of the cleaned text as a mention of the parsed body: what toBody gives for a mention (every mention is
   * { start, end, text }), without copying it by spread, which was polymorphic over the mentions' shapes.
   */
  private spanToBody(m: Span): Span {
    const start = this.map ? this.map.at(m.start) : m.start, end = this.map ? this.map.at(m.end) : m.end;
    return { start, end, text: this.raw.slice(start, end) };
  }

  /** A span of the cleaned text as a span of the parsed body, its text read from the body. */
  private toBody<T extends { start: number; end: number; text?: string }>(m: T): T {
    const start = this.map ? this.map.at(m.start) : m.start, end = this.map ? this.map.at(m.end) : m.end;
    return 'text' in m ? { ...m, start, end, text: this.raw.slice(start, end) } : { ...m, start, end };
  }

  paraOf(pos: number): number {
    let lo = 0, hi = this.paraStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.paraStarts[mid] <= pos) lo = mid; else hi = mid - 1; }
    return lo;
  }
  paraText(i: number): string { const s = this.paraStarts[i]; const e = i + 1 < this.paraStarts.length ? this.paraStarts[i + 1] - 1 : this.text.length; return this.text.slice(s, e); }

  /**
   * The quotes stage: a name right after a quote's attribution ("…," kata Dimas) is a person even when single and
   * untitled, as a title would vouch for it. Returns the person, or null when no acceptable name starts at `pos`.
   */
  speakerAt(pos: number): PersonAcc | null {
    const n = this.readName(pos, 4);
    if (!n || n.start > pos + 1) return null;
    // "kata Deputi Bidang …": a capitalised word right after means a title phrase, not a name.
    if (/^\s+\p{Lu}/u.test(this.text.slice(n.end, n.end + 3))) return null;
    const acc = this.addPerson(n.name, n.start, n.end, null, true);
    if (acc) this.personSpans.sort((p, q) => p.start - q.start);
    return acc;
  }

  // -- acronyms ------------------------------------------------------------------------------

  /** The text's "Long Form (ACR)" definitions, read once by learnAcronyms. */
  private acronymDefs: Array<{ index: number; long: string; acr: string }> = [];

  private learnAcronyms(): void {
    // The definition pattern retries up to ten words from every capital: half the texts hold no bracketed acronym at all.
    if (!ACRONYM_DEF_TAIL_RE.test(this.text)) return;
    this.acronymDefs = acronymDefinitions(this.text);
    for (let i = 0, list = this.acronymDefs; i < list.length; i++) {
      const m = list[i];
      const acr = m.acr.trim();
      const long = trimLongForm(m.long.trim(), acr);
      if (long && acronymFits(long, acr) && !this.defs.has(acr)) this.defs.set(acr, long);
    }
  }

  expandAcronyms(s: string): string {
    return s.split(/\s+/).map((w) => this.defs.get(w) ?? EVENT_FULL.get(w) ?? w).join(' ');
  }

  // -- institutions --------------------------------------------------------------------------

  private addInstitution(name: string, surface: string, start: number, end: number, opts: { parent?: string | null; kind?: InstitutionKind; region?: Region | null } = {}): InstAcc | null {
    const entry = this.x.institutionEntry(name);
    const canonical = entry?.name ?? name;
    const key = nameKey(canonical);
    if (GENERIC_INSTITUTION_PHRASES.has(key)) return null;
    let acc = this.insts.get(key);
    if (!acc) {
      acc = {
        key, name: canonical, acronym: entry?.acronyms[0] ?? null, forms: new Set(), kind: opts.kind ?? entry?.kind ?? kindOfInstitution(canonical),
        parent: opts.parent ?? null, regionCode: opts.region?.code ?? null, mentions: [], firstAt: start,
      };
      this.insts.set(key, acc);
    }
    if (opts.parent && !acc.parent) acc.parent = opts.parent;
    const form = surface.replace(/\s+/g, ' ').trim();
    acc.forms.add(form);
    // "Kementerian Dalam Negeri (Kemendagri) RI" also gives the forms "Kemendagri" and "Kemendagri RI".
    const inner = /^(.*?)\s*\(([^)]+)\)\s*(RI)?$/.exec(form);
    if (inner && this.x.regions.lookup(inner[2])) acc.forms.add(inner[1]); // "Polda Sulawesi Tengah (Sulteng)": a region, not an acronym
    else if (inner) { acc.forms.add(inner[2]); if (inner[3]) acc.forms.add(`${inner[2]} RI`); if (!acc.acronym) acc.acronym = inner[2]; }
    // "Pemerintah Kabupaten (Pemkab) Klaten" and every regional government: the short form the press uses is an alias.
    const gov = /^Pemerintah (Kabupaten|Kota|Provinsi) (.+)$/.exec(canonical);
    if (gov) acc.forms.add(`${gov[1] === 'Kabupaten' ? 'Pemkab' : gov[1] === 'Kota' ? 'Pemkot' : 'Pemprov'} ${gov[2]}`);
    // Regional legislatures, police and prosecutors: the short forms the press writes are aliases of the long name.
    const dprd = /^Dewan Perwakilan Rakyat Daerah (Kabupaten|Kota|Provinsi) (.+)$/.exec(canonical);
    if (dprd) { acc.forms.add(`DPRD ${dprd[1]} ${dprd[2]}`); acc.forms.add(`DPRD ${dprd[2]}`); }
    const seat = /^(Kepolisian Daerah|Kepolisian Resor Kota Besar|Kepolisian Resor Kota|Kepolisian Resor|Kepolisian Sektor|Kejaksaan Negeri|Kejaksaan Tinggi) (.+)$/.exec(canonical);
    if (seat) acc.forms.add(`${SEAT_SHORT[seat[1]]} ${seat[2]}`);
    if (!acc.mentions.some((m) => m.start === start)) acc.mentions.push({ start, end, text: this.text.slice(start, end) });
    return acc;
  }

  private collectInstitutions(): void {
    this.instHits = this.x.findInstitutions(this.text, 0, this.defs);
    for (let i = 0, list = this.instHits; i < list.length; i++) {
      const h = list[i];
      let end = h.end;
      let surface = this.text.slice(h.start, end);
      // Take in a defining acronym and a trailing "RI": "Kementerian Dalam Negeri (Kemendagri) RI".
      const tail = /^\s*\(([^)]{2,15})\)(\s+RI\b)?/.exec(this.text.slice(end));
      if (tail) { end += tail[0].length; surface = this.text.slice(h.start, end); }
      // "Dinas Pariwisata (Dispar) Jawa Barat": the region after the acronym belongs to the office.
      // Courts and prosecutors are named by their seat as written ("Pengadilan Negeri (PN) Jakarta Selatan").
      const seat = /^(?:Pengadilan|Kejaksaan)\b/.test(h.name);
      if (tail && !h.region && (seat || /^(Dinas|Badan|Kantor|Sekretariat|Inspektorat|Satuan|Rumah Sakit)\b/.test(h.name))) {
        const rg = /^\s*((?:Provinsi|Kabupaten|Kota)\s+)?/.exec(this.text.slice(end))!;
        const r = this.x.regionAtStart(this.text.slice(end + rg[0].length), rg[1] ?? '');
        if (rg[0] && r) {
          h.region = r.region;
          h.name = seat ? `${h.name} ${this.text.slice(end, end + rg[0].length + r.len).trim()}` : `${h.name} ${r.region.kind === PlaceKind.PROVINCE ? 'Provinsi' : r.region.kind === PlaceKind.CITY ? 'Kota' : 'Kabupaten'} ${r.region.name}`;
          end += rg[0].length + r.len; surface = this.text.slice(h.start, end);
        }
      }
      const acc = this.addInstitution(h.name, surface, h.start, end, { region: h.region });
      if (acc && tail && this.x.institutionEntry(tail[1])?.name === acc.name) acc.acronym = tail[1];
      h.end = end;
    }
    this.collectDefinedOrganisations();
    // Acronyms defined in the text whose long form is an institution: later uses of the acronym are mentions.
    for (const [acr, long] of this.defs) {
      const acc = this.insts.get(nameKey(this.x.institutionEntry(long)?.name ?? long));
      if (!acc) continue;
      if (!acc.acronym) acc.acronym = acr;
      for (let i = 0, list = standaloneOffsets(this.text, acr, ACRONYM_EDGE_BEFORE, ACRONYM_EDGE_AFTER); i < list.length; i++) {
        const at = list[i];
        if (this.instHits.some((h) => at >= h.start && at < h.end)) continue;
        acc.forms.add(acr);
        acc.mentions.push({ start: at, end: at + acr.length, text: acr });
        this.instHits.push({ start: at, end: at + acr.length, name: acc.name, region: null });
      }
    }
    this.instHits.sort((p, q) => p.start - q.start);
    this.mergeRegionlessOffices();
    // "Komisi III DPR", "Direktorat Reserse Narkoba Polda X", "Sekretariat DPRD Y": a unit of a legislature, the police
    // or a prosecutor, written before its parent, is listed under the parent's long name.
    for (let i = 0, list = [...this.instHits]; i < list.length; i++) {
      const h = list[i];
      const kind = this.insts.get(nameKey(h.name))?.kind;
      if (kind !== InstitutionKind.LEGISLATURE && kind !== InstitutionKind.POLICE && kind !== InstitutionKind.PROSECUTOR) continue;
      const before = this.text.slice(Math.max(0, h.start - 90), h.start);
      const m = SUBUNIT_BEFORE_RE.exec(before);
      if (!m) continue;
      const start = h.start - before.length + m.index;
      if (/\p{Ll}\p{Lu}/u.test(m[1])) continue; // words glued by the scrape: no reliable name
      const unit = m[1].replace(/^Kanwil\b/, 'Kantor Wilayah');
      this.addInstitution(`${unit} ${h.name}`, this.text.slice(start, h.end), start, h.end, { parent: h.name, kind });
    }
  }

  /**
   * "Financial Action Task Force (FATF)", "Pengurus Besar Tenis Meja Indonesia (PBTMI)": a long form that a word of bodies
   * names as one (League, Authority, Committee, Pengurus Besar…), defined with an acronym spelt from its letters in order,
   * is an institution though no Indonesian head word opens it. Programmes, taxes and laws are defined the same way and
   * carry no such word.
   */
  private collectDefinedOrganisations(): void {
    for (let i = 0, list = this.acronymDefs; i < list.length; i++) {
      const m = list[i];
      const acr = m.acr.trim();
      // The longest run of the words before the bracket that the acronym spells ("Indonesia Investment Authority (INA)",
      // where the definitions keep the shortest).
      const words = m.long.trim().split(/\s+/);
      let long = '';
      for (let k = 0; k < words.length - 1 && !long; k++) {
        const cand = words.slice(k).join(' ');
        // A capitalised common word opening the sentence ("Selain", "Bersama") is no word of the name.
        if (/^\p{Lu}/u.test(words[k]) && !TITLE_BY_FORM.has(words[k].toLowerCase()) && !NON_NAME_WORDS.has(words[k]) && spelledFrom(acr, cand)) long = cand;
      }
      if (!long || !ORG_WORD_RE.test(long)) continue;
      const start = this.text.indexOf(long, m.index);
      if (start < 0 || this.instHits.some((h) => start < h.end && h.start < start + long.length)) continue;
      if (this.x.institutionEntry(long) || this.x.regions.lookup(long) || EVENT_WORD_RE.test(long)) continue;
      const acc = this.addInstitution(long, long, start, start + long.length);
      if (!acc) continue;
      acc.acronym ??= acr;
      acc.forms.add(acr);
      this.instHits.push({ start, end: start + long.length, name: acc.name, region: null });
    }
  }

  /**
   * "Dinas Pendidikan" beside "Dinas Pendidikan Kabupaten Sleman": an office named once without its region is the one
   * the article names with it. Ministries stay apart (a ministry and its regional office are two bodies).
   */
  private mergeRegionlessOffices(): void {
    const all = [...this.insts.values()];
    for (let k = 0; k < all.length; k++) {
      const short = all[k];
      if (!/^(Dinas|Badan|Pengadilan|Kejaksaan|Kepolisian|Sekretariat|Inspektorat|Satuan|Rumah Sakit|Lembaga Pemasyarakatan)\b/.test(short.name)) continue;
      const longer = all.filter((l) => l !== short && l.name.startsWith(short.name + ' ') && this.insts.has(l.key) && (() => {
        const rest = l.name.slice(short.name.length + 1).replace(/^(Provinsi|Kabupaten|Kota) /, '');
        const rg = this.trailingRegion(l.name);
        return !!rg && rg.surface.length >= rest.length;
      })());
      if (longer.length !== 1) continue;
      const l = longer[0];
      for (const f of short.forms) l.forms.add(f);
      l.mentions.push(...short.mentions);
      if (!l.acronym) l.acronym = short.acronym;
      l.firstAt = Math.min(l.firstAt, short.firstAt);
      this.insts.delete(short.key);
      for (let i = 0, list = this.instHits; i < list.length; i++) { const h = list[i]; if (h.name === short.name) h.name = l.name; }
    }
  }

  // -- persons -------------------------------------------------------------------------------

  private addPerson(rawName: string, start: number, end: number, position: XPosition | null, titled: boolean): PersonAcc | null {
    let name = cleanPersonName(rawName.replace(RANK_RE, ''));
    let words = name.split(/\s+/);
    // "Presiden Negeria Ana Lopez", "Dirjen Perikanan Bayu Santika" read as one run: the leading words of a country or an
    // office are not the name. A body's word inside what remains means it is no name at all ("Public Relations").
    let lead = 0;
    while (lead < words.length - 1 && (isVocabWord(words[lead]) || this.x.regions.lookup(words[lead])?.kind === PlaceKind.PROVINCE)) lead++;
    if (lead > 0) {
      words = words.slice(lead);
      name = words.join(' ');
      const at = this.text.indexOf(words[0], start);
      if (at >= start && at < end) start = at;
    }
    if (words.some((w) => isVocabWord(w))) return null;
    if (words.length === 0 || !words.every((w, i) => NAME_WORD.test(w) || /^(bin|binti|van|de|al|el)$/.test(w) || (i === 0 && /^(?:I|Ni)$/.test(w) && words.length > 1))) return null;
    if (words.length === 1 && !titled) return null;
    // "Menkeu dan Mensos": a title form is never a name; nor is a region ("Wali Kota Klaten").
    if (TITLE_BY_FORM.has(name.toLowerCase()) || (words.length <= 2 && this.x.regions.lookup(name))) return null;
    // Nor is a phrase holding a title or an institution's acronym ("Karo Umum … Polri").
    if ((words.length > 1 && TITLE_BY_FORM.has(words[0].toLowerCase())) || words.some((w) => this.x.institutionEntry(w))) return null;
    const key = personKey(name);
    if (!key) return null;
    const acc = this.persons.get(key) ?? this.newPersonRecord(key, name, start);
    acc.forms.add(name);
    this.addPosition(acc, position);
    if (!acc.mentions.some((m) => m.start === start)) acc.mentions.push({ start, end, text: this.text.slice(start, end) });
    this.personSpans.push({ start, end, acc, titled });
    return acc;
  }

  /**
   * The record for a name not seen in this form: a shorter or longer form of a person already seen upgrades that
   * record, else a new one. A function of its own, as are addPosition and addPerson: as one they were among the
   * costliest functions to optimise.
   */
  private newPersonRecord(key: string, name: string, start: number): PersonAcc {
    let acc: PersonAcc;
    // A longer form of a person already seen ("Hendra" then "Hendra Wibisono") upgrades that record.
    const sharing = new Set(key.split(' ').flatMap((t) => [...(this.personsByToken.get(t) ?? [])]));
    let shorter = [...sharing].find((p) => containsTokens(key, p.key) || containsTokens(p.key, key));
    // "Ketua … Dodi" beside "Wali Kota Magelang Dodi Kurniawan": one word that opens or closes exactly one known name is that person.
    if (!shorter) {
      const ends = (long: string, tok: string) => { const t = long.split(' '); return t.length > 1 && (t[0] === tok || t[t.length - 1] === tok); };
      const within = (long: string, tok: string) => tok.length >= 4 && long.split(' ').length > 2 && long.split(' ').includes(tok);
      const cands = [...sharing].filter((p) => (!key.includes(' ') && (ends(p.key, key) || within(p.key, key))) || (!p.key.includes(' ') && ends(key, p.key)));
      if (cands.length === 1) shorter = cands[0];
    }
    if (shorter) {
      acc = shorter;
      if (key.length > shorter.key.length) { this.persons.delete(shorter.key); acc.key = key; acc.forms.add(acc.name); acc.name = name; this.persons.set(key, acc); }
    } else {
      acc = { key, name, forms: new Set(), positions: [], mentions: [], firstAt: start };
      this.persons.set(key, acc);
    }
    for (let i = 0, list = key.split(' '); i < list.length; i++) { const t = list[i]; const set = this.personsByToken.get(t) ?? new Set(); set.add(acc); this.personsByToken.set(t, set); }
    return acc;
  }

  /** Adds a position to a person's, unless one already known says as much or more; a fuller one replaces vaguer ones. */
  private addPosition(acc: PersonAcc, position: XPosition | null): void {
    // "Menteri Nama" after "Menteri Pertanian Nama": a bare head with no body restates a position already known.
    // A head of state serves one government: "Presiden" read as Indonesia's yields to the country the text names.
    if (position && /^Pemerintah /.test(position.institution ?? '') && /^(?:Wakil )?Presiden$|^Perdana Menteri$/.test(position.title)) {
      const other = acc.positions.find((p) => p.title === position!.title && /^Pemerintah /.test(p.institution ?? '') && p.institution !== position!.institution);
      if (other && position.institution === 'Pemerintah Republik Indonesia') position = null;
      else if (other && other.institution === 'Pemerintah Republik Indonesia') acc.positions = acc.positions.filter((p) => p !== other);
    }
    const newKey = position ? nameKey(position.title) : '';
    const newInst = position?.institution ?? null;
    if (position && acc.positions.some((p) => (!newInst || p.institution === newInst) && p.institution && nameKey(p.title).startsWith(newKey) && nameKey(p.title) !== newKey)) position = null;
    if (position?.institution) acc.positions = acc.positions.filter((p) => !((!p.institution || p.institution === newInst) && newKey.startsWith(nameKey(p.title)) && newKey !== nameKey(p.title)));
    if (position && !acc.positions.some((p) => nameKey(p.title) === nameKey(position.title) && p.institution === position.institution)) {
      // A later, vaguer statement of the same position ("Bupati" without region) adds nothing.
      if (!acc.positions.some((p) => nameKey(p.title) === nameKey(position.title) && position.institution === null)) acc.positions.push(position);
      if (position.institution) acc.positions = acc.positions.filter((p) => !(p.institution === null && nameKey(p.title) === nameKey(position.title)));
    }
  }

  /** Reads name words starting at `pos` (honorifics, ranks and degrees allowed around them). */
  private readName(pos: number, maxWords = 5): { name: string; start: number; end: number } | null {
    const re = /\s*([\p{L}][\p{L}.'’`-]*)/uy;
    let i = pos;
    const words: string[] = [];
    let start = -1, end = pos;
    while (words.length < maxWords + 3) {
      re.lastIndex = i;
      const m = re.exec(this.text);
      if (!m) break;
      const w = m[1];
      const wStart = m.index + m[0].length - w.length;
      if (words.length === 0 && (HONORIFIC_WORD.test(w) || RANKS.includes(w.replace(/\.$/, '')))) { if (start < 0) start = wStart; i = m.index + m[0].length; continue; }
      const bare = w.replace(/[.,]$/, '');
      if (!(isNameWord(bare) || (words.length > 0 && /^(bin|binti)$/.test(bare)) || (/^\p{Lu}\.$/u.test(w) && words.length < 2))) break;
      if (words.length >= maxWords) break;
      if (start < 0) start = wStart;
      const initial = /^\p{Lu}\.$/u.test(w);
      words.push(initial ? w : bare);
      end = wStart + (initial ? w.length : bare.length);
      i = m.index + m[0].length;
      if (w.endsWith(',') || (w.endsWith('.') && !/^\p{Lu}\.$/u.test(w))) break;
    }
    while (words.length && /^(bin|binti)$/.test(words[words.length - 1])) words.pop();
    if (words.length === 0) return null;
    // Skip a trailing degree written after a comma: "Ali Rahman, M.Si."
    return { name: words.join(' '), start: start < 0 ? pos : start, end };
  }

  /**
   * Persons after a title, then untitled ones. Two functions, not one: as one it took the optimising compiler a third
   * of a second per compilation.
   */
  private collectPersons(): void {
    this.collectTitledPersons();
    this.collectUntitledPersons();
  }

  private collectTitledPersons(): void {
    // Matches come sorted: remembering the last accepted title and the end of the spans found so far
    // keeps this loop linear (a list scan per match was quadratic on text full of titles).
    // "Menteri X/Kepala Badan Y Nama", "Wakil Ketua I dan Ketua Komisi Z Nama": positions of a title chained to the
    // next one wait for the name that follows the last.
    const st: TitleScan = { lastTitleStart: -10, spansEnd: -1, pending: null, pendingName: null };
    const titleMatches = scanTitles(this.text);
    if (this.mayHaveEnglishTitles()) {
      const lexicon = shippedTagger().lexicon;
      // Where the listed titles stand, marked once (a scan of them per made title was quadratic).
      const listed = new Uint8Array(this.text.length + 1);
      for (let i = 0; i < titleMatches.length; i++) listed.fill(1, titleMatches[i].index, titleMatches[i].index + titleMatches[i][0].length);
      for (let i = 0, list = execAll(ENGLISH_TITLE_RE, this.text); i < list.length && i < MAX_MADE_TITLES; i++) {
        // Common Indonesian words opening the run ("Menurut Marketing Director …") are the sentence's, not the title's.
        const words = list[i][2].split(/[ \t]+/);
        let k = 0;
        while (k < words.length - 1 && words[k] !== 'Head' && !ENGLISH_TITLE_MODIFIERS.has(words[k]) && (lexicon.has(words[k].toLowerCase()) || INDONESIAN_VERB_FORM_RE.test(words[k]))) k++;
        if (words.length - k < 2) continue;
        const form = words.slice(k).join(' ');
        const index = list[i].index + list[i][0].lastIndexOf(form);
        if (listed.subarray(index, index + form.length).includes(1)) continue;
        titleMatches.push(Object.assign([form, '', form], { index, input: this.text, groups: undefined }) as RegExpExecArray);
      }
    }
    titleMatches.sort((p, q) => p.index - q.index);
    for (let i = 0; i < titleMatches.length; i++) this.titledPersonAt(titleMatches[i], st);
  }

  /**
   * The person a title match names, if any. A method of its own, called per match: as the body of the loop over the
   * matches it made collectTitledPersons one of the costliest functions to optimise.
   */
  private titledPersonAt(m: RegExpExecArray, st: TitleScan): void {
    const text = this.text;
    const tStart = m.index!;
    if (tStart < st.lastTitleStart + 3 || tStart < st.spansEnd) return;
    st.lastTitleStart = tStart;
    // "di Rumah Dinas Bupati Klaten", "ruang Kabid Pemasaran": a title inside a place name names no one here.
    if (/(?:Rumah Dinas|Rumah Jabatan|Kantor|[Rr]uang|Pendopo|Gedung)\s+$/.test(text.slice(Math.max(0, tStart - 16), tStart))) return;
    // "putra sulung Presiden, Nama": the name after the comma is the holder's relative, who holds no office here (in
    // "putra Presiden Nama, Nama Lain" the first name is the holder's).
    const relative = RELATIVE_BEFORE_RE.test(text.slice(Math.max(0, tStart - 30), tStart));
    // "Peraturan Presiden Nomor 5", "Keputusan Menteri …": a regulation's name, not an office holder.
    if (/(?:[Pp]eraturan|Instruksi|Surat Edaran|Perpres|Permen|Kepmen)\s+$/.test(text.slice(Math.max(0, tStart - 16), tStart))
      || /^\s+(?:Nomor|No\.)\s/.test(text.slice(tStart + m[0].length, tStart + m[0].length + 8))) return;
    // "PM" is a prime minister's title only before the country ("PM Malaysia …"): elsewhere it is a time or an acronym.
    if (m[2] === 'PM' && !COUNTRIES[/^\s+(\p{Lu}\p{L}+)/u.exec(text.slice(tStart + 2, tStart + 30))?.[1] ?? '']) return;
    const entry = TITLE_BY_FORM.get(m[2].toLowerCase()) ?? this.englishTitle(m[2]);
    const interim = m[1] ? (/^P(lt|elaksana)/.test(m[1]) ? 'Pelaksana Tugas ' : 'Penjabat ') : '';
    const afterTitle = tStart + m[0].length;
    // The qualifier: capitalised words, acronyms and connectors up to a comma or a lower-case word.
    let q = this.readQualifier(afterTitle);
    // "Dirjen Perikanan, Kementerian Kelautan Budi": a comma before an institution does not end the qualifier.
    if (text[q.end] === ',') {
      const nx = q.end + 1 + (/^\s*/.exec(text.slice(q.end + 1, q.end + 4))?.[0].length ?? 0);
      const q2 = this.readQualifier(nx);
      const last = q.words[q.words.length - 1];
      const startsTitle = (w: { start: number }) => { TITLE_AT.lastIndex = w.start; return TITLE_AT.test(text); };
      if (last && q2.words.length && this.isOrgWord(last) && !q2.words.some(startsTitle) && this.instHits.some((h) => h.start >= nx && h.start < q2.end)) {
        q = { words: [...q.words, ...q2.words], end: q2.end };
      }
    }
    let commaName = text[q.end] === ',' ? this.readName(q.end + 1) : null;
    // "…, Komisaris PT X Nama": a title after the comma starts the next person.
    if (commaName) { TITLE_AT.lastIndex = commaName.start; if (TITLE_AT.test(text)) commaName = null; }
    // "Nama sebagai Komisaris Utama, Nama Lain sebagai Komisaris": a name after the comma that a linking word ties to
    // the next title holds that one, not this.
    if (commaName && /^\s+(?:selaku|sebagai)\s/.test(text.slice(commaName.end, commaName.end + 9))) commaName = null;
    const chained: XPosition[] = st.pending && st.pending.nextAt >= tStart - 1 && st.pending.nextAt <= tStart ? st.pending.positions : [];
    st.pending = null;
    let nameHit: { name: string; start: number; end: number } | null = null;
    let qualEnd = q.end;
    // "Bupati Klaten, Sukamaju, Kamis (9/10)": a name followed by a weekday or a date is a dateline place.
    const placeLike = commaName && /^\s*,?\s*(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|\(\d)/.test(text.slice(commaName.end, commaName.end + 12));
    // No comma: the name is the tail of the qualifier after the last organisation or region word; a rank just before
    // that tail marks it as the name even when a comma and another name follow ("Kapolres X AKBP Nama, Nama Lain").
    let split = this.splitQualifierName(q);
    // "Camat Sukamaju Asep Mulyana": below the regency the seat is no known region; of three or more name-like words
    // after such a title the first is the seat.
    if (split && q.words.length && split.name.start === q.words[0].start && /^(?:KECAMATAN|KELURAHAN|DESA|POLSEK)$/.test(entry.scope) && split.name.name.split(' ').length >= 3 && !/^\p{Lu}\.$/u.test(split.name.name.split(' ')[0])) {
      const first = split.name.name.split(' ')[0];
      const rest = text.indexOf(split.name.name.split(' ')[1], split.name.start + first.length);
      split = { name: { name: split.name.name.split(' ').slice(1).join(' '), start: rest, end: split.name.end }, qualEnd: split.name.start + first.length };
    }
    // "… Direktur Supply Chain 7. Nama …", "Komisaris PT X Bina Medika 17.": a list's item ends at its number, so the
    // qualifier's tail is the body's name, not a person's; nor is a lone common word ("Penyelenggara Kegiatan").
    if (split && (/^\s*\d{1,2}\.(?:\s|$)/.test(text.slice(q.end, q.end + 5))
      || (!split.name.name.includes(' ') && shippedTagger().lexicon.has(split.name.name.toLowerCase())))) split = null;
    const rankBefore = split && split.qualEnd > afterTitle && RANKS_TAIL_RE.test(text.slice(afterTitle, split.qualEnd).replace(/\s*\([^)]*\)\s*$/, ''));
    // Two or more name words after the qualifier's last body or region word are the name, whatever follows the comma.
    const strongSplit = split && split.qualEnd > afterTitle && split.name.name.includes(' ');
    if (split && (rankBefore || strongSplit)) {
      nameHit = split.name; qualEnd = split.qualEnd;
    } else if (commaName && !placeLike && commaName.start - q.end <= 2 && (commaName.name.split(' ').length >= 2 || q.words.length > 0)) {
      nameHit = commaName;
    } else if (split && !(!split.name.name.includes(' ') && /^(?:\.(?:\s|$)|\d)/.test(text.slice(split.name.end, split.name.end + 2)))) {
      // A lone word closing the sentence ("… Kepolisian Sektor Sukamaju.") ends the qualifier; it names no one.
      nameHit = split.name; qualEnd = split.qualEnd;
    }
    let pos = this.positionFrom(entry, m[2], interim, afterTitle, qualEnd);
    // "Irjen Nama": a rank written like a title, with nothing between it and the name, is no position.
    if (pos && RANKS.includes(m[2]) && qualEnd <= afterTitle + 1) pos = null;
    // "Hendra Wibisono selaku Bupati …", "… Rina Putri sebagai Direktur X, Nama Lain sebagai …": a name tied to the title
    // by a linking word holds it, whatever name the title is followed by.
    const before = text.slice(Math.max(0, tStart - 60), tStart);
    const linked = /\s(?:selaku|sebagai)\s+$/.test(before);
    // A made English title is followed by its company: with a name before it ("Nama, Marketing Director X Y"), the words
    // after are the company's.
    // Not in a list whose holders come after their titles ("…, Marketing Director PT X Rina Kusuma dan …").
    const appositiveEnglish = !TITLE_BY_FORM.has(m[2].toLowerCase()) && /,\s*$/.test(before) && !q.words.some((w) => w.w === 'dan' || w.w === 'serta');
    if (!nameHit || linked || appositiveEnglish) {
      // "Hendra Wibisono, Bupati Tegalsari": the name stands before the title.
      const bm = /((?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}.'’-]*)(?:\s*,|[ \t]+[-–]|\s+(?:selaku|sebagai|yang juga(?:\s+menjabat)?(?:\s+sebagai)?))(?:\s+yang\s+(?:merupakan|kini|saat ini|juga)(?:\s+menjabat)?(?:\s+sebagai)?)?\s*$/u.exec(before);
      if (bm) {
        // The name starts after any sentence end inside the run ("… Abadi. Rudi Hartono selaku …").
        const cut = /^.*\p{Ll}{2}[.!?]\s+/u.exec(bm[1]);
        // Nor does a verb or a word that opens sentences belong to it ("Dijelaskan Nama, …", "Menurut Nama, …").
        const verb = /^(\p{Lu}\p{Ll}+)\s+(?=\p{Lu})/u.exec(bm[1].slice(cut ? cut[0].length : 0));
        const opener = !!verb && (INDONESIAN_VERB_FORM_RE.test(verb[1]) || SENTENCE_OPENERS.has(verb[1]));
        const s = tStart - (before.length - bm.index!) + (cut ? cut[0].length : 0) + (opener ? verb![0].length : 0);
        const n = this.readName(s);
        // A made English title after "Nama," takes no name after it when the one before is not read: those words are the
        // company's ("Menurut X, Marketing Director Maju Jaya, …").
        if (appositiveEnglish && !linked && !(n && n.name.split(' ').length >= 2 && n.end <= tStart)) { nameHit = null; pos = null; }
        if (n && n.name.split(' ').length >= 2 && n.end <= tStart) {
          nameHit = n;
          if (appositiveEnglish && !linked && qualEnd !== q.end) { qualEnd = q.end; pos = this.positionFrom(entry, m[2], interim, afterTitle, qualEnd); }
          if (linked) {
            // "… sebagai Direktur X serta Nama Lain sebagai …": the words after the last connector are the next name.
            let end = q.end;
            if (/^\s+(?:selaku|sebagai)\s/.test(text.slice(q.end, q.end + 9))) {
              const link = q.words.some((w) => w.w === 'serta') ? 'serta' : 'dan';
              let k = q.words.length - 1;
              while (k >= 0 && q.words[k].w !== link) k--;
              if (k > 0) end = q.words[k - 1].end;
            }
            if (qualEnd !== end) { qualEnd = end; pos = this.positionFrom(entry, m[2], interim, afterTitle, qualEnd); }
          }
        }
      }
    }
    // "Ketua Fraksi X ini menggelar …", "… ungkap Bendahara Partai Y ini": a title with its body pointed back at with
    // "ini" is held by the person last named before it (within the last two paragraphs).
    if (!nameHit && pos && q.words.length > 0 && /^\p{Lu}/u.test(m[2]) && entry.scope !== 'HEAD_OF_STATE' && /^[ \t]+ini\b/.test(text.slice(q.end, q.end + 6))) {
      let last: (typeof this.personSpans)[number] | null = null;
      for (let k = 0; k < this.personSpans.length; k++) { const p = this.personSpans[k]; if (p.end <= tStart && (!last || p.end > last.end)) last = p; }
      if (last && this.paraOf(tStart) - this.paraOf(last.start) <= 2) nameHit = { name: last.acc.name, start: last.start, end: last.end };
    }
    // A name already given before a chained title ("Nama selaku Komisaris Utama merangkap Komisaris Independen").
    if (!nameHit && st.pendingName && st.pendingName.nextAt >= tStart - 1 && st.pendingName.nextAt <= tStart) nameHit = st.pendingName.name;
    st.pendingName = null;
    const link = /^(?:\s*\/\s*|,?\s+(?:dan|serta|sekaligus|merangkap|juga)\s+)/u.exec(text.slice(q.end, q.end + 14));
    // "dan" joins two titles of one person only when the first has no body of its own ("Wakil Ketua I dan Ketua …").
    const chains = !!link && (!/dan|serta/.test(link[0]) || q.words.every((w) => /^(?:[IVX]+|\d+)$/.test(w.w)));
    if (!nameHit && pos && chains) {
      st.pending = { positions: [...chained, pos], nextAt: q.end + link![0].length };
      return;
    }
    if (nameHit && chains && nameHit.end <= tStart) st.pendingName = { name: nameHit, nextAt: q.end + link![0].length };
    if (!nameHit) return;
    // "manajer Rajawali": after a title written in lower case a single word is too weak to be a name.
    if (/^\p{Ll}/u.test(m[2]) && !nameHit.name.includes(' ')) return;
    if (pos && pos.title === 'Anggota' && !pos.institution) pos = null;
    // The holder's relative named after the comma: a person, holding none of the holder's offices.
    if (relative && nameHit === commaName) { this.addPerson(nameHit.name, nameHit.start, nameHit.end, null, true); return; }
    for (let k = 0; k < chained.length; k++) {
      const c = chained[k];
      if (!c.institution && pos?.institution) c.institution = pos.institution;
      this.addPerson(nameHit.name, nameHit.start, nameHit.end, c, true);
    }
    const acc = this.addPerson(nameHit.name, nameHit.start, nameHit.end, pos, true);
    if (acc) {
      const span = this.personSpans[this.personSpans.length - 1];
      span.start = Math.min(tStart, nameHit.start);
      st.spansEnd = Math.max(st.spansEnd, span.end);
    }
  }


  private collectUntitledPersons(): void {
    // Steps in methods of their own: as one function this was among the costliest to optimise.
    this.collectMinistersByAcronym();
    this.collectRoleCuedPersons();
    this.collectUntitledSpeakers();
    this.collectTaggedPersons();
  }

  private collectMinistersByAcronym(): void {
    const text = this.text;
    // A ministry the text defines with a Kemen… acronym gives its minister's short titles too: "Kementerian Urusan
    // Pesisir (Kemenpesisir)" … "Wamenpesisir Nama".
    for (const [acr, long] of this.defs) {
      const k = /^Kemen(\p{L}{3,})$/u.exec(acr);
      if (!k || !/^Kementerian /.test(long) || TITLE_BY_FORM.has(`men${k[1]}`.toLowerCase())) continue;
      const field = long.slice('Kementerian '.length);
      for (const m of text.matchAll(new RegExp(`(?<![\\p{L}])(Wa)?[Mm]en${escapeRe(k[1])}(?![\\p{L}])`, 'gu'))) {
        const at = m.index! + m[0].length;
        if (this.coveredBySpanUnsorted(m.index!)) continue;
        const q = this.readQualifier(at);
        const commaName = text[at] === ',' ? this.readName(at + 1) : null;
        const n = this.splitQualifierName(q)?.name ?? commaName;
        if (n) this.addPerson(n.name, n.start, n.end, { title: `${m[1] ? 'Wakil ' : ''}Menteri ${field}`, institution: long, region: null }, true);
      }
    }
  }

  private collectRoleCuedPersons(): void {
    const text = this.text;
    // Untitled people after a role word: "terdakwa Rudi Hartono", "eks pejabat Dinas X Rudi Hartono".
    for (let i = 0, list = ROLE_CUE.all(text); i < list.length; i++) {
      const m = list[i];
      const at = m.index! + m[0].length;
      if (this.coveredBySpanUnsorted(at)) continue;
      const q = this.readQualifier(at);
      const split = this.splitQualifierName(q);
      // "kader Partai X (PX), Nama Lengkap": the name after the comma that closes the body.
      let n = (split?.name.name.includes(' ') ? split.name : null) ?? (this.text[q.end] === ',' && q.words.some((w) => this.isOrgWord(w)) ? this.readName(q.end + 1) : null);
      if (n && n.name.split(' ').length >= 2 && n.name.split(' ').length <= 4) this.addPerson(n.name, n.start, n.end, null, false);
    }
  }

  private collectUntitledSpeakers(): void {
    const text = this.text;
    // Untitled speakers: "kata Nama Lengkap", "Nama Lengkap memaparkan".
    for (let i = 0, list = SPEECH_TAG.all(text); i < list.length; i++) {
      const m = list[i];
      const n = this.readName(m.index! + m[0].length);
      if (n && n.name.split(' ').length >= 2 && !this.overlapsSpan(n.start, n.end)) this.addPerson(n.name, n.start, n.end, null, false);
    }
    // "Nama Lengkap mengatakan …" at a clause start.
    for (let i = 0, list = namesBeforeSpeechVerbs(text); i < list.length; i++) {
      const at = list[i];
      const n = this.readName(at);
      if (n && n.name.split(' ').length >= 2 && !this.overlapsSpan(n.start, n.end)) this.addPerson(n.name, n.start, n.end, null, false);
    }
  }

  private collectTaggedPersons(): void {
    const text = this.text;
    // Names the statistical tagger finds where a cue supports them (candidates.ts); one word passes there only beside a speech verb.
    const taken = [...this.persons.values()].flatMap((p) => p.mentions);
    const knownWords = new Set([...this.persons.values()].flatMap((p) => p.name.split(' ')));
    const guards = { isRegion: (s: string) => !!this.x.regions.lookup(s), isInstitution: (s: string) => !!this.x.institutionEntry(s), taken: [...taken, ...this.instHits], knownWords };
    for (let i = 0, list = personCandidates(text, guards); i < list.length; i++) {
      const c = list[i];
      if (!taken.some((m) => c.start < m.end && c.end > m.start)) this.addPerson(c.name, c.start, c.end, null, !c.name.includes(' '));
    }
  }

  private readQualifier(pos: number): { words: Array<{ w: string; start: number; end: number }>; end: number } {
    const re = /[ \t]*(\([^()\n]{1,40}\)|[\p{L}\d][\p{L}\d.'’&/-]*)/uy;
    const words: Array<{ w: string; start: number; end: number }> = [];
    let i = pos;
    while (words.length < 14) {
      re.lastIndex = i;
      const m = re.exec(this.text);
      if (!m) break;
      let w = m[1];
      const ws = m.index + m[0].length - w.length;
      const slash = w.indexOf('/');
      if (slash > 0) {
        TITLE_AT.lastIndex = ws + slash + 1;
        if (TITLE_AT.test(this.text)) { words.push({ w: w.slice(0, slash), start: ws, end: ws + slash }); break; }
      }
      // "… Komisaris 4. Nama": a number with a full stop is the next item of a list, not part of the title.
      if (/^\d{1,2}\.$/.test(w)) break;
      if (w.endsWith('.') && !/^\p{Lu}\.$/u.test(w) && !/^(Kab|Jl|No)\.$/.test(w)) w = w.slice(0, -1);
      const isCap = /^[\p{Lu}\d(]/u.test(w) || /^ke-\d+$/.test(w);
      if (!isCap && !PHRASE_CONNECTORS.has(w)) break;
      // "Wali Kota Magelang Dodi Kurniawan dan Bupati Klaten …": a title after a connector starts another person.
      if (isCap && words.length > 0 && PHRASE_CONNECTORS.has(words[words.length - 1].w)) {
        TITLE_AT.lastIndex = ws; ENGLISH_TITLE_AT.lastIndex = ws;
        if (TITLE_AT.test(this.text) || (this.mayHaveEnglishTitles() && ENGLISH_TITLE_AT.test(this.text))) break;
      }
      words.push({ w, start: ws, end: ws + w.length });
      i = m.index + m[0].length;
      // A full stop ends the qualifier, except after an initial or a rank ("Jenderal Pol. Nama").
      if (m[1].endsWith('.') && !/^\p{Lu}\.$/u.test(m[1]) && !RANKS.includes(w)) break;
    }
    while (words.length && PHRASE_CONNECTORS.has(words[words.length - 1].w)) words.pop();
    return { words, end: words.length ? words[words.length - 1].end : pos };
  }

  private splitQualifierName(q: { words: Array<{ w: string; start: number; end: number }> }): { name: { name: string; start: number; end: number }; qualEnd: number } | null {
    // A parenthesis after the name holds its short form ("Bayu Santika (BS)"): the name ends before it.
    let ws = q.words;
    while (ws.length > 1 && ws[ws.length - 1].w.startsWith('(')) ws = ws.slice(0, -1);
    // Walk back over name words.
    let k = ws.length;
    // Balinese "I"/"Ni" before a name word is part of the name ("Wagub Bali I Made Sukerta").
    const balinese = (i: number) => /^(?:I|Ni)$/.test(ws[i].w) && i + 1 < ws.length && isNameWord(ws[i + 1].w);
    // An honorific opens the name: the words before it are the qualifier's ("pemimpin tertinggi Teheran Ayatollah X").
    while (k > 0 && (isNameWord(ws[k - 1].w) || HONORIFIC_WORD.test(ws[k - 1].w) || balinese(k - 1)) && (balinese(k - 1) || !this.isOrgWord(ws[k - 1])) && !RANKS.includes(ws[k - 1].w)
      && !(k > 1 && this.x.regions.lookup(`${ws[k - 2].w} ${ws[k - 1].w}`))) { k--; if (HONORIFIC_WORD.test(ws[k].w)) break; }
    // "Direktur Utama Nusatel Rina Wulandari": before a name of two words or more, a body's short name is no first name.
    // Once read so in an article (where the person is referred to by a later name too), the word is a body's throughout.
    if (ws.length - k >= 3 && !HONORIFIC_WORD.test(ws[k].w) && (this.bodyWords.has(ws[k].w)
      || (this.bodyShortName(ws[k].w, ws[k].start) && ws.slice(k + 1).some((x) => this.aloneElsewhere(x.w, x.start))))) {
      this.bodyWords.add(ws[k].w);
      k++;
    }
    // An honorific or rank inside the tail starts the name.
    if (k === ws.length) return null;
    // A name needs at least one word; keep at most four, the last ones.
    // More than five name-like words in a row is title-cased text (a headline or caption), not a name.
    if (ws.length - k > 5) return null;
    let s = k;
    if (ws.length - s > 4) s = ws.length - 4;
    // Honorifics before the name ("H.", "Dr.") belong to neither the qualifier nor the name.
    const qualEnd = s > 0 ? ws[s - 1].end : ws[0].start;
    while (s < ws.length && HONORIFIC_WORD.test(ws[s].w) && ws.length - s > 1) s++;
    const nameWords = ws.slice(s);
    if (nameWords.length === 0) return null;
    return { name: { name: joinWords(nameWords), start: nameWords[0].start, end: nameWords[nameWords.length - 1].end }, qualEnd };
  }

  private englishHeads: boolean | null = null;
  /** Whether a head of an English title stands anywhere in the text (most articles have none: their scans are skipped). */
  private mayHaveEnglishTitles(): boolean { return (this.englishHeads ??= ENGLISH_TITLE_TEST_RE.test(this.text)); }

  /** The entries of made English titles, one per form in this article (so that one title is one position). */
  private englishTitles = new Map<string, TitleEntry>();
  private englishTitle(form: string): TitleEntry {
    let e = this.englishTitles.get(form);
    if (!e) this.englishTitles.set(form, (e = { forms: [form], full: form, scope: 'ORG_HEAD' }));
    return e;
  }

  private wordUses = new Map<string, Array<{ at: number; alone: boolean; person: boolean; owned: boolean }>>();
  private bodyWords = new Set<string>();
  /**
   * Whether `word` at `at` is the short name of a body: elsewhere the article writes it alone (no capitalised word
   * after it) three times or more, once at least after a word of its clause as a body's name stands ("direksi Nusatel"), and
   * never where a person's name stands (after a speech tag, an honorific, an office or a role word: "ujar hakim X").
   */
  private bodyShortName(word: string, at: number): boolean {
    const uses = this.usesOf(word);
    let alone = 0, owned = false;
    for (const u of uses) {
      if (u.at === at) continue;
      if (u.person) return false;
      if (u.alone) alone++;
      owned ||= u.owned;
    }
    return alone >= 3 && owned;
  }

  /** Whether `word` stands alone somewhere else than at `at` (a person referred to by one of their names). */
  private aloneElsewhere(word: string, at: number): boolean {
    return this.usesOf(word).some((u) => u.at !== at && u.alone);
  }

  private usesOf(word: string): Array<{ at: number; alone: boolean; person: boolean; owned: boolean }> {
    let uses = this.wordUses.get(word);
    if (!uses) {
      uses = [];
      for (const i of standaloneOffsets(this.text, word, /[\p{L}\d]/u, /[\p{L}\d]/u)) {
        const before = /(\p{L}+)[ \t]+$/u.exec(this.text.slice(Math.max(0, i - 24), i))?.[1] ?? '';
        const prev = before.toLowerCase();
        // "direksi Nusatel", "Bandara Nusatel": a word of the same clause before it (not a function word), as a body's name
        // stands; a person referred to by a first name stands mostly at the start of a clause ("Damar berdoa.").
        const owned = before !== '' && !FUNCTION_BEFORE_NAME.has(prev) && !PERSON_BEFORE_WORDS.has(prev);
        uses.push({ at: i, alone: !/^[ \t]+\p{Lu}/u.test(this.text.slice(i + word.length, i + word.length + 3)), person: PERSON_BEFORE_WORDS.has(prev) || TITLE_BY_FORM.has(prev), owned });
      }
      this.wordUses.set(word, uses);
    }
    return uses;
  }

  /**
   * The body an acronym the article defines stands for, by the name it was recorded under ("PT Sinar Abadi Tbk" for
   * "SAT", where the definition's letters spell only "Sinar Abadi Tbk"); null when the article defines none.
   */
  private definedBody(acr: string): string | null {
    const long = this.defs.get(acr);
    if (!long) return null;
    for (const i of this.insts.values()) if (i.acronym === acr || (i.forms.has(acr) && (i.name === long || i.name.endsWith(` ${long}`)))) return i.name;
    return long;
  }

  private isOrgWord(w: { w: string; start: number; end: number }): boolean {
    if (this.instHits.some((h) => w.start >= h.start && w.start < h.end)) return true;
    // A short form the article defines for a body ("Partai Gerakan Indonesia Raya (Gerindra)").
    const long = this.defs.get(w.w);
    if (long && long.split(' ').some((x) => INSTITUTION_WORDS.has(x) || isVocabWord(x))) return true;
    if (this.x.regions.lookup(w.w)) return true;
    if (isAcronym(w.w)) return true;
    return isVocabWord(w.w);
  }

  /** Title + qualifier → a position: full title, canonical institution, region. */
  private positionFrom(entry: TitleEntry, form: string, interim: string, qStart: number, qEnd: number): XPosition | null {
    // An institution named in the qualifier, or one whose name begins inside the title ("Ketua DPRD Provinsi X").
    let inst = this.instHits.find((h) => h.start < Math.max(qEnd, qStart + 1) && h.end > qStart && h.start >= qStart - 12);
    let unit = this.text.slice(qStart, qEnd).trim();
    let institution: string | null = entry.ministry ?? null;
    let region: Region | null = null;
    let head = entry.full;
    // "Kadis Kominfo Sulsel": a ministry's short name after a regional office's head names the office's field.
    if (inst && /^Kepala (Dinas|Badan)$/.test(head) && this.x.institutionEntry(this.text.slice(inst.start, inst.end))?.kind === InstitutionKind.MINISTRY
      && this.trailingRegion(this.text.slice(inst.end, qEnd).trim())) {
      const field = inst.name.replace(/^Kementerian /, '');
      unit = (this.text.slice(qStart, inst.start) + field + this.text.slice(inst.end, qEnd)).trim();
      inst = undefined;
    }
    // "Ketua Komisi Pemberantasan Korupsi": the body begins inside the matched title form, whose head alone is the title
    // (legislatures keep their short form: "Ketua DPRD").
    if (inst && inst.start < qStart && !/(DPRD|DPR|DPD|MPR)$/.test(head)) {
      const overlap = this.text.slice(inst.start, qStart).trim();
      if (head.endsWith(' ' + overlap)) head = head.slice(0, head.length - overlap.length - 1);
    }
    // "Kadis PUPR Sleman" with no body found: the ministry's short name is the office's field.
    if (!inst && /^Kepala (Dinas|Badan)$/.test(head)) {
      unit = unit.split(' ').map((w) => {
        const e = this.x.institutionEntry(w);
        if (e?.kind === InstitutionKind.MINISTRY) return e.name.replace(/^Kementerian /, '');
        const office = expandRegionalHead(`Dinas ${w}`);
        return office.startsWith('Dinas ') && office !== `Dinas ${w}` ? office.slice('Dinas '.length) : w;
      }).join(' ');
    }
    if (inst) {
      unit = this.text.slice(qStart, Math.max(qStart, inst.start)).trim();
      institution = inst.name;
      region = inst.region;
    }
    // "Sekretaris Komisi II", "Ketua Fraksi X" with no legislature named: the commission stays in the title and the
    // article's one legislature is the body.
    if (inst && /^(?:Komisi|Fraksi) \S+$/.test(institution ?? '') && inst.start >= qStart) {
      const legis = [...this.insts.values()].filter((i) => i.kind === InstitutionKind.LEGISLATURE && !/^(?:Komisi|Fraksi) /.test(i.name));
      if (legis.length === 1) { unit = `${unit} ${institution}`.trim(); institution = legis[0].name; region = null; }
    }
    // The words after the title head that name a sub-unit stay in the title ("Kepala Biro Organisasi dan Tata Laksana").
    unit = unit.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim().replace(/[,\s]+$/, '').replace(RANKS_TAIL_RE, '').replace(/\s+Kementerian$/, '');
    // "Menteri Kesehatan RI": the country's name adds nothing to a national office.
    if (entry.ministry || entry.scope === 'MINISTER') unit = unit.replace(/(?:^|\s+)(?:RI|Republik Indonesia)$/, '');
    const rg = unit ? this.trailingRegion(unit) : null;
    if (rg && !inst) { region = rg.region; unit = unit.slice(0, unit.length - rg.surface.length).trim(); }
    if (region) unit = unit.replace(/(?:^|\s+)(?:Provinsi|Kabupaten|Kota|Kab\.?)$/u, '').trim();
    // "Dandim 0815/Mojokerto": the title commands a numbered unit, which is the institution.
    const numbered = entry.unit ? /^(\d{2,4}|[IVX]{1,5})(?:\s*\/\s*(\p{Lu}[\p{L}-]+))?/u.exec(unit) : null;
    if (numbered && !institution) {
      const known = [...this.insts.values()].find((i) => i.name === `${entry.unit} ${numbered[1]}` || i.name.startsWith(`${entry.unit} ${numbered[1]}/`));
      institution = known?.name ?? `${entry.unit} ${numbered[1]}${numbered[2] ? `/${numbered[2]}` : ''}`;
      if (!known) this.addInstitution(institution, this.text.slice(qStart, qStart + numbered[0].length), qStart, qStart + numbered[0].length, { kind: InstitutionKind.MILITARY });
      unit = unit.slice(numbered[0].length).trim();
      region = null;
    }
    switch (entry.scope) {
      case 'HEAD_OF_STATE': {
        // "Presiden", "Presiden RI": the national government; "Presiden Negeria": that country's; "Presiden FIFA": the body.
        const u = unit.replace(/\s*ke-?\d+$/u, '').replace(/^(?:ke-?\d+\s*)?(?:RI|Republik Indonesia|Indonesia)?$/u, '');
        if (!institution && !u && /Presiden$/.test(head)) institution = 'Pemerintah Republik Indonesia';
        const country = u === 'AS' ? 'Amerika Serikat' : COUNTRIES[u.replace(/^(?:Federasi|Republik|Kerajaan|Negara)\s+/, '')];
        if (!institution && country) institution = `Pemerintah ${country}`;
        if (!institution && /^\p{Lu}\S*(?:\s\p{Lu}\S*){0,3}$/u.test(u)) institution = this.defs.get(u) ?? this.x.institutionEntry(u)?.name ?? u;
        if (institution) unit = '';
        break;
      }
      case 'MINISTER': {
        if (institution && !inst) break;
        const coord = /Koordinator$/.test(head);
        const e = this.x.ministryFor(unit, coord, this.defs);
        if (e) {
          institution = e.name;
          head = head.replace(/ Koordinator$/, '') + ' ' + e.name.slice('Kementerian '.length).split('/')[0];
          unit = '';
        } else if (!institution && unit && !isAcronym(unit) && /^\p{Lu}/u.test(unit)) {
          const field = coord && !/^Bidang /.test(unit) ? `Bidang ${unit}` : unit;
          institution = `Kementerian ${coord ? 'Koordinator ' : ''}${field}`;
          head = `${head} ${coord ? field : unit}`;
          unit = '';
        }
        break;
      }
      case 'ORG_HEAD':
        // "Direktur Utama PT Sumber Makmur": the holder heads the whole body the qualifier names.
        if (!institution && unit && /^[\p{Lu}\d]/u.test(unit)) { institution = this.definedBody(unit) ?? this.x.institutionEntry(unit)?.name ?? unit; unit = ''; }
        break;
      case 'COURT':
        if (!institution) institution = [...this.insts.values()].find((i) => /^Pengadilan/.test(i.name))?.name ?? [...this.insts.values()].find((i) => /^Mahkamah/.test(i.name))?.name ?? null;
        if (institution) unit = unit.replace(/^Hakim$/, '');
        break;
      default: break;
    }
    if (!institution && region) institution = this.scopeInstitution(entry, region);
    // "Kapolsek Tanjung Sari": a seat below the regency level names the station itself.
    if (!institution && SEAT_PREFIX[entry.scope] && /^(?:Wakil )?(?:Kepala (?:Kepolisian|Kejaksaan|Desa)|Komandan Pangkalan|Camat|Lurah)/.test(entry.full) && /^\p{Lu}[\p{Ll}-]+(?:\s\p{Lu}[\p{Ll}-]+){0,2}$/u.test(unit) && !unit.split(' ').some((w) => isVocabWord(w))) {
      institution = `${SEAT_PREFIX[entry.scope]} ${unit}`;
      unit = '';
    }
    // "Kepala Bidang Pembinaan PBSI", "Direktur Operasi XYZ": an acronym ending the qualifier is the body.
    if (!institution && unit) {
      const w = unit.split(' ');
      const acr = w[w.length - 1];
      if (isAcronym(acr) && !this.x.regions.lookup(acr) && !/^[IVX]+$/.test(acr) && !TITLE_BY_FORM.has(acr.toLowerCase()) && !CONCEPT_ACRONYMS.has(acr)) {
        institution = this.x.institutionEntry(acr)?.name ?? this.defs.get(acr) ?? acr;
        unit = w.slice(0, -1).join(' ');
      }
    }
    if (!institution) institution = this.contextInstitution(entry, head);
    if (!institution && /DPRD/.test(form)) institution = [...this.insts.values()].find((i) => /^Dewan Perwakilan Rakyat Daerah /.test(i.name))?.name ?? 'Dewan Perwakilan Rakyat Daerah';
    // A bare "Ketua"/"Kepala" keeps the type of body it heads: "Kepala Badan Pusat Statistik"; a regional office's
    // head is an official of the regional government ("Kepala Dinas Pendidikan" @ Pemerintah Kabupaten X).
    const legis = institution ? this.x.institutionEntry(institution) : undefined;
    if (!unit && legis?.kind === InstitutionKind.LEGISLATURE && /^(?:Anggota|Ketua|Wakil Ketua)$/.test(head)) {
      // Legislatures keep their short form: "Anggota DPR", "Wakil Ketua MPR".
      head = `${head} ${legis.acronyms[0].replace(/ RI$/, '')}`;
    } else if (!unit && institution && /^(?:Wakil )?(?:Ketua|Kepala)$/.test(head)) {
      const office = /^((?:Dinas|Badan|Satuan|Inspektorat|Sekretariat) .+?) (Provinsi|Kabupaten|Kota) (.+)$/.exec(institution);
      if (office) { head = `${head} ${office[1]}`; institution = `Pemerintah ${office[2]} ${office[3]}`; } else head = `${head} ${institution.replace(/ Republik Indonesia$/, '')}`;
    }
    // "Dirjen Pemasyarakatn" under the Kementerian … Pemasyarakatan: a unit word one letter off the body's word is that word.
    if (unit && institution) {
      const instWords = institution.split(/[\s,/]+/).filter((w) => w.length >= 8);
      unit = unit.split(' ').map((w) => (w.length >= 8 && !instWords.includes(w) ? instWords.find((iw) => editDistance(w, iw, 2) === 1) ?? w : w)).join(' ');
    }
    let title = interim + head + (unit ? ' ' + this.expandTitleUnit(unit) : '');
    if (/DPRD$/.test(head)) title = interim + head + (unit ? ' ' + unit : '');
    title = title.replace(/\s+(dan|&|se)$/, '');
    if (entry.full === 'Kepala Biro' && unit && institution) {
      const bureau = `Biro ${this.expandTitleUnit(unit)}`;
      const parent = institution;
      const accP = this.insts.get(nameKey(parent));
      // The bureau is named inside the title: its mention is the qualifier span.
      if (accP) this.addInstitution(bureau, `Biro ${unit}`, qStart, qStart + unit.length, { parent: accP.name, kind: InstitutionKind.BUREAU });
    }
    // "Direktur Utama Perseroan": the company the article is about, when it names one company.
    if (institution && /^(?:Perseroan|Perusahaan|Emiten)$/i.test(institution)) institution = this.soleCompany();
    return { title, institution, region: region ? region.name : null };
  }

  /** The one company ("PT …", a firm the gazetteer lists) the article names, or null when it names none or several. */
  private soleCompany(): string | null {
    let found: string | null = null;
    for (const b of this.insts.values()) {
      if (!/^(?:PT|Perum|Perumda)\s/.test(b.name) && b.kind !== InstitutionKind.COMPANY && b.kind !== InstitutionKind.STATE_COMPANY) continue;
      if (found && found !== b.name) return null;
      found = b.name;
    }
    return found;
  }

  private expandTitleUnit(unit: string): string {
    return unit.split(/\s+/).map((w) => (this.defs.get(w) && /^(Organisasi|Tata|Bagian|Biro|Bidang)/.test(this.defs.get(w)!) ? this.defs.get(w)! : w)).join(' ');
  }

  trailingRegion(s: string): { region: Region; surface: string } | null {
    const words = s.split(/\s+/);
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const cand = words.slice(words.length - n).join(' ');
      let r = this.x.regions.lookup(cand);
      if (r) return { region: r, surface: cand };
    }
    return null;
  }

  /**
   * A title written without its body, when the article names exactly one body of the kind it belongs to: "Kapolda" and
   * the one Kepolisian Daerah, "Dirjen …" and the one ministry, "Kabid …" and the one regional office.
   */
  private contextInstitution(entry: TitleEntry, head: string): string | null {
    let test: RegExp | null = null;
    let corp = false;
    const seat = SEAT_PREFIX[entry.scope];
    if (seat) test = SEAT_NAME_RE[entry.scope]!;
    else if (/^(?:Direktur Jenderal|Sekretaris Jenderal|Inspektur Jenderal|Staf Ahli|Staf Khusus|Deputi|Asisten Deputi|Kepala Biro|Kepala Pusat)$/.test(entry.full)) test = /^Kementerian /;
    else if (/^(?:Kepala Bidang|Kepala Seksi|Kepala Sub Bagian|Sekretaris Dinas|Kepala Unit)$/.test(entry.full)) test = /^(?:Dinas|Badan) .* (?:Provinsi|Kabupaten|Kota) /;
    else if (entry.full === 'Menteri' || entry.full === 'Wakil Menteri') test = /^Kementerian (?!Koordinator)/;
    else if (/^(?:Direktur|Wakil Direktur|Direktur Utama|Wakil Direktur Utama|Presiden Direktur|Komisaris|Komisaris Utama|Wakil Komisaris Utama|Komisaris Independen|Chief Executive Officer|Manajer|General Manager|Sekretaris Perusahaan)$/.test(head)) { test = /^(?:PT|Perum|Perusahaan|Bank) /; corp = true; }
    else if (/^(?:Bupati|Wakil Bupati)$/.test(head)) test = /^Pemerintah Kabupaten /;
    else if (/^(?:Wali Kota|Wakil Wali Kota)$/.test(head)) test = /^Pemerintah Kota /;
    else if (/^(?:Gubernur|Wakil Gubernur)$/.test(head)) test = /^Pemerintah Provinsi /;
    if (!test) return null;
    let found: string | null = null;
    for (const i of this.insts.values()) {
      if (!test.test(i.name) && !(corp && (i.kind === InstitutionKind.COMPANY || i.kind === InstitutionKind.STATE_COMPANY))) continue;
      if (found) return null;
      found = i.name;
    }
    return found;
  }

  private scopeInstitution(entry: TitleEntry, r: Region): string | null {
    const level = r.kind === PlaceKind.PROVINCE ? 'Provinsi' : r.kind === PlaceKind.CITY ? 'Kota' : 'Kabupaten';
    switch (entry.scope) {
      case 'REGENCY_GOV': return `Pemerintah ${r.kind === PlaceKind.CITY ? 'Kota' : 'Kabupaten'} ${r.name}`;
      case 'CITY_GOV': return `Pemerintah Kota ${r.name}`;
      case 'PROVINCE_GOV': return r.kind === PlaceKind.PROVINCE ? `Pemerintah Provinsi ${r.name}` : null;
      case 'REGION_GOV': return `Pemerintah ${level} ${r.name}`;
      case 'DPRD': return `Dewan Perwakilan Rakyat Daerah ${level} ${r.name}`;
      case 'HEAD_OF_STATE': case 'MINISTER': case 'ORG_HEAD': case 'COURT': case 'NONE': return null;
      default: return SEAT_PREFIX[entry.scope] ? `${SEAT_PREFIX[entry.scope]} ${r.name}` : null;
    }
  }

  /** "Hendra menegaskan": a single given or family name resolves to the one person of the article who has it. */
  private collectShortReferences(): void {
    const byToken = new Map<string, PersonAcc[]>();
    for (const p of this.persons.values()) {
      const toks = p.name.split(/\s+/);
      if (toks.length < 2) continue;
      for (let i = 0, items = [toks[0], toks[toks.length - 1]]; i < items.length; i++) {
        const t = items[i];
        if (t.length < 3 || NON_NAME_WORDS.has(t)) continue;
        const list = byToken.get(t) ?? [];
        if (!list.includes(p)) list.push(p);
        byToken.set(t, list);
      }
    }
    this.personSpans.sort((p, q) => p.start - q.start);
    if (byToken.size === 0) return;
    const added: typeof this.personSpans = [];
    // Plain capitalised tokens are found by one scan of the text's words; only the rare tokens with hyphens, digits or
    // dots need a pattern of their own (a pattern of every token was the slowest step of the extractor).
    const plain = (t: string) => /^\p{Lu}[\p{L}'’]*$/u.test(t);
    // A plain token counts where it is a whole capitalised word (no letter, digit or apostrophe on either side): found by
    // indexOf per token rather than by a match object per capitalised word of the text.
    const hits: Array<{ index: number; word: string }> = [];
    for (const t of byToken.keys()) if (plain(t)) for (const at of standaloneOffsets(this.text, t, CAP_WORD_EDGE, CAP_WORD_EDGE)) hits.push({ index: at, word: t });
    hits.sort((x, y) => x.index - y.index);
    // The alternation built as a string: a filtered and mapped copy of an empty list (another elements kind)
    // deoptimised this function.
    let odd = '';
    for (const t of byToken.keys()) if (!plain(t)) odd += (odd ? '|' : '') + escapeRe(t);
    if (odd) {
      const re = new RegExp(`(?<![\\p{L}\\d])(${odd})(?![\\p{L}\\d])`, 'gu');
      for (let i = 0, list = execAll(re, this.text); i < list.length; i++) { const m = list[i]; hits.push({ index: m.index, word: m[1] }); }
      hits.sort((x, y) => x.index - y.index);
    }
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      const word = h.word, s = h.index, e = s + word.length;
      if (this.coveredBySpan(s)) continue;
      const next = this.text.slice(e, e + 2);
      const lead = next.trim();
      if (lead !== '' && /\p{Lu}/u.test(lead[0]) && next.startsWith(' ')) continue; // part of another name
      const cands = byToken.get(word)!;
      if (cands.length !== 1) { this.unresolved.push({ text: word, start: s, end: e, cands }); continue; } // ambiguous: not guessed
      const acc = cands[0];
      acc.forms.add(word);
      acc.mentions.push({ start: s, end: e, text: word });
      added.push({ start: s, end: e, acc, titled: false });
    }
    this.personSpans = [...this.personSpans, ...added].sort((p, q) => p.start - q.start);
  }

  /**
   * Every position's institution is listed, also one the text names only through a title ("Presiden" → Pemerintah
   * Republik Indonesia, "Kapolres Sleman" → Kepolisian Resor Sleman): such a body has no mention of its own.
   */
  private listPositionInstitutions(): void {
    for (const p of this.persons.values()) {
      for (let i = 0, list = p.positions; i < list.length; i++) {
        const pos = list[i];
        if (!pos.institution || this.insts.has(nameKey(this.x.institutionEntry(pos.institution)?.name ?? pos.institution))) continue;
        const entry = this.x.institutionEntry(pos.institution);
        const name = entry?.name ?? pos.institution;
        const key = nameKey(name);
        if (GENERIC_INSTITUTION_PHRASES.has(key)) continue;
        const region = pos.region ? this.x.regions.lookup(pos.region) : null;
        this.insts.set(key, {
          key, name, acronym: entry?.acronyms[0] ?? null, forms: new Set([name]), kind: entry?.kind ?? kindOfInstitution(name), parent: null,
          regionCode: region?.code ?? null, mentions: [], firstAt: p.firstAt,
        });
      }
    }
  }

  /** Whether a person span found so far overlaps [start, end). */
  private overlapsSpan(start: number, end: number): boolean { return this.personSpans.some((p) => p.start < end && p.end > start); }

  /** Whether a person span covers `pos` (while spans are still being collected, unsorted). */
  private coveredBySpanUnsorted(pos: number): boolean { return this.personSpans.some((p) => p.start <= pos && p.end > pos); }

  /**
   * "… dihadiri Bupati X Nama Satu, Nama Dua, Ustaz Nama Tiga, dan warga": names listed after a person, each between
   * commas or before "dan", are people too.
   */
  private collectListedPersons(): void {
    const spans = [...this.personSpans].sort((p, q) => p.start - q.start);
    const seen = new Set<number>();
    // Ends of names a list may go on from, and whether its items may be one word: only in a list whose opening words say
    // that it names people, as lists of clubs, products and rivers follow a name written like a person's.
    const queue: Array<{ end: number; oneWord: boolean }> = [];
    const starts = listStarts(this.text);
    const opened = (at: number) => starts.some((e) => e <= at && at - e <= 80 && !/[.!?;\n]/.test(this.text.slice(e, at)));
    // A titled name right after such words ("turut hadir Camat X Nama, …") opens the list as its first name would.
    for (let i = 0; i < spans.length; i++) queue.push({ end: spans[i].end, oneWord: opened(spans[i].start) });
    // A list introduced by the role its people share or by their presence ("para terdakwa yakni …", "turut hadir …")
    // starts at its first name, which no title or speech verb marks.
    for (let i = 0, list = starts; i < list.length; i++) {
      const at = list[i];
      const n = this.listItem(at, true);
      if (!n || n.start !== at || this.coveredBySpanUnsorted(n.start)) continue;
      // The first name opens a list only when another item follows it.
      if (!/^(?:,[ \t]*(?:dan|serta)?[ \t]*\p{Lu}|[ \t]+(?:dan|serta)[ \t]+\p{Lu})/u.test(this.text.slice(n.after, n.after + 12))) continue;
      const acc = this.addPerson(n.name, n.start, n.end, null, !n.name.includes(' '));
      if (acc) { for (const a of n.aliases) acc.forms.add(a); queue.push({ end: n.after, oneWord: true }); }
    }
    while (queue.length) {
      const { end, oneWord } = queue.shift()!;
      if (seen.has(end)) continue;
      seen.add(end);
      // "Nama alias Julukan": the list goes on after the nickname.
      const lead = ALIAS_AFTER_RE.exec(this.text.slice(end, end + 40));
      if (lead) { queue.push({ end: end + lead[0].length, oneWord }); continue; }
      // ", dan" is tried before ",": the last item of a list follows both.
      const sep = /^(?:,[ \t]*(?:dan|serta)[ \t]+|,[ \t]*|[ \t]+(?:dan|serta)[ \t]+)/.exec(this.text.slice(end, end + 10));
      if (!sep) continue;
      const n = this.listItem(end + sep[0].length, oneWord);
      if (!n) continue;
      if (!/^(?:\s*[,.;]|[ \t]+(?:dan|serta)[ \t])/.test(this.text.slice(n.after, n.after + 7))) continue;
      if (this.coveredBySpanUnsorted(n.start)) continue;
      // A one-word item is cued by the list itself, as a title cues a one-word name.
      const acc = this.addPerson(n.name, n.start, n.end, null, !n.name.includes(' '));
      if (acc) { for (const a of n.aliases) acc.forms.add(a); queue.push({ end: n.after, oneWord }); }
    }
  }

  /**
   * The name of a list's item at `pos`: up to four words and an initial ("Rudi Hartono Putra W", "… Wijaya S."), or, when
   * `oneWord`, one word that can be nothing but a name (lists of defendants and winners write some of their people so); with the
   * nicknames after it ("alias Kribo") and the offset after them.
   */
  private listItem(pos: number, oneWord: boolean): { name: string; start: number; end: number; after: number; aliases: string[] } | null {
    const n = this.readName(pos, 4);
    if (!n) return null;
    let { name, end } = n;
    const words = name.split(' ');
    // Schools, firms and venues are listed as people are ("Pesantren X, Pesantren Y, dan …").
    if ((words.length === 1 && !(oneWord && this.listedOneWordName(words[0]))) || ORG_HEADS.has(words[0])) return null;
    const initial = /^[ \t]+(\p{Lu})\.?(?=[ \t]*(?:[,.;\n]|$|dan\b|serta\b))/u.exec(this.text.slice(end, end + 12));
    if (initial && words.length >= 2 && !/^\p{Lu}\.?$/u.test(words[words.length - 1])) { name += ` ${initial[1]}`; end += initial[0].length; }
    const alias = ALIAS_AFTER_RE.exec(this.text.slice(end, end + 80));
    const aliases = alias ? alias[0].split(/[ \t]+alias[ \t]+/).filter(Boolean) : [];
    return { name, start: n.start, end, after: alias ? end + alias[0].length : end, aliases };
  }

  /** A single capitalised word in a list of people that can be no other thing: not a common, title, institution or place word. */
  private listedOneWordName(w: string): boolean {
    return w.length >= 4 && !isAcronym(w) && !isVocabWord(w) && !INSTITUTION_WORDS.has(w) && !TITLE_BY_FORM.has(w.toLowerCase()) && !COUNTRIES[w]
      && !this.x.regions.lookup(w) && !shippedTagger().lexicon.has(w.toLowerCase());
  }

  /** Whether a person span covers `pos` (spans sorted by start and not nested). */
  private coveredBySpan(pos: number): boolean {
    const i = this.firstSpanAtOrAfter(pos + 1) - 1;
    return i >= 0 && this.personSpans[i].end > pos;
  }

  /** Index of the first span starting at or after `pos` (spans sorted by start). */
  private firstSpanAtOrAfter(pos: number): number {
    let lo = 0, hi = this.personSpans.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.personSpans[mid].start < pos) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** Person spans lying within [from, to). */
  spansWithin(from: number, to: number): typeof this.personSpans {
    const out: typeof this.personSpans = [];
    for (let i = this.firstSpanAtOrAfter(from); i < this.personSpans.length && this.personSpans[i].start < to; i++) if (this.personSpans[i].end <= to) out.push(this.personSpans[i]);
    return out;
  }

  // -- places --------------------------------------------------------------------------------

  /**
   * Addresses name a district without "Kecamatan" before their city ("Jalan Melati, Kebon Jeruk, Jakarta Barat"): words
   * right before ", <kabupaten or kota>" that are the name of one of its districts are that district.
   */
  private collectAddressDistricts(): void {
    const text = this.text;
    // From each ", " before a capital: the region after it first (rare), then the words before it.
    for (let c = text.indexOf(', '); c >= 0; c = text.indexOf(', ', c + 2)) {
      const ch = text.charCodeAt(c + 2);
      if (!(ch >= 65 && ch <= 90)) continue;
      const at = c + 2;
      const prefix = /^(?:Kota|Kabupaten|Kab\.)\s+/.exec(text.slice(at, at + 12))?.[0] ?? '';
      const r = this.x.regionAtStart(text.slice(at + prefix.length, at + prefix.length + 60), prefix.trim());
      if (!r || r.region.kind === PlaceKind.PROVINCE) continue;
      const names = this.x.regions.districts.get(r.region.code);
      const m = names ? ADDRESS_ITEM_RE.exec(text.slice(Math.max(0, c - 60), c)) : null;
      if (!m || !names) continue;
      // The district's words may follow others of the address: the longest tail that is one. A street's or a village's
      // name ("Jalan Kebon Jeruk", "Desa Cibeber") is no district, though districts share such names.
      const words = [...m[1].matchAll(/\S+/g)];
      if (ADDRESS_HEAD_RE.test(words[0][0]) || ADDRESS_HEAD_BEFORE_RE.test(text.slice(Math.max(0, c - m[1].length - 14), c - m[1].length))) continue;
      const base = c - m[1].length;
      for (let k = 0; k < words.length; k++) {
        const start = base + words[k].index!;
        const name = words.slice(k).map((w) => w[0]).join(' ');
        if (!names.has(name.toLowerCase()) || this.x.regions.lookup(name)) continue;
        this.addPlace(name, PlaceKind.DISTRICT, null, r.region.name, start, c);
        break;
      }
    }
  }

  /**
   * The locality an address names between its venue and its city or province ("di Gedung Serbaguna Harapan, Cempaka
   * Baru, Jakarta Pusat"), where it is no district of the list (a neighbourhood, an estate, a resort area).
   */
  private collectVenueLocalities(): void {
    const text = this.text;
    const lexicon = shippedTagger().lexicon;
    for (let i = 0, list = this.findVenues(); i < list.length; i++) {
      const v = list[i];
      const end = v.start + v.name.length;
      const m = LOCALITY_AFTER_VENUE_RE.exec(text.slice(end, end + 60));
      if (!m) continue;
      const at = end + m[0].length;
      const prefix = /^(?:Kota|Kabupaten|Kab\.|Provinsi)\s+/.exec(text.slice(at, at + 12))?.[0] ?? '';
      const r = this.x.regionAtStart(text.slice(at + prefix.length, at + prefix.length + 60), prefix.trim());
      const name = m[1];
      // Not a street, a body, a person, a time ("Sabtu Pagi", "Besok") or a word of the language.
      const ws = name.split(' ');
      if (!r || this.x.regions.lookup(name) || WEEKDAY_OR_MONTH_RE.test(ws[0]) || ADMIN_PLACE_HEADS.includes(ws[0]) || ADDRESS_HEAD_RE.test(ws[0]) || HONORIFIC.test(ws[0])
        || lexicon.has(ws[0].toLowerCase()) || this.overlapsSpan(at - m[0].length, at) || this.instHits.some((h) => h.start < at && h.end > end)
        || this.places.has(`${PlaceKind.DISTRICT}:${nameKey(name)}`)) continue;
      const start = end + m[0].indexOf(name);
      this.addPlace(name, PlaceKind.REGION, null, r.region.name, start, start + name.length);
    }
  }

  private addPlace(name: string, kind: PlaceKind, code: string | null, parent: string | null, start: number, end: number): void {
    const key = `${kind}:${code ?? nameKey(name)}`;
    let acc = this.places.get(key);
    if (!acc) { acc = { name, kind, code, parent, mentions: [], firstAt: start }; this.places.set(key, acc); }
    acc.mentions.push({ start, end, text: this.text.slice(start, end) });
  }

  private collectPlaces(): void {
    for (let i = 0, list = this.x.findRegions(this.text); i < list.length; i++) {
      const h = list[i];
      const r = h.region;
      this.addPlace(r.name, r.kind, r.code, r.provinceCode ? this.x.regions.province(r.provinceCode)?.name ?? null : null, h.start, h.end);
    }
    // A country inside a venue's name ("Hotel Nusantara Paris Inn") is part of the name, not a place of the story.
    const venues = this.findVenues();
    const lexicon = shippedTagger().lexicon;
    for (let i = 0, list = this.x.findCountries(this.text); i < list.length; i++) {
      const c = list[i];
      if (venues.some((v) => c.start >= v.start && c.start < v.start + v.name.length)) continue;
      this.addPlace(c.name, c.kind, null, null, c.start, c.end);
      // "di Tashkent, Uzbekistan": the place written right before a country after "di/ke/dari" is a place in it.
      if (c.kind !== PlaceKind.COUNTRY) continue;
      const m = PLACE_BEFORE_COUNTRY_RE.exec(this.text.slice(Math.max(0, c.start - 50), c.start));
      if (!m) continue;
      const name = m[1], start = c.start - m[0].length + m[0].indexOf(name);
      // Not a list of countries ("dari Eropa, Australia, dan Jepang"), a word of the language ("Balai Kota", "Selatan"),
      // a continent or a compass region, a venue, a body or a person.
      const next = /^(?:\s*,\s*(?:dan\s+)?|\s+(?:dan|serta|atau)\s+)(\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?)/u.exec(this.text.slice(c.end, c.end + 40));
      if ((next && (COUNTRIES[next[1]] || COUNTRIES[next[1].split(' ')[0]])) || name.split(' ').some((w) => lexicon.has(w.toLowerCase()) || NOT_A_PLACE_WORDS.has(w))
        || this.x.regions.lookup(name) || COUNTRIES[name] || WEEKDAY_OR_MONTH_RE.test(name) || this.overlapsSpan(start, start + name.length)
        || this.instHits.some((h) => h.start < start + name.length && h.end > start) || venues.some((v) => v.start < start + name.length && v.start + v.name.length > start)) continue;
      this.addPlace(name, PlaceKind.REGION, null, c.name, start, start + name.length);
    }
    for (let i = 0, list = this.findVenues(); i < list.length; i++) { const v = list[i]; this.addPlace(v.name, PlaceKind.VENUE, null, v.city?.name ?? null, v.start, v.start + v.name.length); }
    for (let i = 0, list = ADMIN_PLACE.all(this.text); i < list.length; i++) {
      const m = list[i];
      // "Koperasi Desa …", "Dana Desa …", "Musyawarah Desa …": a programme or body named after villages, not a village.
      if (/(?:Koperasi|Kopdes|Dana|Musyawarah|Perangkat|Aparatur|Pendamping|Badan|Bank|Lembaga|Program|Festival)\s+$/.test(this.text.slice(Math.max(0, m.index! - 14), m.index!))) continue;
      const words = m[2].split(/\s+/);
      let n = 0;
      while (n < words.length && (/^(Dusun|Kampung)$/.test(words[n]) || (!(NON_NAME_WORDS.has(words[n]) && !GEO_WORDS.has(words[n])) && !isVocabWord(words[n]) && !TITLE_BY_FORM.has(words[n].toLowerCase())))) n++;
      if (n === 0) continue;
      const name = words.slice(0, n).join(' ');
      const start = m.index! + m[0].length - m[2].length;
      this.addPlace(name, /^(Kecamatan|Distrik)$/.test(m[1]) ? PlaceKind.DISTRICT : PlaceKind.VILLAGE, null, null, start, start + name.length);
    }
    this.collectAddressDistricts();
    this.collectVenueLocalities();
    for (let i = 0, list = NATURAL_REGION.all(this.text); i < list.length; i++) {
      const m = list[i];
      const ws = m[1].split(/\s+/);
      // The second name word stays only when it is a place word too ("Pulau Seram Timur", not "Gunung Merapi Erupsi").
      const name = (ws.length > 2 && !GEO_WORDS.has(ws[2]) ? ws.slice(0, 2) : ws).join(' ');
      if (this.x.regions.lookup(ws.slice(1).join(' '))) continue;
      if (NON_NAME_WORDS.has(ws[1]) && !GEO_WORDS.has(ws[1])) continue;
      if (name.split(' ').length >= 2 && !this.x.regions.lookup(name)) this.addPlace(name, PlaceKind.REGION, null, null, m.index!, m.index! + name.length);
    }
  }

  venues: Array<{ name: string; start: number; city: Region | null }> | null = null;

  /** Venues ("di Hotel …", "di Pendopo …"), found once per article. */
  findVenues(): Array<{ name: string; start: number; city: Region | null }> {
    if (this.venues) return this.venues;
    const out: Array<{ name: string; start: number; city: Region | null }> = (this.venues = []);
    const found = VENUE.all(this.text);
    for (let i = 0, list = ALWAYS_VENUE.all(this.text); i < list.length; i++) found.push(Object.assign(list[i], { alone: true }));
    if (VENUE_TAIL_TEST_RE.test(this.text)) {
      // A venue its head word already found is not found twice: the furthest end of the head-first venues that start at
      // or before each match, in one sweep over both lists in text order.
      const byStart = found.slice().sort((a, b) => a.index! - b.index!);
      let k = 0, reach = -1;
      for (let i = 0, list = execAll(VENUE_TAIL_RE, this.text); i < list.length; i++) {
        const m = list[i];
        for (; k < byStart.length && byStart[k].index! <= m.index; k++) reach = Math.max(reach, byStart[k].index! + byStart[k][0].length);
        if (reach < m.index + m[0].length) found.push(m);
      }
    }
    const starts = new Set<number>();
    for (let i = 0; i < found.length; i++) {
      const m = found[i];
      const start0 = m.index! + m[0].length - m[1].length;
      if (starts.has(start0)) continue;
      let name = m[1].split(/[.,]\s/)[0].replace(/\.\p{Lu}.*$/u, '').replace(/[.,]+$/, '');
      // Stop before a weekday, a date or a capitalised verb.
      name = name.replace(/\s+(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Pada|Yang|Ini)\b.*$/, '');
      let city: Region | null = null;
      const rg = this.trailingRegion(name);
      // "Balai Kota Klaten": a region written with its Kota/Kabupaten prefix stays in the venue's name.
      if (rg && rg.surface.length < name.length - 6 && !/^(Kota|Kabupaten|Kab\.) /.test(rg.surface)) { city = rg.region; name = name.slice(0, name.length - rg.surface.length).trim(); }
      else if (rg) city = rg.region;
      if (name.split(/\s+/).length < 2) continue;
      const start = m.index! + m[0].length - m[1].length;
      starts.add(start);
      out.push({ name, start, city });
    }
    return out;
  }

}


/** The forms of a set other than `name`, in insertion order. */
function formsBesides(forms: Set<string>, name: string): string[] {
  const out: string[] = [];
  for (const f of forms) if (f !== name) out.push(f);
  return out;
}

/** The body up to `max` characters, cut at the last paragraph end inside the window. */
function windowOf(body: string, max: number): string {
  if (body.length <= max) return body;
  const cut = body.lastIndexOf('\n', max);
  return body.slice(0, cut > max / 2 ? cut : max);
}

