/**
 * Ingest throughput of corpus/bulk end to end (parse, extract, resolve, persist, search index), in batches of
 * WARTA_INGEST_BATCH articles per transaction (a savepoint each) as `warta ingest` does it, into a fresh SQLite file
 * and a fresh PostgreSQL database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Client as PgClient } from 'pg';
import { config } from '../src/config';
import { Db } from '../src/db/database';
import { IngestPipeline, IngestService } from '../src/ingest';
import { ParsedArticle, parseRecord } from '../src/ingest/parse';
import type { Rec } from './speed';

function bulk(shared: string): ParsedArticle[] {
  return fs.readFileSync(path.join(shared, 'corpus/bulk/articles.jsonl'), 'utf8').split('\n').filter(Boolean)
    .flatMap((l, i) => { try { return [parseRecord(JSON.parse(l), `bulk:${i + 1}`)]; } catch { return []; } });
}

/**
 * Wall time during which a database call is under way: every better-sqlite3 statement (COMMIT included) on SQLite,
 * every pg round trip on PostgreSQL. Overlapping calls count once.
 */
function databaseClock(db: Db): { ms(): number; stop(): void; add(ms: number): void } {
  let inflight = 0, since = 0n, total = 0n;
  const begin = () => { if (inflight++ === 0) since = process.hrtime.bigint(); };
  const end = () => { if (--inflight === 0) total += process.hrtime.bigint() - since; };
  const restore: Array<() => void> = [];
  const wrap = (proto: Record<string, unknown>, names: string[], async: boolean) => {
    for (const name of names) {
      const orig = proto[name] as (...a: unknown[]) => unknown;
      proto[name] = function (this: unknown, ...a: unknown[]) {
        begin();
        let r: unknown;
        try { r = orig.apply(this, a); } catch (e) { end(); throw e; }
        if (async && r && typeof (r as Promise<unknown>).then === 'function') return (r as Promise<unknown>).finally(end);
        end();
        return r;
      };
      restore.push(() => { proto[name] = orig; });
    }
  };
  if (db.isPostgres) wrap(PgClient.prototype as unknown as Record<string, unknown>, ['query'], true);
  else {
    const conn = (db.ds.driver as unknown as { databaseConnection: { prepare(s: string): object; exec: unknown } }).databaseConnection;
    wrap(Object.getPrototypeOf(conn.prepare('SELECT 1')), ['run', 'get', 'all', 'iterate'], false);
    wrap(Object.getPrototypeOf(conn), ['exec'], false);
  }
  return { ms: () => Number(total) / 1e6, stop: () => { for (const r of restore) r(); }, add: (ms: number) => { total += BigInt(Math.round(ms * 1e6)); } };
}

/** Pipelined as `warta ingest` runs: a worker extracts batch n+1 while this thread writes batch n. */
async function run(db: Db, articles: ParsedArticle[]): Promise<{ perS: number; dbShare: number; dbCpuShare: number; failed: number; workers: number; indexerMs: number; indexWaitMs: number }> {
  const ingest = await IngestService.create(db);
  const clock = databaseClock(db);
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const t1 = process.hrtime.bigint();
  const pipeline = new IngestPipeline<{ article: ParsedArticle }>(ingest, (_items, results) => { for (const r of results) if (r.error) failed++; });
  for (let i = 0; i < articles.length; i += config.ingestBatch) await pipeline.push(articles.slice(i, i + config.ingestBatch).map((article) => ({ article })));
  const workers = pipeline.workers;
  await pipeline.finish();
  // SQLite: the search indexer's thread catches up (end to end means searchable). The writer's wait for it counts as
  // database time; the indexer's own time is reported beside.
  const w0 = process.hrtime.bigint();
  await db.searchIndexer?.caughtUp();
  const indexWaitMs = Number(process.hrtime.bigint() - w0) / 1e6;
  clock.add(indexWaitMs);
  const totalMs = Number(process.hrtime.bigint() - t1) / 1e6;
  // CPU time of this process's threads (the writer and the extraction worker); on SQLite a statement's wall time is
  // this process's CPU (or its disk waits), so the database's share of all the work done is the clock over this.
  const cpu = process.cpuUsage(cpu0);
  clock.stop();
  return { perS: (articles.length / totalMs) * 1000, dbShare: clock.ms() / totalMs, dbCpuShare: clock.ms() / ((cpu.user + cpu.system) / 1000), failed, workers,
    indexerMs: db.searchIndexer?.busyMs ?? 0, indexWaitMs };
}

export async function benchIngest(shared: string, rec: Rec, log: (s: string) => void): Promise<void> {
  const articles = bulk(shared);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-bench-ingest-'));
  const db = await Db.open(path.join(dir, 'ingest.sqlite'));
  const s = await run(db, articles);
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  log(`  SQLite: ${articles.length} articles, ${s.failed} failed`);
  rec('ingest_per_s_sqlite', s.perS, 'ingest end to end, corpus/bulk, SQLite', ' articles/s');
  rec('ingest_db_share_sqlite', s.dbShare * 100, `share of ingest wall time in database statements, SQLite (extraction on ${s.workers} worker thread(s))`, ' %');
  rec('ingest_db_share_cpu_sqlite', s.dbCpuShare * 100, 'database statements (the writer\'s) against the CPU time of all ingest threads, SQLite', ' %');
  rec('ingest_search_indexer_ms_sqlite', s.indexerMs, 'search indexer thread: time building and writing documents, SQLite', ' ms');
  rec('ingest_search_wait_ms_sqlite', s.indexWaitMs, 'wait for the search index to catch up after the last batch (in the database share), SQLite', ' ms');

  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `warta_bench_ingest_${process.pid}`;
  const c = new Client({ connectionString: base });
  try { await c.connect(); } catch (e) { log(`  PostgreSQL not reachable (${(e as Error).message}); skipping its ingest figure`); return; }
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  try {
    const pg = await Db.open(u.toString());
    const p = await run(pg, articles);
    await pg.close();
    rec('ingest_per_s_postgres', p.perS, 'ingest end to end, corpus/bulk, PostgreSQL', ' articles/s');
    rec('ingest_db_share_postgres', p.dbShare * 100, 'share of ingest wall time in database statements (with round trips), PostgreSQL', ' %');
  } finally {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}
