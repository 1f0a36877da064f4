/**
 * createLoaders(): a fresh set of DataLoaders per request. Each loader answers a whole batch of parents
 * with one SQL statement, so a nested query costs the same number of statements at first: 5 and first: 50.
 */
import DataLoader from 'dataloader';
import type { Selection } from '../selection';
import { ExecutionBudget, UNLIMITED } from '../budget';
import { AnalyticsService, AttendanceFilter } from '../../services/analytics.service';
import { Db, readScope, Row } from '../../db/database';
import { ParticipationRole, ReviewStatus } from '../../entities/enums';
import type { Article, Event, Institution, Mention, Participation, Person, PersonAlias, PersonMerge, Place, Position, Quote, UnresolvedMention } from '../types';
import { toKeyedId } from '../ids';
import { LIST_CAP } from '../lists';
import {
  ARTICLE_COLS, EVENT_COLS, EVENT_FROM, INSTITUTION_COLS, INSTITUTION_GROUP, MENTION_COLS, ORGANIZER_JOINS, PARTICIPATION_COLS, PARTICIPATION_FROM, PERSON_COLS,
  PLACE_COLS, PLACE_GROUP, POSITION_COLS, POSITION_FROM, QUOTE_COLS,
} from '../../services/columns';
import { eventColumns, institutionColumns, organizerColumns, participationColumns, personColumns } from './projection';
import { perParent, PerParentList } from '../../services/per-parent';
import { toArticle, toEvent, toEventsWithOrganizers, toInstitution, toMention, toParticipation, toParticipationWithDate, toPerson, toPlace, toPosition, toQuote } from './rows';

const marks = (n: number) => Array(n).fill('?').join(', ');

/**
 * At most LIST_CAP rows per parent, in `order`: a window over the whole batch, so one statement still answers every
 * parent. For an article's own lists, which its text bounds: a window over a batch of small parents costs less than a
 * seek and a sort per parent. Rows come out in each parent's order (`group` keeps it).
 */
const capped = (select: string, rest: string, key: string, order: string) =>
  `SELECT * FROM (SELECT ${select}, ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY ${order}) AS rn_ ${rest}) c WHERE c.rn_ <= ${LIST_CAP} ORDER BY c.rn_`;

function group<T>(ids: readonly number[], rows: Row[], key: string, map: (r: Row) => T): T[][] {
  const by = new Map<number, T[]>();
  for (const r of rows) {
    const k = Number(r[key]);
    let list = by.get(k);
    if (!list) by.set(k, (list = []));
    list.push(map(r));
  }
  return ids.map((id) => by.get(id) ?? []);
}

function single<T>(ids: readonly number[], rows: Row[], key: string, map: (r: Row) => T): Array<T | null> {
  const by = new Map<number, T>();
  for (const r of rows) by.set(Number(r[key]), map(r));
  return ids.map((id) => by.get(id) ?? null);
}

/**
 * A family of loaders, one per key derived from the arguments (a column projection): `family(sel).load(id)`.
 * Keys are compared by value, so every parent asking with the same projection shares one batch; a selection (stable
 * per parsed document) is turned into its key once per process. `keyOf` must be a module-level function: it is part
 * of that memo's key (a function made per request would add an entry per request).
 */
const keysOf = new WeakMap<object, Map<Function, unknown>>();
function keyed<A extends object | null, K, L>(keyOf: (a: A) => K, make: (k: K) => L): (a: A) => L {
  const byArg = new Map<A, L>();
  const byKey = new Map<string, L>();
  return (a: A) => {
    let l = byArg.get(a);
    if (l) return l;
    let memo = a ? keysOf.get(a) : undefined;
    if (a && !memo) keysOf.set(a, (memo = new Map()));
    let k = memo?.get(keyOf) as K | undefined;
    if (k === undefined) { k = keyOf(a); memo?.set(keyOf, k); }
    const s = typeof k === 'string' ? k : JSON.stringify(k);
    l = byKey.get(s);
    if (!l) byKey.set(s, (l = make(k)));
    byArg.set(a, l);
    return l;
  };
}

