/**
 * Indexes for every filter and sort: the statements behind the filtered lists and analyst queries are planned on
 * indexes, never as full scans of the large tables (article, event, mention, participation, position, quote).
 * SQLite: EXPLAIN QUERY PLAN has no bare "SCAN <table>". PostgreSQL: with sequential scans discouraged
 * (enable_seqscan = off, since its tiny test tables would otherwise always be scanned), no "Seq Scan" remains on them.
 */
import { Db } from '../../src/db/database';
import { AnalyticsService } from '../../src/services/analytics.service';
import { CatalogService } from '../../src/services/catalog.service';
import { IngestService } from '../../src/ingest';
import { loadDemoIfEmpty } from '../../src/demo';
import { createLoaders } from '../../src/graphql/read/loaders';
import { targets } from '../helpers/db';
import { parseRecord } from '../../src/ingest/parse';
import { reresolve } from '../../src/services/reresolve.service';
import { exportRows } from '../../src/services/export.service';

const BIG = ['article', 'event', 'mention', 'participation', 'position', 'quote'];

describe.each(targets())('query plans on $name', (target) => {
  let db: Db;
  beforeAll(async () => { db = await target.open(); await loadDemoIfEmpty(db, await IngestService.create(db)); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  /** Runs `fn`, then asks the database for the plan of every statement it ran, with the same parameters. */
  async function plans(fn: () => Promise<unknown>): Promise<Array<{ sql: string; plan: string; params: unknown[] }>> {
    const seen: Array<{ sql: string; params: unknown[] }> = [];
    const orig = db.query.bind(db), origPage = db.queryPage.bind(db);
    (db as unknown as { query: typeof db.query }).query = (async (sql: string, params: unknown[] = [], tx?: never) => { seen.push({ sql, params }); return orig(sql, params, tx); }) as typeof db.query;
    // Exports read through queryPage (on SQLite not through query).
    (db as unknown as { queryPage: typeof db.queryPage }).queryPage = (async (sql: string, params: unknown[] = []) => { if (!db.isPostgres) seen.push({ sql, params }); return origPage(sql, params); }) as typeof db.queryPage;
    try { await fn(); } finally { (db as unknown as { query: typeof db.query }).query = orig; (db as unknown as { queryPage: typeof db.queryPage }).queryPage = origPage; }
    const out: Array<{ sql: string; plan: string; params: unknown[] }> = [];
    for (const s of seen) {
      if (db.isPostgres) {
        const rows = await db.ds.transaction(async (tx) => {
          await tx.query('SET LOCAL enable_seqscan = off');
          return tx.query(`EXPLAIN ${db.toDialect(s.sql)}`, s.params) as Promise<Array<Record<string, string>>>;
        });
        out.push({ sql: s.sql, plan: rows.map((r) => r['QUERY PLAN']).join('\n'), params: s.params });
      } else {
        const rows = await orig<{ detail: string }>(`EXPLAIN QUERY PLAN ${s.sql}`, s.params);
        out.push({ sql: s.sql, plan: rows.map((r) => r.detail).join('\n'), params: s.params });
      }
    }
    return out;
  }

  /** Full scans of a large table: PostgreSQL "Seq Scan on <table>"; SQLite a bare "SCAN <table or its alias>" (an index scan says USING). */
  const fullScans = (plan: string): string[] => db.isPostgres
    ? BIG.filter((t) => new RegExp(`Seq Scan on ${t}\\b`).test(plan))
    : plan.split('\n').map((l) => l.trim()).filter((l) => /^SCAN (article|event|mention|participation|position|quote|a|e|m|pa|po|q)$/.test(l));

  test('each page of the attendance and events exports starts where the last one ended, on the (undated-last date, id) index, with no scan of the events', async () => {
    const all = await plans(async () => {
      for (const name of ['attendance', 'events'] as const) {
        let n = 0;
        for await (const _ of exportRows(db, name, {}, 2)) n++;
        expect(n).toBeGreaterThan(4);
      }
    });
    const paged = all.filter((p) => /> \(\?, \?(, \?)?\)/.test(p.sql));
    expect(paged.length).toBeGreaterThan(2);
    for (const p of paged) {
      expect(fullScans(p.plan)).toEqual([]);
      if (!db.isPostgres) expect(p.plan).toMatch(/SEARCH e USING INDEX idx_event_dated_last/);
    }
  });

  test('filtered lists, keyset pages and analyst queries use indexes', async () => {
    const c = new CatalogService(db), a = new AnalyticsService(db);
    const page = { first: 20, after: ['2019-12-31', 999999] as Array<string | number> };
    const all = await plans(async () => {
      await c.articles({ person: 1 }, page);
      await c.articles({ institution: 1 }, page);
      await c.articles({ from: '2019-01-01', to: '2019-12-31' }, page);
      await c.events({ kind: 'RAKOR' as never }, page);
      await c.events({ organizer: 1 }, page);
      await c.events({ from: '2019-01-01', to: '2019-12-31' }, page);
      await c.persons({ institution: 1 }, { first: 20, after: null });
      await a.attendance({ person: 1 }, 'DATE_ASC', { first: 20, after: null });
      await a.attendance({ organizer: 1, from: '2019-01-01' }, 'DATE_DESC', { first: 20, after: null });
      await a.coAttendees(1, {}, { first: 20, after: null });
      await a.partners(1, {}, { first: 20, after: null });
      // Stats: from the tallies, and from the events with a filter (a year: bounded below by the tallies too).
      const year = { kind: 'RAKOR' as never, place: 1, from: '2019-01-01', to: '2019-12-31' };
      for (const f of [{}, year, { ...year, from: '2019-01-15' }]) {
        await a.eventsPerPeriod(f, 'MONTH');
        await a.eventsByKind(f);
        await a.eventsByRegion(f, 'PROVINCE', 20);
        await a.eventsByOrganizer(f, 20);
        await a.officialsByEvents(f, 20);
      }
      await a.officialsByMentions({}, 20);
      await (await c.events({ kind: 'RAKOR' as never }, page)).count();
    });
    expect(all.length).toBeGreaterThan(10);
    if (process.env.SHOW_PLANS) console.log(all.map((p) => `${p.sql.replace(/\s+/g, " ").slice(0, 100)}\n  ${p.plan.replace(/\n/g, "\n  ")}`).join("\n"));
    const bad = all.map((p) => ({ sql: p.sql.replace(/\s+/g, ' ').slice(0, 160), scans: fullScans(p.plan), plan: p.plan })).filter((p) => p.scans.length);
    expect(bad).toEqual([]);
  });

  test('organisers, officials and regions ranked over whole calendar years read the year tallies alone, one year\'s leaders from the top of its rank index', async () => {
    const a = new AnalyticsService(db);
    for (const [from, to] of [['2019-01-01', '2019-12-31'], ['2018-01-01', '2020-12-31']]) {
      const all = await plans(async () => {
        await a.eventsByOrganizer({ from, to }, 20);
        await a.officialsByEvents({ from, to }, 20);
        await a.eventsByRegion({ from, to }, 'PROVINCE', 20);
      });
      expect(all).toHaveLength(3);
      expect(all[2].sql).toMatch(/event_tally_year_city/);
      if (process.env.SHOW_PLANS) console.log(all.map((p) => `${p.sql.replace(/\s+/g, ' ').slice(0, 100)}\n  ${p.plan.replace(/\n/g, '\n  ')}`).join('\n'));
      for (const p of all) {
        expect(p.sql).not.toMatch(/\b(event|event_organizer|participation)\b/);
        expect(fullScans(p.plan)).toEqual([]);
        // No walk of a whole tally: SQLite names no bare SCAN of it, PostgreSQL no sequential scan.
        expect(p.plan).not.toMatch(db.isPostgres ? /Seq Scan on \w*year\w*/ : /(^|\n)\s*SCAN (t|r|x|\w*year\w*)\b/);
        // Regions: each city of the sums looked up by its key, not every place scanned for them.
        if (!db.isPostgres && p === all[2]) expect(p.plan).not.toMatch(/(^|\n)\s*SCAN (c|place)\b/);
        if (from.slice(0, 4) === to.slice(0, 4) && !/event_tally_year_city/.test(p.sql)) expect(p.plan).toMatch(/idx_(person|organizer)_year_tally_rank/);
      }
    }
  });

  test('co-attendees within dates read the shared events of the people on the page within the range, by their (person, date) index', async () => {
    const a = new AnalyticsService(db);
    const busiest = Number((await db.one<{ id: number }>('SELECT person_id AS id FROM person_event_tally ORDER BY n DESC, person_id LIMIT 1'))!.id);
    const all = await plans(async () => {
      const page = await a.coAttendees(busiest, { from: '2019-01-01', to: '2019-12-31' }, { first: 20, after: null });
      await Promise.all(page.rows.map((r) => r.eventIds()));
    });
    const shared = all.filter((p) => /SELECT DISTINCT other\.person_id/.test(p.sql));
    expect(shared).toHaveLength(1);
    expect(shared[0].sql).toMatch(/other\.event_date <= \? AND other\.event_date >= \?/);
    expect(fullScans(shared[0].plan)).toEqual([]);
    // Whichever side the planner starts from, it reads that person's rows between the range's dates.
    if (!db.isPostgres) {
      expect(shared[0].plan).toMatch(/SEARCH (me|other) USING (COVERING )?INDEX idx_participation_person_date \(person_id=\? AND event_date>\? AND event_date<\?\)/);
      expect(shared[0].plan).not.toMatch(/SEARCH (me|other) USING (COVERING )?INDEX idx_participation_person_date \(person_id=\?\)/);
    }
  });

  test('a page of one entity\'s articles is a seek on the (entity, article date, article) index', async () => {
    const c = new CatalogService(db);
    const all = await plans(async () => {
      await c.articles({ person: 1 }, { first: 20, after: ['2019-12-31', 999999] });
      await c.articles({ institution: 1, from: '2019-01-01' }, { first: 20, after: null });
    });
    for (const p of all.filter((x) => /FROM mention m/.test(x.sql) && /DISTINCT/.test(x.sql))) expect(p.plan).toMatch(/idx_mention_entity_recent/);
    expect(all.filter((x) => /DISTINCT/.test(x.sql))).toHaveLength(2);
  });

  test('lists under a person, an event or an institution read each parent\'s first rows through its index, with no window over the batch', async () => {
    const ids = async (sql: string) => (await db.query<{ id: number }>(sql)).map((r) => Number(r.id));
    const persons = await ids('SELECT person_id AS id FROM participation WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY COUNT(*) DESC, person_id LIMIT 3');
    const events = await ids('SELECT event_id AS id FROM participation GROUP BY event_id ORDER BY COUNT(*) DESC, event_id LIMIT 3');
    const institutions = await ids('SELECT id FROM institution ORDER BY id LIMIT 3');
    const busiest = await plans(async () => { await createLoaders(db).participationsByPerson.load(persons[0]); });
    const all = await plans(async () => {
      const l = createLoaders(db);
      await Promise.all([
        ...persons.flatMap((id) => [l.participationsByPerson.load(id), l.quotesByPerson.load(id), l.positionsByPerson.load(id), l.participationsFiltered({ role: 'SPEAKER' as never }).load(id)]),
        ...events.flatMap((id) => [l.participantsByEvent(null).load(id), l.coverageByEvent.load(id), l.organizersByEvent(null).load(id)]),
        ...institutions.flatMap((id) => [l.officialsByInstitution.load(id), l.childrenByInstitution.load(id)]),
      ]);
    });
    expect(all).toHaveLength(9);
    for (const p of [...busiest, ...all]) {
      expect(p.sql).not.toMatch(/ OVER \(/);
      expect(p.plan).not.toMatch(/WindowAgg/);
      expect(fullScans(p.plan)).toEqual([]);
    }
    // The busiest person's participations: one seek on (person_id) and the top LIMIT rows of it, not all its rows numbered.
    const [one] = busiest;
    if (db.isPostgres) expect(one.plan).toMatch(/Limit[\s\S]*participation/);
    else {
      // The parent's first LIMIT keys by its index, then those rows alone by key.
      expect(one.sql).toMatch(/pa\.id IN \(SELECT pa\.id FROM [\s\S]* WHERE pa\.person_id = k_\.column1 ORDER BY e\.start_date, pa\.id LIMIT 100\)/);
      expect(one.plan).toMatch(/SEARCH pa USING (COVERING )?INDEX idx_participation_person \(person_id=\?\)/);
      expect(one.plan).toMatch(/SEARCH pa USING INTEGER PRIMARY KEY/);
    }
  });
  test('a batch of ids is one array on PostgreSQL: the statement\'s text is the same at any batch size (prepared once per connection)', async () => {
    const ids = async (sql: string) => (await db.query<{ id: number }>(sql)).map((r) => Number(r.id));
    const articles = await ids('SELECT id FROM article ORDER BY id LIMIT 40');
    const run = (n: number) => plans(async () => {
      const l = createLoaders(db);
      await Promise.all(articles.slice(0, n).flatMap((id) => [l.personsByArticle(null).load(id), l.eventsByArticle(null).load(id), l.article.load(id)]));
    });
    const [few, many] = [await run(3), await run(40)];
    expect(many.map((p) => p.sql)).toHaveLength(3);
    if (db.isPostgres) {
      expect(many.map((p) => p.sql)).toEqual(few.map((p) => p.sql));
      for (const p of many) expect(p.params.length).toBeLessThanOrEqual(2);
    } else expect(many.map((p) => p.sql)).not.toEqual(few.map((p) => p.sql));
  });

  test('an event\'s participants are chosen in the API\'s order from the (event, role rank, id) index, with no sort of the event\'s rows', async () => {
    const events = (await db.query<{ id: number }>('SELECT event_id AS id FROM participation GROUP BY event_id ORDER BY COUNT(*) DESC, event_id LIMIT 3')).map((r) => Number(r.id));
    const [one, batch] = [await plans(async () => { await createLoaders(db).participantsByEvent(null).load(events[0]); }),
      await plans(async () => { const l = createLoaders(db); await Promise.all(events.map((id) => l.participantsByEvent(null).load(id))); })];
    for (const p of [...one, ...batch]) {
      expect(p.plan).toMatch(/idx_participation_event_order/);
      if (!db.isPostgres) {
        // The index gives each event's first keys in order; the one sort is of the rows kept (at most LIMIT per event), last.
        expect(p.sql).toMatch(/WHERE pa\.event_id = k_\.column1 ORDER BY CASE pa\.role [\s\S]* LIMIT 100\)/);
        expect(p.plan.match(/USE TEMP B-TREE FOR ORDER BY/g) ?? []).toHaveLength(1);
        expect(p.plan.trim().split('\n').pop()).toMatch(/USE TEMP B-TREE FOR ORDER BY/);
        continue;
      }
      // PostgreSQL sorts the two rows of a demo event rather than walk an index for them; with sorting priced out, the
      // index must give the order itself (a sort would still appear if the expressions differed).
      const forced = await db.ds.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off');
        return (await tx.query(`EXPLAIN ${db.toDialect(p.sql)}`, p.params) as Array<Record<string, string>>).map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(forced).toMatch(/idx_participation_event_order/);
      expect(forced).not.toMatch(/Sort Key: \(CASE/);
    }
  });

  test('one person\'s or organiser\'s attendance, a person\'s timeline and co-attendees walk their (entity, date) or (person, count) index in order, with no sort of all their rows', async () => {
    const a = new AnalyticsService(db);
    const person = Number((await db.one<{ id: number }>('SELECT person_id AS id FROM participation WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY COUNT(*) DESC, person_id LIMIT 1'))!.id);
    const org = Number((await db.one<{ id: number }>('SELECT institution_id AS id FROM event_organizer GROUP BY institution_id ORDER BY COUNT(*) DESC, institution_id LIMIT 1'))!.id);
    const run = async (fn: () => Promise<unknown>) => {
      // PostgreSQL's tiny test tables would be sorted in memory whatever the indexes: sorting is discouraged as scans are.
      if (db.isPostgres) await db.ds.query('SET enable_sort = off');
      try { return await plans(fn); } finally { if (db.isPostgres) await db.ds.query('RESET enable_sort'); }
    };
    const counts = await run(async () => {
      await (await a.attendance({ person }, 'DATE_ASC', { first: 20, after: null })).count();
      await a.personTimelineCount(person, {});
      await (await a.coAttendees(person, {}, { first: 5, after: null })).count();
    });
    const byPerson = await run(async () => { await a.attendance({ person }, 'DATE_ASC', { first: 20, after: null }); });
    const byOrg = await run(async () => { await a.attendance({ organizer: org, from: '2019-01-01', to: '2019-12-31' }, 'DATE_DESC', { first: 20, after: null }); });
    const timeline = await run(async () => { await a.personTimeline(person, {}, 20, 0); });
    const co = await run(async () => { await a.coAttendees(person, {}, { first: 5, after: null }); });
    const page = (ps: Array<{ sql: string; plan: string }>, re: RegExp) => { const p = ps.find((x) => re.test(x.sql)); expect(p).toBeDefined(); return p!; };
    const lists: Array<[{ sql: string; plan: string }, string[]]> = [
      [page(byPerson, /ORDER BY pa\.event_date, pa\.id LIMIT/), ['idx_participation_person_date']],
      [page(byOrg, /ORDER BY eo\.event_date DESC, pa\.id DESC LIMIT/), ['idx_event_organizer_inst_date']],
      [page(timeline, /UNION ALL/), ['idx_participation_person_date', 'idx_quote_person_date', 'idx_mention_entity_recent']],
      [page(co, /FROM person_pair_tally t/), ['idx_person_pair_tally_n']],
    ];
    for (const [p, indexes] of lists) {
      for (const i of indexes) expect({ sql: p.sql, plan: p.plan, uses: p.plan.includes(i) }).toMatchObject({ uses: true });
      expect(fullScans(p.plan)).toEqual([]);
      // No sort of all the entity's rows: SQLite sorts at most the rows of one date (the organiser's participations of
      // one day), PostgreSQL only incrementally or the few rows the four timeline walks return.
      if (db.isPostgres) expect(p.plan.split('\n').filter((l) => /^(->\s*)?Sort\s+\(/.test(l.trim())).length).toBeLessThanOrEqual(p.sql.includes('UNION ALL') ? 1 : 0);
      else {
        // SQLite merges the timeline's four walks by sorting each walk's few rows (after "SCAN t<n>"), never a table's.
        const lines = p.plan.split('\n').map((l) => l.trim());
        lines.forEach((l, k) => { if (/USE TEMP B-TREE FOR ORDER BY/.test(l)) expect(lines[k - 1]).toMatch(/^SCAN t\d$/); });
      }
    }
    // The counts read the tallies and the index of the person's rows alone (SQLite: a covering index; the events and
    // articles only for the rows dated 0001-01-01).
    const countsOnly = counts.filter((x) => /COUNT\(/.test(x.sql));
    expect(countsOnly).toHaveLength(3);
    for (const p of countsOnly) {
      expect(fullScans(p.plan)).toEqual([]);
      if (!db.isPostgres) expect(p.plan.split('\n').filter((l) => /^SEARCH (pa|q|m|t|x) USING INDEX /.test(l.trim()) && !/event_date=|article_date=/.test(l))).toEqual([]);
    }
  });

  test('an ingest\'s and a re-resolution\'s look-ups of stored people seek the name, alias and name-part indexes, never every unmerged person', async () => {
    // Invented reports, several people each, ingested as one batch: the batch looks its people up with long IN lists.
    const body = (n: number) => `Rapat Koordinasi Pangan ke-${n} digelar di Kota Madiun, Senin (3/3/2025). Bupati Madiun Hendra Wiratama membuka rapat. `
      + `Turut hadir Kepala Dinas Pertanian Sulastri Ningrum, Camat Taman Yoga Pradipta dan Lurah Kejuron Dewi Anggraini. `
      + `"Stok beras aman," kata Kepala Bulog Madiun Agus Prasetyo Nugroho. Ketua DPRD Madiun Bambang Sudarsono (Bang Dar) ikut memantau.`;
    const articles = [1, 2, 3, 4].map((n) => parseRecord({ title: `Rapat pangan ${n}`, body: body(n), publishedAt: '2025-03-03', url: `https://warta.example/plan-${n}` }, `plan-${n}`));
    const all = await plans(async () => {
      const out = await (await IngestService.create(db)).ingestBatch(articles);
      expect(out.filter((r) => r.error)).toEqual([]);
      await reresolve(db, { apply: false });
    });
    const lookups = all.filter((p) => /^\s*SELECT/.test(p.sql) && /FROM person(_alias|_name_part)?\b/.test(p.sql) && /\bIN \(/.test(p.sql));
    expect(lookups.length).toBeGreaterThan(3);
    expect(lookups.filter((p) => /idx_person_merged/.test(p.plan)).map((p) => p.sql.replace(/\s+/g, ' '))).toEqual([]);
  });
});
