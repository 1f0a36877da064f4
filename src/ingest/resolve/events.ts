/**
 * Cross-article event identity: several reports of one gathering join one event. Candidates are stored events of a
 * compatible kind whose dates overlap (the persister asks for them by kind and date); each is scored on its name,
 * place, organisers and participants. Two gatherings that name different parties ("sidang putusan A" and "sidang
 * putusan B" before the same judge on the same day) stay two. Pure; persist/events.ts fetches and applies.
 */
import { EventKind } from '../../entities/enums';
import { nameKey } from '../../text/normalize';

export const EVENT_LINK_THRESHOLD = 0.6;

/**
 * Name forms kept on one event (its aliases): reports of a long-running story each name it a little differently, and
 * every form is compared with every later report and indexed for search, so the list is bounded (first forms kept).
 */
export const EVENT_FORMS_MAX = 20;

/** Kinds the press uses for the same meeting from one report to the next. */
const FAMILIES: EventKind[][] = [
  [EventKind.RAKOR, EventKind.RAKORNAS, EventKind.RAKER, EventKind.RAPAT, EventKind.RDP, EventKind.FGD],
  [EventKind.UPACARA, EventKind.APEL],
  [EventKind.SEMINAR, EventKind.WORKSHOP, EventKind.SOSIALISASI, EventKind.BIMTEK, EventKind.PELATIHAN],
  [EventKind.PERESMIAN, EventKind.LAUNCHING],
];
/**
 * The kinds a report of this kind may be compared with: its family, and OTHER both ways, as an event whose kind one
 * report did not tell ("penyerahan sertifikat") may be the launch or the visit another report names.
 */
export function kindFamily(k: EventKind): EventKind[] {
  if (k === EventKind.OTHER) return Object.values(EventKind);
  return [...(FAMILIES.find((f) => f.includes(k)) ?? [k]), EventKind.OTHER];
}

/** Days a report's date may be off from another's: "kemarin" read against the wrong day, a late-evening event. */
export const EVENT_DATE_SLACK_DAYS = 1;

/** An ISO date moved by `days` (candidate windows widened by the slack). */
export function shiftDate(iso: string, days: number): string {
  // Remembered: a batch asks for the windows of the same few hundred dates for every event it resolves.
  const k = `${iso}|${days}`;
  let out = shifted.get(k);
  if (out === undefined) {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    if (shifted.size >= 10_000) shifted.clear();
    shifted.set(k, (out = d.toISOString().slice(0, 10)));
  }
  return out;
}
const shifted = new Map<string, string>();

export interface EventSide {
  name: string; forms: string[]; kind: EventKind; startDate: string | null; endDate: string | null;
  venueId: number | null; cityId: number | null; organizers: Set<number>; persons: Set<number>;
  /** The participating persons' names, when known: a name that names one of them ("sidang vonis Nama") is told by them. */
  personNames?: Map<number, string>;
}
export interface EventCandidate extends EventSide { id: number }

/** Words of event names that say what kind of gathering it was, not whose or which. */
const GENERIC = new Set(`rapat koordinasi rakor rakornas raker kerja sidang putusan tuntutan vonis pembacaan agenda paripurna dengar pendapat rdp musyawarah
  perencanaan pembangunan musrenbang sosialisasi bimbingan teknis bimtek pelatihan workshop seminar diskusi fgd forum pelantikan peresmian penandatanganan
  nota kesepahaman mou kunjungan kerja kunker reses apel upacara peringatan pameran festival peluncuran launching pemilihan konferensi pers jumpa acara
  kegiatan tahun hari ke dan di dengan untuk dalam pada tentang soal bersama oleh atas terhadap the of and in rupst rups umum pemegang saham tahunan
  luar biasa pks negeri nasional daerah kabupaten kota provinsi pemerintah republik indonesia penanganan antisipasi pencegahan percepatan
  pengembangan peningkatan evaluasi persiapan pembahasan penguatan optimalisasi program virtual daring luring hybrid online
  antarlembaga bersama digelar menggelar membacakan dibacakan amar menjatuhkan dijatuhkan hukuman pidana penjara majelis hakim
  pengadilan tipikor jaksa penuntut persidangan sidang`.split(/\s+/).filter(Boolean));

