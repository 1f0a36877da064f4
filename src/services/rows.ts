/**
 * Column lists and row mappers for the read path: rows come back already shaped like the GraphQL
 * types (camelCase aliases), so no ORM entity is hydrated per request.
 */
import type { Article, Event, Institution, Mention, Participation, Person, Place, Position, Quote } from '../graphql/types';
import { toGlobalId, toKeyedId, toStableId } from '../graphql/ids';
import type { Row } from '../db/database';
import type { Selection } from '../graphql/selection';

export const ARTICLE_COLS = `a.id AS "dbId", a.slug, a.title, a.section, a.outlet, a.dateline, a.byline, a.published_on AS "publishedOn",
  a.published_at AS "publishedAt", a.language, a.source_url AS "sourceUrl"`;
export const PERSON_COLS = `p.id AS "dbId", p.slug, p.name, p.aliases AS "aliasesJson"`;
export const INSTITUTION_COLS = `i.id AS "dbId", i.slug, i.name, i.acronym, i.kind, i.region_code AS "regionCode", i.parent_id AS "parentId", i.aliases AS "aliasesJson"`;
export const PLACE_COLS = `pl.id AS "dbId", pl.slug, pl.name, pl.kind, pl.region_code AS "code", pl.parent_id AS "parentId"`;
/** Events come with their venue and city folded in (one query instead of two more). */
export const EVENT_COLS = `e.id AS "dbId", e.slug, e.name, e.short_name AS "shortName", e.kind, e.start_date AS "startDate", e.end_date AS "endDate",
  e.participant_count AS "participantCount", e.venue_id AS "venueId", e.city_id AS "cityId", e.participant_count_article_id AS "participantCountArticleId",
  e.aliases AS "aliasesJson", v.slug AS "v_slug", v.name AS "v_name", v.kind AS "v_kind", v.region_code AS "v_code", v.parent_id AS "v_parentId",
  c.slug AS "c_slug", c.name AS "c_name", c.kind AS "c_kind", c.region_code AS "c_code", c.parent_id AS "c_parentId"`;
export const EVENT_JOINS = `LEFT JOIN place v ON v.id = e.venue_id LEFT JOIN place c ON c.id = e.city_id`;
export const EVENT_FROM = `event e ${EVENT_JOINS}`;
/** Positions come with their institution folded in. */
export const POSITION_COLS = `po.id AS "dbId", po.node_key AS "nodeKey", po.title, po.valid_from AS "validFrom", po.valid_to AS "validTo", po.person_id AS "personId",
  po.institution_id AS "institutionId", po.evidence_article_id AS "evidenceArticleId", i.slug AS "i_slug", i.name AS "i_name", i.acronym AS "i_acronym",
  i.kind AS "i_kind", i.region_code AS "i_regionCode", i.parent_id AS "i_parentId", i.aliases AS "i_aliasesJson"`;
export const POSITION_FROM = `position po LEFT JOIN institution i ON i.id = po.institution_id`;
/** A person's current (latest-evidenced) position and its institution, joined to `p` (one probe of idx_position_current each). */
export const CURRENT_POSITION_JOINS = `LEFT JOIN position cp ON cp.id = (SELECT x.id FROM position x WHERE x.person_id = p.id
    ORDER BY x.valid_to DESC, x.valid_from DESC, x.id DESC LIMIT 1)
  LEFT JOIN institution cpi ON cpi.id = cp.institution_id`;
export const PARTICIPATION_COLS = `pa.id AS "dbId", pa.role, pa.event_id AS "eventId", pa.person_id AS "personId", pa.institution_id AS "institutionId",
  pa.evidence_article_id AS "evidenceArticleId", p.slug AS "p_slug", p.name AS "p_name", p.aliases AS "p_aliasesJson"`;
export const PARTICIPATION_FROM = `participation pa LEFT JOIN person p ON p.id = pa.person_id`;
export const MENTION_COLS = `m.id AS "dbId", m.entity_type AS "entityType", m.entity_id AS "entityId", m.start, m."end", m.text, m.confidence,
  m.extractor_version AS "extractorVersion", m.status, m.article_id AS "articleId"`;
export const QUOTE_COLS = `q.id AS "dbId", q.text, q.speaker_name AS "speakerName", q.start, q."end", q.article_id AS "articleId", q.person_id AS "personId"`;

/*
 * Projections: the hot nested reads fetch only the text columns a query selects (turning every text value into a
 * JavaScript string is most of what a row costs). Id columns are always read, so resolvers beneath keep working;
 * a selected field a shape does not know makes the projection fall back to every column.
 */
