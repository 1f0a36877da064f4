/**
 * The reference for the speed benchmark: a plain node:http handler that answers the bench's three shapes (the nested
 * articles query, events with their participants, a person's page) with hand-written SQL statements (better-sqlite3,
 * prepared once) and JSON built by hand, and nothing else — no GraphQL, no validation, no limits, no keys. Its JSON is
 * byte-identical to Warta's answer for the same query (the bench checks before it times anything).
 *   node dist/bench/reference.js <sqlite file> <port>
 */
import http from 'node:http';
import Database from 'better-sqlite3';

export const NESTED_QUERY = `query($first: Int) { articles(first: $first) { edges { node { title publishedOn
  persons { name currentPosition { title institution { name } } }
  events { name startDate venue { name } participantCount organizers { name } } } } } }`;

/** Events, newest first, with their first participants (as docs/api.md's example, without the venue and organisers). */
export const EVENTS_QUERY = `query($first: Int) { events(first: $first) { edges { node { name startDate
  participants(first: 20) { role person { name currentPosition { title institution { name } } } } } } } }`;

/** A person's page: current position, positions, and the first 100 participations (the API's cap) with their events. */
export const PERSON_QUERY = `query($slug: String!) { person(slug: $slug) { name currentPosition { title institution { name } }
  positions { title validFrom validTo institution { name } }
  participations(first: 100) { role event { name startDate venue { name } } } } }`;

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

type Pos = { title: string; institution: { name: string } | null } | null;
const position = (title: string | null, iname: string | null, poid: number | null): Pos => (poid == null ? null : { title: title!, institution: iname == null ? null : { name: iname } });

/** events(first) { name startDate participants(first: 20) { role person { name currentPosition … } } }: two statements. */
export function eventsHandler(file: string): (first: number) => string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const pageSt = db.prepare(`SELECT id, name, start_date FROM event WHERE merged_into_id IS NULL ORDER BY COALESCE(start_date, '0001-01-01') DESC, id DESC LIMIT ?`);
  const cache = new Map<number, Database.Statement>();
  // Participants in the API's order (organisers, hosts, openers, speakers, then the rest; by id within a role), the
  // first 20 of each event, each with the person's latest-evidenced position.
  const partsOf = (n: number) => {
    let st = cache.get(n);
    if (!st) {
      st = db.prepare(`SELECT t.event_id, t.role, p.id AS pid, p.name, po.id AS poid, po.title, i.name AS iname FROM (
          SELECT pa.event_id, pa.role, pa.person_id, ROW_NUMBER() OVER (PARTITION BY pa.event_id ORDER BY CASE pa.role WHEN 'ORGANIZER' THEN 0 WHEN 'HOST' THEN 1
            WHEN 'OPENER' THEN 2 WHEN 'SPEAKER' THEN 3 ELSE 4 END, pa.id) AS rn FROM participation pa WHERE pa.event_id IN (${Array(n).fill('?').join(', ')})) t
        LEFT JOIN person p ON p.id = t.person_id
        LEFT JOIN position po ON po.id = (SELECT x.id FROM position x WHERE x.person_id = p.id ORDER BY x.valid_to DESC, x.valid_from DESC, x.id DESC LIMIT 1)
        LEFT JOIN institution i ON i.id = po.institution_id
        WHERE t.rn <= 20 ORDER BY t.event_id, t.rn`);
      cache.set(n, st);
    }
    return st;
  };
  return (first: number) => {
    const page = pageSt.all(first) as Array<{ id: number; name: string; start_date: string | null }>;
    const parts = new Map<number, unknown[]>();
    if (page.length) {
      for (const r of partsOf(page.length).all(...page.map((e) => e.id)) as Array<{ event_id: number; role: string; pid: number | null; name: string; poid: number | null; title: string | null; iname: string | null }>) {
        const l = parts.get(r.event_id) ?? [];
        l.push({ role: r.role, person: r.pid == null ? null : { name: r.name, currentPosition: position(r.title, r.iname, r.poid) } });
        parts.set(r.event_id, l);
      }
    }
    return `${JSON.stringify({ data: { events: { edges: page.map((e) => ({ node: { name: e.name, startDate: e.start_date, participants: parts.get(e.id) ?? [] } })) } } })}\n`;
  };
}

/** person(slug) { name currentPosition positions participations(first: 100) { role event { name startDate venue } } }: four statements. */
export function personHandler(file: string): (slug: string) => string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const personSt = db.prepare('SELECT id, name FROM person WHERE slug = ? AND merged_into_id IS NULL');
  const currentSt = db.prepare(`SELECT po.title, i.name AS iname FROM position po LEFT JOIN institution i ON i.id = po.institution_id
    WHERE po.person_id = ? ORDER BY po.valid_to DESC, po.valid_from DESC, po.id DESC LIMIT 1`);
  const positionsSt = db.prepare(`SELECT po.title, po.valid_from, po.valid_to, i.name AS iname FROM position po LEFT JOIN institution i ON i.id = po.institution_id
    WHERE po.person_id = ? ORDER BY po.valid_from, po.id LIMIT 20`);
  // By event date, oldest first, as the API lists them; a plain ORDER BY … LIMIT, as Warta's per-parent read is.
  const partsSt = db.prepare(`SELECT pa.role, e.name, e.start_date, v.name AS vname FROM participation pa JOIN event e ON e.id = pa.event_id
    LEFT JOIN place v ON v.id = e.venue_id WHERE pa.person_id = ? ORDER BY e.start_date, pa.id LIMIT 100`);
  return (slug: string) => {
    const p = personSt.get(slug) as { id: number; name: string } | undefined;
    if (!p) return `${JSON.stringify({ data: { person: null } })}\n`;
    const cur = currentSt.get(p.id) as { title: string; iname: string | null } | undefined;
    const positions = (positionsSt.all(p.id) as Array<{ title: string; valid_from: string | null; valid_to: string | null; iname: string | null }>)
      .map((r) => ({ title: r.title, validFrom: r.valid_from, validTo: r.valid_to, institution: r.iname == null ? null : { name: r.iname } }));
    const participations = (partsSt.all(p.id) as Array<{ role: string; name: string; start_date: string | null; vname: string | null }>)
      .map((r) => ({ role: r.role, event: { name: r.name, startDate: r.start_date, venue: r.vname == null ? null : { name: r.vname } } }));
    return `${JSON.stringify({ data: { person: { name: p.name, currentPosition: cur ? { title: cur.title, institution: cur.iname == null ? null : { name: cur.iname } } : null, positions, participations } } })}\n`;
  };
}

if (require.main === module) {
  const [file, port] = process.argv.slice(2);
  const nested = referenceHandler(file), events = eventsHandler(file), person = personHandler(file);
  // The shape is told by the query text, which the bench sends verbatim.
  const answer = (q: { query?: string; variables?: Record<string, unknown> }) => (q.query === EVENTS_QUERY ? events(Number(q.variables?.first ?? 50))
    : q.query === PERSON_QUERY ? person(String(q.variables?.slug)) : nested(Number(q.variables?.first ?? 50)));
  http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const out = answer(JSON.parse(body || '{}'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  }).listen(Number(port), '127.0.0.1', () => { process.stdout.write(`reference listening on ${port}\n`); });
}
