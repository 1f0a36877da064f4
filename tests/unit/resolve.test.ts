/** Pure parts of cross-article resolution (src/ingest/resolve); names are invented. */
import { EventKind } from '../../src/entities/enums';
import { eventEvidence, EventCandidate, eventScore, EventSide, soleNamedGathering } from '../../src/ingest/resolve/events';
import { matchNames, nameParts, variantToken } from '../../src/ingest/resolve/names';
import { decidePerson, IncomingPerson, StoredPerson } from '../../src/ingest/resolve/persons';
import { resolveArticle } from '../../src/ingest/resolve/article';
import type { Extraction } from '../../src/ingest/extract';

describe('name matching', () => {
  test('spelling variants fold, initials and short forms match, different people do not', () => {
    expect(variantToken('Soedjatmiko')).toBe(variantToken('Sujatmiko'));
    expect(matchNames('djoko santoso', 'joko santoso')).toBe('VARIANT');
    expect(matchNames('arthur b laffer', 'arthur laffer')).toBe('VARIANT');
    expect(matchNames('rina wulandari', 'rina wulandari kusuma')).toBe('CONTAINED');
    expect(matchNames('rina wulandary', 'rina wulandari kusuma')).toBe('FUZZY');
    expect(matchNames('kusuma', 'rina wulandari kusuma')).toBe('ONE_WORD');
    expect(matchNames('rwk', 'rina wulandari kusuma')).toBe('INITIALS');
    expect(matchNames('dewi kusuma', 'rina wulandari kusuma')).toBeNull();
    expect(matchNames('tegar wibisono', 'tegar prakoso')).toBeNull();
    expect(matchNames('rina kusumamenegaskan', 'rina kusuma')).toBe('GLUED');
    expect(matchNames('rina kusumaningrum', 'rina kusuma')).toBeNull();
    expect(nameParts('rina wulandari kusuma')).toEqual(['rina', 'kusuma', '~rwk']);
  });
});

const person = (id: number, name: string, positions: StoredPerson['positions'] = []): StoredPerson =>
  ({ id, name, key: name.toLowerCase(), registry: new Map(), positions });
const incoming = (name: string, positions: IncomingPerson['positions'] = []): IncomingPerson =>
  ({ name, key: name.toLowerCase(), formKeys: [], positions, articleInsts: new Set(), curated: null });

describe('person decisions', () => {
  test('a one-word name joins the one whose specific title it shares; without evidence it is left for an editor', () => {
    const president = person(1, 'Yudha Pranata', [{ title: 'Presiden', institution_id: null, institution: null }]);
    const police = person(2, 'Adi Wirya Pranata', [{ title: 'Kepala Kepolisian Negara Republik Indonesia', institution_id: 7, institution: 'Kepolisian Negara Republik Indonesia' }]);
    const d = decidePerson(incoming('Pranata', [{ title: 'Presiden', institution_id: null, institution: null }]), [president, police]);
    expect(d).toMatchObject({ id: 1, method: 'ONE_WORD' });
    expect(d.reason).toMatch(/Presiden/);
    const bare = decidePerson(incoming('Pranata'), [president, police]);
    expect(bare.id).toBeNull();
    expect(bare.ambiguous.sort()).toEqual([1, 2]);
  });

  test('the same full name with another national title is one person; with other local offices it is two', () => {
    const minister = person(1, 'Rahmat Santoso', [{ title: 'Menteri Perdagangan', institution_id: 3, institution: 'Kementerian Perdagangan' }]);
    expect(decidePerson(incoming('Rahmat Santoso', [{ title: 'Ketua Umum', institution_id: 9, institution: 'Partai Nusantara Raya' }]), [minister]).id).toBe(1);
    const local = person(2, 'Ahmad Wahyudi', [{ title: 'Kepala Dinas Kesehatan', institution_id: 4, institution: 'Dinas Kesehatan Kabupaten Sidoarjo' }]);
    expect(decidePerson(incoming('Ahmad Wahyudi', [{ title: 'Ketua', institution_id: 5, institution: 'DPRD Kabupaten Bone' }]), [local]).id).toBeNull();
  });

  test('a registered alias links; two people sharing a surname do not', () => {
    const p = { ...person(1, 'Teguh Wirasena Hadi'), registry: new Map([['twh', 'DECLARED']]) };
    expect(decidePerson(incoming('TWH'), [p])).toMatchObject({ id: 1, method: 'ALIAS' });
    expect(decidePerson(incoming('Dewi Harefa'), [person(2, 'Wiranto Harefa')]).id).toBeNull();
  });
});

