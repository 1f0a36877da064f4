/**
 * Analysts' queries and exports on a generated database (default 100,000 articles), through a real HTTP server on
 * loopback, as a client sees them: median of repeated runs per query, and an attendance export streamed end to end
 * with the process's peak RSS sampled while it runs.
 */
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { config } from '../src/config';
import { Db } from '../src/db/database';
import { createApp } from '../src/http/app';
import { IngestService } from '../src/ingest';
import { ApiKeyService } from '../src/services/api-key.service';
import { ApiRole } from '../src/entities/enums';
import { generate } from './generate';

const GENERATOR_VERSION = 3;

export type Record_ = (key: string, value: number, label: string, unit?: string) => void;

/** A generated SQLite database, cached under bench/data between runs (same size and generator version). */
export async function generatedSqlite(root: string, n: number, log: (s: string) => void): Promise<Db> {
  const dir = path.join(root, 'bench', 'data');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `articles-${n}-v${GENERATOR_VERSION}.sqlite`);
  if (fs.existsSync(file)) return Db.open(file);
  for (const f of fs.readdirSync(dir)) if (f.startsWith(`articles-${n}-`)) // older generator versions and interrupted builds
     fs.rmSync(path.join(dir, f));
  const t = Date.now();
  const db = await Db.open(`${file}.building`);
  const g = await generate(db, n, log);
  await db.close();
  for (const ext of ['', '-wal', '-shm']) if (fs.existsSync(`${file}.building${ext}`)) fs.renameSync(`${file}.building${ext}`, `${file}${ext}`);
  log(`  generated ${n} articles (${g.participations} participations, ${g.mentions} mentions) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return Db.open(file);
}

async function serve(db: Db): Promise<{ url: string; close(): Promise<void> }> {
  // Timings, not quotas: the analysts' heaviest queries would spend an anonymous caller's cost budget in one round.
  Object.assign(config, { responseCacheSeconds: 0, anonymousRequestsPerWindow: 0, anonymousCostPerWindow: 0 });
  const { app, apollo } = await createApp(db, await IngestService.create(db));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: async () => { await new Promise<void>((r) => server.close(() => r())); await apollo.stop(); } };
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await res.json() as { errors?: unknown[] };
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return ms;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** The analysts' queries the phase times, on the busiest person, organiser, province and event of `db`: [key, what, query, variables]. */
export async function analystQueries(db: Db): Promise<Array<[string, string, string, Record<string, unknown>]>> {
  // The busiest person and organiser: the heaviest co-attendance and partner answers.
  const top = await db.one<{ pid: number }>('SELECT person_id AS pid FROM participation GROUP BY person_id ORDER BY COUNT(*) DESC, person_id LIMIT 1');
  const org = await db.one<{ iid: number }>('SELECT institution_id AS iid FROM event_organizer GROUP BY institution_id ORDER BY COUNT(*) DESC, institution_id LIMIT 1');
  const prov = await db.one<{ id: number }>("SELECT c.parent_id AS id FROM event e JOIN place c ON c.id = e.city_id GROUP BY c.parent_id ORDER BY COUNT(*) DESC LIMIT 1");
  const ev = await db.one<{ id: number }>('SELECT event_id AS id FROM article_event GROUP BY event_id ORDER BY COUNT(*) DESC, event_id LIMIT 1');
  const gid = (t: string, id: number) => Buffer.from(`${t}:${id}`).toString('base64url');
  const person = gid('Person', Number(top!.pid)), inst = gid('Institution', Number(org!.iid)), place = gid('Place', Number(prov!.id)), event = gid('Event', Number(ev!.id));
  return [
    ['coattendees', 'person.coAttendees(first: 20) of the busiest official, with shared events',
      'query($id: ID!) { node(id: $id) { ... on Person { coAttendees(first: 20) { totalCount edges { node { sharedEvents person { name } events { name startDate } } } } } } }', { id: person }],
    ['coattendees_range', 'the same within one year',
      'query($id: ID!) { node(id: $id) { ... on Person { coAttendees(first: 20, from: "2019-01-01", to: "2019-12-31") { edges { node { sharedEvents person { name } } } } } } }', { id: person }],
    ['partners', 'institution.partners(first: 20) of the busiest organiser',
      'query($id: ID!) { node(id: $id) { ... on Institution { partners(first: 20) { totalCount edges { node { sharedEvents institution { name } } } } } } }', { id: inst }],
    ['stats_all', 'stats: every count, no filter',
      '{ stats { eventsPerPeriod { period count } eventsByKind { kind count } eventsByRegion { count place { name } } r: eventsByRegion(level: REGENCY) { count } eventsByOrganizer { count institution { name } } officialsByEvents { count person { name } } officialsByMentions { count person { name } } } }', {}],
    ['stats_filtered', 'stats: RAKOR in the busiest province, one year',
      'query($p: ID!) { stats(filter: { kind: RAKOR, place: $p, from: "2019-01-01", to: "2019-12-31" }) { eventsPerPeriod { period count } eventsByOrganizer { count institution { name } } officialsByEvents { count person { name } } } }', { p: place }],
    ['attendance_person', 'attendance(first: 100) of the busiest official',
      'query($id: ID!) { attendance(first: 100, filter: { person: $id }) { totalCount edges { node { date role event { name } evidence { title } } } } }', { id: person }],
    ['attendance_org_year', 'attendance(first: 100) at one organiser\'s events in a year',
      'query($id: ID!) { attendance(first: 100, filter: { organizer: $id, from: "2019-01-01", to: "2019-12-31" }) { totalCount edges { node { date role person { name } } } } }', { id: inst }],
    ['person_timeline', 'person.timeline(first: 50) of the busiest official',
      'query($id: ID!) { node(id: $id) { ... on Person { timeline(first: 50) { totalCount edges { node { date kind } } } } } }', { id: person }],
    ['event_timeline', 'event.timeline of the most reported event',
      'query($id: ID!) { node(id: $id) { ... on Event { timeline { phase dayOffset article { title } } } } }', { id: event }],
  ];
}

export async function benchAnalytics(db: Db, label: string, record: Record_, log: (s: string) => void): Promise<void> {
  const queries = await analystQueries(db);
  const s = await serve(db);
  try {
    let worst = 0;
    for (const [key, what, q, vars] of queries) {
      for (let i = 0; i < 2; i++) await gql(s.url, q, vars); // warm-up
      const runs: number[] = [];
      for (let i = 0; i < 9; i++) runs.push(await gql(s.url, q, vars));
      const m = median(runs);
      worst = Math.max(worst, m);
      record(`${label}_${key}_ms`, m, `${label}: ${what} (median of 9)`, ' ms');
    }
    record(`${label}_analytics_worst_ms`, worst, `${label}: slowest analyst query (budget 200 ms)`, ' ms');

    // The attendance export, streamed over HTTP and counted as it arrives.
    const key = (await new ApiKeyService(db).create('bench', ApiRole.ANALYST, [])).key;
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
    const t = process.hrtime.bigint();
    const res = await fetch(`${s.url}/exports/attendance.csv`, { headers: { authorization: `Bearer ${key}` } });
    let bytes = 0, lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(timer);
    const secs = Number(process.hrtime.bigint() - t) / 1e9;
    record(`${label}_export_attendance_rows`, lines - 1, `${label}: attendance export rows (CSV over HTTP)`);
    record(`${label}_export_attendance_rows_per_s`, (lines - 1) / secs, `${label}: attendance export throughput`, ' rows/s');
    record(`${label}_export_attendance_mb`, bytes / 1e6, `${label}: attendance export size`, ' MB');
    record(`${label}_export_rss_growth_mb`, (peak - base) / 1e6, `${label}: peak RSS growth while exporting (flat = a few MB)`, ' MB');
    log(`  ${label}: export streamed ${lines - 1} rows, RSS ${(base / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB`);
  } finally {
    await s.close();
  }
}