const eventProjection = (sel: Selection | null) => ({ ...eventColumns(sel), orgs: organizerColumns(sel) });

/** How to make each loader (one set per database and analytics service, shared by every request). */
/** An article's first LIST_CAP events (by id), for the statement that folds their organisers in. */
const cappedArticleEvents = (ids: string) => `(SELECT article_id, event_id FROM (SELECT article_id, event_id,
  ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY event_id) AS rn_ FROM article_event WHERE article_id ${ids}) w WHERE w.rn_ <= ${LIST_CAP})`;

/**
 * DataLoader's own schedule (after the current promise jobs), unless the request whose resolver opened the batch waits
 * for its turn of the event loop (db's RequestTurns, through readScope): then the batch waits in its line, and the loads
 * made meanwhile join it.
 */
const resolved = Promise.resolve();
const BATCH = { batchScheduleFn: (dispatch: () => void) => { if (!readScope.current?.later(dispatch)) void resolved.then(() => process.nextTick(dispatch)); } };

function makers(db: Db, analytics: AnalyticsService) {
  /**
   * A batch's ids: `IN (?, …)` on SQLite; one array on PostgreSQL, so that the statement's text (and its named,
   * prepared plan) does not change with the batch's size.
   */
  const inIds = (n: number) => (db.isPostgres ? '= ANY(CAST(? AS bigint[]))' : `IN (${marks(n)})`);
  const idArgs = (ids: readonly number[]): unknown[] => (db.isPostgres ? [[...ids]] : [...ids]);
  /** One batch's statement, the request's: its budget is checked before it (the deadline, in Db) and counts its rows after. */
  const read = async (b: ExecutionBudget, sql: string, params: unknown[]): Promise<Row[]> => {
    readScope.current = b;
    let pending: Promise<Row[]>;
    try { pending = db.query(sql, params); } finally { readScope.current = null; }
    const rows = await pending;
    b.read(rows.length);
    return rows;
  };
  const byIds = <T>(b: ExecutionBudget, sql: (n: number) => string, map: (r: Row) => T) =>
    new DataLoader<number, T | null>(async (ids) => single(ids, await read(b, sql(ids.length), idArgs(ids)), 'dbId', map), BATCH);
  const listBy = <T>(b: ExecutionBudget, key: string, sql: (n: number) => string, map: (r: Row) => T, extra: unknown[] = []) =>
    new DataLoader<number, T[]>(async (ids) => group(ids, await read(b, sql(ids.length), [...idArgs(ids), ...extra]), key, map), BATCH);
  /**
   * Lists under a person, an event or an institution, which gather rows over time (the busiest person has thousands
   * of participations): each parent's first LIST_CAP rows read on their own (services/per-parent.ts).
   */
  const perParentBy = <T>(b: ExecutionBudget, key: string, list: PerParentList, map: (r: Row) => T) =>
    new DataLoader<number, T[]>(async (ids) => { const q = perParent(db, list, ids); return group(ids, await read(b, q.sql, q.params), key, map); }, BATCH);
  const live = `m.status <> '${ReviewStatus.REJECTED}'`;
  const byArticle = db.indexHint('uq_mention_span');

  return {
    article: (b: ExecutionBudget) => byIds<Article>(b, (n) => `SELECT ${ARTICLE_COLS} FROM article a WHERE a.id ${inIds(n)}`, toArticle),
    person: (b: ExecutionBudget) => byIds<Person>(b, (n) => `SELECT ${PERSON_COLS} FROM person p WHERE p.id ${inIds(n)}`, toPerson),
    institution: (b: ExecutionBudget) => byIds<Institution>(b, (n) => `SELECT ${INSTITUTION_COLS} FROM institution i WHERE i.id ${inIds(n)}`, toInstitution),
    place: (b: ExecutionBudget) => byIds<Place>(b, (n) => `SELECT ${PLACE_COLS} FROM place pl WHERE pl.id ${inIds(n)}`, toPlace),
    event: (b: ExecutionBudget) => byIds<Event>(b, (n) => `SELECT ${EVENT_COLS} FROM ${EVENT_FROM} WHERE e.id ${inIds(n)}`, toEvent),
    articleBody: (b: ExecutionBudget) => new DataLoader<number, { body: string; related: string } | null>(async (ids) =>
      single(ids, await read(b, `SELECT id, body, related FROM article WHERE id ${inIds(ids.length)}`, idArgs(ids)), 'id', (r) => ({ body: r.body as string, related: r.related as string })), BATCH),

    /**
     * People in order of first mention, with the current position folded in when the query asks for it; one loader
     * per column projection (a query has one per field, so batching is unchanged). Numbered and cut first, then
     * joined: the person and the current position are read for the kept rows alone.
     */
    personsByArticle: (b: ExecutionBudget) => keyed(personColumns, ({ cols, joins }) => listBy<Person>(b, 'articleId', (n) => `SELECT c."articleId", ${cols}
      FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t."articleId" ORDER BY t.first_at, t.pid) AS rn_
        FROM (SELECT m.article_id AS "articleId", m.entity_id AS pid, MIN(m.start) AS first_at FROM mention m${byArticle}
          WHERE m.entity_type = 'PERSON' AND ${live} AND m.article_id ${inIds(n)} GROUP BY m.article_id, m.entity_id) t) c
      JOIN person p ON p.id = c.pid${joins} WHERE c.rn_ <= ${LIST_CAP} ORDER BY c.rn_`, toPerson)),
    institutionsByArticle: (b: ExecutionBudget) => listBy<Institution>(b, 'articleId', (n) => capped(`m.article_id AS "articleId", ${INSTITUTION_COLS}, MIN(m.start) AS first_at`,
      `FROM mention m${byArticle} JOIN institution i ON i.id = m.entity_id WHERE m.entity_type = 'INSTITUTION' AND ${live} AND m.article_id ${inIds(n)}
      GROUP BY m.article_id, ${INSTITUTION_GROUP}`, 'm.article_id', 'MIN(m.start), i.id'), toInstitution),
    placesByArticle: (b: ExecutionBudget) => listBy<Place>(b, 'articleId', (n) => capped(`m.article_id AS "articleId", ${PLACE_COLS}, MIN(m.start) AS first_at`,
      `FROM mention m${byArticle} JOIN place pl ON pl.id = m.entity_id WHERE m.entity_type = 'PLACE' AND ${live} AND m.article_id ${inIds(n)}
      GROUP BY m.article_id, ${PLACE_GROUP}`, 'm.article_id', 'MIN(m.start), pl.id'), toPlace),
    /** Events of each article, with their organisers folded in (one row per organiser) when the query asks for them. */
    eventsByArticle: (b: ExecutionBudget) => keyed(eventProjection, ({ cols, joins, orgs }) => orgs
      ? new DataLoader<number, Event[]>(async (ids) => {
        const rows = await read(b, `SELECT ae.article_id AS "articleId", ${cols}, ${orgs} FROM ${cappedArticleEvents(inIds(ids.length))} ae JOIN event e ON e.id = ae.event_id ${joins}
          ${ORGANIZER_JOINS} WHERE ae.article_id ${inIds(ids.length)} ORDER BY ae.article_id, e.start_date, e.id, o.name, o.id`, [...idArgs(ids), ...idArgs(ids)]);
        const by = toEventsWithOrganizers(rows, 'articleId');
        return ids.map((id) => by.get(id) ?? []);
      }, BATCH)
      : listBy<Event>(b, 'articleId', (n) => capped(`ae.article_id AS "articleId", ${cols}`,
      `FROM article_event ae JOIN event e ON e.id = ae.event_id ${joins} WHERE ae.article_id ${inIds(n)}`, 'ae.article_id', 'e.start_date, e.id'), toEvent)),
    quotesByArticle: (b: ExecutionBudget) => listBy<Quote>(b, 'articleId', (n) => capped(QUOTE_COLS, `FROM quote q WHERE q.article_id ${inIds(n)}`, 'q.article_id', 'q.start, q.id'), toQuote),
    unresolvedByArticle: (b: ExecutionBudget) => listBy<UnresolvedMention>(b, 'articleId', (n) => capped(`u.article_id AS "articleId", u.start, u."end", u.text, u.candidate_ids AS "candidateIds"`,
      `FROM unresolved_mention u WHERE u.article_id ${inIds(n)}`, 'u.article_id', 'u.start, u.id'),
    (r) => ({ text: r.text as string, start: Number(r.start), end: Number(r.end), candidateIds: (JSON.parse(r.candidateIds as string) as number[]).map(Number) })),
    mentionsByArticle: (b: ExecutionBudget) => listBy<Mention>(b, 'articleId', (n) => capped(MENTION_COLS, `FROM mention m WHERE m.article_id ${inIds(n)}`, 'm.article_id', 'm.start, m.id'), toMention),

    /** Registered aliases (declared, editor's) of each person, oldest first. */
    aliasesByPerson: (b: ExecutionBudget) => perParentBy<PersonAlias>(b, 'personId', { select: 'person_id AS "personId", alias, kind, article_id AS "articleId"',
      from: (m) => `FROM person_alias WHERE person_id ${m}`, parent: 'person_id', order: 'id', key: 'id' }, (r) => ({ alias: r.alias as string, kind: r.kind as string, reason: null, score: null, articleId: r.articleId == null ? null : Number(r.articleId) })),
    /** Merges into each person (automatic and editors'), oldest first. */
    mergesByPerson: (b: ExecutionBudget) => perParentBy<PersonMerge>(b, 'personId', { select: MERGE_COLS, from: (m) => `FROM person_merge WHERE person_id ${m}`,
      parent: 'person_id', order: 'id', key: 'id' }, toPersonMerge),
    positionsByPerson: (b: ExecutionBudget) => perParentBy<Position>(b, 'personId', { select: POSITION_COLS, from: (m) => `FROM ${POSITION_FROM} WHERE po.person_id ${m}`,
      parent: 'po.person_id', order: 'po.valid_from, po.id', key: 'po.id', keyFrom: (m) => `FROM position po WHERE po.person_id ${m}` }, toPosition),
    /** The latest-evidenced position of each person (one statement for the whole batch). */
    currentPosition: (b: ExecutionBudget) => new DataLoader<number, Position | null>(async (ids) => {
      const rows = await read(b, `SELECT ${POSITION_COLS} FROM ${POSITION_FROM} WHERE po.person_id ${inIds(ids.length)}
        ORDER BY po.person_id, po.valid_to DESC, po.valid_from DESC, po.id DESC`, idArgs(ids));
      const by = new Map<number, Position>();
      for (const r of rows) { const k = Number(r.personId); if (!by.has(k)) by.set(k, toPosition(r)); }
      return ids.map((id) => by.get(id) ?? null);
    }, BATCH),
    participationsByPerson: (b: ExecutionBudget) => perParentBy<Participation>(b, 'personId', { select: PARTICIPATION_COLS,
      from: (m) => `FROM ${PARTICIPATION_FROM} JOIN event e ON e.id = pa.event_id WHERE pa.person_id ${m}`, parent: 'pa.person_id', order: 'e.start_date, pa.id',
      key: 'pa.id', keyFrom: (m) => `FROM participation pa JOIN event e ON e.id = pa.event_id WHERE pa.person_id ${m}` }, toParticipation),
    quotesByPerson: (b: ExecutionBudget) => perParentBy<Quote>(b, 'personId', { select: QUOTE_COLS, from: (m) => `FROM quote q JOIN article a ON a.id = q.article_id WHERE q.person_id ${m}`,
      parent: 'q.person_id', order: 'a.published_on, q.article_id, q.start, q.id', key: 'q.id' }, toQuote),
    officialsByInstitution: (b: ExecutionBudget) => perParentBy<Position>(b, 'institutionId', { select: POSITION_COLS,
      from: (m) => `FROM ${POSITION_FROM} WHERE po.institution_id ${m}`, parent: 'po.institution_id', order: 'po.valid_from, po.id',
      key: 'po.id', keyFrom: (m) => `FROM position po WHERE po.institution_id ${m}` }, toPosition),
    childrenByInstitution: (b: ExecutionBudget) => perParentBy<Institution>(b, 'parentId', { select: INSTITUTION_COLS,
      from: (m) => `FROM institution i WHERE i.parent_id ${m} AND i.merged_into_id IS NULL`, parent: 'i.parent_id', order: 'i.name, i.id', key: 'i.id' }, toInstitution),

    organizersByEvent: (b: ExecutionBudget) => keyed(institutionColumns, (cols) => perParentBy<Institution>(b, 'eventId', { select: `eo.event_id AS "eventId", ${cols}`,
      from: (m) => `FROM event_organizer eo JOIN institution i ON i.id = eo.institution_id WHERE eo.event_id ${m}`, parent: 'eo.event_id', order: 'i.name, i.id', key: 'eo.rowid' }, toInstitution)),
    /** Each event's participants, with each person's current position folded in when the query asks for it (a family, as personsByArticle). */
    participantsByEvent: (b: ExecutionBudget) => keyed(participationColumns, ({ cols, joins }) => perParentBy<Participation>(b, 'eventId', { select: cols,
      from: (m) => `FROM ${PARTICIPATION_FROM}${joins} WHERE pa.event_id ${m}`, key: 'pa.id', keyFrom: (m) => `FROM participation pa WHERE pa.event_id ${m}`,
      parent: 'pa.event_id', order: `CASE pa.role WHEN '${ParticipationRole.ORGANIZER}' THEN 0 WHEN '${ParticipationRole.HOST}' THEN 1 WHEN '${ParticipationRole.OPENER}' THEN 2
      WHEN '${ParticipationRole.SPEAKER}' THEN 3 ELSE 4 END, pa.id` }, toParticipation)),
    personMergeById: (b: ExecutionBudget) => byIds<PersonMerge>(b, (n) => `SELECT ${MERGE_COLS} FROM person_merge WHERE id ${inIds(n)}`, toPersonMerge),
    positionById: (b: ExecutionBudget) => byIds<Position>(b, (n) => `SELECT ${POSITION_COLS} FROM ${POSITION_FROM} WHERE po.id ${inIds(n)}`, toPosition),
    participationById: (b: ExecutionBudget) => byIds<Participation>(b, (n) => `SELECT ${PARTICIPATION_COLS} FROM ${PARTICIPATION_FROM} WHERE pa.id ${inIds(n)}`, toParticipation),
    quoteById: (b: ExecutionBudget) => byIds<Quote>(b, (n) => `SELECT ${QUOTE_COLS} FROM quote q WHERE q.id ${inIds(n)}`, toQuote),
    /** person.participations(filter:) under a list of people: one loader per distinct filter, one statement per batch. */
    participationsFiltered: (b: ExecutionBudget) => {
      const byFilter = new Map<string, DataLoader<number, Participation[]>>();
      return (f: AttendanceFilter) => {
        const k = JSON.stringify(f);
        let l = byFilter.get(k);
        if (!l) {
          byFilter.set(k, (l = new DataLoader<number, Participation[]>(async (ids) => {
            readScope.current = b;
            let pending: ReturnType<AnalyticsService['attendanceOfPersons']>;
            try { pending = analytics.attendanceOfPersons(ids, f); } finally { readScope.current = null; }
            const lists = await pending;
            let n = 0;
            for (const list of lists) n += list.length;
            b.read(n);
            return lists.map((rows) => rows.map(toParticipationWithDate));
          }, BATCH)));
        }
        return l;
      };
    },
    coverageByEvent: (b: ExecutionBudget) => perParentBy<Article>(b, 'eventId', { select: `ae.event_id AS "eventId", ${ARTICLE_COLS}`,
      from: (m) => `FROM article_event ae JOIN article a ON a.id = ae.article_id WHERE ae.event_id ${m}`, parent: 'ae.event_id',
      order: `COALESCE(a.published_on, '0001-01-01'), COALESCE(a.published_at, ''), a.id`, key: 'ae.rowid' }, toArticle),
  };
}

