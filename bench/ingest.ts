/**
 * Ingest throughput of corpus/bulk end to end (parse, extract, resolve, persist, search index), in batches of
 * WARTA_INGEST_BATCH articles per transaction (a savepoint each) as `warta ingest` does it, into a fresh SQLite file
 * and a fresh PostgreSQL database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { config } from '../src/config';
import { Db } from '../src/db/database';
import { IngestPipeline, IngestService } from '../src/ingest';
import { ParsedArticle, parseRecord } from '../src/ingest/parse';
import type { Rec } from './speed';

function bulk(shared: string): ParsedArticle[] {
  return fs.readFileSync(path.join(shared, 'corpus/bulk/articles.jsonl'), 'utf8').split('\n').filter(Boolean)
    .flatMap((l, i) => { try { return [parseRecord(JSON.parse(l), `bulk:${i + 1}`)]; } catch { return []; } });
}

/** Pipelined as `warta ingest` runs: a worker extracts batch n+1 while this thread writes batch n. */
async function run(db: Db, articles: ParsedArticle[]): Promise<{ perS: number; dbShare: number; failed: number; workers: number }> {
  const ingest = await IngestService.create(db);
  // Time spent in database calls (the statements themselves, and on PostgreSQL the round trips).
  let dbNs = 0n;
  for (const m of ['query', 'exec', 'insert'] as const) {
    const orig = (db[m] as (...a: unknown[]) => Promise<unknown>).bind(db);
    (db as unknown as Record<string, unknown>)[m] = async (...a: unknown[]) => { const t = process.hrtime.bigint(); try { return await orig(...a); } finally { dbNs += process.hrtime.bigint() - t; } };
  }
  let failed = 0;
  const t1 = process.hrtime.bigint();
  const pipeline = new IngestPipeline<{ article: ParsedArticle }>(ingest, (_items, results) => { for (const r of results) if (r.error) failed++; });
  for (let i = 0; i < articles.length; i += config.ingestBatch) await pipeline.push(articles.slice(i, i + config.ingestBatch).map((article) => ({ article })));
  const workers = pipeline.workers;
  await pipeline.finish();
  const totalMs = Number(process.hrtime.bigint() - t1) / 1e6;
  return { perS: (articles.length / totalMs) * 1000, dbShare: Number(dbNs) / 1e6 / totalMs, failed, workers };
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