/** Phrases the press writes for the same thing, as one word: an event named one way in one report and the other way in the next. */
const SAME: Array<[RegExp, string]> = [
  [/\b(?:nota kesepahaman|memorandum of understanding|memorandum kesepahaman)\b/g, 'mou'],
  [/\b(?:perjanjian kerja sama|perjanjian kerjasama)\b/g, 'pks'],
  [/\bhari ulang tahun\b/g, 'hut'],
  [/\brapat umum pemegang saham\b/g, 'rups'],
  [/\bkunjungan kerja\b/g, 'kunker'],
  [/\brapat koordinasi\b/g, 'rakor'],
  [/\brapat dengar pendapat\b/g, 'rdp'],
  [/\b(?:vonis|amar putusan)\b/g, 'putusan'],
];
function canonical(key: string): string {
  for (const [re, to] of SAME) key = key.replace(re, to);
  return key;
}

const words = (s: string) => canonical(nameKey(s)).split(' ').filter((w) => w.length >= 2);
const distinctive = (forms: string[]) => new Set(forms.flatMap(words).filter((w) => !GENERIC.has(w) && !/^\d+$/.test(w)));

/** Both sets non-empty and nothing in common. */
function disjoint(a: Set<string>, b: Set<string>): boolean {
  if (!a.size || !b.size) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
}

/**
 * The keys, words and distinctive words of an event's names, and each key's initials ("rapat badan kebijakan" → "rbk"),
 * computed once per event and decision.
 */
interface Names { keys: string[]; words: Set<string>; distinct: Set<string>; initials: string[]; ordinals: Set<string>; years: Set<string> }
const namesOf = new WeakMap<EventSide, Names>();
/**
 * By the names themselves too: a stored event gets new side objects in every batch (and when it changes), while its
 * names, compared with every event of its kind and dates, mostly stay the same. Bounded: starts afresh when full.
 */
const namesByText = new Map<string, Names>();
function names(e: EventSide): Names {
  let n = namesOf.get(e);
  if (!n) {
    const text = e.forms.length ? `${e.name}\u0000${e.forms.join('\u0000')}` : e.name;
    n = namesByText.get(text);
    if (!n) {
      const keys = [e.name, ...e.forms].map((f) => canonical(nameKey(f)));
      const initials = keys.map((k) => k.split(' ').map((w) => w[0] ?? ' ').join(''));
      const words = new Set(keys.flatMap((x) => x.split(' ')));
      const numbers = [...words].filter((w) => /^\d+$/.test(w));
      n = { keys, words, distinct: distinctive([e.name, ...e.forms]), initials,
        ordinals: new Set(numbers.filter((w) => w.length <= 3)), years: new Set(numbers.filter((w) => w.length === 4)) };
      if (namesByText.size >= 20_000) namesByText.clear();
      namesByText.set(text, n);
    }
    namesOf.set(e, n);
  }
  return n;
}

/** Whether a distinctive word of one name is the initials of consecutive words of the other ("rbk": rapat badan kebijakan). */
function initialsOf(word: string, other: Names): boolean {
  if (word.length < 2 || word.length > 6) return false;
  for (const s of other.initials) if (s.includes(word)) return true;
  return false;
}

/** Evidence that `inc` reports the stored event `c`: a score, its reasons, and a conflict that rules the link out. */
export function eventEvidence(inc: EventSide, c: EventCandidate): { score: number; why: string[]; conflict: boolean } {
  const why: string[] = [];
  return { ...weigh(inc, c, why), why };
}

/**
 * The score and conflict of eventEvidence without its reasons: ingest weighs every report against every stored event
 * of a related kind and dates (a dozen per article), and links to one at most, which records no reason.
 */