describe('event evidence', () => {
  const side = (name: string, persons: number[], extra: Partial<EventSide> = {}): EventSide => ({
    name, forms: [], kind: EventKind.HEARING, startDate: '2025-06-18', endDate: null, venueId: 5, cityId: 6, organizers: new Set([9]), persons: new Set(persons), ...extra,
  });
  test('two verdicts by one judge on one day for different defendants are two events; two reports of one rakor are one', () => {
    const a: EventCandidate = { id: 1, ...side('Sidang putusan Darmono Sulistyo', [100, 101]) };
    const ev = eventEvidence(side('Sidang putusan Lestiani Kartika', [100, 102]), a);
    expect(ev.conflict).toBe(true);
    const rakor: EventCandidate = { id: 2, ...side('Rapat Koordinasi Penanganan Banjir Rob', [7], { kind: EventKind.RAKOR }) };
    const same = eventEvidence(side('Rapat Koordinasi Antisipasi Banjir Rob', [7], { kind: EventKind.RAKOR }), rakor);
    expect(same.conflict).toBe(false);
    expect(same.score).toBeGreaterThanOrEqual(0.6);
  });

  test('a hearing whose name says only its kind joins the one named after a defendant who took part in it', () => {
    const names = (m: Record<number, string>) => new Map(Object.entries(m).map(([k, v]) => [Number(k), v]));
    const named: EventCandidate = { id: 3, ...side('Sidang Vonis Yosef Lumbantobing', [100, 101], { personNames: names({ 100: 'Damar Prasetyo', 101: 'Yosef Lumbantobing' }) }) };
    const generic = side('Sidang Pembacaan Putusan', [100, 101], { venueId: 8, personNames: names({ 100: 'Damar Prasetyo', 101: 'Yosef Lumbantobing' }) });
    const ev = eventEvidence(generic, named);
    expect(ev.conflict).toBe(false);
    expect(ev.why).toContain('one name names a participant of the other');
    expect(ev.score).toBeGreaterThanOrEqual(0.6);
    // The same judge's hearing of another defendant: the name names no one who took part.
    const other = side('Sidang Pembacaan Putusan', [100, 102], { venueId: 8, personNames: names({ 100: 'Damar Prasetyo', 102: 'Wulan Sasmita' }) });
    expect(eventEvidence(other, named).conflict).toBe(true);
  });

  test('an acronym spelt out by the other name, and phrases the press writes two ways, count as the same name', () => {
    const meeting = (name: string, extra: Partial<EventSide> = {}) => side(name, [], { kind: EventKind.RAPAT, venueId: null, cityId: null, organizers: new Set(), ...extra });
    const rdg = eventEvidence(meeting('Konferensi pers RBK'), { id: 4, ...meeting('Rapat Badan Kebijakan Moneter', { startDate: '2025-06-17', endDate: '2025-06-18' }) });
    expect(rdg.why).toContain('one name spells out the other\'s acronym');
    expect(rdg.score).toBeGreaterThanOrEqual(0.6);
    const signing = (name: string) => side(name, [7], { kind: EventKind.PENANDATANGANAN, venueId: null, organizers: new Set() });
    const mou = eventEvidence(signing('Penandatanganan nota kesepahaman'), { id: 5, ...signing('Penandatanganan MoU antarlembaga') });
    expect(mou.why).toContain('same generic name');
    expect(mou.score).toBeGreaterThanOrEqual(0.6);
  });

  test('the score ingest weighs without reasons is the explained one\'s, link or conflict alike', () => {
    const meet = (name: string, date: string, persons: number[], extra: Partial<EventSide> = {}) =>
      side(name, persons, { kind: EventKind.RAPAT, startDate: date, venueId: null, cityId: null, organizers: new Set(), ...extra });
    const stored: EventCandidate = { id: 8, ...meet('Rapat Koordinasi Pengendalian Inflasi Daerah', '2025-03-04', [1, 2, 3], { venueId: 5 }) };
    const reports = [
      meet('Rakor Pengendalian Inflasi', '2025-03-04', [1, 2], { venueId: 5 }),
      meet('Rapat paripurna ke-7', '2025-03-05', [4]),
      meet('Rapat Koordinasi Pengendalian Inflasi Daerah', '2025-03-03', [3], { kind: EventKind.RAKOR }),
      meet('Rapat', '2025-03-04', []),
    ];
    const outcomes = new Set<string>();
    for (const r of reports) {
      const { score, conflict } = eventEvidence(r, stored);
      expect(eventScore(r, stored)).toEqual({ score, conflict });
      outcomes.add(conflict ? 'conflict' : score >= 0.6 ? 'link' : 'apart');
    }
    // The reports cover a link, a conflict and a candidate too weak to link.
    expect(outcomes).toEqual(new Set(['link', 'conflict', 'apart']));
  });

  test('different bodies holding two gatherings named only by kind is a conflict; a named report against a generic one with another co-host is not', () => {
    const held = (name: string, org: number, extra: Partial<EventSide> = {}) =>
      side(name, [], { kind: EventKind.RAPAT, startDate: '2025-03-04', venueId: 5, cityId: 3, organizers: new Set([org]), ...extra });
    expect(eventScore(held('Rapat umum pemegang saham tahunan', 9), { id: 1, ...held('Rapat umum pemegang saham tahunan', 10) }).conflict).toBe(true);
    const named = eventScore(held('Rapat', 9, { persons: new Set([1, 2]) }), { id: 2, ...held('Rapat Koordinasi Pengendalian Inflasi Daerah', 10, { persons: new Set([1, 2]) }) });
    expect(named.conflict).toBe(false);
    expect(named.score).toBeGreaterThanOrEqual(0.6);
  });

  test('a day apart links only names that say which gathering; kind words alone a day apart are two events', () => {
    const meet = (name: string, date: string, persons: number[]) => side(name, persons, { kind: EventKind.RAPAT, startDate: date, venueId: null, cityId: null, organizers: new Set() });
    const named = eventEvidence(meet('Rapat terbatas daring', '2025-06-18', [1, 2]), { id: 6, ...meet('Rapat terbatas', '2025-06-17', [1, 2]) });
    expect(named.conflict).toBe(false);
    expect(named.why).toContain('a day apart');
    expect(named.score).toBeGreaterThanOrEqual(0.6);
    expect(eventEvidence(meet('Rapat paripurna', '2025-06-18', [1, 2]), { id: 7, ...meet('Rapat paripurna', '2025-06-17', [1, 2]) }).conflict).toBe(true);
  });

  test('numbered editions of a series are different gatherings; the same number written twice is one', () => {
    const sitting = (name: string) => side(name, [7], { kind: EventKind.RAPAT });
    const twelfth: EventCandidate = { id: 8, ...sitting('Rapat Paripurna Dewan Kota ke-12') };
    const other = eventEvidence(sitting('Rapat Paripurna Dewan Kota ke-13'), twelfth);
    expect(other.conflict).toBe(true);
    expect(other.why).toContain('different numbers in the names');
    expect(eventEvidence(sitting('Rapat Paripurna ke 12 Dewan Kota'), twelfth).conflict).toBe(false);
    // A name without a number may be either edition; years compare with years, not with ordinals.
    expect(eventEvidence(sitting('Rapat Paripurna Dewan Kota'), twelfth).conflict).toBe(false);
    const fair = (name: string) => side(name, [7], { kind: EventKind.FESTIVAL });
    expect(eventEvidence(fair('Pameran Batik Nusantara 2024'), { id: 9, ...fair('Pameran Batik Nusantara 2023') }).conflict).toBe(true);
    expect(eventEvidence(fair('Pameran Batik Nusantara ke-5 2024'), { id: 10, ...fair('Pameran Batik Nusantara ke-5') }).conflict).toBe(false);
  });
});

