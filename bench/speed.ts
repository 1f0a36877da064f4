/**
 * Warta's /graphql against the raw-SQL reference handler, side by side in one run: both as server processes on the
 * same SQLite database, loaded in turn by autocannon (10 connections, loopback), in paired rounds whose order
 * alternates; min, median and max of each ratio, and each side's p99 / p50. Three shapes (the nested articles query,
 * events with participants, a person's page), each checked byte-identical against the reference first; the response
 * cache with a persisted query; and the compiled path cold (a fresh server's first requests) and warm.
 *
 * Warta runs as shipped (startShipped): only the settings named in SHIPPED_OVERRIDES differ, and docs/benchmarks.md
 * names each one where a figure needs it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { Db } from '../src/db/database';
import { ApiRole } from '../src/entities/enums';
import { ApiKeyService } from '../src/services/api-key.service';
import { projectRoot } from '../src/project-root';
import { EVENTS_QUERY, NESTED_QUERY, PERSON_QUERY } from './reference';

const ROOT = path.resolve(__dirname, '../..');
export type Rec = (key: string, value: number, label: string, unit?: string) => void;

export async function freePort(): Promise<number> {
  return new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => r(p)); }); });
}

/**
 * The node options `npm start` gives the server (package.json's start script): the bench starts every Warta server
 * with them, so that it measures the process a user starts.
 */
