import type { Extraction } from '../ingest/extract';

/** The contract of `warta extract --json` (DESIGN.md): only these fields, in this order. */
export function toContract(x: Extraction): unknown {
  return {
    id: x.id,
    article: x.article,
    persons: x.persons.map((p) => ({ name: p.name, aliases: p.aliases, positions: p.positions, mentions: p.mentions })),
    institutions: x.institutions.map((i) => ({ name: i.name, acronym: i.acronym, aliases: i.aliases, kind: i.kind, parent: i.parent, mentions: i.mentions })),
    places: x.places.map((p) => ({ name: p.name, kind: p.kind, code: p.code })),
    events: x.events.map((e) => ({
      name: e.name, aliases: e.aliases, kind: e.kind, startDate: e.startDate, endDate: e.endDate, venue: e.venue, city: e.city,
      organizers: e.organizers, participantCount: e.participantCount, participants: e.participants,
    })),
    quotes: x.quotes,
  };
}