export function eventScore(inc: EventSide, c: EventCandidate): { score: number; conflict: boolean } {
  return weigh(inc, c, null);
}

/** The evidence, its reasons written into `why` when given. */
function weigh(inc: EventSide, c: EventCandidate, why: string[] | null): { score: number; conflict: boolean } {
  let score = 0;
  const na = names(inc), nb = names(c);
  const a = na.keys, b = nb.keys;
  const nameOk = a.some((x) => b.some((y) => x === y || startsWithWords(x, y) || startsWithWords(y, x)));
  const da = na.distinct, db = nb.distinct;
  const j = jaccard(na.words, nb.words);
  // A name made only of kind words ("Sidang Pembacaan Putusan", "Konferensi pers") says which gathering it was no more
  // than its kind does.
  const generic = da.size === 0 || db.size === 0;
  if (nameOk && !generic) { score += 0.6; why?.push('same name'); }
  else if (nameOk) { score += 0.2; why?.push('same generic name'); }
  else if (j > 0) { score += 0.5 * j; why?.push(`names share ${(100 * j).toFixed(0)} % of words`); }
  // Different parties named (defendants, companies, places): two gatherings, however alike otherwise. An acronym of
  // the other name's words is not a different party.
  // An acronym of three or more letters spelt out by the other's words ("RBK": rapat badan kebijakan) is the surest of these.
  const acronym = spelledOut(da, db, nb) || spelledOut(db, da, na);
  const sharedDistinct = acronym || sharesOrSpells(da, db, nb) || sharesOrSpells(db, null, na);
  // "Sidang vonis Nama" in one report, a hearing with Nama among its people in the other.
  const namesParty = namesAParty(da, c) || namesAParty(db, inc);
  let conflict = !sharedDistinct && !namesParty && da.size > 0 && db.size > 0;
  // "Rapat Paripurna ke-12" and "ke-13", "Festival 2023" and "2024": numbered editions of a series are different
  // gatherings, however alike their other words.
  if (disjoint(na.ordinals, nb.ordinals) || disjoint(na.years, nb.years)) { conflict = true; why?.push('different numbers in the names'); }
  // A court holds many hearings a day before the same judge: a hearing whose name does not say whose is linked only
  // through two people in common (the judge alone is common to all of them), and not when each side has someone the
  // other lacks (another defendant).
  if (generic && !sharedDistinct && !namesParty && (inc.kind === EventKind.HEARING || c.kind === EventKind.HEARING)) {
    const shared = common(inc.persons, c.persons);
    const extraHere = shared < inc.persons.size, extraThere = shared < c.persons.size;
    if (shared < 2 || (extraHere && extraThere)) conflict = true;
  }
  // Two names made only of kind words ("rapat umum pemegang saham tahunan") held by different bodies the same day: each
  // body's own gathering. (A named report against a generic one may name another co-host: not a conflict.)
  if (da.size === 0 && db.size === 0 && !namesParty && inc.organizers.size > 0 && c.organizers.size > 0 && common(inc.organizers, c.organizers) === 0) {
    conflict = true; why?.push('different bodies hold them');
  }
  // A distinctive word in common (or an acronym of the other's words) says which gathering, however many kind words differ.
  const least = acronym ? 0.4 : 0.3;
  if (sharedDistinct && !nameOk && 0.5 * j < least) { score += least - 0.5 * j; why?.push(acronym ? 'one name spells out the other\'s acronym' : 'names share a distinctive word'); }
  if (namesParty) { score += 0.3; why?.push('one name names a participant of the other'); }
  if (inc.startDate && c.startDate) {
    if (inc.startDate === c.startDate) { score += 0.2; why?.push('same date'); }
    else if (inc.startDate <= (c.endDate ?? c.startDate) && c.startDate <= (inc.endDate ?? inc.startDate)) { score += 0.1; why?.push('overlapping dates'); }
    // A day apart (within the slack): only a name that says which gathering links them, never kind words alone.
    else if (generic || (!sharedDistinct && !namesParty)) conflict = true;
    else why?.push('a day apart');
  }
  if (inc.kind === c.kind) { score += 0.1; why?.push('same kind'); }
  if (inc.venueId != null && inc.venueId === c.venueId) { score += 0.3; why?.push('same venue'); }
  else if (inc.cityId != null && inc.cityId === c.cityId) { score += 0.15; why?.push('same city'); }
  if (common(inc.organizers, c.organizers) > 0) { score += 0.2; why?.push('same organiser'); }
  const shared = common(inc.persons, c.persons);
  if (shared) { score += Math.min(0.3, 0.1 * shared); why?.push(`${shared} participant(s) in common`); }
  // Rounded: sums of tenths are not exact in floating point, and a link must not hang on the last bit.
  return { score: Math.round(score * 1000) / 1000, conflict };
}