interface Shape { ids: string[]; text: Record<string, string[]>; idOnly: string[] }

function project(shape: Shape, sel: Selection | null | undefined): string[] {
  const all = () => [...shape.ids, ...Object.values(shape.text).flat()];
  if (!sel) return all();
  const cols = [...shape.ids];
  for (const f of sel.keys()) {
    const t = shape.text[f];
    if (t) cols.push(...t);
    else if (!shape.idOnly.includes(f) && f !== '__typename' && f !== 'id') return all();
  }
  return [...new Set(cols)];
}

const ARTICLE_SHAPE: Shape = {
  // The slug always: the global id is built from it.
  ids: ['a.id AS "dbId"', 'a.slug'],
  text: { slug: ['a.slug'], title: ['a.title'], section: ['a.section'], outlet: ['a.outlet'], dateline: ['a.dateline'], byline: ['a.byline'],
    publishedOn: ['a.published_on AS "publishedOn"'], publishedAt: ['a.published_at AS "publishedAt"'], language: ['a.language'], sourceUrl: ['a.source_url AS "sourceUrl"'] },
  idOnly: ['body', 'paragraphs', 'related', 'persons', 'institutions', 'places', 'events', 'quotes', 'unresolvedMentions', 'mentions'],
};
/** Article columns for a selection of Article fields. */
const articleCols = new WeakMap<Selection, string>();
export function articleColumns(sel: Selection | null): string {
  if (!sel) return project(ARTICLE_SHAPE, sel).join(', ');
  // A selection lives as long as its parsed document: worked out once, not on every request.
  let cols = articleCols.get(sel);
  if (cols === undefined) articleCols.set(sel, (cols = project(ARTICLE_SHAPE, sel).join(', ')));
  return cols;
}

// Columns a field needs are listed under it, ids included (`parent` reads parent_id): a query that does not ask for a
// field does not pay for its column. Folded shapes (a prefix) always carry their own id, which marks the fold.
const placeShape = (t: string, prefix: string): Shape => ({
  ids: [`${t}.slug AS "${prefix}slug"`],
  text: { slug: [`${t}.slug AS "${prefix}slug"`], name: [`${t}.name AS "${prefix}name"`], kind: [`${t}.kind AS "${prefix}kind"`], code: [`${t}.region_code AS "${prefix}code"`],
    parent: [`${t}.parent_id AS "${prefix}parentId"`] },
  idOnly: ['events'],
});
const institutionShape = (t: string, prefix: string): Shape => ({
  ids: [...(prefix ? [`${t}.id AS "${prefix}id"`] : []), `${t}.slug AS "${prefix}slug"`],
  text: { slug: [`${t}.slug AS "${prefix}slug"`], name: [`${t}.name AS "${prefix}name"`], acronym: [`${t}.acronym AS "${prefix}acronym"`], kind: [`${t}.kind AS "${prefix}kind"`],
    regionCode: [`${t}.region_code AS "${prefix}regionCode"`], aliases: [`${t}.aliases AS "${prefix}aliasesJson"`], parent: [`${t}.parent_id AS "${prefix}parentId"`] },
  idOnly: ['children', 'events', 'officials', 'partners'],
});
/** Institution columns (as INSTITUTION_COLS) for a selection of Institution fields. */
export const institutionColumns = (sel: Selection | null) => ['i.id AS "dbId"', ...project(institutionShape('i', ''), sel)].join(', ');

const PERSON_SHAPE: Shape = {
  ids: ['p.id AS "dbId"', 'p.slug'],
  text: { slug: ['p.slug'], name: ['p.name'], aliases: ['p.aliases AS "aliasesJson"'] },
  idOnly: ['articles', 'coAttendees', 'participations', 'positions', 'quotes', 'timeline', 'currentPosition'],
};
const POSITION_SHAPE: Shape = {
  // The key always: the global id is built from it.
  ids: ['cp.id AS "cp_id"', 'cp.node_key AS "cp_nodeKey"', 'cp.institution_id AS "cp_institutionId"'],
  text: { title: ['cp.title AS "cp_title"'], validFrom: ['cp.valid_from AS "cp_validFrom"'], validTo: ['cp.valid_to AS "cp_validTo"'],
    evidence: ['cp.evidence_article_id AS "cp_evidenceArticleId"'] },
  idOnly: ['person', 'institution'],
};
/**
 * Person columns for a selection of Person fields, with the current position (and its institution) folded in when
 * the selection asks for it: `{ cols, joins }` for `FROM … person p`.
 */
