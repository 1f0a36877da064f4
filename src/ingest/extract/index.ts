/**
 * The extractor: a parsed article in, the persons, institutions, places, events and quotes it mentions out.
 * Pure and synchronous once the gazetteers are built; used by `warta extract --json` and by ingest.
 * Offsets (start, end) refer to the article body as parsed (paragraphs joined by "\n").
 */
import { config } from '../../config';
import { EventKind, InstitutionKind, ParticipationRole, PlaceKind } from '../../entities/enums';
import type { ParsedArticle, RelatedTeaser } from '../parse';
import { personCandidates } from './candidates';
import { collectEvents, EVENT_FULL } from './events';
import { collectQuotes } from './quotes';
import {
  COUNTRIES, EVENT_TYPES, EventTypeEntry, FOREIGN_REGIONS, GENERIC_INSTITUTION_PHRASES, InstitutionEntry, NATIONAL_INSTITUTIONS, RANKS, TITLES, TitleEntry,
} from './gazetteer';
import { INSTITUTION_WORDS, NON_NAME_WORDS, PHRASE_CONNECTORS, QUOTE_TAGS } from './lexicon';
import { loadRegions, Region, RegionIndex } from './regions';
import { cleanPersonName, containsTokens, escapeRe, nameKey, personKey } from './text';

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
const TITLE_RE_CI = new RegExp(`(?<![\\p{L}\\d])(?:(Plt\\.?|Pj\\.?)\\s+)?(${TITLE_FORMS.filter((t) => t.form.length > 4 && !/^[A-Z]+$/.test(t.form)).map((t) => escapeRe(t.form.toLowerCase())).join('|')})(?![\\p{L}\\d])`, 'gu');
const RANKS_TAIL_RE = new RegExp(`(?:\\s*(?:${RANKS.map(escapeRe).join('|')})\\.?)+$`, 'u');
/** Whether `before` ends with a title form and whitespace ("… Wakil Kepala "). */
function endsWithTitle(before: string): boolean {
  if (!/\s$/.test(before)) return false;
  const words = before.trim().split(/\s+/);
  for (let n = 1; n <= 4 && n <= words.length; n++) if (TITLE_BY_FORM.has(words.slice(words.length - n).join(' ').toLowerCase())) return true;
  return false;
}
const TITLE_BY_FORM = new Map(TITLE_FORMS.map((t) => [t.form.toLowerCase(), t.entry]));
const RANK_RE = new RegExp(`^(?:(?:${RANKS.map(escapeRe).join('|')})\\.?\\s+)+`, 'u');
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’`-]+(?:-\p{Lu}?[\p{Ll}]+)?|\p{Lu}\.|Mc\p{Lu}\p{Ll}+)$/u;
const HONORIFIC_WORD = /^(?:H|Hj|Dr|Drs|Dra|Ir|Prof|KH|dr|drg|Tgh)\.?$/;
const VENUE_HEADS = ['Hotel', 'Pendopo', 'Pendapa', 'Gedung', 'Ruang', 'Aula', 'Balai', 'Graha', 'Wisma', 'Auditorium', 'Convention', 'Masjid', 'Stadion',
  'Lapangan', 'Alun-alun', 'Taman', 'GOR', 'Kantor', 'Rumah Dinas', 'Rumah Jabatan', 'Mapolres', 'Mapolda', 'Makodim', 'Kompleks', 'Komplek', 'Islamic Center', 'Pantai', 'Bandara', 'Pelabuhan', 'Universitas', 'Kampus'];
const VENUE_RE = new RegExp(`\\b(?:di|bertempat di|berlangsung di|digelar di)\\s+((?:${VENUE_HEADS.map(escapeRe).join('|')})(?:\\s+(?:[\\p{Lu}\\d][\\p{L}\\d.'’&-]*|dan|de|of))+)`, 'gu');
const REGIONAL_GOV_RE = /(?<![\p{L}])(Pemerintah Kabupaten|Pemerintah Kota|Pemerintah Provinsi|Pemkab|Pemkot|Pemprov|Pemda|DPRD Kabupaten|DPRD Kota|DPRD Provinsi|DPRD|Polresta|Polrestabes|Polres|Polda|Kejari|Kejati|Bappeda|BPBD|Satpol PP|Setda|Setdakab|Setdaprov|Inspektorat|Dinkes|Disdik|Dinsos|Dishub|Diskominfo|Disdukcapil|RSUD|BKD|BKAD|Bapenda|Bakesbangpol|Kesbangpol|DPUPR|Dinas PUPR|DLH|DPMPTSP|DPMD|Disnaker|Dispendik|Disperindag|Disbudpar|Dispora)\s+(?:\((?:Pemkab|Pemkot|Pemprov)\)\s+)?((?:Kabupaten|Kota|Provinsi|Kab\.)\s+)?/gu;
const INST_HEADS = 'Kementerian|Badan|Dinas|Biro|Direktorat(?: Jenderal)?|Komisi|Lembaga|Universitas|Institut|Politeknik|Sekolah Tinggi|Pengadilan(?: Negeri| Tinggi| Agama)?|Kejaksaan(?: Negeri| Tinggi)?|Rumah Sakit|Yayasan|Asosiasi|Ikatan|Perkumpulan|Partai|PT|Perum|Perumda|Perusahaan Daerah|BUMD|Bank|Majelis|Dewan|Inspektorat|Sekretariat|Kantor Wilayah|Kanwil|Balai|Pusat|Kabinet|Tim|Satgas|Satuan Tugas|Koperasi|Forum|Fraksi|Panitia Khusus|Pansus';
const GENERIC_INST_RE = new RegExp(`(?<![\\p{L}])((?:${INST_HEADS})(?:\\s+(?:\\p{Lu}[\\p{L}\\d.'’&/-]*|\\d+|dan|&|serta|se|untuk)){1,9})`, 'gu');
/** A head word after "dan"/"serta" starts a second institution: "PT GPU dan PT Gmedia". */
const INST_HEAD_WORD_RE = new RegExp(`^(?:${INST_HEADS.split('|').map((h) => h.split(/[ (]/)[0]).join('|')})$`, 'u');
/** Military units named by number and seat: "Kodim 0830/Surabaya", "Korem 031", "Kodam V/Brawijaya". */
const MILITARY_UNIT_RE = /(?<![\p{L}\d])(Kodim|Korem|Kodam|Koramil|Lanal|Lanud|Lantamal|Yonif)\s+(\d{2,4}|[IVX]{1,5})(?:\s*\/\s*(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+)?))?(?![\p{L}\d])/gu;
const ACRONYM_DEF_RE = /((?:\p{Lu}[\p{L}’'-]*|dan|&|se|serta|untuk)(?:\s+(?:\p{Lu}[\p{L}’'-]*|dan|&|se|serta|untuk|di)){0,9})\s+\(([\p{Lu}][\p{L}\d&/-]{1,15}(?:\s[\p{Lu}][\p{L}]{0,8})?)\)/gu;

function isNameWord(w: string): boolean {
  return NAME_WORD.test(w) && !NON_NAME_WORDS.has(w.replace(/\.$/, ''));
}

function isAcronym(w: string): boolean { return /^\p{Lu}[\p{Lu}\d&-]{1,9}$/u.test(w) || /^\p{Lu}\p{Ll}*\p{Lu}[\p{Lu}\p{Ll}]*$/u.test(w); }

/** Expands an acronym defined as "Long Form (ACR)" to the long form, first letters matching. */
function acronymFits(long: string, acr: string): boolean {
  const a = acr.replace(/[^\p{L}]/gu, '').toLowerCase();
  if (!a) return false;
  const words = long.split(/\s+/).filter((w) => !PHRASE_CONNECTORS.has(w.toLowerCase()));
  if (words.length === 0) return false;
  return words[0][0].toLowerCase() === a[0];
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

export class WartaExtractor implements Extractor {
  private instByForm = new Map<string, InstitutionEntry>();
  private instFormRe: RegExp;
  private regionRe: RegExp;
  private countryRe: RegExp;

  constructor(readonly regions: RegionIndex) {
    const forms: InstForm[] = [];
    for (const e of NATIONAL_INSTITUTIONS) {
      for (const f of [e.name, ...e.acronyms, ...(e.aliases ?? [])]) { forms.push({ form: f, entry: e }); this.instByForm.set(f.toLowerCase(), e); }
    }
    forms.sort((a, b) => b.form.length - a.form.length);
    this.instFormRe = new RegExp(`(?<![\\p{L}\\d])(${forms.map((f) => escapeRe(f.form)).join('|')})(?:\\s+(RI|Republik Indonesia))?(?![\\p{L}\\d])`, 'gu');
    this.regionRe = new RegExp(`(?<![\\p{L}\\d])(${regions.surfaces().map(escapeRe).join('|')})(?![\\p{L}\\d])`, 'gu');
    const c = [...Object.keys(COUNTRIES), ...FOREIGN_REGIONS].sort((a, b) => b.length - a.length);
    this.countryRe = new RegExp(`(?<![\\p{L}\\d])(${c.map(escapeRe).join('|')})(?![\\p{L}\\d])`, 'gu');
  }

  extract(a: ParsedArticle): Extraction {
    return new ArticleRun(this, a).run();
  }

  /** Institutions named in `text` (offsets relative to `base`). */
  findInstitutions(text: string, base: number, defs: Map<string, string>): InstHit[] {
    const hits: InstHit[] = [];
    const taken = (s: number, e: number) => hits.some((h) => s < h.end && e > h.start);
    for (const m of text.matchAll(REGIONAL_GOV_RE)) {
      const head = m[1];
      const after = text.slice(m.index! + m[0].length);
      const region = this.regionAt(after, head, m[2]);
      if (!region) continue;
      const s = base + m.index!, e = s + m[0].length + region.len;
      if (taken(s, e)) continue;
      hits.push({ start: s, end: e, name: this.regionalName(head, region.region), region: region.region });
    }
    // Military units: the seat written once ("Kodim 0313/Kampar") names every mention of that number.
    const seats = new Map<string, string>();
    const seatOf = (m: RegExpMatchArray) => (m[3] ? m[3].split(' ').filter((w, i) => i === 0 || !RANKS.includes(w)).join(' ') : null);
    for (const m of text.matchAll(MILITARY_UNIT_RE)) { const seat = seatOf(m); if (seat && !seats.has(`${m[1]} ${m[2]}`)) seats.set(`${m[1]} ${m[2]}`, seat); }
    for (const m of text.matchAll(MILITARY_UNIT_RE)) {
      const s = base + m.index!, e = s + m[0].length - (m[3] ? m[3].length - seatOf(m)!.length : 0);
      if (taken(s, e)) continue;
      const unit = `${m[1]} ${m[2]}`;
      const seat = seats.get(unit);
      hits.push({ start: s, end: e, name: seat ? `${unit}/${seat}` : unit, region: null });
    }
    for (const m of text.matchAll(this.instFormRe)) {
      const s = base + m.index!, e = s + m[0].length;
      if (taken(s, e)) continue;
      const entry = this.instByForm.get(m[1].toLowerCase())!;
      if (m[1] === 'BI' || m[1] === 'MA' || m[1] === 'MK' || m[1] === 'KY' || m[1] === 'LAN' || m[1] === 'BIN' || m[1] === 'LPS' || m[1] === 'ORI') {
        // Short acronyms that are also words or initials: only as standalone capitals with an institutional cue nearby.
        if (!/\b(di|ke|dari|oleh|Ketua|Kepala|Hakim|Gubernur|Deputi|Hakim)\s*$/.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
      }
      hits.push({ start: s, end: e, name: entry.name, region: null });
    }
    const re = GENERIC_INST_RE;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = base + m.index;
      const words = m[1].split(/\s+/);
      // Stop before a trailing capitalised verb from a headline, at a sentence end, or before a second institution.
      let cut = words.length;
      for (let i = 1; i < words.length; i++) {
        if (/^(Digelar|Dibuka|Diresmikan|Gelar|Resmikan|Buka|Bersama|Dengan|Di|Ke|Dari|Tahun|Mulai)$/.test(words[i])) { cut = i; break; }
        if (/^(dan|serta|&)$/.test(words[i]) && i + 1 < words.length && INST_HEAD_WORD_RE.test(words[i + 1])) { cut = i; break; }
        if (/\p{L}{2}\.$/u.test(words[i]) && i + 1 < words.length) { words[i] = words[i].slice(0, -1); cut = i + 1; break; }
      }
      const lead = text.slice(Math.max(0, m.index - 8), m.index);
      // "Sidang Kabinet …" is an event, "Rumah Dinas …" a building, "Pusat dan Daerah" no body at all.
      if ((words[0] === 'Kabinet' && /Sidang\s+$/.test(lead)) || (words[0] === 'Dinas' && /Rumah\s+$/.test(lead)) || PHRASE_CONNECTORS.has(words[1])) continue;
      let phrase = words.slice(0, cut).join(' ').replace(/\s+(dan|&|serta|se|untuk)$/u, '');
      if (cut < words.length) re.lastIndex = m.index + phrase.length; // the rest may hold another institution
      phrase = this.withoutTrailingName(phrase.replace(/[.]$/, ''), text.slice(Math.max(0, m.index - 40), m.index));
      const e = s + phrase.length;
      if (phrase.split(/\s+/).length < 2 || taken(s, e)) continue;
      if (GENERIC_INSTITUTION_PHRASES.has(phrase.toLowerCase()) || /^Balai (Kota|Desa|Kelurahan|Kartini|Pemuda)\b/.test(phrase)) continue;
      const last = phrase.split(/\s+/).pop()!;
      if (defs.has(last) && phrase.split(/\s+/).length === 2) continue;
      hits.push({ start: s, end: e, name: phrase, region: null });
    }
    return hits.sort((x, y) => x.start - y.start);
  }

  /**
   * "Wakil Kepala Badan Penyelenggara Jaminan Produk Halal Afriansyah Noor": capitalised words that end an institution
   * phrase but belong to no institution vocabulary are a person's name when a title precedes the phrase, or a region or
   * a title word stands just before them. The phrase is cut before them.
   */
  private withoutTrailingName(phrase: string, before: string): string {
    const words = phrase.split(' ');
    let k = words.length;
    while (k > 1 && (isNameWord(words[k - 1]) || /^\p{Lu}$/u.test(words[k - 1])) && !INSTITUTION_WORDS.has(words[k - 1]) && !isAcronym(words[k - 1])
      && !this.regions.lookup(words[k - 1]) && !(k > 1 && this.regions.lookup(`${words[k - 2]} ${words[k - 1]}`)) && words.length - k < 4) k--;
    if (words.length - k < 2 || k < 2 || /^(PT|Perum|Perumda|BUMD|Bank|Koperasi|Yayasan|Kabinet|Forum|Partai)$/.test(words[0])) return phrase;
    const prev = words[k - 1];
    const head = words.slice(0, k).join(' ');
    const cue = endsWithTitle(before) || TITLE_BY_FORM.has(prev.toLowerCase()) || !!this.regions.lookup(prev) || !!this.regions.lookup(words.slice(Math.max(0, k - 2), k).join(' '));
    return cue ? head : phrase;
  }

  private regionAt(after: string, head: string, prefix: string | undefined): { region: Region; len: number } | null {
    const m = /^(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3})/u.exec(after);
    if (!m) return null;
    const words = m[1].split(/\s+/);
    const prefer = /Kota|Pemkot|Polresta/.test(head + (prefix ?? '')) ? PlaceKind.CITY : /Provinsi|Pemprov|Polda|Kejati/.test(head + (prefix ?? '')) ? PlaceKind.PROVINCE : PlaceKind.REGENCY;
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
      case 'Pemerintah': case 'Pemkab': case 'Pemkot': case 'Pemprov': case 'Pemda':
        return `Pemerintah ${level} ${r.name}`;
      case 'DPRD': return `DPRD ${level} ${r.name}`;
      case 'Polres': case 'Polresta': case 'Polrestabes': return `Polres ${r.name}`;
      case 'Polda': return `Polda ${r.name}`;
      case 'Kejari': return `Kejaksaan Negeri ${r.name}`;
      case 'Kejati': return `Kejaksaan Tinggi ${r.name}`;
      default: return `${expandRegionalHead(h)} ${level} ${r.name}`;
    }
  }

  findRegions(text: string): Array<{ start: number; end: number; region: Region; surface: string }> {
    const out: Array<{ start: number; end: number; region: Region; surface: string }> = [];
    for (const m of text.matchAll(this.regionRe)) {
      const surface = m[1];
      // A bare regency name written in lower case at a sentence start is still the regency; a lower-case word is not.
      if (!/^\p{Lu}/u.test(surface)) continue;
      const before = text.slice(Math.max(0, m.index! - 12), m.index!);
      const prefer = /Kota\s+$|Wali ?[Kk]ota\s+$|Pemkot\s+$/.test(before) ? PlaceKind.CITY : /Provinsi\s+$|Gubernur\s+$/.test(before) ? PlaceKind.PROVINCE : undefined;
      const region = this.regions.lookup(surface, prefer);
      if (region) out.push({ start: m.index!, end: m.index! + surface.length, region, surface });
    }
    return out;
  }

  findCountries(text: string): Array<{ start: number; end: number; name: string; kind: PlaceKind }> {
    const out: Array<{ start: number; end: number; name: string; kind: PlaceKind }> = [];
    for (const m of text.matchAll(this.countryRe)) {
      const w = m[1];
      out.push({ start: m.index!, end: m.index! + w.length, name: COUNTRIES[w] ? w : w, kind: COUNTRIES[w] ? PlaceKind.COUNTRY : PlaceKind.REGION });
    }
    return out;
  }

  institutionEntry(name: string): InstitutionEntry | undefined { return this.instByForm.get(name.toLowerCase()); }
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
    Dispora: 'Dinas Pemuda dan Olahraga',
  };
  return map[h] ?? h;
}