/** Whether `s` begins with the words of `prefix` and goes on (`s.startsWith(prefix + ' ')`, without the new string). */
const startsWithWords = (s: string, prefix: string) => s.length > prefix.length && s.charCodeAt(prefix.length) === 32 && s.startsWith(prefix);

/** Whether a word of `a` absent from `b` is, at three letters or more, the initials of words of the other's names. */
function spelledOut(a: Set<string>, b: Set<string>, other: Names): boolean {
  for (const w of a) if (!b.has(w) && w.length >= 3 && initialsOf(w, other)) return true;
  return false;
}

/** Whether a word of `a` is in `b` (when given) or is the initials of words of the other's names. */
function sharesOrSpells(a: Set<string>, b: Set<string> | null, other: Names): boolean {
  for (const w of a) if ((b !== null && b.has(w)) || initialsOf(w, other)) return true;
  return false;
}

/** Members of `a` also in `b`. */
function common(a: Set<number>, b: Set<number>): number {
  let n = 0;
  if (b.size) for (const x of a) if (b.has(x)) n++;
  return n;
}

/**
 * Whether distinctive words of one event's names name a participant of the other: the last word of a person's name,
 * or two words of it ("sidang vonis Nama Lengkap" and a hearing Nama Lengkap took part in).
 */
function namesAParty(distinct: Set<string>, other: EventSide): boolean {
  if (!distinct.size || !other.personNames?.size) return false;
  for (const n of other.personNames.values()) {
    const ws = partyWords(n);
    if (!ws.length) continue;
    const last = ws[ws.length - 1];
    if ((last.length >= 4 && distinct.has(last)) || ws.filter((w) => distinct.has(w)).length >= 2) return true;
  }
  return false;
}

/** A person's name words of three letters or more (remembered: the same participants are weighed against many events). */
const partyWordsOf = new Map<string, string[]>();
function partyWords(name: string): string[] {
  let ws = partyWordsOf.get(name);
  if (!ws) {
    if (partyWordsOf.size >= 20_000) partyWordsOf.clear();
    partyWordsOf.set(name, (ws = nameKey(name).split(' ').filter((w) => w.length >= 3)));
  }
  return ws;
}

/**
 * A report that names its gathering only by kind ("konferensi pers", "rapat") joins the one named gathering of the same
 * day that all its people took part in, when there is exactly one: an official's press conference on the day of the
 * meeting they chaired is that meeting's. Null when there is none or more than one.
 */
export function soleNamedGathering(inc: EventSide, cands: EventCandidate[], evidence: Array<{ conflict: boolean }>): EventCandidate | null {
  if (names(inc).distinct.size > 0 || inc.persons.size === 0 || !inc.startDate) return null;
  const end = inc.endDate ?? inc.startDate;
  const fits = cands.filter((c, i) => !evidence[i].conflict && c.startDate != null && c.startDate <= end && (c.endDate ?? c.startDate) >= inc.startDate!
    && [...inc.persons].some((p) => c.persons.has(p)));
  if (fits.length !== 1) return null;
  const c = fits[0];
  return names(c).distinct.size > 0 && [...inc.persons].every((p) => c.persons.has(p)) ? c : null;
}
