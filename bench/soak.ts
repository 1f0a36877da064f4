/**
 * `npm run soak`: reads (nested lists, searches, an analyst's person page, partner routes) from 20 concurrent
 * connections and ingest mutations from one editor at 10 a second, against a Warta server process on SQLite and on
 * PostgreSQL, for a bounded time (default 60 s each), on loopback only. Prints the reads' throughput and p50/p99 (over
 * the mix and per shape), the writes' p50/p99, errors (other than deliberate 429s) and server RSS at start and end.
 *   npm run soak -- --duration 60 --connections 20 --writes 10 [--only sqlite|postgres]
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { Db } from '../src/db/database';
import { ApiRole } from '../src/entities/enums';
import { ApiKeyService } from '../src/services/api-key.service';
import { freePort, rssMb, SERVE_NODE_OPTIONS } from './speed';

const ROOT = path.resolve(__dirname, '../..');
const arg = (n: string, d: string) => { const i = process.argv.indexOf(`--${n}`); return i >= 0 ? process.argv[i + 1] : d; };

async function serve(databaseUrl: string): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', WARTA_LOAD_DEMO: 'true',
    WARTA_ANONYMOUS_REQUESTS: '0', WARTA_KEY_REQUESTS: '0', WARTA_ANONYMOUS_COST: '0', WARTA_KEY_COST: '0' };
  const proc = spawn('node', [...SERVE_NODE_OPTIONS, path.join(ROOT, 'dist/src/cli/index.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => { out += d; if (/serves GraphQL/.test(out)) resolve(); });
    proc.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return { proc, url: `http://127.0.0.1:${port}` };
}

async function soak(label: string, databaseUrl: string, seconds: number, connections: number, writesPerSecond: number): Promise<Record<string, number>> {
  const { proc, url } = await serve(databaseUrl);
  const db = await Db.open(databaseUrl);
  const editor = (await new ApiKeyService(db).create('soak', ApiRole.EDITOR, [])).key;
  await db.close();
  const gql = (query: string, variables: Record<string, unknown> = {}) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  // Reads from `connections` clients as fast as they are answered; ingest mutations from one editor at a steady
  // rate beside them (a newsroom's feed arrives at its own pace; writes go one at a time through the writer queue, so
  // a closed loop of clients each writing every few requests would only measure that queue).
  const shapes: Array<[string, { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }]> = [
    ['nested', gql('{ articles(first: 20) { edges { node { title persons { name currentPosition { title institution { name } } } events { name venue { name } organizers { name } } } } } }')],
    ['search', gql('query($q: String!) { search(query: $q, first: 10) { totalCount edges { node { kind title snippet } } } }', { q: 'rakor sidoarjo' })],
    ['person', gql('{ person(slug: "saiful-ilah") { coAttendees(first: 10) { edges { node { sharedEvents person { name } } } } timeline(first: 20) { edges { node { date kind } } } } }')],
    ['embed', { method: 'GET', path: '/embed/events/2019-rakor-pengembangan-sop' }],
    ['ics', { method: 'GET', path: '/feeds/events.ics?kind=RAKOR' }],
    ['jsonld', { method: 'GET', path: '/events/2019-rakor-pengembangan-sop.jsonld' }],
  ];
  // Latency per shape as well as over the mix: the mix's p99 over its p50 mostly compares the heaviest shape with the
  // median one, so a tail is judged within each shape. Each client has one request in flight (no pipelining): its
  // context holds when the request was set up.
  const perShape = new Map<string, number[]>(shapes.map(([name]) => [name, []]));
  let recording = false;
  const requests = shapes.map(([name, req]) => ({
    ...req,
    setupRequest: (r: object, ctx: Record<string, number>) => { ctx.t = performance.now(); return r; },
    onResponse: (_status: number, _body: string, ctx: Record<string, number>) => { if (recording) perShape.get(name)!.push(performance.now() - ctx.t); },
  }));
  let n = 0;
  const writes: number[] = [];
  let writeErrors = 0;
  const writer = (duration: number, record: boolean) => (async () => {
    // No writer at all for --writes 0 (a step of 1000/0 would be an endless stream of back-to-back writes).
    if (!(writesPerSecond > 0)) return;
    const until = Date.now() + duration * 1000;
    for (let next = Date.now(); Date.now() < until; next += 1000 / writesPerSecond) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      n++;
      // Each one a new invented article about a new numbered sitting, so the writer really writes.
      const body = `Rapat Koordinasi Soak ${label} ke-${n} digelar Pemkab Sidoarjo di Pendopo Delta Wibawa, Senin (1/3/2021). Kepala Bappeda Sidoarjo, Bambang Suryanto membuka rapat ke-${n}.`;
      const t = performance.now();
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
        body: JSON.stringify({ query: 'mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2021-03-01" }) { status } }', variables: { t: `Soak ${label} ${n}`, b: body } }) });
      const out = await res.json() as { errors?: unknown[] };
      if (res.status !== 200 || out.errors) writeErrors++;
      if (record) writes.push(performance.now() - t);
    }
  })();
  let errors = 0, limited = 0;
  const load = (duration: number) => new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon({ url, connections, duration, requests: requests as never }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_c: unknown, status: number) => { if (status === 429) limited++; else if (status >= 400) errors++; });
    inst.on('reqError', () => { errors++; });
  });
  // A warm-up first (JIT, statement and document caches fill up), so that "start" is the steady state, not an empty process.
  const rssCold = rssMb(proc.pid!);
  const warm = Math.max(5, Math.round(seconds / 4));
  await Promise.all([load(warm), writer(warm, false)]);
  const rssStart = rssMb(proc.pid!);
  recording = true;
  const [r] = await Promise.all([load(seconds), writer(seconds, true)]);
  recording = false;
  const rssEnd = rssMb(proc.pid!);
  const check = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ articles(filter: { from: "2021-03-01", to: "2021-03-01" }) { totalCount } }' }) });
  const ingested = (await check.json() as { data: { articles: { totalCount: number } } }).data.articles.totalCount;
  proc.kill('SIGTERM');
  await new Promise((res) => proc.once('exit', res));
  const pctOf = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
  writes.sort((a, b) => a - b);
  const pct = (p: number) => pctOf(writes, p);
  const shapeFigures: Record<string, number> = {};
  let worstTail = 0;
  for (const [name, xs] of perShape) {
    xs.sort((a, b) => a - b);
    const p50 = pctOf(xs, 0.5), p99 = pctOf(xs, 0.99);
    Object.assign(shapeFigures, { [`soak_${label}_${name}_p50_ms`]: p50, [`soak_${label}_${name}_p99_ms`]: p99 });
    worstTail = Math.max(worstTail, p99 / p50);
  }
  const out = {
    [`soak_${label}_requests_per_s`]: r.requests.average, [`soak_${label}_p50_ms`]: r.latency.p50, [`soak_${label}_p99_ms`]: r.latency.p99,
    [`soak_${label}_p99_over_p50`]: r.latency.p99 / Math.max(1, r.latency.p50),
    [`soak_${label}_writes`]: writes.length, ...(writes.length ? { [`soak_${label}_write_p50_ms`]: pct(0.5), [`soak_${label}_write_p99_ms`]: pct(0.99) } : {}),
    [`soak_${label}_errors`]: errors + r.errors + r.timeouts + writeErrors + (ingested === n ? 0 : Math.abs(n - ingested)), [`soak_${label}_rate_limited`]: limited,
    [`soak_${label}_ingested`]: ingested,
    ...shapeFigures, [`soak_${label}_shape_p99_over_p50_max`]: worstTail,
    [`soak_${label}_rss_cold_mb`]: rssCold, [`soak_${label}_rss_start_mb`]: rssStart, [`soak_${label}_rss_end_mb`]: rssEnd, [`soak_${label}_rss_growth_pct`]: ((rssEnd - rssStart) / rssStart) * 100,
  };
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(32)} ${Math.round(v * 10) / 10}`);
  return out;
}

async function main(): Promise<void> {
  const seconds = Number(arg('duration', '60')), connections = Number(arg('connections', '20')), writes = Number(arg('writes', '10')), only = arg('only', 'sqlite,postgres').split(',');
  const results: Record<string, number> = {};
  if (only.includes('sqlite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-soak-'));
    Object.assign(results, await soak('sqlite', path.join(dir, 'soak.sqlite'), seconds, connections, writes));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (only.includes('postgres')) {
    const base = process.env.SOAK_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `warta_soak_${process.pid}`;
    const c = new Client({ connectionString: base });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    try { Object.assign(results, await soak('postgres', u.toString(), seconds, connections, writes)); } finally {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  }
  const file = path.join(ROOT, 'bench', 'results.json');
  const prev = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.writeFileSync(file, JSON.stringify({ ...prev, ...results }, null, 2) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