const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(`${String(v).replace(' ', 'T')}${/[zZ+]/.test(String(v)) ? '' : 'Z'}`).toISOString());
const MERGE_COLS = `id AS "dbId", node_key AS "nodeKey", person_id AS "personId", merged_person_id AS "mergedPersonId", article_id AS "articleId", form, method,
  reason, score, created_at AS "createdAt", undone_at AS "undoneAt", split_person_id AS "splitPersonId"`;
function toPersonMerge(r: Row): PersonMerge {
  const dbId = Number(r.dbId);
  return {
    id: toKeyedId('PersonMerge', dbId, [r.nodeKey]), dbId, form: r.form as string, method: r.method as string, reason: r.reason as string, score: r.score == null ? null : Number(r.score),
    createdAt: iso(r.createdAt)!, undoneAt: iso(r.undoneAt), articleId: r.articleId == null ? null : Number(r.articleId),
    mergedPersonId: r.mergedPersonId == null ? null : Number(r.mergedPersonId), splitPersonId: r.splitPersonId == null ? null : Number(r.splitPersonId),
  };
}

type Makers = ReturnType<typeof makers>;
export type Loaders = { readonly [K in keyof Makers]: ReturnType<Makers[K]> };

/**
 * A request's loaders, each made the first time the request asks for it: a request uses a few of them, and making
 * all of them up front (with their caches) was a good part of what a small query allocated.
 */
