/**
 * Label-free health figures of an extraction run: what can be counted without gold, on every article.
 * A person whose name is an institution, a region or a title is judged by the project's own check list
 * (the gazetteers and a few head words), not by hand.
 */
import type { Extraction, WartaExtractor } from '../src/ingest/extract';
import { TITLES } from '../src/ingest/extract/gazetteer';

/** Words that start an institution's or a place's name, never a person's. */
const NOT_A_PERSON_HEAD = /^(?:Kementerian|Kemen\p{Lu}|Pemerintah|Pemkab|Pemkot|Pemprov|Dinas|Badan|Biro|Direktorat|Komisi|Lembaga|Universitas|Institut|Pengadilan|Kejaksaan|Kepolisian|Polres|Polda|Polresta|Rumah Sakit|RSUD|Partai|PT|Bank|Majelis|Dewan|DPR|DPRD|DPD|Sekretariat|Balai|Kabupaten|Kota|Provinsi|Kecamatan|Desa|Kelurahan|Jalan|Jl|Hotel|Gedung|Masjid|Undang-Undang|UU|Pasal|Peraturan|Perda|Perpres|Keputusan|Hari|Festival|Rapat|Sidang|Program)\b/u;
const TITLE_FORMS = new Set(TITLES.flatMap((t) => [t.full, ...t.forms]).map((f) => f.toLowerCase()));

export interface Health {
  articles: number;
  quotes: number; quotesWithoutSpeaker: number;
  positions: number; positionsWithoutInstitution: number;
  events: number; eventsWithParticipant: number;
  persons: number; personsNotPersons: number;
  /** Up to ten names the check list flags, to read. */
  flagged: string[];
}

export function isNotAPerson(x: WartaExtractor, name: string): boolean {
  return NOT_A_PERSON_HEAD.test(name) || !!x.regions.lookup(name) || !!x.institutionEntry(name) || TITLE_FORMS.has(name.toLowerCase());
}

export function health(x: WartaExtractor, runs: Extraction[]): Health {
  const h: Health = { articles: runs.length, quotes: 0, quotesWithoutSpeaker: 0, positions: 0, positionsWithoutInstitution: 0, events: 0, eventsWithParticipant: 0, persons: 0, personsNotPersons: 0, flagged: [] };
  for (const r of runs) {
    for (const q of r.quotes) { h.quotes++; if (!q.speaker) h.quotesWithoutSpeaker++; }
    for (const p of r.persons) {
      h.persons++;
      if (isNotAPerson(x, p.name)) { h.personsNotPersons++; if (h.flagged.length < 10) h.flagged.push(p.name); }
      for (const pos of p.positions) { h.positions++; if (!pos.institution) h.positionsWithoutInstitution++; }
    }
    for (const e of r.events) { h.events++; if (e.participants.length > 0) h.eventsWithParticipant++; }
  }
  return h;
}

const pct = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)} %`);

/** One table: the figure, its value, the counts behind it and the bound. */
export function formatHealth(h: Health): string {
  const rows: Array<[string, string, string, string]> = [
    ['quotes without a speaker', pct(h.quotesWithoutSpeaker, h.quotes), `${h.quotesWithoutSpeaker}/${h.quotes}`, '<= 15 %'],
    ['positions without an institution', pct(h.positionsWithoutInstitution, h.positions), `${h.positionsWithoutInstitution}/${h.positions}`, '<= 15 %'],
    ['events with a participant', pct(h.eventsWithParticipant, h.events), `${h.eventsWithParticipant}/${h.events}`, '>= 60 %'],
    ['persons that are no person (check list)', pct(h.personsNotPersons, h.persons), `${h.personsNotPersons}/${h.persons}`, '<= 1 %'],
  ];
  const lines = rows.map(([a, b, c, d]) => `${a.padEnd(42)}${b.padStart(8)}  ${c.padStart(11)}   ${d}`);
  if (h.flagged.length) lines.push(`flagged (first ${h.flagged.length}): ${h.flagged.join('; ')}`);
  return lines.join('\n');
}
