/**
 * Rows → GraphQL objects. The services and loaders read plain rows (services/columns.ts, derived from the entities);
 * here each becomes its type's object, with its global id and the to-one neighbours its statement folded in. No ORM
 * entity is hydrated per request.
 *
 * Each object is built whole, in one literal of a fixed shape, by a function written out once per type (and per
 * prefix of a folded row) from the columns the read path selects: a column added to the entity is carried without a
 * change here. Adding properties to a row afterwards changed its hidden class and allocated a second property store per
 * object; a field a projection left out is undefined (null where the column is nullable).
 */
import type { Row } from '../../db/database';
import type { ReadColumn } from '../../db/columns';
import { READ } from '../../services/columns';
import type { Article, Event, Institution, Mention, Participation, Person, Place, Position, Quote } from '../types';
import { NodeType, toGlobalId, toKeyedId, toStableId } from '../ids';

const num = (v: unknown) => (v == null ? null : Number(v));

/**
 * Writes the maker of one type's objects: `(row, dbId, id, ...extras) => { dbId, id, <columns>, <extras> }`, reading
 * each column at `prefix + property` (a folded row's columns carry their prefix). An extra named like a column
 * replaces it (a folded position's person is its parent row's).
 */
function maker<T>(cols: readonly ReadColumn[], prefix: string, extras: readonly string[] = []): (r: Row, dbId: number, id: string, ...extras: unknown[]) => T {
  const fields = cols.filter((c) => !c.primary && !extras.includes(c.as)).map((c) => {
    const v = `r[${JSON.stringify(prefix + c.as)}]`;
    return `${JSON.stringify(c.as)}: ${c.numeric ? `num(${v})` : c.nullable ? `${v} ?? null` : v}`;
  });
  const args = ['r', 'dbId', 'id', ...extras].join(', ');
  return new Function('num', `return function (${args}) { return { ${['dbId', 'id', ...fields, ...extras].join(', ')} }; };`)(num);
}

const article = maker<Article>(READ.article, '');
const person = maker<Person>(READ.person, '', ['currentPosition']);
/** A participation's person (`p_`), with its current position when the row carries it (`cp_`). */
const foldedPerson = maker<Person>(READ.person, 'p_', ['currentPosition']);
const institution = maker<Institution>(READ.institution, '');
/** Folded institutions: an event's organisers (`o_`), a position's (`i_`), a current position's (`cp_i_`). */
const foldedInstitution = { o_: maker<Institution>(READ.institution, 'o_'), i_: maker<Institution>(READ.institution, 'i_'), cp_i_: maker<Institution>(READ.institution, 'cp_i_') };
const place = maker<Place>(READ.place, '');
/** An event's venue (`v_`) and city (`c_`). */
const foldedPlace = { v_: maker<Place>(READ.place, 'v_'), c_: maker<Place>(READ.place, 'c_') };
const event = maker<Event>(READ.event, '', ['venue', 'city', 'organizers']);
const position = maker<Position>(READ.position, '', ['institution']);
/** A person's current position (`cp_`), whose person is the row's own. */
const currentPosition = maker<Position>(READ.position, 'cp_', ['personId', 'institution']);
const participation = maker<Participation>(READ.participation, '', ['person']);
const participationWithDate = maker<Participation>(READ.participation, '', ['person', 'date']);
const mention = maker<Mention>(READ.mention, '');
const quote = maker<Quote>(READ.quote, '');

const slugged = (type: NodeType, dbId: number, r: Row, prefix: string) => toStableId(type, dbId, r[`${prefix}slug`]);

export function toArticle(r: Row): Article {
  const dbId = Number(r.dbId);
  return article(r, dbId, toStableId('Article', dbId, r.slug));
}

function foldedInstitutionOf(r: Row, prefix: keyof typeof foldedInstitution, dbId: number): Institution {
  return foldedInstitution[prefix](r, dbId, slugged('Institution', dbId, r, prefix));
}

