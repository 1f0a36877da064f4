/**
 * Faults and concurrency: concurrent mutations with an ingest batch (both databases), a process killed mid-ingest,
 * PostgreSQL becoming unreachable and coming back, graceful shutdown, and an online SQLite backup.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { config } from '../../src/config';
import { Db } from '../../src/db/database';
import { ApiRole } from '../../src/entities/enums';
import { ApiKeyService } from '../../src/services/api-key.service';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import { CLI, freePort, serveProcess } from '../helpers/process';

const saved = { ...config };
const REGENCIES = ['Sidoarjo', 'Gresik', 'Lamongan', 'Mojokerto', 'Pasuruan', 'Jombang', 'Bojonegoro', 'Tuban'];
const GIVEN = ['Agus', 'Budi', 'Dewi', 'Eko', 'Fitri', 'Hadi', 'Indah', 'Joko'];
const FAMILY = ['Santoso', 'Wijaya', 'Saputra', 'Lestari', 'Hidayat', 'Pratama', 'Kusuma', 'Nugroho'];

/** Invented articles in the demo's style, distinct by number. */
function article(i: number) {
  const r = REGENCIES[i % REGENCIES.length], name = `${GIVEN[i % 8]} ${FAMILY[(i * 3) % 8]}`;
  return {
    id: `f-${i}`, title: `Musrenbang Desa ${i} di ${r} Bahas Jalan Usaha Tani`, publishedAt: '2021-03-01',
    body: `Musrenbang Desa ${i} digelar Pemkab ${r} di Balai Desa Sumber ${i}, Senin (1/3/2021). Kepala Bappeda ${r}, ${name} membuka acara.\n`
      + `"Usulan jalan usaha tani nomor ${i} kami prioritaskan tahun ini," kata ${name}.`,
  };
}

describe.each(targets())('concurrency on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => { Object.assign(config, { anonymousRequestsPerWindow: 0, keyRequestsPerWindow: 0, keyCostPerWindow: 0 }); s = await startTestServer(await target.open()); });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); Object.assign(config, saved); });

  test('50 concurrent mutations and an ingest batch: no transaction errors, nothing lost or half-written', async () => {
    const editor = (await new ApiKeyService(s.db).create('editor', ApiRole.EDITOR, [])).key;
    const mentions = await s.db.query<{ id: number }>('SELECT id FROM mention ORDER BY id LIMIT 25');
    const gid = (t: string, id: number) => Buffer.from(`${t}:${id}`).toString('base64url');
    const before = Number((await s.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n);
    const ingest = await IngestService.create(s.db);
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 25; i++) {
      const a = article(i);
      work.push(s.gql('mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2021-03-01" }) { status } }', { t: a.title, b: a.body }, editor));
      work.push(s.gql('mutation($id: ID!) { reviewMention(id: $id, status: CONFIRMED) { status } }', { id: gid('Mention', Number(mentions[i].id)) }, editor));
    }
    for (let i = 25; i < 45; i++) work.push(ingest.ingest(parseRecord(article(i), `f-${i}`)));
    const results = await Promise.all(work);
    const errors = results.filter((r) => (r as { body?: { errors?: unknown[] } }).body?.errors);
    expect(errors).toEqual([]);
    expect(Number((await s.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n)).toBe(before + 45);
    expect(Number((await s.db.one<{ n: number }>("SELECT COUNT(*) AS n FROM mention WHERE status = 'CONFIRMED'"))!.n)).toBeGreaterThanOrEqual(25);
    // Whole articles only: each new one has its mentions and its quote.
    const partial = await s.db.query("SELECT a.id FROM article a WHERE a.title LIKE 'Musrenbang Desa %' AND (NOT EXISTS (SELECT 1 FROM mention m WHERE m.article_id = a.id) OR NOT EXISTS (SELECT 1 FROM quote q WHERE q.article_id = a.id))");
    expect(partial).toEqual([]);
  });
});

function run(args: string[], env: NodeJS.ProcessEnv) { return spawnSync('node', [CLI, ...args], { env, encoding: 'utf8' }); }

