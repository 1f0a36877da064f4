/**
 * Analysts' questions: who attended what (attendance), with whom (co-attendance, partners), when (timelines),
 * and how much (stats). Every answer is exact and costs a fixed number of SQL statements, whatever its size.
 * Filters arrive as database ids; sort and group choices arrive as enums mapped to SQL here, never as column names.
 */
import { Db, Row } from '../db/database';
import { EventKind, ParticipationRole } from '../entities/enums';
import { Built, keysetPage, LIST_CAP, ListResult, type Page } from './keyset';
import { eventConditions } from './event-filter';
import { EventTallies, tallied, wholeYears } from './event-tallies';
import { INSTITUTION_COLS, PARTICIPATION_COLS, PARTICIPATION_FROM, PERSON_COLS, PLACE_COLS } from './columns';
import { perParent, PER_PARENT_TERMS } from './per-parent';

export interface AttendanceFilter {
  person?: number; institution?: number; event?: number; eventKind?: EventKind; role?: ParticipationRole; place?: number; organizer?: number;
  from?: string; to?: string;
}
export type DateOrder = 'DATE_ASC' | 'DATE_DESC';
export interface DateRange { from?: string; to?: string }
export interface StatsFilter extends DateRange { place?: number; kind?: EventKind; organizer?: number }
export type Period = 'MONTH' | 'YEAR';
export type RegionLevel = 'PROVINCE' | 'REGENCY';

const EVENT_DATE = `COALESCE(e.start_date, '0001-01-01')`;

export class AnalyticsService {
  private tallies: EventTallies;
  constructor(private db: Db) { this.tallies = new EventTallies(db); }

  /** The event filter (event-filter.ts) on `e`. */
  private eventWhere(f: StatsFilter & { eventKind?: EventKind }, b: Built): void {
    eventConditions(f, f.kind ?? f.eventKind, b);
  }

  private attendanceWhere(f: AttendanceFilter): Built {
    const b: Built = { where: ['e.merged_into_id IS NULL'], params: [] };
    if (f.person != null) { b.where.push('pa.person_id = ?'); b.params.push(f.person); }
    if (f.institution != null) {
      // The institution itself, or a person who held a position there.
      b.where.push('(pa.institution_id = ? OR EXISTS (SELECT 1 FROM position po WHERE po.person_id = pa.person_id AND po.institution_id = ?))');
      b.params.push(f.institution, f.institution);
    }
    if (f.event != null) { b.where.push('pa.event_id = ?'); b.params.push(f.event); }
    if (f.role) { b.where.push('pa.role = ?'); b.params.push(f.role); }
    this.eventWhere(f, b);
    return b;
  }

