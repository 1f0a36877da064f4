/**
 * The reference for the speed benchmark: a plain node:http handler that answers the nested 50-article query with three
 * hand-written SQL statements (better-sqlite3, prepared once) and JSON.stringify, and nothing else — no GraphQL, no
 * validation, no limits. Its JSON is byte-identical to Warta's answer for the same query (the bench checks).
 *   node dist/bench/reference.js <sqlite file> <port>
 */
import http from 'node:http';
import Database from 'better-sqlite3';

export const NESTED_QUERY = `query($first: Int) { articles(first: $first) { edges { node { title publishedOn
  persons { name currentPosition { title institution { name } } }
  events { name startDate venue { name } participantCount organizers { name } } } } } }`;

export function referenceHandler(file: string): (first: number) => string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('journal_mode = WAL');
  const pageSt = db.prepare(`SELECT id, title, published_on FROM article ORDER BY COALESCE(published_on, '0001-01-01') DESC, id DESC LIMIT ?`);
  const cache = new Map<number, { persons: Database.Statement; events: Database.Statement }>();
  const statements = (n: number) => {
    let s = cache.get(n);
    if (!s) {
      const marks = Array(n).fill('?').join(', ');
      s = {
        // People by first mention, each with the latest-evidenced position and its institution (one statement).
        persons: db.prepare(`SELECT t.aid, p.name, po.title, i.name AS iname, po.id AS poid FROM (
            SELECT m.article_id AS aid, m.entity_id AS pid, MIN(m.start) AS first_at FROM mention m
            WHERE m.entity_type = 'PERSON' AND m.status <> 'REJECTED' AND m.article_id IN (${marks}) GROUP BY m.article_id, m.entity_id) t
          JOIN person p ON p.id = t.pid
          LEFT JOIN position po ON po.id = (SELECT x.id FROM position x WHERE x.person_id = t.pid ORDER BY x.valid_to DESC, x.valid_from DESC, x.id DESC LIMIT 1)
          LEFT JOIN institution i ON i.id = po.institution_id
          ORDER BY t.first_at`),
        // Events with their venue and organisers (one row per organiser).
        events: db.prepare(`SELECT ae.article_id AS aid, e.id, e.name, e.start_date, e.participant_count, v.name AS vname, o.name AS oname
          FROM article_event ae JOIN event e ON e.id = ae.event_id LEFT JOIN place v ON v.id = e.venue_id
          LEFT JOIN event_organizer eo ON eo.event_id = e.id LEFT JOIN institution o ON o.id = eo.institution_id
          WHERE ae.article_id IN (${marks}) ORDER BY e.start_date, e.id, o.name`),
      };
      cache.set(n, s);
    }
    return s;
  };
  return (first: number) => {
    const page = pageSt.all(first) as Array<{ id: number; title: string; published_on: string | null }>;
    const ids = page.map((a) => a.id);
    const persons = new Map<number, unknown[]>(), events = new Map<number, Array<Record<string, unknown>>>();
    if (ids.length) {
      const st = statements(ids.length);
      for (const r of st.persons.all(...ids) as Array<{ aid: number; name: string; title: string | null; iname: string | null; poid: number | null }>) {
        const l = persons.get(r.aid) ?? [];
        l.push({ name: r.name, currentPosition: r.poid == null ? null : { title: r.title, institution: r.iname == null ? null : { name: r.iname } } });
        persons.set(r.aid, l);
      }
      const seen = new Map<string, Record<string, unknown>>();
      for (const r of st.events.all(...ids) as Array<{ aid: number; id: number; name: string; start_date: string | null; participant_count: number | null; vname: string | null; oname: string | null }>) {
        const k = `${r.aid}:${r.id}`;
        let e = seen.get(k);
        if (!e) {
          e = { name: r.name, startDate: r.start_date, venue: r.vname == null ? null : { name: r.vname }, participantCount: r.participant_count, organizers: [] };
          seen.set(k, e);
          const l = events.get(r.aid) ?? [];
          l.push(e);
          events.set(r.aid, l);
        }
        if (r.oname != null) (e.organizers as unknown[]).push({ name: r.oname });
      }
    }
    // Apollo ends its JSON with a newline; so does the reference, for byte-identical answers.
    return `${JSON.stringify({ data: { articles: { edges: page.map((a) => ({ node: { title: a.title, publishedOn: a.published_on, persons: persons.get(a.id) ?? [], events: events.get(a.id) ?? [] } })) } } })}\n`;
  };
}

if (require.main === module) {
  const [file, port] = process.argv.slice(2);
  const answer = referenceHandler(file);
  http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const first = Number(JSON.parse(body || '{}').variables?.first ?? 50);
      const out = answer(first);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  }).listen(Number(port), '127.0.0.1', () => { process.stdout.write(`reference listening on ${port}\n`); });
}