export function personColumns(sel: Selection | null): { cols: string; joins: string } {
  const cols = project(PERSON_SHAPE, sel);
  const cp = sel ? sel.get('currentPosition') : undefined;
  if (sel && !cp) return { cols: cols.join(', '), joins: '' };
  cols.push(...project(POSITION_SHAPE, cp));
  const inst = cp ? cp.get('institution') : undefined;
  if (!cp || inst) cols.push(...project(institutionShape('cpi', 'cp_i_'), inst));
  return { cols: cols.join(', '), joins: ` ${CURRENT_POSITION_JOINS}` };
}

const EVENT_SHAPE: Shape = {
  ids: ['e.id AS "dbId"', 'e.slug'],
  text: { slug: ['e.slug'], name: ['e.name'], shortName: ['e.short_name AS "shortName"'], kind: ['e.kind'], startDate: ['e.start_date AS "startDate"'],
    endDate: ['e.end_date AS "endDate"'], aliases: ['e.aliases AS "aliasesJson"'], participantCount: ['e.participant_count AS "participantCount"'],
    participantCountSource: ['e.participant_count_article_id AS "participantCountArticleId"'], venue: ['e.venue_id AS "venueId"'], city: ['e.city_id AS "cityId"'] },
  idOnly: ['coverage', 'embedViews', 'organizers', 'participants', 'timeline'],
};
/**
 * Event columns (as EVENT_COLS) for a selection of Event fields, with the venue and city folded in when it asks for
 * them: `{ cols, joins }` for `FROM … event e`.
 */
export function eventColumns(sel: Selection | null): { cols: string; joins: string } {
  const cols = project(EVENT_SHAPE, sel);
  const joins: string[] = [];
  for (const [field, t, col] of [['venue', 'v', 'venue_id'], ['city', 'c', 'city_id']] as const) {
    if (sel && !sel.has(field)) continue;
    cols.push(...project(placeShape(t, `${t}_`), sel?.get(field)));
    joins.push(`LEFT JOIN place ${t} ON ${t}.id = e.${col}`);
  }
  return { cols: cols.join(', '), joins: joins.join(' ') };
}

/**
 * Organisers folded into a list of events when the selection asks for them: `o_` columns from
 * `LEFT JOIN event_organizer eo … LEFT JOIN institution o`, one row per organiser (see toEventsWithOrganizers).
 */
export function organizerColumns(sel: Selection | null): string | null {
  const org = sel?.get('organizers');
  if (!org) return null;
  return project(institutionShape('o', 'o_'), org).join(', ');
}
export const ORGANIZER_JOINS = 'LEFT JOIN event_organizer eo ON eo.event_id = e.id LEFT JOIN institution o ON o.id = eo.institution_id';

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
    if (r.o_id != null) {
      last.e.organizers!.push(institutionOf(Number(r.o_id), r.o_slug, r.o_name, r.o_acronym, r.o_kind, r.o_regionCode, r.o_parentId, r.o_aliasesJson));
    }
  }
  return by;
}

const num = (v: unknown) => (v == null ? null : Number(v));

/** A row shaped as its GraphQL type (resolvers take roots as they are: `@Root() x: Readonly<T>`, never copied). */
function as<T extends object>(r: object): T { return r as T; }

export function toArticle(r: Row): Article {
  const o = as<Article>(r);
  o.dbId = Number(r.dbId);
  o.id = toStableId('Article', o.dbId, r.slug);
  return o;
}
/*
 * The hot mappers build each object whole, in one literal of a fixed shape (a field a projection left out is
 * undefined): adding properties to a row afterwards changed its hidden class and allocated a second property store
 * per object, and the folded objects went through a temporary row each.
 */
function institutionOf(dbId: number, slug: unknown, name: unknown, acronym: unknown, kind: unknown, regionCode: unknown, parentId: unknown, aliasesJson: unknown): Institution {
  return as<Institution>({ dbId, id: toStableId('Institution', dbId, slug), slug, name, acronym, kind, regionCode, parentId: num(parentId), aliasesJson });
}
function placeOf(dbId: number, slug: unknown, name: unknown, kind: unknown, code: unknown, parentId: unknown): Place {
  return as<Place>({ dbId, id: toStableId('Place', dbId, slug), slug, name, kind, code, parentId: num(parentId) });
}
function positionOf(dbId: number, nodeKey: unknown, title: unknown, validFrom: unknown, validTo: unknown, personId: number, institutionId: number | null, evidenceArticleId: unknown,
  institution: Institution | null | undefined): Position {
  return as<Position>({
    dbId, id: toKeyedId('Position', dbId, [nodeKey]), title, validFrom: validFrom ?? null, validTo: validTo ?? null, personId, institutionId,
    evidenceArticleId: num(evidenceArticleId), institution,
  });
}