/** The current position of the row's person `personId`: folded when the row carries its columns (and its institution's, marked by cp_i_id). */
function currentPositionOf(r: Row, personId: number): Position | null | undefined {
  if (!('cp_id' in r)) return undefined;
  const instId = num(r.cp_institutionId);
  const inst = !('cp_i_id' in r) ? undefined : instId == null ? null : foldedInstitutionOf(r, 'cp_i_', instId);
  return r.cp_id == null ? null : currentPosition(r, Number(r.cp_id), toKeyedId('Position', Number(r.cp_id), [r.cp_nodeKey]), personId, inst);
}

export function toPerson(r: Row): Person {
  const dbId = Number(r.dbId);
  return person(r, dbId, toStableId('Person', dbId, r.slug), currentPositionOf(r, dbId));
}
export function toInstitution(r: Row): Institution {
  const dbId = Number(r.dbId);
  return institution(r, dbId, toStableId('Institution', dbId, r.slug));
}
export function toPlace(r: Row): Place {
  const dbId = Number(r.dbId);
  return place(r, dbId, toStableId('Place', dbId, r.slug));
}
function foldedPlaceOf(r: Row, prefix: 'v_' | 'c_', id: number | null): Place | null {
  return id == null ? null : foldedPlace[prefix](r, id, slugged('Place', id, r, prefix));
}
export function toEvent(r: Row): Event {
  const dbId = Number(r.dbId);
  return event(r, dbId, toStableId('Event', dbId, r.slug), foldedPlaceOf(r, 'v_', num(r.venueId)), foldedPlaceOf(r, 'c_', num(r.cityId)), undefined);
}

/** Rows of events × organisers (ordered by event, then organiser) → events carrying their organisers, grouped by `key`. */
export function toEventsWithOrganizers(rows: Row[], key: string): Map<number, Event[]> {
  const by = new Map<number, Event[]>();
  let last: { k: number; id: number; e: Event } | null = null;
  for (const r of rows) {
    const k = Number(r[key]), id = Number(r.dbId);
    if (!last || last.k !== k || last.id !== id) {
      const e = toEvent(r);
      e.organizers = [];
      let list = by.get(k);
      if (!list) by.set(k, (list = []));
      list.push(e);
      last = { k, id, e };
    }
    if (r.o_id != null) last.e.organizers!.push(foldedInstitutionOf(r, 'o_', Number(r.o_id)));
  }
  return by;
}

export function toPosition(r: Row): Position {
  const dbId = Number(r.dbId), institutionId = num(r.institutionId);
  // Folded when the row carries the institution's columns; otherwise Position.institution loads it.
  const inst = !('i_parentId' in r) ? undefined : institutionId == null ? null : foldedInstitutionOf(r, 'i_', institutionId);
  return position(r, dbId, toKeyedId('Position', dbId, [r.nodeKey]), inst);
}
function foldedPersonOf(r: Row): Person | null {
  const id = num(r.personId);
  return id == null ? null : foldedPerson(r, id, slugged('Person', id, r, 'p_'), currentPositionOf(r, id));
}
export function toParticipation(r: Row): Participation {
  const dbId = Number(r.dbId);
  return participation(r, dbId, toGlobalId('Participation', dbId), foldedPersonOf(r));
}
/** A participation with its event's start date (attendance rows carry it as `date`). */
export function toParticipationWithDate(r: Row): Participation {
  const dbId = Number(r.dbId);
  return participationWithDate(r, dbId, toGlobalId('Participation', dbId), foldedPersonOf(r), (r.date as string | null) ?? null);
}
export function toMention(r: Row): Mention {
  const dbId = Number(r.dbId);
  return mention(r, dbId, toGlobalId('Mention', dbId));
}
export function toQuote(r: Row): Quote {
  const dbId = Number(r.dbId);
  return quote(r, dbId, toGlobalId('Quote', dbId));
}

/** node(id) for the types read through catalog's nodeRow. */
export function toNode(type: string, r: Row): Position | Participation | Mention | Quote | null {
  switch (type) {
    case 'Position': return toPosition(r);
    case 'Participation': return toParticipation(r);
    case 'Mention': return toMention(r);
    case 'Quote': return toQuote(r);
    default: return null;
  }
}