type LoadersClass = new (budget: ExecutionBudget) => Loaders;
const BUDGET = Symbol('budget');
const classes = new WeakMap<Db, WeakMap<AnalyticsService, LoadersClass>>();
function loadersClass(db: Db, analytics: AnalyticsService): LoadersClass {
  let byService = classes.get(db);
  if (!byService) classes.set(db, (byService = new WeakMap()));
  let C = byService.get(analytics);
  if (!C) {
    const m = makers(db, analytics);
    /** The request's execution budget, which every batch checks and counts its rows against (under a symbol: not a loader). */
    class RequestLoaders { [BUDGET]: ExecutionBudget; constructor(budget: ExecutionBudget) { this[BUDGET] = budget; } }
    for (const k of Object.keys(m) as Array<keyof Makers>) {
      Object.defineProperty(RequestLoaders.prototype, k, {
        get(this: RequestLoaders) { const v = m[k](this[BUDGET]); Object.defineProperty(this, k, { value: v, enumerable: true }); return v; },
      });
    }
    byService.set(analytics, (C = RequestLoaders as unknown as LoadersClass));
  }
  return C;
}

/**
 * A fresh set of loaders for one request (nothing is shared between requests but the SQL they run). `budget`: the
 * request's execution budget (budget.ts); without one, nothing is counted.
 */
const ownAnalytics = new WeakMap<Db, AnalyticsService>();
export function createLoaders(db: Db, analytics?: AnalyticsService, budget: ExecutionBudget = UNLIMITED): Loaders {
  let a = analytics ?? ownAnalytics.get(db);
  if (!a) ownAnalytics.set(db, (a = new AnalyticsService(db)));
  return new (loadersClass(db, a))(budget);
}