export function toPerson(r: Row): Person {
  const dbId = Number(r.dbId);
  let currentPosition: Position | null | undefined;
  // Folded when the row carries the current position's columns (and its institution's, marked by cp_i_id).
  if ('cp_id' in r) {
    const instId = num(r.cp_institutionId);
    currentPosition = r.cp_id == null ? null : positionOf(Number(r.cp_id), r.cp_nodeKey, r.cp_title, r.cp_validFrom, r.cp_validTo, dbId, instId, r.cp_evidenceArticleId,
      !('cp_i_id' in r) ? undefined : instId == null ? null
        : institutionOf(instId, r.cp_i_slug, r.cp_i_name, r.cp_i_acronym, r.cp_i_kind, r.cp_i_regionCode, r.cp_i_parentId, r.cp_i_aliasesJson));
  }
  return as<Person>({ dbId, id: toStableId('Person', dbId, r.slug), slug: r.slug, name: r.name, aliasesJson: r.aliasesJson, currentPosition });
}
export function toInstitution(r: Row): Institution {
  return institutionOf(Number(r.dbId), r.slug, r.name, r.acronym, r.kind, r.regionCode, r.parentId, r.aliasesJson);
}
export function toPlace(r: Row): Place {
  return placeOf(Number(r.dbId), r.slug, r.name, r.kind, r.code, r.parentId);
}
function foldedPlace(r: Row, p: 'v' | 'c', id: number | null): Place | null {
  if (id == null) return null;
  return p === 'v' ? placeOf(id, r.v_slug, r.v_name, r.v_kind, r.v_code, r.v_parentId) : placeOf(id, r.c_slug, r.c_name, r.c_kind, r.c_code, r.c_parentId);
}
export function toEvent(r: Row): Event {
  const dbId = Number(r.dbId), venueId = num(r.venueId), cityId = num(r.cityId);
  return as<Event>({
    dbId, id: toStableId('Event', dbId, r.slug), slug: r.slug as string, name: r.name as string, shortName: (r.shortName as string) ?? null,
    kind: r.kind as Event['kind'], startDate: (r.startDate as string) ?? null, endDate: (r.endDate as string) ?? null, participantCount: num(r.participantCount),
    venueId, cityId, participantCountArticleId: num(r.participantCountArticleId), aliasesJson: r.aliasesJson as string,
    venue: foldedPlace(r, 'v', venueId), city: foldedPlace(r, 'c', cityId), organizers: undefined,
  });
}
export function toPosition(r: Row): Position {
  const institutionId = num(r.institutionId);
  // Folded when the row carries the institution's columns; otherwise Position.institution loads it.
  const institution = !('i_parentId' in r) ? undefined : institutionId == null ? null
    : institutionOf(institutionId, r.i_slug, r.i_name, r.i_acronym, r.i_kind, r.i_regionCode, r.i_parentId, r.i_aliasesJson);
  return positionOf(Number(r.dbId), r.nodeKey, r.title, r.validFrom, r.validTo, Number(r.personId), institutionId, r.evidenceArticleId, institution);
}
export function toParticipation(r: Row): Participation {
  const o: Participation = as<Participation>({
    dbId: Number(r.dbId), id: toGlobalId('Participation', Number(r.dbId)), role: r.role as Participation['role'], eventId: Number(r.eventId),
    personId: num(r.personId), institutionId: num(r.institutionId), evidenceArticleId: num(r.evidenceArticleId),
  });
  o.person = o.personId == null ? null : toPerson({ dbId: o.personId, slug: r.p_slug, name: r.p_name, aliasesJson: r.p_aliasesJson });
  return o;
}
export function toMention(r: Row): Mention {
  const o = as<Mention>(r);
  o.dbId = Number(r.dbId);
  o.id = toGlobalId('Mention', o.dbId);
  o.confidence = Number(r.confidence);
  o.entityId = Number(r.entityId);
  o.articleId = Number(r.articleId);
  return o;
}
export function toQuote(r: Row): Quote {
  const o = as<Quote>(r);
  o.dbId = Number(r.dbId);
  o.id = toGlobalId('Quote', o.dbId);
  o.articleId = Number(r.articleId);
  o.personId = num(r.personId);
  return o;
}