describe('a report naming its gathering only by kind', () => {
  const ev = (name: string, persons: number[], extra: Partial<EventSide> = {}): EventSide => ({
    name, forms: [], kind: EventKind.RAPAT, startDate: '2025-06-18', endDate: null, venueId: null, cityId: null, organizers: new Set(), persons: new Set(persons), ...extra,
  });
  test('joins the one named gathering its people took part in that day, and no other', () => {
    const press = ev('Konferensi pers daring', [1]);
    const board: EventCandidate = { id: 1, ...ev('Rapat Dewan Kebijakan Fiskal', [1, 2], { startDate: '2025-06-17', endDate: '2025-06-18' }) };
    const ok = [{ conflict: false }];
    expect(soleNamedGathering(press, [board], ok)?.id).toBe(1);
    // Two named gatherings of that person that day: which one is not told.
    const visit: EventCandidate = { id: 2, ...ev('Kunjungan Pabrik Baja Cilegon', [1]) };
    expect(soleNamedGathering(press, [board, visit], [...ok, ...ok])).toBeNull();
    // A gathering named only by kind too says nothing; nor does one the day after.
    expect(soleNamedGathering(press, [{ id: 3, ...ev('Rapat koordinasi', [1]) }], ok)).toBeNull();
    expect(soleNamedGathering(press, [{ ...board, startDate: '2025-06-19', endDate: null }], ok)).toBeNull();
    // A report naming its gathering is decided by its evidence alone.
    expect(soleNamedGathering(ev('Rapat Anggaran Daerah', [1]), [board], ok)).toBeNull();
  });
});