test('a process killed mid-ingest leaves a sound database of whole articles, and the rerun finishes the rest', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-kill-'));
  const file = path.join(dir, 'w.sqlite');
  const input = path.join(dir, 'articles.jsonl');
  fs.writeFileSync(input, Array.from({ length: 400 }, (_, i) => JSON.stringify(article(i))).join('\n') + '\n');
  const env = { ...process.env, DATABASE_URL: file };
  expect(run(['migrate'], env).status).toBe(0);
  const proc = spawn('node', [CLI, 'ingest', '--quiet', input], { env, stdio: 'ignore' });
  const db = await Db.open(file);
  // Kill it once some, but not all, articles are in.
  for (let i = 0; i < 400; i++) {
    const n = Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n);
    if (n >= 20) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  proc.kill('SIGKILL');
  await new Promise((r) => proc.once('exit', r));
  await db.close();
  const db2 = await Db.open(file);
  expect((await db2.query<{ integrity_check: string }>('PRAGMA integrity_check'))[0].integrity_check).toBe('ok');
  const partial = Number((await db2.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n);
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan(400);
  const broken = await db2.query('SELECT a.id FROM article a WHERE NOT EXISTS (SELECT 1 FROM mention m WHERE m.article_id = a.id) OR NOT EXISTS (SELECT 1 FROM quote q WHERE q.article_id = a.id)');
  expect(broken).toEqual([]);
  await db2.close();
  const rerun = run(['ingest', '--quiet', input], env);
  expect(rerun.stdout).toMatch(new RegExp(`articles: ${400 - partial} new, ${partial} unchanged, 0 failed`));
  const db3 = await Db.open(file);
  expect(Number((await db3.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n)).toBe(400);
  expect(Number((await db3.one<{ n: number }>('SELECT COUNT(DISTINCT content_hash) AS n FROM article'))!.n)).toBe(400);
  await db3.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** A TCP relay that can be cut and restored, standing between Warta and PostgreSQL. */
async function relay(target: URL): Promise<{ port: number; cut(): void; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  const listen = (port: number) => new Promise<number>((resolve) => {
    server = net.createServer((c) => {
      const up = net.connect(Number(target.port || 5432), target.hostname);
      sockets.add(c); sockets.add(up);
      c.pipe(up); up.pipe(c);
      const end = () => { c.destroy(); up.destroy(); sockets.delete(c); sockets.delete(up); };
      c.on('error', end); up.on('error', end); c.on('close', end); up.on('close', end);
    }).listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  const port = await listen(0);
  return {
    port,
    cut() { server.close(); for (const s of sockets) s.destroy(); sockets.clear(); },
    async restore() { await listen(port); },
    async close() { server.close(); for (const s of sockets) s.destroy(); },
  };
}

const pg = targets().find((t) => t.name === 'postgres');
// Only where a PostgreSQL server is configured (as in CI); there is nothing to cut on SQLite.
if (pg) test('PostgreSQL unreachable: SERVICE_UNAVAILABLE and not ready; back by itself when it returns', async () => {
  const direct = await pg!.open();
  const url = new URL(direct.ds.options.type === 'postgres' ? (direct.ds.options as { url: string }).url : '');
  await direct.close();
  const r = await relay(url);
  Object.assign(config, { pgConnectTimeoutMs: 1000, anonymousRequestsPerWindow: 0, responseCacheSeconds: 0 }); // the cache would answer without the database
  const viaRelay = new URL(url.toString());
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String(r.port);
  const s = await startTestServer(await Db.open(viaRelay.toString()));
  try {
    const q = '{ events(first: 1) { totalCount } }';
    expect((await s.gql(q)).body.errors).toBeUndefined();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    r.cut();
    const down = await s.gql(q);
    expect(down.body.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${s.url}/readyz`)).status).toBe(503);
    await r.restore();
    let ok = false;
    for (let i = 0; i < 40 && !ok; i++) { ok = !(await s.gql(q)).body.errors; if (!ok) await new Promise((x) => setTimeout(x, 250)); }
    expect(ok).toBe(true);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  } finally {
    await s.close();
    await s.db.close().catch(() => undefined);
    await r.close();
    await pg!.cleanup();
    Object.assign(config, saved);
  }
}, 60_000);

test('SIGTERM: the in-flight request finishes, new connections are refused, the process exits cleanly', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-term-'));
  const file = path.join(dir, 'w.sqlite');
  const db = await Db.open(file);
  const key = (await new ApiKeyService(db).create('editor', ApiRole.EDITOR, [])).key;
  await db.close();
  const srv = await serveProcess({ ...process.env, DATABASE_URL: file, WARTA_LOAD_DEMO: 'false', PORT: String(await freePort()), HOST: '127.0.0.1' });
  const body = JSON.stringify(article(1));
  // Send the headers and half the body, stop the server, then send the rest.
  const reply = new Promise<string>((resolve) => {
    const c = net.connect(srv.port, '127.0.0.1', () => {
      c.write(`POST /ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
      c.write(body.slice(0, 40));
      setTimeout(() => {
        srv.proc.kill('SIGTERM');
        setTimeout(() => c.write(body.slice(40)), 300);
      }, 200);
    });
    let data = '';
    c.on('data', (d) => { data += d; });
    c.on('close', () => resolve(data));
  });
  const text = await reply;
  expect(text).toMatch(/^HTTP\/1\.1 201/);
  const refused = await new Promise<boolean>((resolve) => { const c = net.connect(srv.port, '127.0.0.1'); c.on('error', () => resolve(true)); c.on('connect', () => { c.destroy(); resolve(false); }); });
  expect(refused).toBe(true);
  const code = await new Promise<number | null>((r) => { if (srv.proc.exitCode != null) r(srv.proc.exitCode); else srv.proc.once('exit', (c) => r(c)); });
  expect(code).toBe(0);
  const after = await Db.open(file);
  expect(Number((await after.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n)).toBe(1);
  await after.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('warta backup copies the SQLite database online, while it serves, and the copy restores with the same counts', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-backup-'));
  const file = path.join(dir, 'w.sqlite');
  Object.assign(config, { anonymousRequestsPerWindow: 0 });
  const s = await startTestServer(await Db.open(file));
  try {
    const tables = ['article', 'person', 'institution', 'event', 'mention', 'participation', 'quote'];
    const count = async (db: Db) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))!.n)])));
    const before = await count(s.db);
    // Readers keep reading during the copy.
    const reads = Promise.all(Array.from({ length: 20 }, () => s.gql('{ articles(first: 5) { edges { node { title persons { name } } } } }')));
    const backup = path.join(dir, 'copy.sqlite');
    const r = run(['backup', backup], { ...process.env, DATABASE_URL: file });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((await reads).every((x) => !x.body.errors)).toBe(true);
    const restored = await Db.open(backup);
    expect(await count(restored)).toEqual(before);
    expect((await restored.query<{ integrity_check: string }>('PRAGMA integrity_check'))[0].integrity_check).toBe('ok');
    await restored.close();
    expect(run(['backup', backup], { ...process.env, DATABASE_URL: file }).status).toBe(2);
  } finally {
    await s.close();
    await s.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    Object.assign(config, saved);
  }
}, 60_000);
