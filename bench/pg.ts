/**
 * Warta on PostgreSQL against PostGraphile 4 on the same database: the generated articles (bench/generate.ts, the
 * same data as the SQLite bench database for the same N) in a database of their own, Warta as shipped (speed.ts's
 * startShipped) and PostGraphile (bench/postgraphile.ts) as server processes on it, the answers of both normalised
 * to one JSON shape and compared, then paired rounds in alternating order of the nested articles query and of events
 * with participants. The database is dropped at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { Db } from '../src/db/database';
import { generate } from './generate';
import { COMPUTED_COLUMNS, PG_EVENTS_QUERY, PG_NESTED_QUERY } from './postgraphile';
import { EVENTS_QUERY, NESTED_QUERY } from './reference';
import { benchKey, freePort, paired, post, Rec, recordPaired, startShipped, stop, UNCACHED } from './speed';

const ROOT = path.resolve(__dirname, '../..');

/** The server PostgreSQL (trust auth on loopback by default), from BENCH_DATABASE_URL or TEST_DATABASE_URL. */
export function pgBase(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fresh database `name` on the bench's PostgreSQL server, its URL, and how to drop it; null when none answers. */
export async function freshPgDatabase(name: string, log: (s: string) => void): Promise<{ url: string; drop(): Promise<void> } | null> {
  const c = new Client({ connectionString: pgBase() });
  try { await c.connect(); } catch (e) { log(`  PostgreSQL not reachable (${(e as Error).message}); skipping`); return null; }
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(pgBase());
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: async () => { try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await c.end(); } } };
}

async function startPostGraphile(url: string): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const proc = spawn('node', [path.join(ROOT, 'dist/bench/postgraphile.js'), url, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d) => { if (/listening/.test(String(d))) resolve(); });
    proc.on('exit', (c) => reject(new Error(`postgraphile exited ${c}`)));
  });
  return { proc, url: `http://127.0.0.1:${port}` };
}

type J = Record<string, unknown>;
/** Lists whose order PostGraphile cannot give as Warta does (role rank, event date) are compared as sorted sets. */
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

function normaliseNested(answer: string, warta: boolean): unknown {
  const d = JSON.parse(answer).data;
  const rows: J[] = warta ? d.articles.edges.map((e: J) => e.node) : d.articles;
  return rows.map((a) => ({
    title: a.title, publishedOn: a.publishedOn, persons: sorted(a.persons as unknown[]),
    events: sorted((warta ? (a.events as J[]) : (a.articleEvents as J[]).map((x) => x.event as J)).map((e) => ({
      name: e.name, startDate: e.startDate, venue: e.venue, participantCount: e.participantCount,
      organizers: sorted(warta ? (e.organizers as J[]) : (e.eventOrganizers as J[]).map((o) => o.institution)),
    }))),
  }));
}

function normaliseEvents(answer: string, warta: boolean): unknown {
  const d = JSON.parse(answer).data;
  const rows: J[] = warta ? d.events.edges.map((e: J) => e.node) : d.events;
  return rows.map((e) => ({ name: e.name, startDate: e.startDate, participants: sorted((warta ? e.participants : e.participations) as unknown[]) }));
}

export async function benchPostgres(n: number, rec: Rec, log: (s: string) => void, seconds = 3, rounds = 7): Promise<void> {
  const fresh = await freshPgDatabase(`warta_bench_pg_${process.pid}`, log);
  if (!fresh) return;
  const servers: Array<{ proc: ChildProcess }> = [];
  try {
    const t = Date.now();
    const db = await Db.open(fresh.url);
    await generate(db, n);
    // Several statements in one text: a simple query, not a prepared one (Db.query names plain reads).
    await db.ds.query(COMPUTED_COLUMNS);
    await db.close();
    log(`  generated ${n} articles into PostgreSQL in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    const key = await benchKey(fresh.url);
    const auth = { authorization: `Bearer ${key}` };
    const warta = await startShipped(fresh.url, UNCACHED);
    servers.push(warta);
    const pgl = await startPostGraphile(fresh.url);
    servers.push(pgl);
    const shapes = [
      { what: 'nested articles, first: 50', w: NESTED_QUERY, g: PG_NESTED_QUERY, norm: normaliseNested, key: 'pg_vs_postgraphile_ratio', tag: '' },
      { what: 'events with participants, first: 50', w: EVENTS_QUERY, g: PG_EVENTS_QUERY, norm: normaliseEvents, key: 'pg_events_vs_postgraphile_ratio', tag: '_events' },
    ];
    for (const s of shapes) {
      const wb = JSON.stringify({ query: s.w, variables: { first: 50 } }), gb = JSON.stringify({ query: s.g, variables: { first: 50 } });
      const [a, b] = await Promise.all([post(warta.url, wb, auth), post(pgl.url, gb)]);
      if (a.status !== 200 || b.status !== 200 || JSON.parse(b.text).errors) throw new Error(`${s.what}: Warta ${a.status} ${a.text.slice(0, 200)} / PostGraphile ${b.status} ${b.text.slice(0, 300)}`);
      const x = JSON.stringify(s.norm(a.text, true)), y = JSON.stringify(s.norm(b.text, false));
      if (x !== y) throw new Error(`${s.what}: PostGraphile's answer holds other data than Warta's\n${x.slice(0, 400)}\n${y.slice(0, 400)}`);
      log(`  ${s.what}: same data from Warta and PostGraphile (${a.text.length} and ${b.text.length} bytes)`);
    }
    rec('pg_postgraphile_same_data', 1, 'Warta on PostgreSQL and PostGraphile: the same data (normalised) for both shapes');
    for (const s of shapes) {
      log(`  PostgreSQL, ${s.what}: ${rounds} paired rounds of ${seconds} s…`);
      const p = await paired({ url: warta.url, body: JSON.stringify({ query: s.w, variables: { first: 50 } }), headers: auth },
        { url: pgl.url, body: JSON.stringify({ query: s.g, variables: { first: 50 } }) }, rounds, seconds);
      recordPaired(rec, p, { a: 'pg_warta', b: 'postgraphile', tag: s.tag, ratio: s.key }, { a: 'Warta on PostgreSQL', b: 'PostGraphile', what: s.what });
    }
  } finally {
    await Promise.all(servers.map(stop));
    await fresh.drop();
  }
}
