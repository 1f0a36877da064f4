/**
 * Cross-article event identity: several reports of one gathering join one event. Candidates are stored events of a
 * compatible kind whose dates overlap (the persister asks for them by kind and date); each is scored on its name,
 * place, organisers and participants. Two gatherings that name different parties ("sidang putusan A" and "sidang
 * putusan B" before the same judge on the same day) stay two. Pure; persist.ts fetches and applies.
 */
import { EventKind } from '../../entities/enums';
import { nameKey } from '../../text/normalize';

export const EVENT_LINK_THRESHOLD = 0.6;

/** Kinds the press uses for the same meeting from one report to the next. */
const FAMILIES: EventKind[][] = [
  [EventKind.RAKOR, EventKind.RAKORNAS, EventKind.RAKER, EventKind.RAPAT, EventKind.RDP, EventKind.FGD],
  [EventKind.UPACARA, EventKind.APEL],
  [EventKind.SEMINAR, EventKind.WORKSHOP, EventKind.SOSIALISASI, EventKind.BIMTEK, EventKind.PELATIHAN],
  [EventKind.PERESMIAN, EventKind.LAUNCHING],
];
export function kindFamily(k: EventKind): EventKind[] {
  return FAMILIES.find((f) => f.includes(k)) ?? [k];
}

export interface EventSide {
  name: string; forms: string[]; kind: EventKind; startDate: string | null; endDate: string | null;
  venueId: number | null; cityId: number | null; organizers: Set<number>; persons: Set<number>;
}
export interface EventCandidate extends EventSide { id: number }

/** Words of event names that say what kind of gathering it was, not whose or which. */
const GENERIC = new Set(`rapat koordinasi rakor rakornas raker kerja sidang putusan tuntutan vonis pembacaan agenda paripurna dengar pendapat rdp musyawarah
  perencanaan pembangunan musrenbang sosialisasi bimbingan teknis bimtek pelatihan workshop seminar diskusi fgd forum pelantikan peresmian penandatanganan
  nota kesepahaman mou kunjungan kerja kunker reses apel upacara peringatan pameran festival peluncuran launching pemilihan konferensi pers jumpa acara
  kegiatan tahun hari ke dan di dengan untuk dalam pada tentang soal bersama oleh atas terhadap the of and in rupst rups umum pemegang saham tahunan
  luar biasa negeri nasional daerah kabupaten kota provinsi pemerintah republik indonesia penanganan antisipasi pencegahan percepatan
  pengembangan peningkatan evaluasi persiapan pembahasan penguatan optimalisasi program virtual daring luring hybrid online
  antarlembaga bersama digelar menggelar membacakan dibacakan amar menjatuhkan dijatuhkan hukuman pidana penjara majelis hakim
  pengadilan tipikor jaksa penuntut persidangan sidang`.split(/\s+/).filter(Boolean));

const words = (s: string) => nameKey(s).split(' ').filter((w) => w.length >= 2);
const distinctive = (forms: string[]) => new Set(forms.flatMap(words).filter((w) => !GENERIC.has(w) && !/^\d+$/.test(w)));

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
}

/** The keys, words and distinctive words of an event's names, computed once per event and decision. */
interface Names { keys: string[]; words: Set<string>; distinct: Set<string> }
const namesOf = new WeakMap<EventSide, Names>();
function names(e: EventSide): Names {
  let n = namesOf.get(e);
  if (!n) {
    const keys = [e.name, ...e.forms].map(nameKey);
    namesOf.set(e, (n = { keys, words: new Set(keys.flatMap((x) => x.split(' '))), distinct: distinctive([e.name, ...e.forms]) }));
  }
  return n;
}

/** Whether a distinctive word of one name is the initials of consecutive words of the other ("rdg": rapat dewan gubernur). */
function initialsOf(word: string, keys: string[]): boolean {
  if (word.length < 2 || word.length > 6) return false;
  return keys.some((k) => {
    const ws = k.split(' ');
    for (let i = 0; i + word.length <= ws.length; i++) if ([...word].every((c, j) => ws[i + j][0] === c)) return true;
    return false;
  });
}

/** Evidence that `inc` reports the stored event `c`: a score, its reasons, and a conflict that rules the link out. */
export function eventEvidence(inc: EventSide, c: EventCandidate): { score: number; why: string[]; conflict: boolean } {
  const why: string[] = [];
  let score = 0;
  const na = names(inc), nb = names(c);
  const a = na.keys, b = nb.keys;
  const nameOk = a.some((x) => b.some((y) => x === y || x.startsWith(y + ' ') || y.startsWith(x + ' ')));
  const da = na.distinct, db = nb.distinct;
  const j = jaccard(na.words, nb.words);
  // A name made only of kind words ("Sidang Pembacaan Putusan", "Konferensi pers") says which gathering it was no more
  // than its kind does.
  const generic = da.size === 0 || db.size === 0;
  if (nameOk && !generic) { score += 0.6; why.push('same name'); }
  else if (nameOk) { score += 0.2; why.push('same generic name'); }
  else if (j > 0) { score += 0.5 * j; why.push(`names share ${(100 * j).toFixed(0)} % of words`); }
  // Different parties named (defendants, companies, places): two gatherings, however alike otherwise. An acronym of
  // the other name's words is not a different party.
  const sharedDistinct = [...da].some((w) => db.has(w) || initialsOf(w, b)) || [...db].some((w) => initialsOf(w, a));
  let conflict = !sharedDistinct && da.size > 0 && db.size > 0;
  // A court holds many hearings a day before the same judge: a hearing whose name does not say whose is linked only
  // through two people in common (the judge alone is common to all of them), and not when each side has someone the
  // other lacks (another defendant).
  if (generic && !sharedDistinct && (inc.kind === EventKind.HEARING || c.kind === EventKind.HEARING)) {
    const shared = [...inc.persons].filter((p) => c.persons.has(p)).length;
    const extraHere = [...inc.persons].some((p) => !c.persons.has(p)), extraThere = [...c.persons].some((p) => !inc.persons.has(p));
    if (shared < 2 || (extraHere && extraThere)) conflict = true;
  }
  if (sharedDistinct && !nameOk && j === 0) { score += 0.3; why.push('one name abbreviates the other'); }
  if (inc.startDate && c.startDate) {
    if (inc.startDate === c.startDate) { score += 0.2; why.push('same date'); } else { score += 0.1; why.push('overlapping dates'); }
  }
  if (inc.kind === c.kind) { score += 0.1; why.push('same kind'); }
  if (inc.venueId != null && inc.venueId === c.venueId) { score += 0.3; why.push('same venue'); }
  else if (inc.cityId != null && inc.cityId === c.cityId) { score += 0.15; why.push('same city'); }
  if ([...inc.organizers].some((o) => c.organizers.has(o))) { score += 0.2; why.push('same organiser'); }
  const shared = [...inc.persons].filter((p) => c.persons.has(p)).length;
  if (shared) { score += Math.min(0.3, 0.1 * shared); why.push(`${shared} participant(s) in common`); }
  return { score, why, conflict };
}