export const SERVE_NODE_OPTIONS: readonly string[] = (() => {
  // From the project's root wherever this runs (dist/bench, or bench/ under the tests).
  const start: string = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).scripts.start;
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/src\/cli\/index\.js serve\b/.exec(start);
  if (!m) throw new Error(`package.json's start script does not run \`node … dist/src/cli/index.js serve\`: ${start}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
})();

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** A Warta server process. Also used by the attack and growth phases, which switch the quotas off on purpose. */
export async function startWarta(databaseUrl: string, env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string }> {
  return spawnWarta(databaseUrl, false, {
    WARTA_ANONYMOUS_REQUESTS: '0', WARTA_KEY_REQUESTS: '0', WARTA_ANONYMOUS_COST: '0', WARTA_KEY_COST: '0', WARTA_MAX_QUERY_COST: '1000000',
    WARTA_PAGE_SIZE_MAX: '200', WARTA_RESPONSE_CACHE_SECONDS: '0', ...env,
  });
}

/**
 * What the speed phases change from the shipped configuration, all documented settings (docs/operations.md):
 * the bench key's request and cost quotas are raised so far that a load test never reaches them (the shipped 1,200
 * requests a minute per key would refuse a load test after a few seconds), but every request is still counted and
 * charged. The database is a prepared one: no demo articles, and no search index rebuilt on start (no shape searches).
 */
export const SHIPPED_OVERRIDES = { WARTA_KEY_REQUESTS: '10000000', WARTA_KEY_COST: '100000000000', WARTA_LOAD_DEMO: 'false', WARTA_SEARCH_REBUILD_ON_START: 'false' };
/** The uncached shapes: the shipped 60-second response cache would answer every repeated request from memory. */
export const UNCACHED = { WARTA_RESPONSE_CACHE_SECONDS: '0' };
/** `first: 200` is above the shipped page cap (100) and its price (about 14,800) above the shipped cost limit (10,000). */
export const FIRST_200 = { WARTA_PAGE_SIZE_MAX: '200', WARTA_MAX_QUERY_COST: '20000' };

/** Warta with the shipped settings but SHIPPED_OVERRIDES and `env`: no WARTA_* variable of the calling shell leaks in. */
export async function startShipped(databaseUrl: string, env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string }> {
  return spawnWarta(databaseUrl, true, { ...SHIPPED_OVERRIDES, ...env });
}

/** `clean`: none of the calling shell's WARTA_* settings (startWarta's callers keep them, for experiments). */
async function spawnWarta(databaseUrl: string, clean: boolean, env: Record<string, string>): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const base = clean ? Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WARTA_') && k !== 'REDIS_URL' && k !== 'DATABASE_REPLICA_URLS')) : process.env;
  const proc = spawn('node', [...SERVE_NODE_OPTIONS, path.join(ROOT, 'dist/src/cli/index.js'), 'serve'], {
    env: { ...base, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', WARTA_LOAD_DEMO: 'false', WARTA_SEARCH_REBUILD_ON_START: 'false', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => { out += d; if (/serves GraphQL/.test(out)) resolve(); });
    proc.on('exit', (c) => reject(new Error(`warta exited ${c}: ${out}`)));
  });
  return { proc, url: `http://127.0.0.1:${port}` };
}

async function startReference(file: string): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const proc = spawn('node', [path.join(ROOT, 'dist/bench/reference.js'), file, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => { proc.stdout!.on('data', (d) => { if (/listening/.test(String(d))) resolve(); }); });
  return { proc, url: `http://127.0.0.1:${port}` };
}

export function stop(p: { proc: ChildProcess }): Promise<void> {
  return new Promise((r) => { if (p.proc.exitCode != null) r(); else { p.proc.once('exit', () => r()); p.proc.kill('SIGTERM'); } });
}

/** A bench API key (role partner, the shipped per-key limits unless the server is told otherwise). */
export async function benchKey(databaseUrl: string): Promise<string> {
  const db = await Db.open(databaseUrl);
  try { return (await new ApiKeyService(db).create('bench', ApiRole.PARTNER, [])).key; } finally { await db.close(); }
}

export function load(url: string, body: string, seconds: number, connections = 10, headers: Record<string, string> = {}, path_ = '/graphql'): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}${path_}`, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration: seconds }, (err, res) => {
      if (err) { reject(err); return; }
      // A refused or failed request would be counted as a fast answer.
      if (res.non2xx || res.errors || res.timeouts) reject(new Error(`${url}: ${res.non2xx} non-2xx answers, ${res.errors} errors, ${res.timeouts} timeouts`));
      else resolve(res);
    });
  });
}

export const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const spread = (xs: number[]) => `min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)}`;

export interface Side { url: string; body: string; headers?: Record<string, string>; path?: string }
export interface Paired { ratios: number[]; a: autocannon.Result[]; b: autocannon.Result[] }

/**
 * `rounds` paired loads of a and b, the order alternating from round to round, so that the machine's drift does not
 * always favour the side that runs first; a 2-second warm-up of each first.
 */
export async function paired(a: Side, b: Side, rounds: number, seconds: number): Promise<Paired> {
  const run = (s: Side, secs: number) => load(s.url, s.body, secs, 10, s.headers, s.path);
  await run(a, 2); await run(b, 2);
  const out: Paired = { ratios: [], a: [], b: [] };
  for (let i = 0; i < rounds; i++) {
    let ra: autocannon.Result, rb: autocannon.Result;
    if (i % 2) { rb = await run(b, seconds); ra = await run(a, seconds); } else { ra = await run(a, seconds); rb = await run(b, seconds); }
    out.a.push(ra); out.b.push(rb);
    out.ratios.push(ra.requests.average / rb.requests.average);
  }
  return out;
}

/** Each round's own p99 / p50, then the median over rounds (one short round's p99 rests on a few dozen requests). */
export const tailRatio = (rs: autocannon.Result[]) => median(rs.map((x) => x.latency.p99 / Math.max(1, x.latency.p50)));

/**
 * Records a paired comparison: the median round's rates and latencies, the ratio's min/median/max, and each side's
 * p99 / p50. Keys are `<side>_req_per_s<tag>` and so on (the names earlier runs wrote for the nested shape).
 */
export function recordPaired(rec: Rec, p: Paired, keys: { a: string; b: string; tag: string; ratio: string }, labels: { a: string; b: string; what: string }): void {
  const m = median(p.ratios), i = p.ratios.indexOf(m), t = keys.tag;
  rec(`${keys.a}_req_per_s${t}`, p.a[i].requests.average, `${labels.a}, ${labels.what}`, ' req/s');
  rec(`${keys.b}_req_per_s${t}`, p.b[i].requests.average, `${labels.b}, ${labels.what}`, ' req/s');
  rec(`${keys.a}_p50_ms${t}`, p.a[i].latency.p50, `${labels.a} p50, ${labels.what}`, ' ms');
  rec(`${keys.a}_p99_ms${t}`, p.a[i].latency.p99, `${labels.a} p99, ${labels.what}`, ' ms');
  rec(`${keys.b}_p50_ms${t}`, p.b[i].latency.p50, `${labels.b} p50, ${labels.what}`, ' ms');
  rec(`${keys.b}_p99_ms${t}`, p.b[i].latency.p99, `${labels.b} p99, ${labels.what}`, ' ms');
  rec(keys.ratio, m, `RATIO ${labels.a} / ${labels.b}, ${labels.what} (median of ${p.ratios.length} paired rounds; ${spread(p.ratios)})`);
  rec(`${keys.ratio}_min`, Math.min(...p.ratios), '  the same, lowest round');
  rec(`${keys.ratio}_max`, Math.max(...p.ratios), '  the same, highest round');
  const tails = (rs: autocannon.Result[]) => rs.map((x) => x.latency.p99 / Math.max(1, x.latency.p50));
  rec(`${keys.a}_p99_over_p50${t}`, tailRatio(p.a), `${labels.a} p99 / p50, ${labels.what} (median of the rounds; ${spread(tails(p.a))})`);
  rec(`${keys.b}_p99_over_p50${t}`, tailRatio(p.b), `${labels.b} p99 / p50, ${labels.what} (median of the rounds; ${spread(tails(p.b))})`);
}

export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ text: string; ms: number; headers: Headers; status: number }> {
  const t = process.hrtime.bigint();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { text, ms: Number(process.hrtime.bigint() - t) / 1e6, headers: res.headers, status: res.status };
}

/** The busiest person's slug (most participations): the heaviest person page. */
export async function busiestPerson(databaseUrl: string): Promise<string> {
  const db = await Db.open(databaseUrl);
  try {
    const r = await db.one<{ slug: string }>('SELECT p.slug FROM participation pa JOIN person p ON p.id = pa.person_id GROUP BY pa.person_id, p.slug ORDER BY COUNT(*) DESC, pa.person_id LIMIT 1');
    return r!.slug;
  } finally { await db.close(); }
}

export async function benchSpeed(file: string, rec: Rec, log: (s: string) => void, seconds = 3, rounds = 7): Promise<void> {
  const key = await benchKey(file);
  const auth = { authorization: `Bearer ${key}` };
  const slug = await busiestPerson(file);
  const shapes: Array<{ tag: string; what: string; body: string; server: 'w' | 'w200'; ratio: string }> = [
    { tag: '', what: 'nested articles, first: 50', body: JSON.stringify({ query: NESTED_QUERY, variables: { first: 50 } }), server: 'w', ratio: 'graphql_vs_raw_ratio' },
    { tag: '_first200', what: 'nested articles, first: 200 (WARTA_PAGE_SIZE_MAX=200, WARTA_MAX_QUERY_COST=20000)', body: JSON.stringify({ query: NESTED_QUERY, variables: { first: 200 } }), server: 'w200', ratio: 'graphql_vs_raw_ratio_first200' },
    { tag: '_events', what: 'events with participants, first: 50', body: JSON.stringify({ query: EVENTS_QUERY, variables: { first: 50 } }), server: 'w', ratio: 'events_vs_raw_ratio' },
    { tag: '_person', what: `person page of the busiest official (${slug})`, body: JSON.stringify({ query: PERSON_QUERY, variables: { slug } }), server: 'w', ratio: 'person_vs_raw_ratio' },
  ];
  const servers = { w: await startShipped(file, UNCACHED), w200: await startShipped(file, { ...UNCACHED, ...FIRST_200 }) };
  const ref = await startReference(file);
  const cached = await startShipped(file);
  try {
    for (const s of shapes) {
      const [a, b] = await Promise.all([post(servers[s.server].url, s.body, auth), post(ref.url, s.body)]);
      if (a.status !== 200 || a.text !== b.text) throw new Error(`the reference answer differs from Warta's: ${s.what} (${a.status}: ${a.text.slice(0, 300)})`);
      log(`  ${s.what}: byte-identical answers (${a.text.length} bytes; cost ${a.headers.get('warta-query-cost')})`);
    }
    rec('reference_byte_identical', 1, 'reference and Warta answers byte-identical (nested 50 and 200, events, person page)');

    for (const s of shapes) {
      log(`  ${s.what}: ${rounds} paired rounds of ${seconds} s…`);
      const p = await paired({ url: servers[s.server].url, body: s.body, headers: auth }, { url: ref.url, body: s.body }, rounds, seconds);
      recordPaired(rec, p, { a: 'graphql', b: 'raw', tag: s.tag, ratio: s.ratio }, { a: 'Warta', b: 'reference', what: s.what });
      // The nested shape's tail also under the name earlier runs wrote.
      if (!s.tag) rec('p99_over_p50', tailRatio(p.a), 'Warta p99 / p50, nested first: 50 (the same as graphql_p99_over_p50)');
    }
    rec('rss_mb_speed_warta', rssMb(servers.w.proc.pid!), 'Warta server RSS after the speed phase', ' MB');

    // Cached: the shipped server (60-second response cache) answering a persisted query (hash only) from its cache,
    // against the uncached reference.
    const sha256Hash = crypto.createHash('sha256').update(NESTED_QUERY).digest('hex');
    const full = JSON.stringify({ query: NESTED_QUERY, variables: { first: 50 }, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    const hashOnly = JSON.stringify({ variables: { first: 50 }, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    await post(cached.url, full, auth);
    const check = await post(cached.url, hashOnly, auth);
    if (check.headers.get('warta-cache') !== 'HIT') throw new Error('the persisted query was not a cache hit');
    log(`  persisted query + response cache: ${rounds} paired rounds of ${seconds} s…`);
    const c = await paired({ url: cached.url, body: hashOnly, headers: auth }, { url: ref.url, body: shapes[0].body }, rounds, seconds);
    const mc = median(c.ratios);
    rec('cached_req_per_s', c.a[c.ratios.indexOf(mc)].requests.average, 'Warta as shipped, persisted query + response-cache hit, first: 50', ' req/s');
    rec('cached_vs_raw_ratio', mc, `RATIO cached Warta / reference (median of ${rounds}; ${spread(c.ratios)})`);
    rec('cached_p99_over_p50', tailRatio(c.a), 'cached Warta p99 / p50 (median of the rounds)');
  } finally {
    await Promise.all([stop(servers.w), stop(servers.w200), stop(ref), stop(cached)]);
  }
  await coldWarm(file, rec, log, auth, shapes.filter((s) => s.server === 'w'), rounds);
}

/**
 * The compiled path cold and warm: on a fresh server (shipped, response cache off so that every request executes),
 * each shape's first request (Apollo parses, validates and answers it; the compiled route takes the next ones), the
 * number of requests until an answer comes from the compiled path (`Warta-Execution: compiled`), and the median of 30
 * sequential requests after 20 more. Repeated on `rounds` fresh servers.
 */
async function coldWarm(file: string, rec: Rec, log: (s: string) => void, auth: Record<string, string>, shapes: Array<{ tag: string; what: string; body: string }>, rounds: number): Promise<void> {
  const firsts = new Map<string, number[]>(), warms = new Map<string, number[]>(), after = new Map<string, number[]>();
  log(`  compiled path cold and warm: ${rounds} fresh servers…`);
  for (let r = 0; r < rounds; r++) {
    const w = await startShipped(file, UNCACHED);
    try {
      // The order of the shapes rotates, so that no shape always meets the server's very first request.
      for (let k = 0; k < shapes.length; k++) {
        const s = shapes[(k + r) % shapes.length];
        const first = await post(w.url, s.body, auth);
        let n = 1;
        for (let h = first.headers; h.get('warta-execution') !== 'compiled' && n < 20; n++) h = (await post(w.url, s.body, auth)).headers;
        for (let i = 0; i < 20; i++) await post(w.url, s.body, auth);
        const t: number[] = [];
        for (let i = 0; i < 30; i++) t.push((await post(w.url, s.body, auth)).ms);
        (firsts.get(s.tag) ?? firsts.set(s.tag, []).get(s.tag)!).push(first.ms);
        (warms.get(s.tag) ?? warms.set(s.tag, []).get(s.tag)!).push(median(t));
        (after.get(s.tag) ?? after.set(s.tag, []).get(s.tag)!).push(n);
      }
    } finally { await stop(w); }
  }
  for (const s of shapes) {
    const f = firsts.get(s.tag)!, w = warms.get(s.tag)!;
    const name = s.tag ? s.tag.slice(1) : 'nested';
    rec(`cold_first_ms_${name}`, median(f), `${s.what}: first request on a fresh server, through Apollo (median of ${rounds}; ${spread(f)})`, ' ms');
    rec(`warm_ms_${name}`, median(w), `${s.what}: warm, compiled path, one request at a time (median of ${rounds}; ${spread(w)})`, ' ms');
    rec(`compiled_after_requests_${name}`, median(after.get(s.tag)!), `${s.what}: the request that first comes from the compiled path`);
  }
}
