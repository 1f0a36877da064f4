/** Everything a partner surface shows about an event, read through the request's loaders (a fixed number of statements). */
import type { Db } from '../../db/database';
import { createLoaders, Loaders } from '../../graphql/read/loaders';
import { BARE } from '../../graphql/read/projection';
import { toEvent } from '../../graphql/read/rows';
import type { Event, Institution } from '../../graphql/types';
import { ParticipationRole } from '../../entities/enums';
import type { CatalogService, EventFilter } from '../../services/catalog.service';
import { EVENT_SLUG, PartnerError } from './params';

export interface EventView {
  id: number; slug: string; name: string; shortName: string | null; kind: string; startDate: string | null; endDate: string | null;
  venue: string | null; city: string | null; province: string | null; participantCount: number | null;
  organizers: Array<{ name: string; slug: string; kind: string; acronym: string | null }>;
  people: Array<{ name: string; slug: string; role: ParticipationRole; title: string | null; institution: string | null }>;
  /** Institutions taking part themselves (a delegation, an agency as speaker), each with its strongest role. */
  parties: Array<{ name: string; slug: string; kind: string; role: ParticipationRole }>;
  coverage: Array<{ title: string; slug: string; publishedOn: string | null; outlet: string | null; url: string | null }>;
}

export async function eventView(loaders: Loaders, e: Event): Promise<EventView> {
  const [venue, city, organizers, participants, coverage] = await Promise.all([
    e.venueId != null ? loaders.place.load(e.venueId) : null,
    e.cityId != null ? loaders.place.load(e.cityId) : null,
    loaders.organizersByEvent(null).load(e.dbId),
    loaders.participantsByEvent(BARE).load(e.dbId),
    loaders.coverageByEvent.load(e.dbId),
  ]);
  const persons = participants.filter((p) => p.personId != null);
  const byInstitution = participants.filter((p) => p.personId == null && p.institutionId != null);
  // The reads that depend on the first round go out together (on PostgreSQL each round is a wait for the pool and a
  // round trip): the province, the people's positions and the parties' institutions; then the positions' institutions.
  const [province, positions, partyRows] = await Promise.all([
    city?.parentId != null ? loaders.place.load(city.parentId) : null,
    Promise.all(persons.map((p) => loaders.currentPosition.load(p.personId!))),
    Promise.all(byInstitution.map((p) => loaders.institution.load(p.institutionId!))),
  ]);
  const insts = await Promise.all(positions.map((po) => (po?.institutionId != null ? loaders.institution.load(po.institutionId) : null)));
  // One line per person: the strongest role they had.
  const rank: Record<string, number> = { ORGANIZER: 0, HOST: 1, OPENER: 2, SPEAKER: 3, ATTENDEE: 4 };
  const people = new Map<string, EventView['people'][number]>();
  persons.forEach((p, i) => {
    const cur = people.get(p.person!.slug);
    if (cur && rank[cur.role] <= rank[p.role]) return;
    people.set(p.person!.slug, { name: p.person!.name, slug: p.person!.slug, role: p.role, title: positions[i]?.title ?? null, institution: (insts[i] as Institution | null)?.name ?? null });
  });
  const parties = new Map<string, EventView['parties'][number]>();
  byInstitution.forEach((p, i) => {
    const inst = partyRows[i] as Institution | null;
    if (!inst) return;
    const cur = parties.get(inst.slug);
    if (cur && rank[cur.role] <= rank[p.role]) return;
    parties.set(inst.slug, { name: inst.name, slug: inst.slug, kind: inst.kind, role: p.role });
  });
  return {
    id: e.dbId, slug: e.slug, name: e.name, shortName: e.shortName, kind: e.kind, startDate: e.startDate, endDate: e.endDate,
    venue: venue?.name ?? null, city: city?.name ?? null, province: province?.name ?? (city?.kind === 'PROVINCE' ? city.name : null),
    participantCount: e.participantCount,
    organizers: organizers.map((o) => ({ name: o.name, slug: o.slug, kind: o.kind, acronym: o.acronym })),
    people: [...people.values()].sort((a, b) => rank[a.role] - rank[b.role]),
    parties: [...parties.values()].sort((a, b) => rank[a.role] - rank[b.role]),
    coverage: coverage.map((a) => ({ title: a.title, slug: a.slug, publishedOn: a.publishedOn, outlet: a.outlet, url: a.sourceUrl ?? null })),
  };
}

/** The event of a slug (following merges), or a 404. */
export async function loadEvent(db: Db, catalog: CatalogService, slug: string): Promise<EventView> {
  if (!EVENT_SLUG.test(slug)) throw new PartnerError(404, 'no such event');
  const id = await catalog.idBySlug('event', slug);
  const loaders = createLoaders(db);
  const e = id == null ? null : await loaders.event.load(id);
  if (!e) throw new PartnerError(404, 'no such event');
  return eventView(loaders, e);
}

/** The first n events of a filtered list, latest first. */
export async function listEvents(db: Db, catalog: CatalogService, f: EventFilter, n: number): Promise<EventView[]> {
  const page = await catalog.events(f, { first: n, after: null });
  const loaders = createLoaders(db);
  return Promise.all(page.rows.slice(0, n).map((r) => eventView(loaders, toEvent(r))));
}