/** An institution's kind from its canonical name's head word. */
export function kindOfInstitution(name: string): InstitutionKind {
  if (/^Pemerintah (Kabupaten|Kota|Provinsi)/.test(name)) return InstitutionKind.REGIONAL_GOVERNMENT;
  if (/^(DPRD|Dewan Perwakilan)/.test(name)) return InstitutionKind.LEGISLATURE;
  if (/^(Polres|Polda|Polsek|Kepolisian)/.test(name)) return InstitutionKind.POLICE;
  if (/^(Kodim|Korem|Kodam|Koramil|Lanal|Lanud|Lantamal|Yonif|TNI)\b/.test(name)) return InstitutionKind.MILITARY;
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

  constructor(readonly x: WartaExtractor, readonly a: ParsedArticle) {
    this.text = windowOf(a.body, config.extractWindowChars);
    let i = 0;
    for (const p of this.text.split('\n')) { this.paraStarts.push(i); i += p.length + 1; }
  }

  run(): Extraction {
    this.learnAcronyms();
    this.collectInstitutions();
    this.collectPersons();
    this.collectShortReferences();
    this.collectPlaces();
    const events = collectEvents(this);
    const quotes = collectQuotes(this);
    const a = this.a;
    return {
      id: a.id,
      article: { title: a.title, section: a.section, outlet: a.outlet, dateline: a.dateline, byline: a.byline, publishedOn: a.publishedOn, language: a.language, related: a.related },
      persons: [...this.persons.values()].sort((p, q) => p.firstAt - q.firstAt).map((p) => ({
        name: p.name, aliases: [...p.forms].filter((f) => f !== p.name), positions: p.positions, mentions: p.mentions.sort((m, n) => m.start - n.start),
      })),
      institutions: [...this.insts.values()].sort((p, q) => p.firstAt - q.firstAt).map((i) => ({
        name: i.name, acronym: i.acronym, aliases: [...i.forms].filter((f) => f !== i.name), kind: i.kind, parent: i.parent, regionCode: i.regionCode, mentions: i.mentions,
      })),
      places: [...this.places.values()].sort((p, q) => p.firstAt - q.firstAt).map((p) => ({ name: p.name, kind: p.kind, code: p.code, parent: p.parent, mentions: p.mentions })),
      events,
      quotes,
      unresolved: this.unresolved.map((u) => ({ text: u.text, start: u.start, end: u.end, candidates: u.cands.map((c) => c.name) })),
    };
  }

  paraOf(pos: number): number {
    let lo = 0, hi = this.paraStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.paraStarts[mid] <= pos) lo = mid; else hi = mid - 1; }
    return lo;
  }
  paraText(i: number): string { const s = this.paraStarts[i]; const e = i + 1 < this.paraStarts.length ? this.paraStarts[i + 1] - 1 : this.text.length; return this.text.slice(s, e); }

  // -- acronyms ------------------------------------------------------------------------------

  private learnAcronyms(): void {
    for (const m of this.text.matchAll(ACRONYM_DEF_RE)) {
      const acr = m[2].trim();
      const long = trimLongForm(m[1].trim(), acr);
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
    if (inner && this.x.regions.lookup(inner[2])) acc.forms.add(inner[1]); // "Polda Bangka Belitung (Babel)": a region, not an acronym
    else if (inner) { acc.forms.add(inner[2]); if (inner[3]) acc.forms.add(`${inner[2]} RI`); if (!acc.acronym) acc.acronym = inner[2]; }
    // "Pemerintah Kabupaten (Pemkab) Bandung" and every regional government: the short form the press uses is an alias.
    const gov = /^Pemerintah (Kabupaten|Kota|Provinsi) (.+)$/.exec(canonical);
    if (gov) acc.forms.add(`${gov[1] === 'Kabupaten' ? 'Pemkab' : gov[1] === 'Kota' ? 'Pemkot' : 'Pemprov'} ${gov[2]}`);
    if (!acc.mentions.some((m) => m.start === start)) acc.mentions.push({ start, end, text: this.text.slice(start, end) });
    return acc;
  }

  private collectInstitutions(): void {
    this.instHits = this.x.findInstitutions(this.text, 0, this.defs);
    for (const h of this.instHits) {
      let end = h.end;
      let surface = this.text.slice(h.start, end);
      // Take in a defining acronym and a trailing "RI": "Kementerian Dalam Negeri (Kemendagri) RI".
      const tail = /^\s*\(([^)]{2,15})\)(\s+RI\b)?/.exec(this.text.slice(end));
      if (tail) { end += tail[0].length; surface = this.text.slice(h.start, end); }
      const acc = this.addInstitution(h.name, surface, h.start, end, { region: h.region });
      if (acc && tail && this.x.institutionEntry(tail[1])?.name === acc.name) acc.acronym = tail[1];
      h.end = end;
    }
    // Acronyms defined in the text whose long form is an institution: later uses of the acronym are mentions.
    for (const [acr, long] of this.defs) {
      const acc = this.insts.get(nameKey(this.x.institutionEntry(long)?.name ?? long));
      if (!acc) continue;
      if (!acc.acronym) acc.acronym = acr;
      for (const m of this.text.matchAll(new RegExp(`(?<![\\p{L}\\d(])${escapeRe(acr)}(?![\\p{L}\\d)])`, 'gu'))) {
        if (this.instHits.some((h) => m.index! >= h.start && m.index! < h.end)) continue;
        acc.forms.add(acr);
        acc.mentions.push({ start: m.index!, end: m.index! + acr.length, text: acr });
        this.instHits.push({ start: m.index!, end: m.index! + acr.length, name: acc.name, region: null });
      }
    }
    this.instHits.sort((p, q) => p.start - q.start);
  }

  // -- persons -------------------------------------------------------------------------------

  private addPerson(rawName: string, start: number, end: number, position: XPosition | null, titled: boolean): PersonAcc | null {
    const name = cleanPersonName(rawName.replace(RANK_RE, ''));
    const words = name.split(/\s+/);
    if (words.length === 0 || !words.every((w) => NAME_WORD.test(w) || /^(bin|binti|van|de|al|el)$/.test(w))) return null;
    if (words.length === 1 && !titled) return null;
    // "Menko Polkam dan Menpora": a title form is never a name; nor is a region ("Wali Kota Solo").
    if (TITLE_BY_FORM.has(name.toLowerCase()) || (words.length <= 2 && this.x.regions.lookup(name))) return null;
    // Nor is a phrase holding a title or an institution's acronym ("Karo Monev … Polri").
    if (words.length > 1 && (TITLE_BY_FORM.has(words[0].toLowerCase()) || words.some((w) => this.x.institutionEntry(w)))) return null;
    const key = personKey(name);
    if (!key) return null;
    let acc = this.persons.get(key);
    if (!acc) {
      // A longer form of a person already seen ("Sugeng" then "Sugeng Haryono") upgrades that record.
      const sharing = new Set(key.split(' ').flatMap((t) => [...(this.personsByToken.get(t) ?? [])]));
      let shorter = [...sharing].find((p) => containsTokens(key, p.key) || containsTokens(p.key, key));
      // "Ketua … Eri" beside "Wali Kota Surabaya Eri Cahyadi": one word that opens or closes exactly one known name is that person.
      if (!shorter) {
        const ends = (long: string, tok: string) => { const t = long.split(' '); return t.length > 1 && (t[0] === tok || t[t.length - 1] === tok); };
        const cands = [...sharing].filter((p) => (!key.includes(' ') && ends(p.key, key)) || (!p.key.includes(' ') && ends(key, p.key)));
        if (cands.length === 1) shorter = cands[0];
      }
      if (shorter) {
        acc = shorter;
        if (key.length > shorter.key.length) { this.persons.delete(shorter.key); acc.key = key; acc.forms.add(acc.name); acc.name = name; this.persons.set(key, acc); }
      } else {
        acc = { key, name, forms: new Set(), positions: [], mentions: [], firstAt: start };
        this.persons.set(key, acc);
      }
      for (const t of key.split(' ')) { const set = this.personsByToken.get(t) ?? new Set(); set.add(acc); this.personsByToken.set(t, set); }
    }
    acc.forms.add(name);
    if (position && !acc.positions.some((p) => nameKey(p.title) === nameKey(position.title) && p.institution === position.institution)) {
      // A later, vaguer statement of the same position ("Bupati" without region) adds nothing.
      if (!acc.positions.some((p) => nameKey(p.title) === nameKey(position.title) && position.institution === null)) acc.positions.push(position);
      if (position.institution) acc.positions = acc.positions.filter((p) => !(p.institution === null && nameKey(p.title) === nameKey(position.title)));
    }
    if (!acc.mentions.some((m) => m.start === start)) acc.mentions.push({ start, end, text: this.text.slice(start, end) });
    this.personSpans.push({ start, end, acc, titled });
    return acc;
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
      words.push(bare);
      end = wStart + bare.length;
      i = m.index + m[0].length;
      if (w.endsWith(',') || (w.endsWith('.') && !/^\p{Lu}\.$/u.test(w))) break;
    }
    while (words.length && /^(bin|binti)$/.test(words[words.length - 1])) words.pop();
    if (words.length === 0) return null;
    // Skip a trailing degree written after a comma: "Ali Rahman, M.Si."
    return { name: words.join(' '), start: start < 0 ? pos : start, end };
  }

  private collectPersons(): void {
    const text = this.text;
    // Matches come sorted: remembering the last accepted title and the end of the spans found so far
    // keeps this loop linear (a list scan per match was quadratic on text full of titles).
    let lastTitleStart = -10;
    let spansEnd = -1;
    const titleMatches = [...text.matchAll(TITLE_RE), ...text.matchAll(TITLE_RE_CI)].sort((p, q) => p.index! - q.index!);
    for (const m of titleMatches) {
      const tStart = m.index!;
      if (tStart < lastTitleStart + 3 || tStart < spansEnd) continue;
      lastTitleStart = tStart;
      // "di Rumah Dinas Bupati Agam", "ruang Kabid Infrastruktur": a title inside a place name names no one here.
      if (/(?:Rumah Dinas|Rumah Jabatan|Kantor|[Rr]uang|Pendopo|Gedung)\s+$/.test(text.slice(Math.max(0, tStart - 16), tStart))) continue;
      const entry = TITLE_BY_FORM.get(m[2].toLowerCase())!;
      const interim = m[1] ? (/^P(lt|elaksana)/.test(m[1]) ? 'Pelaksana Tugas ' : 'Penjabat ') : '';
      const afterTitle = tStart + m[0].length;
      // The qualifier: capitalised words, acronyms and connectors up to a comma or a lower-case word.
      const q = this.readQualifier(afterTitle);
      const commaName = text[q.end] === ',' ? this.readName(q.end + 1) : null;
      let nameHit: { name: string; start: number; end: number } | null = null;
      let qualEnd = q.end;
      // "Bupati Agam, Lubuk Basung, Kamis (9/10)": a name followed by a weekday or a date is a dateline place.
      const placeLike = commaName && /^\s*,?\s*(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|\(\d)/.test(text.slice(commaName.end, commaName.end + 12));
      if (commaName && !placeLike && commaName.start - q.end <= 2 && (commaName.name.split(' ').length >= 2 || q.words.length > 0)) {
        nameHit = commaName;
      } else {
        // No comma: the name is the tail of the qualifier after the last organisation or region word.
        const split = this.splitQualifierName(q);
        if (split) { nameHit = split.name; qualEnd = split.qualEnd; }
      }
      let pos = this.positionFrom(entry, m[2], interim, afterTitle, qualEnd);
      if (!nameHit) {
        // "Saiful Ilah, Bupati Sidoarjo": the name stands before the title.
        const before = text.slice(Math.max(0, tStart - 60), tStart);
        const bm = /((?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}.'’-]*)\s*,\s*$/u.exec(before);
        if (bm) {
          const s = tStart - (before.length - bm.index!);
          const n = this.readName(s);
          if (n && n.name.split(' ').length >= 2 && n.end <= tStart) nameHit = n;
        }
      }
      if (!nameHit) continue;
      if (pos && pos.title === 'Anggota' && !pos.institution) pos = null;
      const acc = this.addPerson(nameHit.name, nameHit.start, nameHit.end, pos, true);
      if (acc) {
        const span = this.personSpans[this.personSpans.length - 1];
        span.start = Math.min(tStart, nameHit.start);
        spansEnd = Math.max(spansEnd, span.end);
      }
    }
    // Untitled speakers: "kata Shannon Garcia", "Sugeng Haryono memaparkan".
    for (const m of text.matchAll(/\b(?:kata|ujar|ucap|tutur|jelas|ungkap)\s+(?=\p{Lu})/gu)) {
      const n = this.readName(m.index! + m[0].length);
      if (n && n.name.split(' ').length >= 2) this.addPerson(n.name, n.start, n.end, null, false);
    }
    for (const m of text.matchAll(/(?<=^|[.!?]\s+|,\s+|\n)((?:\p{Lu}[\p{Ll}'’-]+\s+){1,3}\p{Lu}[\p{Ll}'’-]+)(?=\s+(?:juga\s+|pun\s+)?(?:mengatakan|menyampaikan|menjelaskan|menegaskan|mengungkapkan|menuturkan|memaparkan|menyebutkan|menambahkan|berharap|mengaku|menilai|meminta|menyatakan|menerangkan))/gu)) {
      const n = this.readName(m.index!);
      if (n && n.name.split(' ').length >= 2) this.addPerson(n.name, n.start, n.end, null, false);
    }
    // Names the statistical tagger finds where a cue supports them (candidates.ts); one word passes there only beside a speech verb.
    const taken = [...this.persons.values()].flatMap((p) => p.mentions);
    const knownWords = new Set([...this.persons.values()].flatMap((p) => p.name.split(' ')));
    const guards = { isRegion: (s: string) => !!this.x.regions.lookup(s), isInstitution: (s: string) => !!this.x.institutionEntry(s), taken: [...taken, ...this.instHits], knownWords };
    for (const c of personCandidates(text, guards)) {
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
      if (w.endsWith('.') && !/^\p{Lu}\.$/u.test(w) && !/^(Kab|Jl|No)\.$/.test(w)) w = w.slice(0, -1);
      const isCap = /^[\p{Lu}\d(]/u.test(w);
      if (!isCap && !PHRASE_CONNECTORS.has(w)) break;
      // "Wali Kota Sukabumi Ayep Zaki dan Bupati Rokan Hilir …": a title after a connector starts another person.
      if (isCap && words.length > 0 && PHRASE_CONNECTORS.has(words[words.length - 1].w) && TITLE_BY_FORM.has(w.toLowerCase())) break;
      words.push({ w, start: ws, end: ws + w.length });
      i = ws + w.length;
      if (m[1].endsWith('.') && !/^\p{Lu}\.$/u.test(m[1])) break;
    }
    while (words.length && PHRASE_CONNECTORS.has(words[words.length - 1].w)) words.pop();
    return { words, end: words.length ? words[words.length - 1].end : pos };
  }

  private splitQualifierName(q: { words: Array<{ w: string; start: number; end: number }> }): { name: { name: string; start: number; end: number }; qualEnd: number } | null {
    const ws = q.words;
    // Walk back over name words.
    let k = ws.length;
    while (k > 0 && (isNameWord(ws[k - 1].w) || HONORIFIC_WORD.test(ws[k - 1].w)) && !this.isOrgWord(ws[k - 1]) && !RANKS.includes(ws[k - 1].w)
      && !(k > 1 && this.x.regions.lookup(`${ws[k - 2].w} ${ws[k - 1].w}`))) k--;
    // An honorific or rank inside the tail starts the name.
    if (k === ws.length) return null;
    // A name needs at least one word; keep at most four, the last ones.
    // More than five name-like words in a row is title-cased text (a headline or caption), not a name.
    if (ws.length - k > 5) return null;
    let s = k;
    if (ws.length - s > 4) s = ws.length - 4;
    while (s < ws.length && HONORIFIC_WORD.test(ws[s].w) && ws.length - s > 1) s++;
    const nameWords = ws.slice(s);
    if (nameWords.length === 0) return null;
    return {
      name: { name: nameWords.map((w) => w.w).join(' '), start: nameWords[0].start, end: nameWords[nameWords.length - 1].end },
      qualEnd: s > 0 ? ws[s - 1].end : ws[0].start,
    };
  }

  private isOrgWord(w: { w: string; start: number; end: number }): boolean {
    if (this.instHits.some((h) => w.start >= h.start && w.start < h.end)) return true;
    if (this.x.regions.lookup(w.w)) return true;
    if (isAcronym(w.w)) return true;
    return false;
  }

  /** Title + qualifier → a position: full title, canonical institution, region. */
  private positionFrom(entry: TitleEntry, form: string, interim: string, qStart: number, qEnd: number): XPosition | null {
    const qual = this.text.slice(qStart, qEnd).trim();
    const inst = this.instHits.find((h) => h.start >= qStart && h.start < Math.max(qEnd, qStart + 1));
    let unit = qual;
    let institution: string | null = entry.ministry ?? null;
    let region: Region | null = null;
    if (inst) {
      unit = this.text.slice(qStart, inst.start).trim();
      institution = inst.name;
      region = inst.region;
    }
    // The words after the title head that name a sub-unit stay in the title ("Kepala Biro Organisasi dan Tata Laksana").
    unit = unit.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim().replace(RANKS_TAIL_RE, '');
    const rg = unit ? this.trailingRegion(unit) : null;
    if (rg && !inst) { region = rg.region; unit = unit.slice(0, unit.length - rg.surface.length).trim(); }
    // "Dandim 0815/Mojokerto": the title commands a numbered unit, which is the institution.
    const numbered = entry.unit ? /^(\d{2,4}|[IVX]{1,5})(?:\s*\/\s*(\p{Lu}[\p{L}-]+))?/u.exec(unit) : null;
    if (numbered && !institution) {
      const known = [...this.insts.values()].find((i) => i.name === `${entry.unit} ${numbered[1]}` || i.name.startsWith(`${entry.unit} ${numbered[1]}/`));
      institution = known?.name ?? `${entry.unit} ${numbered[1]}${numbered[2] ? `/${numbered[2]}` : ''}`;
      if (!known) this.addInstitution(institution, this.text.slice(qStart, qStart + numbered[0].length), qStart, qStart + numbered[0].length, { kind: InstitutionKind.MILITARY });
      unit = unit.slice(numbered[0].length).trim();
      region = null;
    }
    if (!institution && region) institution = this.scopeInstitution(entry, region);
    if (!institution && /DPRD/.test(form)) institution = [...this.insts.values()].find((i) => i.name.startsWith('DPRD'))?.name ?? 'Dewan Perwakilan Rakyat Daerah';
    const head = entry.full;
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
    return { title, institution, region: region ? region.name : null };
  }

  private expandTitleUnit(unit: string): string {
    return unit.split(/\s+/).map((w) => (this.defs.get(w) && /^(Organisasi|Tata|Bagian|Biro|Bidang)/.test(this.defs.get(w)!) ? this.defs.get(w)! : w)).join(' ');
  }

  trailingRegion(s: string): { region: Region; surface: string } | null {
    const words = s.split(/\s+/);
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const cand = words.slice(words.length - n).join(' ');
      const r = this.x.regions.lookup(cand);
      if (r) return { region: r, surface: cand };
    }
    return null;
  }

  private scopeInstitution(entry: TitleEntry, r: Region): string | null {
    const level = r.kind === PlaceKind.PROVINCE ? 'Provinsi' : r.kind === PlaceKind.CITY ? 'Kota' : 'Kabupaten';
    switch (entry.scope) {
      case 'REGENCY_GOV': return `Pemerintah ${r.kind === PlaceKind.CITY ? 'Kota' : 'Kabupaten'} ${r.name}`;
      case 'CITY_GOV': return `Pemerintah Kota ${r.name}`;
      case 'PROVINCE_GOV': return r.kind === PlaceKind.PROVINCE ? `Pemerintah Provinsi ${r.name}` : null;
      case 'REGION_GOV': return `Pemerintah ${level} ${r.name}`;
      case 'DPRD': return `DPRD ${level} ${r.name}`;
      case 'POLRES': return `Polres ${r.name}`;
      case 'POLDA': return `Polda ${r.name}`;
      default: return null;
    }
  }

  /** "Sugeng menegaskan": a single given or family name resolves to the one person of the article who has it. */
  private collectShortReferences(): void {
    const byToken = new Map<string, PersonAcc[]>();
    for (const p of this.persons.values()) {
      const toks = p.name.split(/\s+/);
      if (toks.length < 2) continue;
      for (const t of [toks[0], toks[toks.length - 1]]) {
        if (t.length < 3 || NON_NAME_WORDS.has(t)) continue;
        const list = byToken.get(t) ?? [];
        if (!list.includes(p)) list.push(p);
        byToken.set(t, list);
      }
    }
    this.personSpans.sort((p, q) => p.start - q.start);
    if (byToken.size === 0) return;
    const added: typeof this.personSpans = [];
    const re = new RegExp(`(?<![\\p{L}\\d])(${[...byToken.keys()].map(escapeRe).join('|')})(?![\\p{L}\\d])`, 'gu');
    for (const m of this.text.matchAll(re)) {
      const s = m.index!, e = s + m[1].length;
      if (this.coveredBySpan(s)) continue;
      const next = this.text.slice(e, e + 2);
      if (/\p{Lu}/u.test(next.trim().charAt(0)) && next.startsWith(' ')) continue; // part of another name
      const cands = byToken.get(m[1])!;
      if (cands.length !== 1) { this.unresolved.push({ text: m[1], start: s, end: e, cands }); continue; } // ambiguous: not guessed
      const acc = cands[0];
      acc.forms.add(m[1]);
      acc.mentions.push({ start: s, end: e, text: m[1] });
      added.push({ start: s, end: e, acc, titled: false });
    }
    this.personSpans = [...this.personSpans, ...added].sort((p, q) => p.start - q.start);
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

  private addPlace(name: string, kind: PlaceKind, code: string | null, parent: string | null, start: number, end: number): void {
    const key = `${kind}:${code ?? nameKey(name)}`;
    let acc = this.places.get(key);
    if (!acc) { acc = { name, kind, code, parent, mentions: [], firstAt: start }; this.places.set(key, acc); }
    acc.mentions.push({ start, end, text: this.text.slice(start, end) });
  }

  private collectPlaces(): void {
    for (const h of this.x.findRegions(this.text)) {
      const r = h.region;
      this.addPlace(r.name, r.kind, r.code, r.provinceCode ? this.x.regions.province(r.provinceCode)?.name ?? null : null, h.start, h.end);
    }
    for (const c of this.x.findCountries(this.text)) this.addPlace(c.name, c.kind, null, null, c.start, c.end);
    for (const v of this.findVenues()) this.addPlace(v.name, PlaceKind.VENUE, null, v.city?.name ?? null, v.start, v.start + v.name.length);
  }

  venues: Array<{ name: string; start: number; city: Region | null }> | null = null;

  /** Venues ("di Hotel …", "di Pendopo …"), found once per article. */
  findVenues(): Array<{ name: string; start: number; city: Region | null }> {
    if (this.venues) return this.venues;
    const out: Array<{ name: string; start: number; city: Region | null }> = (this.venues = []);
    for (const m of this.text.matchAll(VENUE_RE)) {
      let name = m[1].split(/[.,]\s/)[0].replace(/[.,]+$/, '');
      // Stop before a weekday, a date or a capitalised verb.
      name = name.replace(/\s+(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Pada|Yang|Ini)\b.*$/, '');
      let city: Region | null = null;
      const rg = this.trailingRegion(name);
      if (rg && rg.surface.length < name.length - 6) { city = rg.region; name = name.slice(0, name.length - rg.surface.length).trim(); }
      else if (rg) city = rg.region;
      if (name.split(/\s+/).length < 2) continue;
      const start = m.index! + m[0].length - m[1].length;
      out.push({ name, start, city });
    }
    return out;
  }

}


/** The body up to `max` characters, cut at the last paragraph end inside the window. */
function windowOf(body: string, max: number): string {
  if (body.length <= max) return body;
  const cut = body.lastIndexOf('\n', max);
  return body.slice(0, cut > max / 2 ? cut : max);
}

let shared: Promise<WartaExtractor> | null = null;

/** The extractor with its gazetteers built (once per process). */
export function createExtractor(): Promise<WartaExtractor> {
  shared ??= loadRegions().then((r) => new WartaExtractor(r));
  return shared;
}