  /** Attendance rows (PARTICIPATION_COLS with the event's start date as `date`) matching the filter, by event date then id. */
  async attendance(f: AttendanceFilter, order: DateOrder, page: Page): Promise<ListResult<Row>> {
    const desc = order === 'DATE_DESC';
    // One person's or one organiser's rows walk the index on the event date copied onto them (migration
    // 1764480000000), in list order, up to the page's end; it equals EVENT_DATE on every live event's rows.
    if (f.person != null) {
      const b = this.attendanceWhere(f);
      b.where.push('pa.event_date IS NOT NULL');
      if (f.to) { b.where.push('pa.event_date <= ?'); b.params.push(f.to); }
      const list = await keysetPage(this.db, `${PARTICIPATION_COLS}, e.start_date AS "date", pa.event_date AS k1`, `${PARTICIPATION_FROM} JOIN event e ON e.id = pa.event_id`, b,
        [{ expr: 'pa.event_date', desc }, { expr: 'pa.id', desc }], (r) => [r.k1 as string, Number(r.dbId)], page);
      // Filtered by the person (and role) alone, the live rows are those with a copied date: counted from the index.
      if (Object.entries(f).every(([k, v]) => v == null || k === 'person' || k === 'role')) {
        const w = f.role ? ' AND pa.role = ?' : '';
        list.count = async () => Number((await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM participation pa WHERE pa.person_id = ? AND pa.event_date IS NOT NULL${w}`,
          [f.person, ...(f.role ? [f.role] : [])]))?.n ?? 0);
      }
      return list;
    }
    if (f.organizer != null) {
      const rest = this.attendanceWhere({ ...f, organizer: undefined });
      const b: Built = { where: ['eo.institution_id = ?', 'eo.event_date IS NOT NULL'], params: [f.organizer] };
      if (f.to) { b.where.push('eo.event_date <= ?'); b.params.push(f.to); }
      if (f.from && f.to) { b.where.push('eo.event_date >= ?'); b.params.push(await this.startFloor(f.from, f.eventKind)); }
      b.where.push(...rest.where);
      b.params.push(...rest.params);
      const from = 'event_organizer eo JOIN participation pa ON pa.event_id = eo.event_id LEFT JOIN person p ON p.id = pa.person_id JOIN event e ON e.id = pa.event_id';
      const list = await keysetPage(this.db, `${PARTICIPATION_COLS}, e.start_date AS "date", eo.event_date AS k1`, from, b,
        [{ expr: 'eo.event_date', desc }, { expr: 'pa.id', desc }], (r) => [r.k1 as string, Number(r.dbId)], page);
      // Filtered by the organiser over whole months alone: counted from the organiser's monthly tally (migration 1764510000000).
      if (tallied({ from: f.from, to: f.to }) && Object.entries(f).every(([k, v]) => v == null || k === 'organizer' || k === 'from' || k === 'to')) {
        const w: string[] = ['t.institution_id = ?'];
        const params: unknown[] = [f.organizer];
        if (f.from) { w.push('t.end_month >= ?'); params.push(f.from.slice(0, 7)); }
        if (f.to) { w.push("t.start_month <= ? AND t.start_month <> ''"); params.push(f.to.slice(0, 7)); }
        list.count = async () => Number((await this.db.one<{ n: number }>(`SELECT COALESCE(SUM(t.n), 0) AS n FROM organizer_attendance_tally t WHERE ${w.join(' AND ')}`, params))?.n ?? 0);
      }
      return list;
    }
    const from = `${PARTICIPATION_FROM} JOIN event e ON e.id = pa.event_id`;
    return keysetPage(this.db, `${PARTICIPATION_COLS}, e.start_date AS "date", ${EVENT_DATE} AS k1`, from, this.attendanceWhere(f),
      [{ expr: EVENT_DATE, desc }, { expr: 'pa.id', desc }], (r) => [r.k1 as string, Number(r.dbId)], page);
  }

  /** The same rows for many people at once (person.participations under a list of people): one statement. */
  async attendanceOfPersons(ids: readonly number[], f: AttendanceFilter): Promise<Row[][]> {
    const b = this.attendanceWhere({ ...f, person: undefined });
    // At most LIST_CAP per person, each read on its own (per-parent.ts), as the unfiltered list.
    const q = perParent(this.db, { select: `${PARTICIPATION_COLS}, e.start_date AS "date"`,
      from: (m) => `FROM ${PARTICIPATION_FROM} JOIN event e ON e.id = pa.event_id WHERE pa.person_id ${m} AND ${b.where.join(' AND ')}`,
      parent: 'pa.person_id', order: `${EVENT_DATE}, pa.id`, params: b.params }, ids);
    const rows = await this.db.query(q.sql, q.params);
    const by = new Map<number, Row[]>();
    for (const r of rows) { const k = Number(r.personId); const l = by.get(k) ?? []; l.push(r); by.set(k, l); }
    return ids.map((id) => by.get(id) ?? []);
  }

  /**
   * People who took part in the same events as `personId`, strongest first (shared events, then name):
   * one statement for the page, one for the shared events of the people on it. Without dates the ranking and its
   * count come from the co-attendance tallies (migration 1764490000000): a walk of the person's pairs from the most
   * shared events down, to the page's last count.
   */
  async coAttendees(personId: number, range: DateRange, page: Page): Promise<ListResult<{ personId: number; sharedEvents: number; eventIds: (limit?: number) => Promise<number[]> }>> {
    const b: Built = { where: ['me.person_id = ?', 'other.person_id IS NOT NULL', 'other.person_id <> me.person_id', 'e.merged_into_id IS NULL'], params: [personId] };
    this.eventWhere(range, b);
    // Within dates, the person's rows are read by their copied event date between the range's bounds (as attendance).
    // The other person's rows carry the same copied date (the same event): bounded alike, so that the shared events of
    // the people on the page are read by their (person, date) index within the range rather than all their rows.
    const bounds: Built = { where: [], params: [] };
    if (range.to) { b.where.push('me.event_date <= ?'); bounds.where.push('other.event_date <= ?'); b.params.push(range.to); bounds.params.push(range.to); }
    if (range.from && range.to) {
      const floor = await this.startFloor(range.from, undefined);
      b.where.push('me.event_date >= ?'); bounds.where.push('other.event_date >= ?'); b.params.push(floor); bounds.params.push(floor);
    }
    const from = `participation me JOIN participation other ON other.event_id = me.event_id JOIN event e ON e.id = me.event_id
      JOIN person op ON op.id = other.person_id AND op.merged_into_id IS NULL`;
    const eventsOf = async (ids: number[], limit: number) => {
      // Without dates, each person's first `limit` shared events (as many as their `events` list shows) are read on
      // their own: a walk of their (person, event) index that looks the person up in each event, the live ones by the
      // copied date. With dates (or past PER_PARENT_TERMS people on SQLite), the person's events in range are read once.
      const q = range.from || range.to || (!this.db.isPostgres && ids.length > PER_PARENT_TERMS)
        ? { sql: `SELECT DISTINCT other.person_id AS pid, e.id AS eid FROM ${from} WHERE ${[...b.where, ...bounds.where].join(' AND ')}
            AND other.person_id IN (${ids.map(() => '?').join(', ')}) ORDER BY eid`, params: [...b.params, ...bounds.params, ...ids] }
        : perParent(this.db, { select: 'DISTINCT other.person_id AS pid, other.event_id AS eid', parent: 'other.person_id', order: 'other.event_id', params: [personId],
          from: (m) => `FROM participation other${this.db.indexHint('idx_participation_person')} JOIN participation me${this.db.indexHint('idx_participation_person')}
            ON me.event_id = other.event_id WHERE other.person_id ${m} AND me.person_id = ? AND me.event_date IS NOT NULL` }, ids, limit);
      const rows = await this.db.query<{ pid: number; eid: number }>(q.sql, q.params);
      return rows.map((r) => [Number(r.pid), Number(r.eid)] as [number, number]);
    };
    const map = (r: Row) => ({ personId: Number(r.id), sharedEvents: Number(r.shared) });
    if (!range.from && !range.to) return this.talliedPairs(personId, page, eventsOf, map);
    return this.rankedPairs(from, b, 'other.person_id', 'op.name_key', page, eventsOf, map);
  }

  /**
   * coAttendees and partners without dates: the entity's rows of its pair tally (person_pair_tally, migration
   * 1764490000000; institution_pair_tally, 1764570000000), ranked as rankedPairs ranks the events.
   */
  private async talliedPairs<T extends { sharedEvents: number }>(ownerId: number, page: Page,
    eventsOf: (ids: number[], limit: number) => Promise<Array<[number, number]>>, map: (r: Row) => T, of: PairTally = PERSON_PAIRS): Promise<ListResult<T & { eventIds: (limit?: number) => Promise<number[]> }>> {
    const { pairs, owner, entity, counts } = of;
    const [fewer, later, down, up] = page.backward ? ['>', '<', 'ASC', 'DESC'] : ['<', '>', 'DESC', 'ASC'];
    const after = (t: string, p: string) => (page.after ? ` AND (${t}.n ${fewer} ? OR (${t}.n = ? AND (${p}.name_key ${later} ? OR (${p}.name_key = ? AND ${t}.other_id ${later} ?))))` : '');
    const cursor = page.after ? [page.after[0], page.after[0], page.after[1], page.after[1], page.after[2]] : [];
    // Only pairs at or beyond the page's last count are read (by the (owner, n) index), then ordered by count, name, id.
    const sql = `SELECT t.other_id AS id, op.name_key AS name_key, t.n AS shared FROM ${pairs} t JOIN ${entity} op ON op.id = +t.other_id AND op.merged_into_id IS NULL
      WHERE t.${owner} = ?${after('t', 'op')} AND t.n ${page.backward ? '<=' : '>='} COALESCE((SELECT x.n FROM ${pairs} x JOIN ${entity} y ON y.id = +x.other_id AND y.merged_into_id IS NULL
        WHERE x.${owner} = ?${after('x', 'y')} ORDER BY x.n ${down} LIMIT 1 OFFSET ?), ${page.backward ? 2147483647 : 0})
      ORDER BY shared ${down}, name_key ${up}, id ${up} LIMIT ?`;
    const raw = page.first === 0 ? [] : await this.db.query(sql, [ownerId, ...cursor, ownerId, ...cursor, page.first, page.first + 1]);
    // The count: the owner's pairs, less those with entities merged since (whose rows an editor's merge moves).
    const count = async () => Number((await this.db.one<{ n: number }>(`SELECT COALESCE((SELECT n FROM ${counts} WHERE ${owner} = ?), 0)
      - (SELECT COUNT(*) FROM ${entity} y WHERE y.merged_into_id IS NOT NULL AND EXISTS (SELECT 1 FROM ${pairs} t WHERE t.${owner} = ? AND t.other_id = y.id)) AS n`,
      [ownerId, ownerId]))?.n ?? 0);
    return this.pairPage(raw, page, eventsOf, map, count);
  }

  /** Institutions that take part in the same events as `institutionId` (as organiser, participant or through an official). */
  async partners(institutionId: number, range: DateRange, page: Page): Promise<ListResult<{ institutionId: number; sharedEvents: number; eventIds: (limit?: number) => Promise<number[]> }>> {
    const map = (r: Row) => ({ institutionId: Number(r.id), sharedEvents: Number(r.shared) });
    if (!range.from && !range.to) {
      // Without dates, the ranking and its count come from the partner tallies (migration 1764570000000), and each
      // partner's first `limit` shared events (as many as its `events` list shows) are read on their own: a walk of
      // its events (event_institution by institution) that looks this institution up in each.
      return this.talliedPairs(institutionId, page, async (ids, limit) => {
        const q = perParent(this.db, { select: 'b.institution_id AS iid, b.event_id AS eid', parent: 'b.institution_id', order: 'b.event_id', params: [institutionId],
          from: (m) => `FROM event_institution b JOIN event_institution a ON a.event_id = b.event_id JOIN event e ON e.id = b.event_id
            WHERE b.institution_id ${m} AND a.institution_id = ? AND e.merged_into_id IS NULL` }, ids, limit);
        const rows = await this.db.query<{ iid: number; eid: number }>(q.sql, q.params);
        return rows.map((r) => [Number(r.iid), Number(r.eid)] as [number, number]);
      }, map, INSTITUTION_PAIRS);
    }
    // Its own events first (three indexed lookups), then only those events' other institutions: never the whole union.
    // (`+` keeps SQLite from walking every participation that names an institution instead of those events' rows.)
    const mine = `SELECT eo.event_id AS eid FROM event_organizer eo WHERE eo.institution_id = ?
      UNION SELECT pa.event_id FROM participation pa WHERE pa.institution_id = ?
      UNION SELECT pa.event_id FROM participation pa JOIN position po ON po.person_id = pa.person_id WHERE po.institution_id = ?`;
    const others = `(SELECT eo.institution_id AS iid, eo.event_id AS eid FROM event_organizer eo WHERE eo.event_id IN (${mine})
      UNION SELECT pa.institution_id, pa.event_id FROM participation pa WHERE +pa.institution_id IS NOT NULL AND pa.event_id IN (${mine})
      UNION SELECT po.institution_id, pa.event_id FROM participation pa JOIN position po ON po.person_id = pa.person_id
        WHERE po.institution_id IS NOT NULL AND pa.event_id IN (${mine}))`;
    const fromParams = Array(9).fill(institutionId);
    const b: Built = { where: ['other.iid <> ?', 'e.merged_into_id IS NULL'], params: [institutionId] };
    this.eventWhere(range, b);
    const from = `${others} other JOIN event e ON e.id = other.eid JOIN institution oi ON oi.id = other.iid AND oi.merged_into_id IS NULL`;
    return this.rankedPairs(from, b, 'other.iid', 'oi.name_key', page, async (ids) => {
      const rows = await this.db.query<{ iid: number; eid: number }>(`SELECT DISTINCT other.iid AS iid, e.id AS eid FROM ${from}
        WHERE ${b.where.join(' AND ')} AND other.iid IN (${ids.map(() => '?').join(', ')}) ORDER BY eid`, [...fromParams, ...b.params, ...ids]);
      return rows.map((r) => [Number(r.iid), Number(r.eid)] as [number, number]);
    }, map, fromParams);
  }

  /** A page of (id, shared-event count) ranked by count desc, then name, then id; the shared events filled in by one more statement. */
  private async rankedPairs<T extends { sharedEvents: number }>(from: string, b: Built, idExpr: string, nameExpr: string, page: Page,
    eventsOf: (ids: number[], limit: number) => Promise<Array<[number, number]>>, map: (r: Row) => T, fromParams: unknown[] = []): Promise<ListResult<T & { eventIds: (limit?: number) => Promise<number[]> }>> {
    const params = [...fromParams, ...b.params];
    let having = '';
    // A backward page reads the ranking in reverse from its cursor (see Page).
    const [fewer, later, down, up] = page.backward ? ['>', '<', 'ASC', 'DESC'] : ['<', '>', 'DESC', 'ASC'];
    if (page.after) {
      // Cursor (shared, name, id) in ranking order: fewer shared, or equal and later by name then id.
      const [shared, name, id] = page.after;
      having = ` HAVING (COUNT(DISTINCT e.id) ${fewer} ? OR (COUNT(DISTINCT e.id) = ? AND (${nameExpr} ${later} ? OR (${nameExpr} = ? AND ${idExpr} ${later} ?))))`;
      params.push(shared, shared, name, name, id);
    }
    const sql = `SELECT ${idExpr} AS id, ${nameExpr} AS name_key, COUNT(DISTINCT e.id) AS shared FROM ${from} WHERE ${b.where.join(' AND ')}
      GROUP BY ${idExpr}, ${nameExpr}${having} ORDER BY shared ${down}, name_key ${up}, id ${up} LIMIT ?`;
    const raw = page.first === 0 ? [] : await this.db.query(sql, [...params, page.first + 1]);
    return this.pairPage(raw, page, eventsOf, map,
      async () => Number((await this.db.one<{ n: number }>(`SELECT COUNT(DISTINCT ${idExpr}) AS n FROM ${from} WHERE ${b.where.join(' AND ')}`, [...fromParams, ...b.params]))?.n ?? 0));
  }

  /**
   * A ranked page's rows (id, name_key, shared) with their cursor keys. Their shared events are read when a resolver
   * first asks for them (most queries ask only for the counts): one statement for the whole page.
   */
  private async pairPage<T extends { sharedEvents: number }>(raw: Row[], page: Page, eventsOf: (ids: number[], limit: number) => Promise<Array<[number, number]>>,
    map: (r: Row) => T, count: () => Promise<number>): Promise<ListResult<T & { eventIds: (limit?: number) => Promise<number[]> }>> {
    const ids = raw.slice(0, page.first).map((r) => Number(r.id));
    // Read for the first limit asked (a list's `first`); a larger one later reads again, up to LIST_CAP.
    let shared: { limit: number; rows: Promise<Map<number, number[]>> } | null = null;
    const load = (limit: number) => {
      if (!shared || shared.limit < limit) {
        const at = shared ? LIST_CAP : limit;
        shared = { limit: at, rows: (ids.length ? eventsOf(ids, at) : Promise.resolve([])).then((pairs) => {
          const byId = new Map<number, number[]>();
          for (const [id, eid] of pairs) { const l = byId.get(id) ?? []; l.push(eid); byId.set(id, l); }
          return byId;
        }) };
      }
      return shared.rows;
    };
    const keys = new Map<object, Array<string | number | null>>();
    const rows = raw.map((r) => {
      const id = Number(r.id);
      const row = { ...map(r), eventIds: async (limit = LIST_CAP) => ((await load(limit)).get(id) ?? []).slice(0, limit) };
      keys.set(row, [Number(r.shared), r.name_key as string, id]);
      return row;
    });
    return { rows, key: (r) => keys.get(r)!, count };
  }

  /** How many items personTimeline lists in the range. */
  async personTimelineCount(personId: number, range: DateRange): Promise<number> {
    return (await this.personTimeline(personId, range, -1, 0)).count();
  }

  /**
   * A person's timeline in date order: positions (by the date first evidenced), events taken part in, quotes and articles
   * (by publication date). One statement; offset-paged because its items come from four tables. Each table's items are
   * read in the list's order by an index on (person, date) and cut at the page's end before the four are merged; the
   * count reads the same indexes alone.
   */
  async personTimeline(personId: number, range: DateRange, first: number, offset: number): Promise<{ rows: TimelineRow[]; count: () => Promise<number> }> {
    const dated = (expr: string, params: unknown[]) => {
      const w: string[] = [`${expr} IS NOT NULL`];
      if (range.from) { w.push(`${expr} >= ?`); params.push(range.from); }
      if (range.to) { w.push(`${expr} <= ?`); params.push(range.to); }
      return w.join(' AND ');
    };
    // The copied dates stand for "no date" with 0001-01-01 (and for a merged event with null): only at that value is
    // the event or article itself read, to tell a missing date from a real one.
    const parts: Array<{ select: string; from: string; order: string; distinct?: boolean; params: unknown[] }> = [];
    const part = (select: string, from: (p: unknown[]) => string, order: string, distinct = false) => {
      const params: unknown[] = [];
      parts.push({ select, from: from(params), order, distinct, params });
    };
    part(`'POSITION' AS kind, po.id AS ref, CAST(po.valid_from AS TEXT) AS d, 0 AS ord`,
      (p) => `position po WHERE po.person_id = ? AND ${(p.push(personId), dated('po.valid_from', p))}`, 'po.valid_from, po.id');
    part(`'EVENT' AS kind, pa.id AS ref, CAST(pa.event_date AS TEXT) AS d, 1 AS ord`,
      (p) => `participation pa WHERE pa.person_id = ? AND ${(p.push(personId), dated('pa.event_date', p))}
        AND (pa.event_date <> '0001-01-01' OR EXISTS (SELECT 1 FROM event e WHERE e.id = pa.event_id AND e.start_date IS NOT NULL))`, 'pa.event_date, pa.id');
    part(`'QUOTE' AS kind, q.id AS ref, q.article_date AS d, 2 AS ord`,
      (p) => `quote q WHERE q.person_id = ? AND ${(p.push(personId), dated('q.article_date', p))}
        AND (q.article_date <> '0001-01-01' OR EXISTS (SELECT 1 FROM article a WHERE a.id = q.article_id AND a.published_on IS NOT NULL))`, 'q.article_date, q.id');
    part(`'ARTICLE' AS kind, m.article_id AS ref, m.article_date AS d, 3 AS ord`,
      (p) => `mention m WHERE m.entity_type = 'PERSON' AND m.entity_id = ? AND ${(p.push(personId), dated('m.article_date', p))} AND m.status <> 'REJECTED'
        AND (m.article_date <> '0001-01-01' OR EXISTS (SELECT 1 FROM article a WHERE a.id = m.article_id AND a.published_on IS NOT NULL))`, 'm.article_date, m.article_id', true);
    const count = async () => {
      // Without dates: the positions, the person's tally of items with a real date (migration 1764500000000), and the
      // items at 0001-01-01 whose event or article has a date after all (read from those rows alone).
      if (!range.from && !range.to) {
        return Number((await this.db.one<{ n: number }>(`SELECT (SELECT COUNT(*) FROM position po WHERE po.person_id = ? AND po.valid_from IS NOT NULL)
          + COALESCE((SELECT n FROM person_timeline_tally WHERE person_id = ?), 0)
          + (SELECT COUNT(*) FROM participation pa WHERE pa.person_id = ? AND pa.event_date = '0001-01-01'
            AND EXISTS (SELECT 1 FROM event e WHERE e.id = pa.event_id AND e.start_date IS NOT NULL))
          + (SELECT COUNT(*) FROM quote q WHERE q.person_id = ? AND q.article_date = '0001-01-01'
            AND EXISTS (SELECT 1 FROM article a WHERE a.id = q.article_id AND a.published_on IS NOT NULL))
          + (SELECT COUNT(DISTINCT m.article_id) FROM mention m WHERE m.entity_type = 'PERSON' AND m.entity_id = ? AND m.article_date = '0001-01-01' AND m.status <> 'REJECTED'
            AND EXISTS (SELECT 1 FROM article a WHERE a.id = m.article_id AND a.published_on IS NOT NULL)) AS n`, Array(5).fill(personId)))?.n ?? 0);
      }
      // Counted on the index columns alone (the articles as distinct (date, article) pairs of the mentions).
      const sql = parts.map((x) => (x.distinct ? `(SELECT COUNT(*) FROM (SELECT DISTINCT ${x.order} FROM ${x.from}) c)` : `(SELECT COUNT(*) FROM ${x.from})`)).join(' + ');
      return Number((await this.db.one<{ n: number }>(`SELECT ${sql} AS n`, parts.flatMap((x) => x.params)))?.n ?? 0);
    };
    // first = -1: the count alone (no rows read).
    if (first < 0) return { rows: [], count };
    const n = offset + first + 1;
    const union = parts.map((x, i) => `SELECT * FROM (SELECT ${x.distinct ? 'DISTINCT ' : ''}${x.select} FROM ${x.from} ORDER BY ${x.order} LIMIT ?) t${i}`).join(' UNION ALL ');
    const rows = await this.db.query(`SELECT kind, ref, d, ord FROM (${union}) t ORDER BY d, ord, ref LIMIT ? OFFSET ?`, [...parts.flatMap((x) => [...x.params, n]), first + 1, offset]);
    return { rows: rows.map((r) => ({ kind: r.kind as TimelineKind, ref: Number(r.ref), date: String(r.d) })), count };
  }

  /** Reports of an event in publication order: the first report, later reports up to its end, follow-ups after it. One statement. */
  async eventTimeline(eventId: number): Promise<Array<{ articleId: number; publishedOn: string | null; phase: 'FIRST_REPORT' | 'REPORT' | 'FOLLOW_UP'; dayOffset: number | null }>> {
    const rows = await this.db.query<{ aid: number; pub: string | null; s: string | null; en: string | null }>(
      `SELECT a.id AS aid, a.published_on AS pub, e.start_date AS s, COALESCE(e.end_date, e.start_date) AS en FROM article_event ae
       JOIN article a ON a.id = ae.article_id JOIN event e ON e.id = ae.event_id WHERE ae.event_id = ? ORDER BY ${`COALESCE(a.published_on, '9999-12-31')`}, a.id`, [eventId]);
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    return rows.map((r, i) => ({
      articleId: Number(r.aid), publishedOn: r.pub,
      phase: i === 0 ? 'FIRST_REPORT' : r.pub && r.en && r.pub > r.en ? 'FOLLOW_UP' : 'REPORT',
      dayOffset: r.pub && r.s ? Math.round(day(r.pub) - day(r.s)) : null,
    }));
  }

  // -- stats: each one statement -------------------------------------------------------------
  // Event counts come from the tallies (event-tallies.ts) when the filter allows, from the events otherwise; rankings
  // without a filter come from the per-organiser and per-person tallies. A ranking reads only the rows at or above the
  // `limit`-th count (by the tally's count index), then orders those by count and id.

  /**
   * The event filter for stats read from the events. With both dates, also a lower bound on the start date that the
   * filter implies: no live event ending on or after `from` starts before the earliest start month of the tallied
   * events that end in `from`'s month or later, so the start-date indexes read the range rather than all before `to`.
   */
  private async statsWhere(f: StatsFilter): Promise<Built> {
    const b: Built = { where: ['e.merged_into_id IS NULL'], params: [] };
    this.eventWhere(f, b);
    if (f.from && f.to) {
      b.where.push('e.start_date >= ?');
      b.params.push(await this.startFloor(f.from, f.kind));
    }
    return b;
  }

  /**
   * The earliest start date a live event (of `kind`) still running on or after `from` can have, with a start date: the
   * first day of the earliest start month among the tallied events that end in `from`'s month or later (`from` when none).
   */
  private async startFloor(from: string, kind: EventKind | undefined): Promise<string> {
    const m = await this.tallies.earliestStartMonth(from, kind);
    return m ? `${m}-01` : from;
  }

  private static unfiltered(f: StatsFilter): boolean {
    return !f.from && !f.to && !f.kind && f.place == null && f.organizer == null;
  }

  /** The top `limit` of tally `table` (id column `col`, joined to `join` as `alias`, whose columns `cols` are read). */
  private topOfTally(table: string, col: string, join: string, alias: string, cols: string, limit: number): Promise<Row[]> {
    // The tally is read by its count index from the top (`+` keeps the planner from starting at the joined table);
    // the threshold counts only ids the join finds, as a mention may name a person no longer there.
    return this.db.query(`SELECT ${cols}, t.n FROM ${table} t JOIN ${join} ${alias} ON ${alias}.id = +t.${col}
      WHERE t.n >= COALESCE((SELECT x.n FROM ${table} x WHERE EXISTS (SELECT 1 FROM ${join} y WHERE y.id = x.${col}) ORDER BY x.n DESC LIMIT 1 OFFSET ?), 0)
      ORDER BY t.n DESC, ${alias}.id LIMIT ?`, [Math.max(0, limit - 1), limit]);
  }

  /**
   * The top `limit` of year tally `table` (migration 1764540000000) over the years [y1, y2], as topOfTally reads its
   * tally: an event counts in a range when it ends in y1 or later and starts in y2 or earlier. One year reads that
   * year's rows from the top down to the `limit`-th count, plus whoever has events spanning years that reach it (their
   * other rows can only raise them); several years add up their rows.
   */
  private topOfYears(table: string, col: string, join: string, alias: string, cols: string, limit: number, [y1, y2]: [string, string]): Promise<Row[]> {
    // The ranking is cut to `limit` before the joined rows are read.
    const ranked = (sql: string, params: unknown[]) => this.db.query(`SELECT ${cols}, s.n FROM (${sql} ORDER BY n DESC, id LIMIT ?) s
      JOIN ${join} ${alias} ON ${alias}.id = s.id ORDER BY s.n DESC, ${alias}.id`, [...params, limit]);
    if (y1 === y2) {
      // Each candidate's rows are added up by the key.
      return ranked(`SELECT c.id, (SELECT SUM(t.n) FROM ${table} t WHERE t.${col} = c.id AND t.start_year <= ? AND t.end_year >= ? AND t.start_year <> '') AS n
        FROM (SELECT DISTINCT u.id FROM (SELECT r.${col} AS id FROM ${table} r WHERE r.start_year = ? AND r.end_year = ? AND r.n >= COALESCE((SELECT x.n FROM ${table} x
            WHERE x.start_year = ? AND x.end_year = ? ORDER BY x.n DESC LIMIT 1 OFFSET ?), 0)
          UNION ALL SELECT r.${col} FROM ${table} r WHERE r.start_year <> r.end_year AND r.end_year >= ? AND r.start_year <= ? AND r.start_year <> '') u) c`,
      [y1, y1, y1, y1, y1, y1, Math.max(0, limit - 1), y1, y1]);
    }
    return ranked(`SELECT u.id, SUM(u.n) AS n FROM (SELECT t.${col} AS id, t.n FROM ${table} t WHERE t.start_year >= ? AND t.start_year <= ? AND t.end_year >= ?
        UNION ALL SELECT t.${col}, t.n FROM ${table} t WHERE t.start_year <> t.end_year AND t.end_year >= ? AND t.start_year < ? AND t.start_year <> '') u
      GROUP BY u.id`, [y1, y2, y1, y1, y1]);
  }

  async eventsPerPeriod(f: StatsFilter, period: Period): Promise<Array<{ period: string; count: number }>> {
    const len = period === 'YEAR' ? 4 : 7;
    if (tallied(f)) {
      const s = await this.tallies.source(f, 'month');
      const rows = await this.db.query(`SELECT SUBSTR(u.start_month, 1, ${len}) AS period, SUM(u.n) AS total FROM (${s.where[0]}) u
        WHERE u.start_month <> '' GROUP BY SUBSTR(u.start_month, 1, ${len}) ORDER BY period`, s.params);
      return rows.map((r) => ({ period: String(r.period), count: Number(r.total) }));
    }
    const b = await this.statsWhere(f);
    const rows = await this.db.query(`SELECT SUBSTR(CAST(e.start_date AS TEXT), 1, ${len}) AS period, COUNT(*) AS n FROM event e
      WHERE e.start_date IS NOT NULL AND ${b.where.join(' AND ')} GROUP BY SUBSTR(CAST(e.start_date AS TEXT), 1, ${len}) ORDER BY period`, b.params);
    return rows.map((r) => ({ period: String(r.period), count: Number(r.n) }));
  }

  async eventsByKind(f: StatsFilter): Promise<Array<{ kind: EventKind; count: number }>> {
    if (tallied(f)) {
      const s = await this.tallies.source(f, 'kind');
      const rows = await this.db.query(`SELECT u.kind, SUM(u.n) AS total FROM (${s.where[0]}) u GROUP BY u.kind ORDER BY total DESC, u.kind`, s.params);
      return rows.map((r) => ({ kind: r.kind as EventKind, count: Number(r.total) }));
    }
    const b = await this.statsWhere(f);
    const rows = await this.db.query(`SELECT e.kind, COUNT(*) AS n FROM event e WHERE ${b.where.join(' AND ')} GROUP BY e.kind ORDER BY n DESC, e.kind`, b.params);
    return rows.map((r) => ({ kind: r.kind as EventKind, count: Number(r.n) }));
  }

  /** Events by the province or the regency/city they took place in (from the event's city). */
  async eventsByRegion(f: StatsFilter, level: RegionLevel, limit: number): Promise<Array<{ place: Row; count: number }>> {
    const region = level === 'PROVINCE' ? `CASE WHEN c.kind = 'PROVINCE' THEN c.id ELSE c.parent_id END` : `CASE WHEN c.kind IN ('REGENCY', 'CITY') THEN c.id END`;
    if (tallied(f)) {
      const s = await this.tallies.source(f, 'city');
      // Summed per city first, then each city looked up by its key (joined to the tally's rows as they come, SQLite
      // scanned every place for them).
      const rows = await this.db.query(`SELECT ${PLACE_COLS}, g.n FROM (SELECT ${region} AS pid, SUM(u.n) AS n FROM (SELECT v.city_id, SUM(v.n) AS n FROM (${s.where[0]}) v GROUP BY v.city_id) u
        JOIN place c ON c.id = u.city_id
        WHERE ${region} IS NOT NULL GROUP BY ${region}) g JOIN place pl ON pl.id = g.pid ORDER BY g.n DESC, pl.id LIMIT ?`, [...s.params, limit]);
      return rows.map((r) => ({ place: r, count: Number(r.n) }));
    }
    const b = await this.statsWhere(f);
    const rows = await this.db.query(`SELECT ${PLACE_COLS}, t.n FROM (SELECT ${region} AS pid, COUNT(*) AS n FROM event e JOIN place c ON c.id = e.city_id
      WHERE ${b.where.join(' AND ')} AND ${region} IS NOT NULL GROUP BY ${region}) t JOIN place pl ON pl.id = t.pid ORDER BY t.n DESC, pl.id LIMIT ?`, [...b.params, limit]);
    return rows.map((r) => ({ place: r, count: Number(r.n) }));
  }

  /** Institutions ranked by the events they organised. */
  async eventsByOrganizer(f: StatsFilter, limit: number): Promise<Array<{ institution: Row; count: number }>> {
    if (AnalyticsService.unfiltered(f)) {
      return (await this.topOfTally('organizer_tally', 'institution_id', 'institution', 'i', INSTITUTION_COLS, limit)).map((r) => ({ institution: r, count: Number(r.n) }));
    }
    const years = wholeYears(f);
    if (years) {
      return (await this.topOfYears('organizer_year_tally', 'institution_id', 'institution', 'i', INSTITUTION_COLS, limit, years)).map((r) => ({ institution: r, count: Number(r.n) }));
    }
    const b = await this.statsWhere(f);
    const rows = await this.db.query(`SELECT ${INSTITUTION_COLS}, t.n FROM (SELECT eo.institution_id AS iid, COUNT(*) AS n FROM event_organizer eo JOIN event e ON e.id = eo.event_id
      WHERE ${b.where.join(' AND ')} GROUP BY eo.institution_id) t JOIN institution i ON i.id = t.iid ORDER BY t.n DESC, i.id LIMIT ?`, [...b.params, limit]);
    return rows.map((r) => ({ institution: r, count: Number(r.n) }));
  }

  /** Officials ranked by the number of distinct events they took part in. */
  async officialsByEvents(f: StatsFilter, limit: number): Promise<Array<{ person: Row; count: number }>> {
    if (AnalyticsService.unfiltered(f)) {
      return (await this.topOfTally('person_event_tally', 'person_id', 'person', 'p', PERSON_COLS, limit)).map((r) => ({ person: r, count: Number(r.n) }));
    }
    const years = wholeYears(f);
    if (years) return (await this.topOfYears('person_year_tally', 'person_id', 'person', 'p', PERSON_COLS, limit, years)).map((r) => ({ person: r, count: Number(r.n) }));
    const b = await this.statsWhere(f);
    const rows = await this.db.query(`SELECT ${PERSON_COLS}, t.n FROM (SELECT pa.person_id AS pid, COUNT(DISTINCT e.id) AS n FROM participation pa JOIN event e ON e.id = pa.event_id
      WHERE pa.person_id IS NOT NULL AND ${b.where.join(' AND ')} GROUP BY pa.person_id) t JOIN person p ON p.id = t.pid ORDER BY t.n DESC, p.id LIMIT ?`, [...b.params, limit]);
    return rows.map((r) => ({ person: r, count: Number(r.n) }));
  }

  /** Officials ranked by mentions in articles published in the range (place and kind filters do not apply to articles). */
  async officialsByMentions(f: DateRange, limit: number): Promise<Array<{ person: Row; count: number }>> {
    const w: string[] = ["m.entity_type = 'PERSON'", "m.status <> 'REJECTED'"];
    const params: unknown[] = [];
    if (f.from) { w.push('a.published_on >= ?'); params.push(f.from); }
    if (f.to) { w.push('a.published_on <= ?'); params.push(f.to); }
    // Without dates the counts come from the per-person tally; with dates, from the articles in range outwards.
    const rows = params.length
      ? await this.db.query(`SELECT ${PERSON_COLS}, t.n FROM (SELECT m.entity_id AS pid, COUNT(*) AS n FROM article a JOIN mention m ON m.article_id = a.id
          WHERE ${w.join(' AND ')} GROUP BY m.entity_id) t JOIN person p ON p.id = t.pid ORDER BY t.n DESC, p.id LIMIT ?`, [...params, limit])
      : await this.topOfTally('person_mention_tally', 'person_id', 'person', 'p', PERSON_COLS, limit);
    return rows.map((r) => ({ person: r, count: Number(r.n) }));
  }
}

/** A pair tally: its table, the owner's id column, the entity table both ids name, and the per-owner pair count. */
interface PairTally { pairs: string; owner: string; entity: string; counts: string }
const PERSON_PAIRS: PairTally = { pairs: 'person_pair_tally', owner: 'person_id', entity: 'person', counts: 'person_coattendee_tally' };
const INSTITUTION_PAIRS: PairTally = { pairs: 'institution_pair_tally', owner: 'institution_id', entity: 'institution', counts: 'institution_partner_tally' };

export type TimelineKind = 'POSITION' | 'EVENT' | 'QUOTE' | 'ARTICLE';
export interface TimelineRow { kind: TimelineKind; ref: number; date: string }
