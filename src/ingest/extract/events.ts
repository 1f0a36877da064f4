/**
 * Events stage: event phrases by type word, grouped into events, with dates, venue, city, organisers,
 * the reported participant count and the participants with their roles.
 */
import { EventKind, ParticipationRole, PlaceKind } from '../../entities/enums';
import { findDates } from './dates';
import { EVENT_TYPES, EventTypeEntry } from './gazetteer';
import type { ArticleRun, XEvent, XParticipant } from './index';
import { escapeRe, nameKey } from './text';

const EVENT_FORMS = EVENT_TYPES.flatMap((e) => e.forms.map((form) => ({ form, entry: e }))).sort((a, b) => b.form.length - a.form.length);
const EVENT_RE = new RegExp(`(?<![\\p{L}\\d])(${EVENT_FORMS.map((e) => escapeRe(e.form)).join('|')})(?![\\p{L}\\d])`, 'gu');
const EVENT_BY_FORM = new Map(EVENT_FORMS.map((e) => [e.form, e.entry]));
export const EVENT_FULL = new Map<string, string>(EVENT_TYPES.flatMap((e) => (e.full ? e.forms.filter((f) => !f.includes(' ')).map((f) => [f, e.full!] as [string, string]) : [])));


export function collectEvents(run: ArticleRun): XEvent[] {
  interface Occ { start: number; end: number; kind: EventKind; entry: EventTypeEntry; surface: string; expanded: string; bare: boolean }
  const occs: Occ[] = [];
  for (const m of run.text.matchAll(EVENT_RE)) {
    const entry = EVENT_BY_FORM.get(m[1])!;
    const start = m.index!;
    // The phrase: the type word, a defining "(Rakor)", then capitalised words and connectors.
    const re = /[ \t]*(\([^()\n]{1,30}\)|[\p{L}\d][\p{L}\d'’&/-]*)/uy;
    let i = start + m[1].length;
    const words: Array<{ w: string; end: number }> = [];
    while (words.length < 12) {
      re.lastIndex = i;
      const w = re.exec(run.text);
      if (!w) break;
      const t = w[1];
      const cap = /^[\p{Lu}\d(]/u.test(t);
      if (!cap && !(t === 'se' || t === 'dan' || t === 'tentang' || t === 'tahun')) break;
      if (/^(Digelar|Dibuka|Diikuti|Dihadiri|Resmi|Berlangsung|Sukses|Kali|Ini|Itu)$/.test(t)) break;
      if (cap && !t.startsWith('(') && run.x.regions.lookup(t) && words.length > 0 && !/^(se|Kabupaten|Kota|Provinsi|Pemkab|Pemkot|Pemprov|DPRD|Kab\.?)$/.test(words[words.length - 1].w) && !/^\d/.test(t)) break;
      words.push({ w: t, end: w.index + w[0].length });
      i = w.index + w[0].length;
    }
    while (words.length && /^(se|dan|tentang|tahun)$/.test(words[words.length - 1].w)) words.pop();
    const end = words.length ? words[words.length - 1].end : start + m[1].length;
    const surface = run.text.slice(start, end).replace(/\s+/g, ' ');
    // "Rapat Koordinasi (Rakor) … (SOP)" is also written "Rakor … SOP": keep that short form as an alias.
    let shortForm = surface;
    for (const [acr, long] of run.defs) shortForm = shortForm.replace(`${long} (${acr})`, acr);
    if (entry.full) shortForm = shortForm.replace(`${entry.full} (${m[1]})`, m[1]);
    const noParens = surface.replace(/\s*\([^)]*\)/g, '');
    const full = entry.full && m[1] !== entry.full && !m[1].includes(' ') ? entry.full + noParens.slice(m[1].length) : noParens;
    const expanded = run.expandAcronyms(full).replace(/\s+/g, ' ');
    // A lone lower-case-context keyword without any qualifier is a reference, not a new event.
    occs.push({ start, end, kind: entry.kind, entry, surface: shortForm.includes('(') ? noParens : shortForm, expanded, bare: words.filter((w) => !w.w.startsWith('(')).length === 0 });
  }
  // Group occurrences by kind: a bare "Rakor" joins the named Rakor; differently named ones of a kind stay apart.
  // Grouped by event type entry (Rakor and Rapat Koordinasi are one entry; Pilkada and Pemilu are two).
  interface Group { kind: EventKind; entry: EventTypeEntry; occs: Occ[]; name: string }
  const groups: Group[] = [];
  // Keys of the phrases met so far: a text repeating one phrase thousands of times compares it with itself as often.
  const keys = new Map<string, string>();
  for (const o of occs) {
    const g = groups.find((x) => x.entry === o.entry && (o.bare || x.name === '' || compatibleNames(x.name, o.expanded, keys)));
    if (g) { g.occs.push(o); if (!o.bare && o.expanded.length > g.name.length) g.name = o.expanded; }
    else groups.push({ kind: o.kind, entry: o.entry, occs: [o], name: o.bare ? '' : o.expanded });
  }
  const out: XEvent[] = [];
  const refDate = run.a.publishedOn;
  for (const g of groups) {
    const paras = [...new Set(g.occs.map((o) => run.paraOf(o.start)))];
    const paraTexts = paras.map((p) => ({ start: run.paraStarts[p], text: run.paraText(p) }));
    // Dates: a range in the event's paragraphs wins; else the first date expression there.
    let startDate: string | null = null, endDate: string | null = null;
    const dates = paraTexts.flatMap((p) => findDates(p.text, refDate));
    const range = dates.find((d) => d.start !== d.end);
    const pick = range ?? dates[0];
    if (pick) { startDate = pick.start; endDate = pick.end; }
    // Venue and city.
    const venues = run.findVenues().filter((v) => paras.includes(run.paraOf(v.start)));
    const venue = venues[0] ?? null;
    let city: string | null = venue?.city?.name ?? null;
    if (!city) {
      for (const p of paraTexts) {
        const m = /\b(?:di|digelar di|berlangsung di)\s+(?:Kabupaten\s+|Kota\s+)?(\p{Lu}[\p{L}]+(?:\s+\p{Lu}[\p{L}]+)?)/u.exec(p.text);
        if (m) { const r = run.x.regions.lookup(m[1]) ?? run.x.regions.lookup(m[1].split(' ')[0]); if (r && r.kind !== PlaceKind.PROVINCE) { city = r.name; break; } }
      }
    }
    // Regional news is filed from where things happen: the dateline is the last resort for the city.
    if (!city && run.a.dateline) { const r = run.x.regions.lookup(run.a.dateline); if (r && r.kind !== PlaceKind.PROVINCE) city = r.name; }
    // Organisers: "digelar/diselenggarakan (oleh) X", "X menggelar".
    const organizers: string[] = [];
    for (const p of paraTexts) {
      for (const m of p.text.matchAll(/\b(?:digelar|diselenggarakan|diadakan|dilaksanakan|digagas|diinisiasi)\s+(?:oleh\s+)?/g)) {
        const at = p.start + m.index! + m[0].length;
        const h = run.instHits.find((x) => x.start === at);
        if (h && !organizers.includes(h.name)) organizers.push(h.name);
      }
      for (const h of run.instHits.filter((x) => x.start >= p.start && x.end <= p.start + p.text.length)) {
        if (/^\s*(?:\([^)]*\)\s*)?(?:RI\s+)?(?:menggelar|menyelenggarakan|mengadakan|melaksanakan)\b/.test(run.text.slice(h.end, h.end + 40)) && !organizers.includes(h.name)) organizers.push(h.name);
      }
    }
    // Reported participant count.
    let participantCount: number | null = null;
    for (const p of paraTexts) {
      const m = /\b(\d{1,3}(?:\.\d{3})*|\d+)\s+(?:orang\s+)?(?:peserta|undangan)\b/.exec(p.text) ?? /\bdiikuti\s+(?:oleh\s+)?(?:sekitar\s+|sebanyak\s+)?(\d{1,3}(?:\.\d{3})*|\d+)\s+(?:orang|peserta)/.exec(p.text);
      if (m) { participantCount = Number(m[1].replace(/\./g, '')); break; }
    }
    const participants = participantsIn(run, paras);
    const named = !g.occs.every((o) => o.bare);
    if (!named && !startDate && !venue && organizers.length === 0 && participants.length === 0) continue;
    const name = g.name || g.entry.full || g.occs[0].surface;
    const aliases = [...new Set(g.occs.filter((o) => !o.bare).map((o) => o.surface).filter((s) => s !== name))];
    // Drop an alias that is a prefix of a longer alias only when it never stands alone… all are kept: they are real forms.
    out.push({
      name, aliases, kind: g.kind, startDate, endDate, venue: venue?.name ?? null, city, organizers, participantCount, participants,
      mentions: g.occs.map((o) => ({ start: o.start, end: o.end, text: run.text.slice(o.start, o.end) })),
    });
  }
  return out;
}

/** Persons in the given paragraphs with a role from the verbs around their mention. */
export function participantsIn(run: ArticleRun, paras: number[]): XParticipant[] {
  const rank: Record<ParticipationRole, number> = { OPENER: 4, HOST: 3, SPEAKER: 2, ATTENDEE: 1, ORGANIZER: 5 };
  const roles = new Map<string, ParticipationRole>();
  // The event's paragraphs and the one after each: "Rakor dibuka …" is often followed by who else came.
  const scope = new Set(paras.flatMap((p) => [p, p + 1]));
  for (const sp of [...scope].sort((p, q) => p - q).flatMap((p) => (p < run.paraStarts.length ? run.spansWithin(run.paraStarts[p], run.paraStarts[p] + run.paraText(p).length) : []))) {
    const before = run.text.slice(Math.max(0, sp.start - 40), sp.start);
    const sentenceEnd = run.text.slice(sp.end).search(/[.!?](\s|$)/);
    const after = run.text.slice(sp.end, sp.end + (sentenceEnd < 0 ? 120 : Math.min(sentenceEnd, 120)));
    let role: ParticipationRole | null = null;
    if (/\b(dibuka|diresmikan|dibuka secara resmi|dibuka langsung)\s+(oleh\s+)?$/i.test(before) || /^\s*(membuka|meresmikan)\b/.test(after)) role = ParticipationRole.OPENER;
    else if (/^\s*(?:[^.]{0,30}\s)?(memaparkan|menyampaikan materi|memberikan sambutan|memberi sambutan|menjadi narasumber|menjadi pembicara)\b/.test(after) || /\b(narasumber|pembicara|pemateri)\s*,?\s*$/.test(before)) role = ParticipationRole.SPEAKER;
    else if (/\b(dipimpin|disambut(?:\s+langsung)?)\s+(oleh\s+)?$/i.test(before) || /^\s*(memimpin|menyambut)\b/.test(after)) role = ParticipationRole.HOST;
    else if (/^\s*(?:juga\s+|turut\s+|tampak\s+)?(hadir|menghadiri)\b/.test(after) || /\b(dihadiri|hadir pula|turut hadir|tampak hadir|hadir bersama|hadir didampingi)\s+(oleh\s+)?$/i.test(before)) role = ParticipationRole.ATTENDEE;
    if (!role) continue;
    const name = sp.acc.name;
    const cur = roles.get(name);
    if (!cur || rank[role] > rank[cur]) roles.set(name, role);
  }
  return [...roles.entries()].map(([person, role]) => ({ person, role }));
}



function compatibleNames(a: string, b: string, keys: Map<string, string>): boolean {
  const key = (s: string) => { let k = keys.get(s); if (k === undefined) keys.set(s, (k = nameKey(s))); return k; };
  const x = key(a), y = key(b);
  return x.startsWith(y) || y.startsWith(x);
}