describe('within one article', () => {
  test('a well-known nickname beside the full name in one article is that person', () => {
    const text = 'Menteri Sosial Saifullah Yusuf meninjau posko pengungsian. Gus Ipul menyerahkan bantuan kepada warga.';
    const span = (s: string) => { const start = text.indexOf(s); return { start, end: start + s.length, text: s }; };
    const x = { id: 't', article: {} as Extraction['article'], institutions: [], places: [], events: [], quotes: [], unresolved: [],
      persons: [
        { name: 'Saifullah Yusuf', aliases: [], positions: [{ title: 'Menteri Sosial', institution: 'Kementerian Sosial', region: null }], mentions: [span('Saifullah Yusuf')] },
        { name: 'Gus Ipul', aliases: [], positions: [], mentions: [span('Gus Ipul')] },
      ] } as unknown as Extraction;
    const r = resolveArticle(x, text);
    expect(r.persons.map((p) => [p.name, p.aliases, p.mentions.length])).toEqual([['Saifullah Yusuf', ['Gus Ipul'], 2]]);
  });

  test('a nickname declared after a full name binds to it; a glued "atau" is repaired', () => {
    const text = 'Menteri Sosial Rahmat Hidayat atau yang akrab disapa Cak Mat meninjau dapur umum. Cak Mat membagikan makanan. Budi Setiawanatau Wawan hadir.';
    const span = (s: string, from = 0) => { const start = text.indexOf(s, from); return { start, end: start + s.length, text: s }; };
    const x = { id: 't', article: {} as Extraction['article'], institutions: [], places: [], events: [], quotes: [], unresolved: [],
      persons: [
        { name: 'Rahmat Hidayat', aliases: [], positions: [{ title: 'Menteri Sosial', institution: null, region: null }], mentions: [span('Rahmat Hidayat')] },
        { name: 'Cak Mat', aliases: [], positions: [], mentions: [span('Cak Mat', 90)] },
        { name: 'Budi Setiawanatau Wawan', aliases: [], positions: [], mentions: [span('Budi Setiawanatau Wawan')] },
      ] } as unknown as Extraction;
    const r = resolveArticle(x, text);
    expect(r.persons.map((p) => [p.name, p.declared])).toEqual([['Rahmat Hidayat', ['Cak Mat']], ['Budi Setiawan', ['Wawan']]]);
    expect(r.persons[0].mentions).toHaveLength(2);
  });
});
