/**
 * `npm run bench`: Warta's measurements, printed as a table and written to bench/results.json.
 * Not part of `npm test`. Reads ../shared/corpus (the outlets' texts are read here, never copied in).
 *
 * Sections (all by default; `npm run bench -- --only extract,hostile,analytics`):
 *   extract    extraction throughput on corpus/bulk (one core)
 *   hostile    hostile inputs against their 1-second budget
 *   analytics  analysts' queries and the attendance export on a generated database (`--articles N`, default 100000)
 *   eventloop  the longest event-loop delay of adversarial queries on the generated SQLite database (budget 200 ms)
 *   speed      Warta as shipped against the raw-SQL reference (nested articles, events with participants, a person
 *              page), the response cache, the compiled path cold and warm (`--rounds N`, `--seconds N`)
 *   postgres   Warta on PostgreSQL against PostGraphile on the same generated data (`--articles N`)
 *   ingestcli  `warta ingest` by wall clock on corpus/bulk repeated to `--cli-articles N` (default 20000)
 *   agrowth    each analyst query and `stats` count at 10k and 1M generated articles, and the growth between (`--growth`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createExtractor, WartaExtractor } from '../src/ingest/extract';
import { parseRecord, ParsedArticle } from '../src/ingest/parse';
import { benchAnalytics, generatedSqlite } from './analytics';
import { benchAttack } from './attack';
import { benchEventLoop } from './event-loop';
import { benchSpeed } from './speed';
import { benchIngest } from './ingest';
import { benchIngestCli } from './ingest-cli';
import { benchPostgres } from './pg';
import { benchGrowth } from './growth';
import { benchAnalyticsGrowth } from './analytics-growth';
import { sqlStatements } from './sql-count';

const ROOT = path.resolve(__dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared');
const RESULTS = path.join(ROOT, 'bench', 'results.json');

const results: Record<string, number> = {};
const rows: Array<[string, string]> = [];
function record(key: string, value: number, label: string, unit = ''): void {
  results[key] = Math.round(value * 1000) / 1000;
  rows.push([label, `${results[key]}${unit}`]);
}

function ms(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function bulkArticles(): ParsedArticle[] {
  const file = path.join(SHARED, 'corpus/bulk/articles.jsonl');
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
    .flatMap((l, i) => { try { return [parseRecord(JSON.parse(l), `bulk:${i + 1}`)]; } catch { return []; } });
}

function extraction(x: WartaExtractor): void {
  const articles = bulkArticles();
  for (const a of articles.slice(0, 200)) x.extract(a); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) runs.push(ms(() => { for (const a of articles) x.extract(a); }));
  runs.sort((p, q) => p - q);
  const median = runs[1];
  record('extract_articles', articles.length, 'bulk articles extracted');
  record('extract_per_s', (articles.length / median) * 1000, 'extraction throughput, one core (median of 3)', ' articles/s');
}

function hostile(x: WartaExtractor): void {
  const bulk = fs.readFileSync(path.join(SHARED, 'corpus/bulk/articles.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).body as string);
  let news = '';
  for (let i = 0; news.length < 5_000_000; i++) news += `${bulk[i % bulk.length]}\n`;
  const cases: Array<[string, string, string]> = [
    ['hostile_5mb_news_ms', '5 MB of real news as one article', news.slice(0, 5_000_000)],
    ['hostile_titles_ms', '100 KB of repeated titles', 'Bupati Sidoarjo '.repeat(6400)],
    ['hostile_titles_comma_ms', '100 KB of "Title, " repeated', 'Kepala Biro Organisasi dan Tata Laksana Kemendagri RI, '.repeat(1900)],
    ['hostile_whitespace_ms', '100 KB of whitespace', `${' \n\t '.repeat(25000)}x`],
    ['hostile_quotes_ms', '100 KB of unclosed quotes', '“ '.repeat(50000)],
    ['hostile_events_ms', '100 KB of event words', 'Rakor '.repeat(17000)],
    ['hostile_nfd_zw_ms', 'NFD text with zero-width characters', 'Bupati Sidoarjo, Sai\u200Bful Ilah membuka acara. '.normalize('NFD').repeat(2000)],
    ['hostile_html_ms', 'HTML fragments', '<p>Bupati Sidoarjo, Saiful Ilah</p><script>alert(1)</script>'.repeat(2000)],
  ];
  let worst = 0;
  for (const [key, label, body] of cases) {
    const t = ms(() => x.extract(parseRecord({ title: 'Uji', body, publishedAt: '2019-11-13' }, key)));
    worst = Math.max(worst, t);
    record(key, t, `${label}: parse + extract`, ' ms');
  }
  record('hostile_worst_ms', worst, 'worst hostile input (budget 1000 ms)', ' ms');
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const only = new Set((arg('only') ?? 'extract,hostile,speed,postgres,sql,attack,ingest,ingestcli,analytics,eventloop,growth,agrowth').split(','));
  const log = (m: string) => console.error(m);
  if ((only.has('extract') || only.has('hostile') || only.has('ingest') || only.has('ingestcli')) && !fs.existsSync(SHARED)) { console.error(`bench needs ${SHARED} (the shared corpus)`); process.exit(2); }
  const x = await createExtractor();
  if (only.has('extract')) { log('extraction throughput…'); extraction(x); }
  if (only.has('hostile')) { log('hostile inputs…'); hostile(x); }
  if (only.has('speed') || only.has('sql') || only.has('attack')) {
    const n = Number(arg('articles') ?? 100_000);
    const db = await generatedSqlite(ROOT, n, log);
    const file = db.ds.options.database as string;
    if (only.has('sql')) await sqlStatements(db, record);
    await db.close();
    if (only.has('speed')) { log(`speed: Warta and the reference on ${n} articles…`); await benchSpeed(file, record, log, Number(arg('seconds') ?? 3), Number(arg('rounds') ?? 7)); }
    if (only.has('attack')) { log(`attack while serving on ${n} articles…`); await benchAttack(file, record, log, Number(arg('attack-seconds') ?? 10)); }
  }
  if (only.has('postgres')) {
    const n = Number(arg('articles') ?? 100_000);
    log(`PostgreSQL: Warta and PostGraphile on ${n} generated articles…`);
    await benchPostgres(n, record, log, Number(arg('seconds') ?? 3), Number(arg('rounds') ?? 7));
  }
  if (only.has('ingest')) { log('ingest throughput…'); await benchIngest(SHARED, record, log); }
  if (only.has('ingestcli')) { log('CLI ingest by wall clock…'); await benchIngestCli(SHARED, record, log, Number(arg('cli-articles') ?? 20_000)); }
  if (only.has('analytics')) {
    const n = Number(arg('articles') ?? 100_000);
    log(`analytics on ${n} generated articles (SQLite)…`);
    const db = await generatedSqlite(ROOT, n, log);
    await benchAnalytics(db, `sqlite_${n >= 1000 ? `${n / 1000}k` : n}`, record, log);
    await db.close();
  }
  if (only.has('eventloop')) {
    const n = Number(arg('articles') ?? 100_000);
    log(`event loop under adversarial queries on ${n} generated articles (SQLite)…`);
    const db = await generatedSqlite(ROOT, n, log);
    await benchEventLoop(db, record, log);
    await db.close();
  }
  if (only.has('growth')) {
    const sizes = (arg('growth') ?? '10000,1000000').split(',').map(Number) as [number, number];
    log(`growth ${sizes[0]} → ${sizes[1]} articles…`);
    await benchGrowth(ROOT, sizes, record, log);
  }
  if (only.has('agrowth')) {
    const sizes = (arg('growth') ?? '10000,1000000').split(',').map(Number) as [number, number];
    log(`analyst queries' growth ${sizes[0]} → ${sizes[1]} articles…`);
    await benchAnalyticsGrowth(ROOT, sizes, record, log, Number(arg('agrowth-rounds') ?? 21));
  }
  const previous = fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {};
  fs.writeFileSync(RESULTS, JSON.stringify({ ...previous, ...results, measured_at: new Date().toISOString() }, null, 2) + '\n');
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
  console.log(`\nwritten to ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
