/**
 * Warta's /graphql against the raw-SQL reference handler, side by side in one run: both as server processes on the
 * same SQLite database, loaded in turn by autocannon (10 connections, loopback), paired rounds, median ratios.
 * Also: the same with the response cache and a persisted query, SQL statements per request, server RSS.
 */
import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { NESTED_QUERY } from './reference';

const ROOT = path.resolve(__dirname, '../..');
export type Rec = (key: string, value: number, label: string, unit?: string) => void;

export async function freePort(): Promise<number> {
  return new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => r(p)); }); });
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function startWarta(databaseUrl: string, env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const proc = spawn('node', [path.join(ROOT, 'dist/src/cli/index.js'), 'serve'], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', WARTA_LOAD_DEMO: 'false', WARTA_SEARCH_REBUILD_ON_START: 'false',
      WARTA_ANONYMOUS_REQUESTS: '0', WARTA_KEY_REQUESTS: '0', WARTA_ANONYMOUS_COST: '0', WARTA_KEY_COST: '0', WARTA_MAX_QUERY_COST: '1000000',
      WARTA_PAGE_SIZE_MAX: '200', WARTA_RESPONSE_CACHE_SECONDS: '0', REDIS_URL: '', ...env,
    },
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

export function load(url: string, body: string, seconds: number, connections = 10): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: seconds }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

export async function benchSpeed(file: string, rec: Rec, log: (s: string) => void, seconds = 3, rounds = 9): Promise<void> {
  const warta = await startWarta(file);
  const ref = await startReference(file);
  const cached = await startWarta(file, { WARTA_RESPONSE_CACHE_SECONDS: '3600' });
  try {
    for (const first of [5, 50, 200]) {
      const body = JSON.stringify({ query: NESTED_QUERY, variables: { first } });
      const [a, b] = await Promise.all([warta, ref].map(async (s) => (await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text()));
      if (a !== b) throw new Error(`the reference answer differs from Warta's at first: ${first}`);
      log(`  first: ${first}: byte-identical answers (${a.length} bytes)`);
    }
    rec('reference_byte_identical', 1, 'reference and Warta answers byte-identical (first 5, 50, 200)');

    for (const first of [50, 200]) {
      const body = JSON.stringify({ query: NESTED_QUERY, variables: { first } });
      await load(warta.url, body, 2); await load(ref.url, body, 2); // warm-up
      const ratios: number[] = [], w: autocannon.Result[] = [], r: autocannon.Result[] = [];
      for (let i = 0; i < rounds; i++) {
        // Paired rounds in alternating order, so the machine's drift does not always favour the side that runs first.
        let wr: autocannon.Result, rr: autocannon.Result;
        if (i % 2) { rr = await load(ref.url, body, seconds); wr = await load(warta.url, body, seconds); } else { wr = await load(warta.url, body, seconds); rr = await load(ref.url, body, seconds); }
        w.push(wr); r.push(rr);
        ratios.push(wr.requests.average / rr.requests.average);
      }
      const tag = first === 50 ? '' : `_first${first}`;
      const mid = w[ratios.indexOf(median(ratios))], midR = r[ratios.indexOf(median(ratios))];
      rec(`graphql_req_per_s${tag}`, mid.requests.average, `Warta /graphql, nested query, first: ${first}`, ' req/s');
      rec(`raw_req_per_s${tag}`, midR.requests.average, `reference raw-SQL handler, first: ${first}`, ' req/s');
      rec(`graphql_p50_ms${tag}`, mid.latency.p50, `Warta p50, first: ${first}`, ' ms');
      rec(`graphql_p99_ms${tag}`, mid.latency.p99, `Warta p99, first: ${first}`, ' ms');
      rec(`raw_p50_ms${tag}`, midR.latency.p50, `reference p50, first: ${first}`, ' ms');
      rec(`raw_p99_ms${tag}`, midR.latency.p99, `reference p99, first: ${first}`, ' ms');
      rec(`graphql_vs_raw_ratio${tag}`, median(ratios), `RATIO Warta / reference, first: ${first} (median of ${rounds} paired runs)`);
      // Each round's own p99 / p50, then the median over rounds: one short round's p99 rests on a few dozen requests.
      if (first === 50) {
        rec('p99_over_p50', median(w.map((x) => x.latency.p99 / Math.max(1, x.latency.p50))), `Warta p99 / p50, first: 50 (median of ${rounds} rounds)`);
        // The same for the reference: how much of the spread is the machine's (load generator on the same host).
        rec('raw_p99_over_p50', median(r.map((x) => x.latency.p99 / Math.max(1, x.latency.p50))), `reference p99 / p50, first: 50 (median of ${rounds} rounds)`);
      }
    }
    rec('rss_mb_speed_warta', rssMb(warta.proc.pid!), 'Warta server RSS after the speed phase', ' MB');

    // Cached: a persisted query (hash only) answered from the response cache, against the uncached reference.
    const sha256Hash = crypto.createHash('sha256').update(NESTED_QUERY).digest('hex');
    const full = JSON.stringify({ query: NESTED_QUERY, variables: { first: 50 }, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    const hashOnly = JSON.stringify({ variables: { first: 50 }, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    await fetch(`${cached.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: full });
    const check = await fetch(`${cached.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: hashOnly });
    if (check.headers.get('warta-cache') !== 'HIT') throw new Error('the persisted query was not a cache hit');
    const refBody = JSON.stringify({ query: NESTED_QUERY, variables: { first: 50 } });
    await load(cached.url, hashOnly, 2);
    const cr: number[] = [];
    let c: autocannon.Result | null = null;
    for (let i = 0; i < rounds; i++) {
      let rr: autocannon.Result;
      if (i % 2) { rr = await load(ref.url, refBody, seconds); c = await load(cached.url, hashOnly, seconds); } else { c = await load(cached.url, hashOnly, seconds); rr = await load(ref.url, refBody, seconds); }
      cr.push(c.requests.average / rr.requests.average);
    }
    rec('cached_req_per_s', c!.requests.average, 'Warta, persisted query + response-cache hit, first: 50', ' req/s');
    rec('cached_vs_raw_ratio', median(cr), `RATIO cached Warta / reference (median of ${rounds})`);
  } finally {
    await Promise.all([stop(warta), stop(ref), stop(cached)]);
  }
}
