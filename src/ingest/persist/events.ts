import { EventKind, ParticipationRole, PlaceKind } from '../../entities/enums';
import type { XEvent } from '../extract';
import { EVENT_FORMS_MAX, EVENT_LINK_THRESHOLD, eventScore, EventCandidate, EventSide, kindFamily, soleNamedGathering } from '../resolve/events';
import { personKey } from '../../text/normalize';
import { EVENT_COLS } from './columns';
import type { StoredEvent } from './columns';
import { eventSlug } from './keys';
import { PersonPersister } from './persons';

/** Events of an article with their organisers and participations. */
export abstract class EventPersister extends PersonPersister {
  /** Same kind, same start date (or none) and a compatible name → the same event. */
  async event(e: XEvent, articleId: number): Promise<number> {
    const { db, tx } = this;
    const venueId = e.venue ? await this.place(e.venue, PlaceKind.VENUE, null, e.city) : null;
    const cityPlace = e.city ? this.x.places.find((p) => p.name === e.city && (p.kind === PlaceKind.REGENCY || p.kind === PlaceKind.CITY)) : undefined;
    const cityId = cityPlace ? await this.place(cityPlace.name, cityPlace.kind, cityPlace.code, cityPlace.parent) : null;
    // Resolve (ingest/resolve/events.ts): stored events of a related kind whose dates overlap, scored on name, place,
    // organisers and participants; the best one at or above the threshold is this event.
    const family = kindFamily(e.kind as EventKind);
    const organizerIds: number[] = [];
    for (const o of e.organizers) organizerIds.push(await this.institution(o, null, [], null));
    // The participating persons' ids, with the names this report gives them (one lookup each).
    const personNames = new Map<number, string>();
    for (const pa of e.participants) { const pid = pa.person ? this.personIds.get(personKey(pa.person)) : undefined; if (pid != null) personNames.set(pid, pa.person!); }
    const personIdsOf = new Set(personNames.keys());
    const end = e.endDate ?? e.startDate;
    const { batch } = this;
    const cands = batch.eventCandidates(family, e.startDate, end);
    const mine: EventSide = {
      name: e.name, forms: e.aliases, kind: e.kind as EventKind, startDate: e.startDate, endDate: e.endDate, venueId, cityId, organizers: new Set(organizerIds), persons: personIdsOf, personNames,
    };
    const empty = new Set<number>();
    const side = (c: StoredEvent, parties: boolean): EventCandidate => ({
      id: c.id, name: c.name, forms: [c.shortName, ...c.aliases].filter((f): f is string => !!f), kind: c.kind as EventKind,
      startDate: c.start, endDate: c.end, venueId: c.venue, cityId: c.city, organizers: parties ? c.organizers : empty, persons: parties ? c.persons : empty,
      personNames: parties ? c.personNames : undefined,
    });
    // Organisers and participants count only when they could still lift a candidate over the threshold (as when they
    // were read per event): the sides without them decide that.
    const bare = cands.map((c) => (c.bare ??= side(c, false)));
    const bareEvidence = bare.map((c) => eventScore(mine, c));
    const undecided = bareEvidence.some((ev) => !ev.conflict && ev.score < EVENT_LINK_THRESHOLD && ev.score + 0.5 >= EVENT_LINK_THRESHOLD);
    // Hearings always: whose hearing it was is told by the people in it; and a link a held report would make, since
    // different bodies holding gatherings named only by their kind hold different ones (resolve/events.ts).
    const linking = organizerIds.length > 0 && bareEvidence.some((ev) => !ev.conflict && ev.score >= EVENT_LINK_THRESHOLD);
    const parties = cands.length > 0 && (undecided || linking || e.kind === EventKind.HEARING) && (organizerIds.length > 0 || personIdsOf.size > 0);
    if (parties) await batch.loadEventParties(db, tx, cands);
    const evidence = parties ? cands.map((c) => eventScore(mine, (c.full ??= side(c, true)))) : bareEvidence;
    const scored = cands.map((c, i) => ({ c, ...evidence[i] })).filter((x) => !x.conflict && x.score >= EVENT_LINK_THRESHOLD).sort((x, y) => y.score - x.score || x.c.id - y.c.id);
    const sole = scored.length || !parties ? null : soleNamedGathering(mine, cands.map((c) => c.full!), evidence);
    const hit = scored[0]?.c ?? (sole ? cands.find((c) => c.id === sole.id) : undefined);
    let id: number;
    if (hit) {
      id = hit.id;
      this.linked.events++;
      const more = [e.name, ...e.aliases].filter((f) => f !== hit.name && !hit.aliases.includes(f));
      if (more.length && hit.aliases.length < EVENT_FORMS_MAX) hit.aliases = [...hit.aliases, ...more].slice(0, EVENT_FORMS_MAX);
      hit.start ??= e.startDate; hit.end ??= e.endDate; hit.venue ??= venueId; hit.city ??= cityId;
      if (hit.count == null && e.participantCount != null) { hit.count = e.participantCount; hit.countArticle = articleId; }
      hit.bare = hit.full = undefined;
      if (hit.pending) {
        const row = hit.pending, at = (c: typeof EVENT_COLS[number]) => EVENT_COLS.indexOf(c);
        row[at('aliases')] = JSON.stringify(hit.aliases); row[at('start_date')] = hit.start; row[at('end_date')] = hit.end; row[at('venue_id')] = hit.venue;
        row[at('city_id')] = hit.city; row[at('participant_count')] = hit.count; row[at('participant_count_article_id')] = hit.countArticle;
      } else if (batch.deferred) batch.eventsChanged.add(id);
      else {
        await db.exec(
          `UPDATE event SET aliases = ?, start_date = COALESCE(start_date, ?), end_date = COALESCE(end_date, ?), venue_id = COALESCE(venue_id, ?),
           city_id = COALESCE(city_id, ?), participant_count_article_id = CASE WHEN participant_count IS NULL AND CAST(? AS INTEGER) IS NOT NULL THEN CAST(? AS INTEGER) ELSE participant_count_article_id END,
           participant_count = COALESCE(participant_count, ?) WHERE id = ?`,
          [JSON.stringify(hit.aliases), e.startDate, e.endDate, venueId, cityId, e.participantCount, articleId, e.participantCount, id], tx);
      }
    } else {
      const shortName = e.aliases.slice().sort((x, y) => x.length - y.length)[0] ?? null;
      const base = eventSlug(e);
      const slug = batch.deferred ? batch.claimSlugSeries('event', base) : null;
      const values = {
        name: e.name, short_name: shortName, aliases: e.aliases, kind: e.kind as EventKind, start_date: e.startDate, end_date: e.endDate,
        venue_id: venueId, city_id: cityId, participant_count: e.participantCount, participant_count_article_id: e.participantCount != null ? articleId : null, merged_into_id: null,
      };
      let pending: unknown[] | undefined;
      if (slug) {
        id = await batch.nextId(db, tx, 'event');
        pending = EVENT_COLS.map((c) => (c === 'id' ? id : c === 'slug' ? slug : c === 'aliases' ? JSON.stringify(e.aliases) : values[c]));
        await this.insertRows('event', [...EVENT_COLS], [pending]);
      } else {
        // Deferred events hold their slugs only in memory: the waiting rows go in first, so that the slug search sees them.
        if (batch.deferred) await batch.flushDeferred(db, tx);
        id = await this.insertWithSlug('event', base, values);
      }
      batch.addEvent({ id, name: e.name, shortName, aliases: [...e.aliases], kind: e.kind, start: e.startDate, end: e.endDate, venue: venueId, city: cityId,
        count: e.participantCount, countArticle: e.participantCount != null ? articleId : null, organizers: new Set(), persons: new Set(), personNames: new Map(), partiesLoaded: true, pending });
      this.created.events++;
      batch.created.add(`EVENT:${id}`);
    }
    const stored = batch.events.get(id)!;
    await this.insertRows('article_event', ['article_id', 'event_id'], [[articleId, id]], ['article_id', 'event_id']);
    for (const o of e.organizers) {
      const iid = await this.institution(o, null, [], null);
      await this.insertRows('event_organizer', ['event_id', 'institution_id'], [[id, iid]], ['event_id', 'institution_id']);
      stored.organizers.add(iid); // the full side holds this very set
    }
    for (const part of e.participants) {
      const pid = part.person ? this.personIds.get(personKey(part.person)) : undefined;
      const iid = part.institution ? await this.institution(part.institution, null, [], null) : undefined;
      if (pid == null && iid == null) continue;
      await this.insertRows('participation', ['event_id', 'person_id', 'institution_id', 'party_key', 'role', 'evidence_article_id'],
        [[id, pid ?? null, iid ?? null, pid != null ? `p:${pid}` : `i:${iid}`, part.role as ParticipationRole, articleId]], ['event_id', 'party_key', 'role']);
      if (pid != null) { stored.persons.add(pid); stored.personNames.set(pid, part.person!); }
    }
    return id;
  }
}
