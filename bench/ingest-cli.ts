/**
 * `warta ingest` by wall clock, as a user runs it: corpus/bulk/articles.jsonl repeated to at least `target` articles
 * (each copy with its own ids, urls and titles, so that every record is a new article rather than an update of the
 * first copy's), written to a temporary JSON Lines file, then `node dist/src/cli/index.js ingest --quiet <file>` into
 * a fresh SQLite file and a fresh PostgreSQL database, timed from the process's spawn to its exit (start-up,
 * migrations, parse, extraction, resolution, writes and the search index all included), with the shipped settings.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRecord } from '../src/ingest/parse';
import { freshPgDatabase } from './pg';
import type { Rec } from './speed';

const ROOT = path.resolve(__dirname, '../..');

/** Writes the repeated corpus; returns the number of records. */
function repeatedCorpus(shared: string, target: number, file: string): number {
  const lines = fs.readFileSync(path.join(shared, 'corpus/bulk/articles.jsonl'), 'utf8').split('\n').filter(Boolean);
  const out = fs.openSync(file, 'w');
  let n = 0;
  try {
    for (let copy = 0; n < target; copy++) {
      const chunk: string[] = [];
      for (const l of lines) {
        let r: Record<string, unknown>;
        // The corpus's deliberately broken records (no title, bad JSON) stay out: the CLI would report them and exit 1.
        try { r = JSON.parse(l); parseRecord(r, 'bench'); } catch { continue; }
        if (copy > 0) {
          // A new identity per copy: the id and url name the article, and title + body its content hash.
          if (r.id != null) r.id = `${r.id}~${copy}`;
          if (typeof r.url === 'string') r.url = `${r.url}${r.url.includes('?') ? '&' : '?'}copy=${copy}`;
          if (typeof r.title === 'string') r.title = `${r.title} (${copy + 1})`;
        }
        chunk.push(JSON.stringify(r));
        n++;
      }
      fs.writeSync(out, `${chunk.join('\n')}\n`);
    }
  } finally { fs.closeSync(out); }
  return n;
}

/** Runs `warta ingest` on `file` into `databaseUrl`; wall seconds, and the CLI's summary line. */
function ingest(databaseUrl: string, file: string): Promise<{ seconds: number; summary: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WARTA_') && k !== 'REDIS_URL'));
  const t = process.hrtime.bigint();
  const proc = spawn('node', [path.join(ROOT, 'dist/src/cli/index.js'), 'ingest', '--quiet', file], { env: { ...base, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  return new Promise((resolve, reject) => {
    proc.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const summary = /articles: .*/.exec(out)?.[0] ?? out.slice(-300);
      // Exit code 1 means some records failed (reported per line); the corpus has none that fail.
      if (code !== 0) reject(new Error(`warta ingest exited ${code}: ${out.slice(-1000)}`)); else resolve({ seconds, summary });
    });
  });
}

export async function benchIngestCli(shared: string, rec: Rec, log: (s: string) => void, target = 20_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-bench-cli-'));
  try {
    const file = path.join(dir, 'articles.jsonl');
    const n = repeatedCorpus(shared, target, file);
    log(`  ${n} articles (corpus/bulk repeated) in ${file}`);
    const s = await ingest(path.join(dir, 'warta.sqlite'), file);
    log(`  SQLite: ${s.seconds.toFixed(1)} s; ${s.summary}`);
    rec('ingest_cli_articles', n, 'CLI ingest: articles (corpus/bulk repeated, each copy new articles)');
    rec('ingest_cli_per_s_sqlite', n / s.seconds, `\`warta ingest\` by wall clock, ${n} articles, fresh SQLite file`, ' articles/s');
    const pg = await freshPgDatabase(`warta_bench_cli_${process.pid}`, log);
    if (!pg) return;
    try {
      const p = await ingest(pg.url, file);
      log(`  PostgreSQL: ${p.seconds.toFixed(1)} s; ${p.summary}`);
      rec('ingest_cli_per_s_postgres', n / p.seconds, `\`warta ingest\` by wall clock, ${n} articles, fresh PostgreSQL database`, ' articles/s');
    } finally { await pg.drop(); }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
