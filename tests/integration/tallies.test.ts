/**
 * The tallies behind `stats` (migration 1764460000000), co-attendance (1764490000000), timelines (1764500000000) and
 * organisers' attendance (1764510000000), and the dates copied onto
 * participations, organisers and quotes (1764480000000), on both databases: after random inserts, updates (merges and
 * unmerges of events, moves of a person's participations to another as an editor's merge does them, new publication
 * dates) and deletes, each tally equals the aggregate of the rows it counts and each copied date its source, every stats
 * answer and filtered events count equals the one the direct SQL over the events gave before the tallies, and so do
 * co-attendance pages, a person's attendance and timeline; the migrations run down and up again. The events, people and mentions are invented for the test; the world grows from one generated
 * case to the next (each case's writes commit), so a counterexample is reproduced with the cases before it.
 */
import fc from 'fast-check';
import { Db, Row } from '../../src/db/database';
import { MIGRATIONS } from '../../src/db/migrations';
import { TALLY_SOURCES, Tallies1764460000000 } from '../../src/db/migrations/1764460000000-tallies';
import { LIST_DATE_SOURCES } from '../../src/db/migrations/1764480000000-entity-list-dates';
import { PAIR_TALLY_SOURCES } from '../../src/db/migrations/1764490000000-pair-tallies';
import { TIMELINE_TALLY_SOURCE } from '../../src/db/migrations/1764500000000-timeline-tally';
import { ORGANIZER_ATTENDANCE_SOURCE } from '../../src/db/migrations/1764510000000-organizer-attendance-tally';
import { YEAR_TALLY_SOURCES } from '../../src/db/migrations/1764540000000-year-tallies';
import { YEAR_CITY_TALLY_SOURCE } from '../../src/db/migrations/1764550000000-event-year-city-tally';
import { INSTITUTION_PAIR_SOURCES } from '../../src/db/migrations/1764570000000-institution-pair-tally';
import { IngestService } from '../../src/ingest';
import { loadDemoIfEmpty } from '../../src/demo';
import { AnalyticsService, StatsFilter } from '../../src/services/analytics.service';
import { CatalogService } from '../../src/services/catalog.service';
import { eventConditions } from '../../src/services/event-filter';
import { EventKind } from '../../src/entities/enums';
import type { Built } from '../../src/services/keyset';
import { targets } from '../helpers/db';

const KINDS = ['RAKOR', 'RAKER', 'BIMTEK', 'PELANTIKAN'];
const ROLES = ['ATTENDEE', 'SPEAKER', 'OPENER'];
const DATES = [null, '2019-01-01', '2019-01-31', '2019-02-14', '2019-02-28', '2019-03-01', '2019-12-31', '2020-01-01', '2020-06-15'];

/** Each tally as a sorted list of rows, and the same from the aggregate of the rows it counts. */
async function tallies(db: Db): Promise<Record<string, { stored: string[]; counted: string[] }>> {
  const out: Record<string, { stored: string[]; counted: string[] }> = {};
  const line = (r: Row) => Object.values(r).map(String).join('|');
  for (const [table, select] of [...TALLY_SOURCES, ...PAIR_TALLY_SOURCES, ['person_timeline_tally', TIMELINE_TALLY_SOURCE], ['organizer_attendance_tally', ORGANIZER_ATTENDANCE_SOURCE], ...YEAR_TALLY_SOURCES, ['event_tally_year_city', YEAR_CITY_TALLY_SOURCE], ...INSTITUTION_PAIR_SOURCES]) {
    out[table] = {
      stored: (await db.query(`SELECT * FROM "${table}"`)).map(line).sort(),
      counted: (await db.query(`SELECT * FROM (${select}) s`)).map(line).sort(),
    };
  }
  const key: Record<string, string> = { participation: '"id"', event_organizer: '"event_id", "institution_id"', quote: '"id"' };
  for (const [table, column, expected] of LIST_DATE_SOURCES) {
    out[`${table}.${column}`] = {
      stored: (await db.query(`SELECT ${key[table]}, CAST("${column}" AS TEXT) AS v FROM "${table}"`)).map(line).sort(),
      counted: (await db.query(`SELECT ${key[table]}, CAST(${expected} AS TEXT) AS v FROM "${table}"`)).map(line).sort(),
    };
  }
  return out;
}

