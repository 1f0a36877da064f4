/**
 * What the read path selects of each table, and how a row's to-one neighbours are joined into its statement. Every
 * list derives from the entity (src/entities, through db/columns.ts): every column but those named here as not read,
 * under the property the row carries (the primary key as `dbId`; a JSON list as `aliasesJson`, parsed when a query
 * asks for it). A column added to an entity is read without a change here; `tests/integration/columns.test.ts` fails
 * while its GraphQL type lacks it. The rows stay plain: graphql/read/rows.ts makes them GraphQL objects.
 */
import { columnList, readColumns, selectList } from '../db/columns';
import { Article, Event, Institution, Mention, Participation, Person, Place, Position, Quote } from '../entities';

/** Bookkeeping columns the read path never shows. */
const MERGED = 'merges are followed by lookups, never shown';
const CREATED = 'ingest bookkeeping';
const NAME_KEY = 'resolution\'s and search\'s key, not shown';

export const READ = {
  article: readColumns(Article, {
    skip: { body: 'read alone, when asked for (the articleBody loader)', related: 'read with the body', sourceId: 'the source\'s own id, for re-ingest',
      contentHash: CREATED, extractorVersion: CREATED, createdAt: CREATED },
  }),
  person: readColumns(Person, { skip: { nameKey: NAME_KEY, mergedIntoId: MERGED, createdAt: CREATED }, as: { aliases: 'aliasesJson' } }),
  institution: readColumns(Institution, { skip: { nameKey: NAME_KEY, mergedIntoId: MERGED, createdAt: CREATED }, as: { aliases: 'aliasesJson' } }),
  place: readColumns(Place, { skip: { nameKey: NAME_KEY, scopeKey: 'resolution\'s scope of a name' }, as: { regionCode: 'code' } }),
  event: readColumns(Event, {
    skip: { mergedIntoId: MERGED, revision: 'partner feeds\' sequence numbers', modifiedAt: 'partner feeds\' last-modified', createdAt: CREATED },
    as: { aliases: 'aliasesJson' },
  }),
  position: readColumns(Position),
  participation: readColumns(Participation, { skip: { partyKey: 'the unique key\'s person-or-institution column', eventDate: 'the event\'s date, copied for the per-person index' } }),
  mention: readColumns(Mention, { skip: { articleDate: 'the article\'s date, copied for the entity-articles index' } }),
  quote: readColumns(Quote, { skip: { articleDate: 'the article\'s date, copied for the per-person index' } }),
} as const;

export const ARTICLE_COLS = selectList(READ.article, 'a');
export const PERSON_COLS = selectList(READ.person, 'p');
export const INSTITUTION_COLS = selectList(READ.institution, 'i');
export const PLACE_COLS = selectList(READ.place, 'pl');
/** GROUP BY lists for the institution and place select lists (PostgreSQL groups by each selected column). */
export const INSTITUTION_GROUP = columnList(READ.institution, 'i');
export const PLACE_GROUP = columnList(READ.place, 'pl');
/** Events come with their venue and city folded in (one query instead of two more): `v_` and `c_` columns. */
export const EVENT_COLS = `${selectList(READ.event, 'e')}, ${selectList(READ.place, 'v', 'v_')}, ${selectList(READ.place, 'c', 'c_')}`;
export const EVENT_JOINS = `LEFT JOIN place v ON v.id = e.venue_id LEFT JOIN place c ON c.id = e.city_id`;
export const EVENT_FROM = `event e ${EVENT_JOINS}`;
/** Positions come with their institution folded in: `i_` columns. */
export const POSITION_COLS = `${selectList(READ.position, 'po')}, ${selectList(READ.institution, 'i', 'i_')}`;
export const POSITION_FROM = `position po LEFT JOIN institution i ON i.id = po.institution_id`;
/** A person's current (latest-evidenced) position and its institution, joined to `p` (one probe of idx_position_current each). */
export const CURRENT_POSITION_JOINS = `LEFT JOIN position cp ON cp.id = (SELECT x.id FROM position x WHERE x.person_id = p.id
    ORDER BY x.valid_to DESC, x.valid_from DESC, x.id DESC LIMIT 1)
  LEFT JOIN institution cpi ON cpi.id = cp.institution_id`;
/** Participations come with their person folded in: `p_` columns. */
export const PARTICIPATION_COLS = `${selectList(READ.participation, 'pa')}, ${selectList(READ.person, 'p', 'p_')}`;
export const PARTICIPATION_FROM = `participation pa LEFT JOIN person p ON p.id = pa.person_id`;
export const MENTION_COLS = selectList(READ.mention, 'm');
export const QUOTE_COLS = selectList(READ.quote, 'q');
/** Organisers folded into a list of events, one row per organiser: `o_` columns (graphql/read/projection.ts). */
export const ORGANIZER_JOINS = 'LEFT JOIN event_organizer eo ON eo.event_id = e.id LEFT JOIN institution o ON o.id = eo.institution_id';