/** The stats statements as they were before the tallies: every count read from the events. */
async function directStats(db: Db, f: StatsFilter) {
  const b: Built = { where: ['e.merged_into_id IS NULL'], params: [] };
  eventConditions(f, f.kind, b);
  const w = b.where.join(' AND ');
  const num = (rows: Row[], k: string) => rows.map((r) => ({ ...r, [k]: Number(r[k]) }));
  const region = (level: string) => (level === 'PROVINCE' ? `CASE WHEN c.kind = 'PROVINCE' THEN c.id ELSE c.parent_id END` : `CASE WHEN c.kind IN ('REGENCY', 'CITY') THEN c.id END`);
  return {
    month: num(await db.query(`SELECT SUBSTR(CAST(e.start_date AS TEXT), 1, 7) AS period, COUNT(*) AS n FROM event e
      WHERE e.start_date IS NOT NULL AND ${w} GROUP BY SUBSTR(CAST(e.start_date AS TEXT), 1, 7) ORDER BY period`, b.params), 'n'),
    year: num(await db.query(`SELECT SUBSTR(CAST(e.start_date AS TEXT), 1, 4) AS period, COUNT(*) AS n FROM event e
      WHERE e.start_date IS NOT NULL AND ${w} GROUP BY SUBSTR(CAST(e.start_date AS TEXT), 1, 4) ORDER BY period`, b.params), 'n'),
    kind: num(await db.query(`SELECT e.kind, COUNT(*) AS n FROM event e WHERE ${w} GROUP BY e.kind ORDER BY n DESC, e.kind`, b.params), 'n'),
    province: num(await db.query(`SELECT t.pid, t.n FROM (SELECT ${region('PROVINCE')} AS pid, COUNT(*) AS n FROM event e JOIN place c ON c.id = e.city_id
      WHERE ${w} AND ${region('PROVINCE')} IS NOT NULL GROUP BY ${region('PROVINCE')}) t JOIN place pl ON pl.id = t.pid ORDER BY t.n DESC, pl.id LIMIT 50`, b.params), 'n'),
    regency: num(await db.query(`SELECT t.pid, t.n FROM (SELECT ${region('REGENCY')} AS pid, COUNT(*) AS n FROM event e JOIN place c ON c.id = e.city_id
      WHERE ${w} AND ${region('REGENCY')} IS NOT NULL GROUP BY ${region('REGENCY')}) t JOIN place pl ON pl.id = t.pid ORDER BY t.n DESC, pl.id LIMIT 50`, b.params), 'n'),
    organizer: num(await db.query(`SELECT t.iid, t.n FROM (SELECT eo.institution_id AS iid, COUNT(*) AS n FROM event_organizer eo JOIN event e ON e.id = eo.event_id
      WHERE ${w} GROUP BY eo.institution_id) t JOIN institution i ON i.id = t.iid ORDER BY t.n DESC, i.id LIMIT 5`, b.params), 'n'),
    officials: num(await db.query(`SELECT t.pid, t.n FROM (SELECT pa.person_id AS pid, COUNT(DISTINCT e.id) AS n FROM participation pa JOIN event e ON e.id = pa.event_id
      WHERE pa.person_id IS NOT NULL AND ${w} GROUP BY pa.person_id) t JOIN person p ON p.id = t.pid ORDER BY t.n DESC, p.id LIMIT 5`, b.params), 'n'),
    mentions: num(await db.query(`SELECT t.pid, t.n FROM (SELECT m.entity_id AS pid, COUNT(*) AS n FROM mention m WHERE m.entity_type = 'PERSON' AND m.status <> 'REJECTED'
      GROUP BY m.entity_id) t JOIN person p ON p.id = t.pid ORDER BY t.n DESC, p.id LIMIT 5`), 'n'),
    total: Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM event e WHERE ${w}`, b.params))!.n),
  };
}

/** Co-attendees of `person`, a person's attendance and timeline as the statements before the copied dates and pair tallies read them. */
async function directLists(db: Db, person: number) {
  const co = await db.query(`SELECT other.person_id AS id, COUNT(DISTINCT e.id) AS shared FROM participation me JOIN participation other ON other.event_id = me.event_id
    JOIN event e ON e.id = me.event_id JOIN person op ON op.id = other.person_id AND op.merged_into_id IS NULL
    WHERE me.person_id = ? AND other.person_id IS NOT NULL AND other.person_id <> me.person_id AND e.merged_into_id IS NULL
    GROUP BY other.person_id, op.name_key ORDER BY shared DESC, op.name_key, id`, [person]);
  const attendance = await db.query(`SELECT pa.id FROM participation pa JOIN event e ON e.id = pa.event_id WHERE e.merged_into_id IS NULL AND pa.person_id = ?
    ORDER BY COALESCE(e.start_date, '0001-01-01'), pa.id`, [person]);
  const timeline = await db.query(`SELECT kind, ref, d FROM (
      SELECT 'POSITION' AS kind, po.id AS ref, CAST(po.valid_from AS TEXT) AS d, 0 AS ord FROM position po WHERE po.person_id = ? AND po.valid_from IS NOT NULL
      UNION ALL SELECT 'EVENT', pa.id, CAST(e.start_date AS TEXT), 1 FROM participation pa JOIN event e ON e.id = pa.event_id WHERE pa.person_id = ? AND e.merged_into_id IS NULL AND e.start_date IS NOT NULL
      UNION ALL SELECT 'QUOTE', q.id, CAST(a.published_on AS TEXT), 2 FROM quote q JOIN article a ON a.id = q.article_id WHERE q.person_id = ? AND a.published_on IS NOT NULL
      UNION ALL SELECT 'ARTICLE', a.id, CAST(a.published_on AS TEXT), 3 FROM article a WHERE a.id IN (SELECT m.article_id FROM mention m WHERE m.entity_type = 'PERSON' AND m.entity_id = ? AND m.status <> 'REJECTED')
        AND a.published_on IS NOT NULL) t ORDER BY d, ord, ref`, [person, person, person, person]);
  return {
    co: co.map((r) => [Number(r.id), Number(r.shared)]), coCount: co.length,
    attendance: attendance.map((r) => Number(r.id)),
    timeline: timeline.map((r) => `${r.kind} ${Number(r.ref)} ${r.d}`), timelineCount: timeline.length,
  };
}

/** The same lists from the services, page by page (forward, then the first page read backward from its end). */
async function serviceLists(db: Db, person: number) {
  const a = new AnalyticsService(db);
  const co: number[][] = [];
  let after: Array<string | number | null> | null = null;
  for (;;) {
    const r = await a.coAttendees(person, {}, { first: 3, after });
    const rows = r.rows.slice(0, 3);
    co.push(...rows.map((x) => [x.personId, x.sharedEvents]));
    if (r.rows.length <= 3) break;
    after = r.key(rows[rows.length - 1]);
  }
  const first = await a.coAttendees(person, {}, { first: 3, after: null });
  const coCount = await first.count();
  const attendance: number[] = [];
  after = null;
  for (;;) {
    const r = await a.attendance({ person }, 'DATE_ASC', { first: 4, after });
    const rows = r.rows.slice(0, 4);
    attendance.push(...rows.map((x) => Number(x.dbId)));
    if (r.rows.length <= 4) break;
    after = r.key(rows[rows.length - 1]);
  }
  const timeline: string[] = [];
  for (let offset = 0; ; offset += 5) {
    const r = await a.personTimeline(person, {}, 5, offset);
    timeline.push(...r.rows.slice(0, 5).map((x) => `${x.kind} ${x.ref} ${x.date}`));
    if (r.rows.length <= 5) break;
  }
  return { co, coCount, attendance, timeline, timelineCount: await a.personTimelineCount(person, {}) };
}

/** The same answers from the services. */
async function serviceStats(db: Db, f: StatsFilter) {
  const a = new AnalyticsService(db);
  const id = (r: Row) => Number(r.dbId);
  return {
    month: (await a.eventsPerPeriod(f, 'MONTH')).map((r) => ({ period: r.period, n: r.count })),
    year: (await a.eventsPerPeriod(f, 'YEAR')).map((r) => ({ period: r.period, n: r.count })),
    kind: (await a.eventsByKind(f)).map((r) => ({ kind: r.kind, n: r.count })),
    province: (await a.eventsByRegion(f, 'PROVINCE', 50)).map((r) => ({ pid: id(r.place), n: r.count })),
    regency: (await a.eventsByRegion(f, 'REGENCY', 50)).map((r) => ({ pid: id(r.place), n: r.count })),
    organizer: (await a.eventsByOrganizer(f, 5)).map((r) => ({ iid: id(r.institution), n: r.count })),
    officials: (await a.officialsByEvents(f, 5)).map((r) => ({ pid: id(r.person), n: r.count })),
    mentions: (await a.officialsByMentions({}, 5)).map((r) => ({ pid: id(r.person), n: r.count })),
    total: await (await new CatalogService(db).events({ ...f }, { first: 1, after: null })).count(),
  };
}

type Op =
  | { op: 'event'; kind: number; start: number; len: number; city: number; venue: number; merged: boolean }
  | { op: 'part'; event: number; person: number; role: number }
  | { op: 'org'; event: number; inst: number }
  | { op: 'mention'; person: number; status: number }
  | { op: 'mentions'; article: number; persons: Array<{ person: number; status: number }> }
  | { op: 'merge'; event: number; into: number }
  | { op: 'unmerge'; event: number }
  | { op: 'move'; event: number; city: number; kind: number; start: number }
  | { op: 'movePart'; part: number; person: number; event: number }
  | { op: 'mentionEdit'; mention: number; person: number; status: number }
  | { op: 'delEvent'; event: number }
  | { op: 'delPart'; part: number }
  | { op: 'delOrg'; event: number }
  | { op: 'delMention'; mention: number }
  | { op: 'movePerson'; person: number; into: number }
  | { op: 'quote'; person: number; article: number }
  | { op: 'publish'; article: number; date: number }
  | { op: 'partInst'; event: number; inst: number; role: number }
  | { op: 'position'; person: number; inst: number }
  | { op: 'movePosition'; position: number; person: number; inst: number }
  | { op: 'delPosition'; position: number }
  | { op: 'mergeInst'; inst: number; into: number }
  | { op: 'personLife'; event: number; inst: number }
  | { op: 'instLife'; event: number; person: number };

const i = (n: number) => fc.integer({ min: 0, max: n });
const OP: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('event' as const), kind: i(3), start: i(8), len: i(3), city: i(20), venue: i(20), merged: fc.boolean() }),
  fc.record({ op: fc.constant('part' as const), event: i(40), person: i(10), role: i(2) }),
  fc.record({ op: fc.constant('part' as const), event: i(40), person: i(10), role: i(2) }),
  fc.record({ op: fc.constant('org' as const), event: i(40), inst: i(10) }),
  fc.record({ op: fc.constant('mention' as const), person: i(10), status: i(2) }),
  // Several mentions of one article in one statement, as ingest writes them (a person may be named twice).
  fc.record({ op: fc.constant('mentions' as const), article: i(5), persons: fc.array(fc.record({ person: i(4), status: i(2) }), { minLength: 1, maxLength: 5 }) }),
  fc.record({ op: fc.constant('merge' as const), event: i(40), into: i(40) }),
  fc.record({ op: fc.constant('unmerge' as const), event: i(40) }),
  fc.record({ op: fc.constant('move' as const), event: i(40), city: i(20), kind: i(3), start: i(8) }),
  fc.record({ op: fc.constant('movePart' as const), part: i(60), person: i(10), event: i(40) }),
  fc.record({ op: fc.constant('mentionEdit' as const), mention: i(40), person: i(10), status: i(2) }),
  fc.record({ op: fc.constant('delEvent' as const), event: i(40) }),
  fc.record({ op: fc.constant('delPart' as const), part: i(60) }),
  fc.record({ op: fc.constant('delOrg' as const), event: i(40) }),
  // An institution's participation, and positions: the routes by which an institution takes part (partners).
  fc.record({ op: fc.constant('partInst' as const), event: i(40), inst: i(10), role: i(2) }),
  fc.record({ op: fc.constant('position' as const), person: i(10), inst: i(11) }),
  fc.record({ op: fc.constant('movePosition' as const), position: i(30), person: i(10), inst: i(11) }),
  fc.record({ op: fc.constant('delPosition' as const), position: i(30) }),
  // An institution marked merged (into = inst: unmerged again): left out of partners, their count included.
  fc.record({ op: fc.constant('mergeInst' as const), inst: i(10), into: i(10) }),
  // A person or an institution that comes, takes part through every route, and is deleted (the deletes cascade).
  fc.record({ op: fc.constant('personLife' as const), event: i(40), inst: i(10) }),
  fc.record({ op: fc.constant('instLife' as const), event: i(40), person: i(10) }),
  fc.record({ op: fc.constant('delMention' as const), mention: i(40) }),
  fc.record({ op: fc.constant('movePerson' as const), person: i(10), into: i(10) }),
  fc.record({ op: fc.constant('quote' as const), person: i(10), article: i(5) }),
  fc.record({ op: fc.constant('publish' as const), article: i(5), date: i(8) }),
);

describe.each(targets())('tallies on $name', (target) => {
  let db: Db;
  let places: Array<{ id: number; kind: string }>, persons: number[], insts: number[], article: number, articles: number[];
  let seq = 0;
  beforeAll(async () => {
    db = await target.open();
    await loadDemoIfEmpty(db, await IngestService.create(db));
    places = (await db.query<{ id: number; kind: string }>('SELECT id, kind FROM place ORDER BY id')).map((r) => ({ id: Number(r.id), kind: r.kind }));
    persons = (await db.query<{ id: number }>('SELECT id FROM person ORDER BY id LIMIT 11')).map((r) => Number(r.id));
    insts = (await db.query<{ id: number }>('SELECT id FROM institution ORDER BY id LIMIT 11')).map((r) => Number(r.id));
    article = Number((await db.one<{ id: number }>('SELECT MIN(id) AS id FROM article'))!.id);
    articles = (await db.query<{ id: number }>('SELECT id FROM article ORDER BY id LIMIT 6')).map((r) => Number(r.id));
  });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  const ids = async (sql: string, tx?: unknown) => (await db.query<{ id: number }>(sql, [], tx as never)).map((r) => Number(r.id));
  const pick = <T>(xs: T[], k: number): T | undefined => (xs.length ? xs[k % xs.length] : undefined);
  /** A mention's copy of its article's date, as ingest writes it (0001-01-01: none). */
  const articleDate = async (id: number, tx: unknown) =>
    (await db.one<{ d: string | null }>('SELECT CAST(published_on AS TEXT) AS d FROM article WHERE id = ?', [id], tx as never))?.d ?? '0001-01-01';

  async function apply(ops: Op[]): Promise<void> {
    await db.transaction(async (tx) => {
      for (const o of ops) {
        // The rows as they are at this step (an earlier step may have deleted some).
        const events = await ids('SELECT id FROM event ORDER BY id', tx);
        const parts = await ids('SELECT id FROM participation ORDER BY id', tx);
        const mentions = await ids("SELECT id FROM mention WHERE entity_type = 'PERSON' ORDER BY id", tx);
        const ev = 'event' in o && typeof o.event === 'number' ? pick(events, o.event) : undefined;
        const city = 'city' in o ? pick(places, o.city)?.id ?? null : null;
        switch (o.op) {
          case 'event': {
            seq++;
            const start = DATES[o.start];
            // len 3 runs into the next year (the year tallies' spans); 1 and 2 end later in the same month.
            const end = !start || !o.len ? null : o.len === 3 ? `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`
              : `${start.slice(0, 8)}${String(Math.min(28, Number(start.slice(8)) + o.len * 9)).padStart(2, '0')}`;
            const venue = o.venue % 3 === 0 ? null : pick(places, o.venue)!.id;
            const into = o.merged ? pick(events, o.start) ?? null : null;
            await db.exec(`INSERT INTO event (slug, name, aliases, kind, start_date, end_date, venue_id, city_id, merged_into_id) VALUES (?, ?, '[]', ?, ?, ?, ?, ?, ?)`,
              [`t-${target.name}-${seq}`, `Acara ${seq}`, KINDS[o.kind], start, end, venue, o.city % 5 === 0 ? null : city, into], tx);
            break;
          }
          case 'part':
            if (ev != null) {
              await db.exec('INSERT INTO participation (event_id, person_id, party_key, role) VALUES (?, ?, ?, ?) ON CONFLICT (event_id, party_key, role) DO NOTHING',
                [ev, pick(persons, o.person), `p:${pick(persons, o.person)}`, ROLES[o.role]], tx);
            }
            break;
          case 'org':
            if (ev != null) await db.exec('INSERT INTO event_organizer (event_id, institution_id) VALUES (?, ?) ON CONFLICT (event_id, institution_id) DO NOTHING', [ev, pick(insts, o.inst)], tx);
            break;
          case 'mention':
            seq++;
            await db.exec(`INSERT INTO mention (article_id, entity_type, entity_id, start, "end", text, confidence, extractor_version, status, article_date) VALUES (?, 'PERSON', ?, ?, ?, 'x', 0.9, 'test', ?, ?)`,
              [article, pick(persons, o.person), 100000 + seq, 100001 + seq, ['SUGGESTED', 'CONFIRMED', 'REJECTED'][o.status], await articleDate(article, tx)], tx);
            break;
          case 'mentions': {
            const a = pick(articles, o.article)!;
            const date = await articleDate(a, tx);
            const rows = o.persons.map((m) => { seq++; return [a, pick(persons, m.person), 100000 + seq, 100001 + seq, ['SUGGESTED', 'CONFIRMED', 'REJECTED'][m.status], date]; });
            await db.exec(`INSERT INTO mention (article_id, entity_type, entity_id, start, "end", text, confidence, extractor_version, status, article_date) VALUES
              ${rows.map(() => "(?, 'PERSON', ?, ?, ?, 'x', 0.9, 'test', ?, ?)").join(', ')}`, rows.flat(), tx);
            break;
          }
          case 'merge': {
            const into = pick(events, o.into);
            if (ev != null && into != null && into !== ev) await db.exec('UPDATE event SET merged_into_id = ? WHERE id = ?', [into, ev], tx);
            break;
          }
          case 'unmerge':
            if (ev != null) await db.exec('UPDATE event SET merged_into_id = NULL WHERE id = ?', [ev], tx);
            break;
          case 'move':
            if (ev != null) await db.exec('UPDATE event SET city_id = ?, kind = ?, start_date = ? WHERE id = ?', [city, KINDS[o.kind], DATES[o.start], ev], tx);
            break;
          case 'movePart': {
            const p = pick(parts, o.part), e = pick(events, o.event);
            if (p != null && e != null) {
              await db.exec(`UPDATE participation SET person_id = ?, event_id = ?, party_key = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM participation x
                WHERE x.event_id = ? AND x.party_key = ? AND x.role = (SELECT role FROM participation WHERE id = ?))`,
              [pick(persons, o.person), e, `p:${pick(persons, o.person)}`, p, e, `p:${pick(persons, o.person)}`, p], tx);
            }
            break;
          }
          case 'mentionEdit': {
            const m = pick(mentions, o.mention);
            if (m != null) await db.exec('UPDATE mention SET entity_id = ?, status = ? WHERE id = ?', [pick(persons, o.person), ['SUGGESTED', 'CONFIRMED', 'REJECTED'][o.status], m], tx);
            break;
          }
          case 'delEvent':
            if (ev != null) await db.exec('DELETE FROM event WHERE id = ?', [ev], tx);
            break;
          case 'delPart': {
            const p = pick(parts, o.part);
            if (p != null) await db.exec('DELETE FROM participation WHERE id = ?', [p], tx);
            break;
          }
          case 'partInst':
            if (ev != null) {
              await db.exec('INSERT INTO participation (event_id, institution_id, party_key, role) VALUES (?, ?, ?, ?) ON CONFLICT (event_id, party_key, role) DO NOTHING',
                [ev, pick(insts, o.inst), `i:${pick(insts, o.inst)}`, ROLES[o.role]], tx);
            }
            break;
          case 'position':
            // inst 11 is past the list: a position with no institution.
            await db.exec("INSERT INTO position (person_id, title, institution_id) VALUES (?, 'Kepala Bagian', ?)", [pick(persons, o.person), insts[o.inst] ?? null], tx);
            break;
          case 'movePosition': {
            const po = pick(await ids('SELECT id FROM position ORDER BY id', tx), o.position);
            if (po != null) await db.exec('UPDATE position SET person_id = ?, institution_id = ? WHERE id = ?', [pick(persons, o.person), insts[o.inst] ?? null, po], tx);
            break;
          }
          case 'delPosition': {
            const po = pick(await ids('SELECT id FROM position ORDER BY id', tx), o.position);
            if (po != null) await db.exec('DELETE FROM position WHERE id = ?', [po], tx);
            break;
          }
          case 'personLife': {
            if (ev == null) break;
            seq++;
            const p = Number((await db.one<{ id: number }>("INSERT INTO person (slug, name, name_key, aliases) VALUES (?, 'Tamu', ?, '[]') RETURNING id",
              [`t-${target.name}-tamu-${seq}`, `tamu ${seq}`], tx))!.id);
            await db.exec("INSERT INTO position (person_id, title, institution_id) VALUES (?, 'Staf Ahli', ?)", [p, pick(insts, o.inst)], tx);
            await db.exec("INSERT INTO participation (event_id, person_id, party_key, role) VALUES (?, ?, ?, 'ATTENDEE')", [ev, p, `p:${p}`], tx);
            await db.exec('DELETE FROM person WHERE id = ?', [p], tx);
            break;
          }
          case 'instLife': {
            if (ev == null) break;
            seq++;
            const y = Number((await db.one<{ id: number }>(`INSERT INTO institution (slug, name, name_key, aliases, kind) SELECT ?, 'Badan Sementara', ?, '[]', kind FROM institution WHERE id = ? RETURNING id`,
              [`t-${target.name}-badan-${seq}`, `badan sementara ${seq}`, insts[0]], tx))!.id);
            await db.exec('INSERT INTO event_organizer (event_id, institution_id) VALUES (?, ?)', [ev, y], tx);
            await db.exec("INSERT INTO participation (event_id, institution_id, party_key, role) VALUES (?, ?, ?, 'HOST')", [ev, y, `i:${y}`], tx);
            await db.exec("INSERT INTO position (person_id, title, institution_id) VALUES (?, 'Penasihat', ?)", [pick(persons, o.person), y], tx);
            await db.exec('DELETE FROM institution WHERE id = ?', [y], tx);
            break;
          }
          case 'mergeInst': {
            const into = pick(insts, o.into)!, inst = pick(insts, o.inst)!;
            await db.exec('UPDATE institution SET merged_into_id = ? WHERE id = ?', [into === inst ? null : into, inst], tx);
            break;
          }
          case 'delOrg':
            if (ev != null) await db.exec('DELETE FROM event_organizer WHERE event_id = ?', [ev], tx);
            break;
          case 'movePerson': {
            // As an editor's merge: the rows that would duplicate the survivor's go, the rest move in one statement.
            const from = pick(persons, o.person)!, into = pick(persons, o.into)!;
            if (from === into) break;
            await db.exec(`DELETE FROM participation WHERE person_id = ? AND EXISTS (SELECT 1 FROM participation s WHERE s.person_id = ? AND s.event_id = participation.event_id AND s.role = participation.role)`, [from, into], tx);
            await db.exec('UPDATE participation SET person_id = ?, party_key = ? WHERE person_id = ?', [into, `p:${into}`, from], tx);
            await db.exec("UPDATE mention SET entity_id = ? WHERE entity_type = 'PERSON' AND entity_id = ?", [into, from], tx);
            await db.exec('UPDATE quote SET person_id = ? WHERE person_id = ?', [into, from], tx);
            break;
          }
          case 'quote':
            seq++;
            await db.exec('INSERT INTO quote (article_id, person_id, speaker_name, text, start, "end") VALUES (?, ?, NULL, ?, ?, ?)',
              [pick(articles, o.article), pick(persons, o.person), `Kutipan ${seq}`, 200000 + seq, 200001 + seq], tx);
            break;
          case 'publish': {
            const date = DATES[o.date];
            // A new publication date reaches the mentions the way ingest writes it, and the quotes through their trigger.
            await db.exec('UPDATE article SET published_on = ? WHERE id = ?', [date, pick(articles, o.article)], tx);
            await db.exec('UPDATE mention SET article_date = ? WHERE article_id = ?', [date ?? '0001-01-01', pick(articles, o.article)], tx);
            break;
          }
          case 'delMention': {
            const m = pick(mentions, o.mention);
            if (m != null) await db.exec('DELETE FROM mention WHERE id = ?', [m], tx);
            break;
          }
        }
      }
    });
  }

  const expectExact = async () => {
    for (const [table, t] of Object.entries(await tallies(db))) expect({ table, rows: t.stored }).toEqual({ table, rows: t.counted });
  };

  const FILTER: fc.Arbitrary<{ from: number; to: number; kind: number; place: number; organizer: number }> =
    fc.record({ from: i(8), to: i(8), kind: i(5), place: i(30), organizer: i(15) });
  const filterOf = (g: { from: number; to: number; kind: number; place: number; organizer: number }): StatsFilter => ({
    from: DATES[g.from] ?? undefined, to: DATES[g.to] ?? undefined, kind: (KINDS[g.kind] as EventKind | undefined),
    place: g.place < places.length && g.place % 3 !== 0 ? places[g.place].id : undefined, organizer: g.organizer < 11 && g.organizer % 4 === 0 ? insts[g.organizer] : undefined,
  });

  test('the migration counts the demo world exactly', async () => {
    await expectExact();
  });

  test('after random writes the tallies stay exact and stats answer as the direct SQL did', async () => {
    await fc.assert(fc.asyncProperty(fc.array(OP, { minLength: 1, maxLength: 25 }), fc.array(FILTER, { minLength: 1, maxLength: 4 }), async (ops, filters) => {
      await apply(ops);
      await expectExact();
      for (const p of persons.slice(0, 3)) expect({ p, ...await serviceLists(db, p) }).toEqual({ p, ...await directLists(db, p) });
      // Co-attendance within dates (read by the copied dates between the range's bounds), page and count.
      for (const p of persons.slice(0, 3)) {
        for (const range of [{ from: '2019-01-01', to: '2019-12-31' }, { from: '2019-02-14', to: '2020-01-01' }, { to: '2019-02-28' }]) {
          const b: Built = { where: ['me.person_id = ?', 'other.person_id IS NOT NULL', 'other.person_id <> me.person_id', 'e.merged_into_id IS NULL'], params: [p] };
          eventConditions(range, undefined, b);
          const direct = (await db.query(`SELECT other.person_id AS id, COUNT(DISTINCT e.id) AS shared FROM participation me JOIN participation other ON other.event_id = me.event_id
            JOIN event e ON e.id = me.event_id JOIN person op ON op.id = other.person_id AND op.merged_into_id IS NULL WHERE ${b.where.join(' AND ')}
            GROUP BY other.person_id, op.name_key ORDER BY shared DESC, op.name_key, id`, b.params)).map((r) => [Number(r.id), Number(r.shared)]);
          const r = await new AnalyticsService(db).coAttendees(p, range, { first: 50, after: null });
          expect({ p, range, rows: r.rows.map((x) => [x.personId, x.sharedEvents]), n: await r.count() }).toEqual({ p, range, rows: direct.slice(0, 51), n: direct.length });
        }
      }
      // An institution's partners (without dates from the pair tallies), page and count, against the three routes read directly.
      for (const inst of insts.slice(0, 4)) {
        for (const range of [{}, { from: '2019-01-01', to: '2019-12-31' }]) {
          const b: Built = { where: ['x.iid <> ?', 'e.merged_into_id IS NULL'], params: [inst] };
          eventConditions(range, undefined, b);
          const routes = `SELECT institution_id AS iid, event_id AS eid FROM event_organizer UNION SELECT institution_id, event_id FROM participation WHERE institution_id IS NOT NULL
            UNION SELECT po.institution_id, pa.event_id FROM participation pa JOIN position po ON po.person_id = pa.person_id WHERE po.institution_id IS NOT NULL`;
          const direct = (await db.query(`SELECT x.iid AS id, COUNT(DISTINCT x.eid) AS shared FROM (${routes}) x JOIN event e ON e.id = x.eid
            JOIN institution oi ON oi.id = x.iid AND oi.merged_into_id IS NULL WHERE x.eid IN (SELECT eid FROM (${routes}) m WHERE m.iid = ?) AND ${b.where.join(' AND ')}
            GROUP BY x.iid, oi.name_key ORDER BY shared DESC, oi.name_key, id`, [inst, ...b.params])).map((r) => [Number(r.id), Number(r.shared)]);
          const r = await new AnalyticsService(db).partners(inst, range, { first: 50, after: null });
          expect({ inst, range, rows: r.rows.map((x) => [x.institutionId, x.sharedEvents]), n: await r.count() }).toEqual({ inst, range, rows: direct.slice(0, 51), n: direct.length });
        }
      }
      // An organiser's attendance over whole months (counted from its tally) and over other ranges, page and count.
      for (const organizer of insts.slice(0, 3)) {
        for (const range of [{}, { from: '2019-01-01', to: '2019-12-31' }, { from: '2019-02-01' }, { to: '2019-02-28' }, { from: '2019-01-15', to: '2020-06-30' }]) {
          const b: Built = { where: ['e.merged_into_id IS NULL'], params: [] };
          eventConditions({ ...range, organizer }, undefined, b);
          const direct = (await db.query(`SELECT pa.id FROM participation pa JOIN event e ON e.id = pa.event_id WHERE ${b.where.join(' AND ')}
            ORDER BY COALESCE(e.start_date, '0001-01-01') DESC, pa.id DESC`, b.params)).map((r) => Number(r.id));
          const r = await new AnalyticsService(db).attendance({ ...range, organizer }, 'DATE_DESC', { first: 50, after: null });
          expect({ organizer, range, rows: r.rows.map((x) => Number(x.dbId)), n: await r.count() }).toEqual({ organizer, range, rows: direct.slice(0, 51), n: direct.length });
        }
      }
      for (const g of [{ from: 0, to: 0, kind: 5, place: 0, organizer: 15 }, ...filters]) {
        const f = filterOf(g);
        expect({ f, ...await serviceStats(db, f) }).toEqual({ f, ...await directStats(db, f) });
      }
      // Whole calendar years, whose rankings come from the year tallies (one year, two, and a year events run into).
      for (const f of [{ from: '2019-01-01', to: '2019-12-31' }, { from: '2020-01-01', to: '2020-12-31' }, { from: '2019-01-01', to: '2020-12-31' }, { from: '2021-01-01', to: '2021-12-31' }]) {
        expect({ f, ...await serviceStats(db, f) }).toEqual({ f, ...await directStats(db, f) });
      }
    }), { numRuns: 25, seed: 23 });
  }, 240_000);

  test('an event written after its participations and organisers (as a PostgreSQL batch writes them) counts them', async () => {
    const id = Number((await db.one<{ id: number }>('SELECT MAX(id) AS id FROM event'))!.id) + 1000;
    await db.transaction(async (tx) => {
      await db.exec("INSERT INTO participation (event_id, person_id, party_key, role) VALUES (?, ?, ?, 'SPEAKER'), (?, ?, ?, 'HOST')",
        [id, persons[0], `p:${persons[0]}`, id, persons[0], `p:${persons[0]}`], tx);
      await db.exec('INSERT INTO event_organizer (event_id, institution_id) VALUES (?, ?)', [id, insts[0]], tx);
      await db.exec("INSERT INTO event (id, slug, name, aliases, kind, start_date, city_id) VALUES (?, ?, 'Rakor akhir', '[]', 'RAKOR', '2019-05-02', ?)",
        [id, `t-${target.name}-late`, places[0].id], tx);
    });
    await expectExact();
  });

  test('one statement writing two roles of a person at one event, then moving both, then deleting both, counts one event each time', async () => {
    const id = Number((await db.one<{ id: number }>('SELECT MAX(id) AS id FROM event'))!.id) + 2000;
    let a = 0, b = 0;
    await db.transaction(async (tx) => {
      // Two persons of their own, so that the counts before are known.
      a = await db.insert('person', { slug: `t-${target.name}-roles-a`, name: 'Ratna Kusumawati', name_key: 'ratna kusumawati', aliases: '[]' }, tx);
      b = await db.insert('person', { slug: `t-${target.name}-roles-b`, name: 'Yohanes Pardede', name_key: 'yohanes pardede', aliases: '[]' }, tx);
      await db.exec("INSERT INTO event (id, slug, name, aliases, kind, start_date) VALUES (?, ?, 'Sosialisasi perda', '[]', 'SOSIALISASI', '2019-06-03')",
        [id, `t-${target.name}-roles`], tx);
      await db.exec("INSERT INTO participation (event_id, person_id, party_key, role) VALUES (?, ?, ?, 'ATTENDEE'), (?, ?, ?, 'SPEAKER')",
        [id, a, `p:${a}`, id, a, `p:${a}`], tx);
    });
    const n = async (p: number) => Number((await db.one<{ n: number }>('SELECT n FROM person_event_tally WHERE person_id = ?', [p]))?.n ?? 0);
    expect([await n(a), await n(b)]).toEqual([1, 0]);
    // An editor's merge of a into b moves both rows in one statement.
    await db.transaction(async (tx) => { await db.exec('UPDATE participation SET person_id = ? WHERE person_id = ?', [b, a], tx); });
    expect([await n(a), await n(b)]).toEqual([0, 1]);
    // Both rows deleted in one statement, the event staying: b attended nothing more.
    await db.transaction(async (tx) => { await db.exec('DELETE FROM participation WHERE person_id = ? AND event_id = ?', [b, id], tx); });
    expect([await n(a), await n(b)]).toEqual([0, 0]);
    await expectExact();
  });

  test('the migration runs down and up again, and the triggers count on', async () => {
    // Each undo takes back the last migration: the ones after the tallies' first.
    for (let i = MIGRATIONS.indexOf(Tallies1764460000000); i < MIGRATIONS.length; i++) await db.ds.undoLastMigration({ transaction: 'all' });
    expect(await db.query("SELECT 1 FROM event_tally LIMIT 1").then(() => 'present', () => 'gone')).toBe('gone');
    await db.ds.runMigrations({ transaction: 'all' });
    await expectExact();
    await apply([{ op: 'event', kind: 1, start: 2, len: 1, city: 7, venue: 4, merged: false }, { op: 'part', event: 0, person: 3, role: 1 }, { op: 'delEvent', event: 1 }]);
    await expectExact();
  });
});
