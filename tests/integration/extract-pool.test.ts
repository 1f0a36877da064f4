/**
 * Batch ingest extracts on a worker thread (the compiled worker script; `npm test` builds it first): the worker's
 * extractions are exactly the in-thread ones, errors come back per article, and a pipeline writes every batch in order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoFiles } from '../../src/demo';
import { parseText } from '../../src/ingest/parse';

// The compiled modules: the worker runs JavaScript, not the TypeScript sources Jest reads.
const dist = path.resolve(__dirname, '../../dist/src');
/* eslint-disable @typescript-eslint/no-require-imports */
const { ExtractPool } = require(path.join(dist, 'ingest/extract-pool')) as typeof import('../../src/ingest/extract-pool');
const { createExtractor } = require(path.join(dist, 'ingest/extract')) as typeof import('../../src/ingest/extract');
const { resolveArticle } = require(path.join(dist, 'ingest/resolve/article')) as typeof import('../../src/ingest/resolve/article');
const { IngestPipeline, IngestService } = require(path.join(dist, 'ingest')) as typeof import('../../src/ingest');
const { Db } = require(path.join(dist, 'db/database')) as typeof import('../../src/db/database');

test('a worker extracts and resolves exactly what the main thread does, article by article', async () => {
  const pool = ExtractPool.create();
  expect(pool).not.toBeNull();
  try {
    const articles = demoFiles().map((f) => parseText(fs.readFileSync(f, 'utf8'), path.basename(f)));
    const x = await createExtractor();
    const [fromWorker, again] = await Promise.all([pool!.extract(articles), pool!.extract(articles.slice(0, 2))]);
    expect(fromWorker).toEqual(articles.map((a) => ({ extraction: resolveArticle(x.extract(a), a.body) })));
    expect(again).toEqual(fromWorker.slice(0, 2));
  } finally { await pool!.close(); }
});

test('the pipeline writes every batch, in order, half the first extracted here and the rest on the worker', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-pipeline-'));
  const db = await Db.open(path.join(dir, 'p.sqlite'));
  try {
    const ingest = await IngestService.create(db);
    const articles = demoFiles().map((f) => ({ article: parseText(fs.readFileSync(f, 'utf8'), path.basename(f)) }));
    const seen: string[] = [];
    const p = new IngestPipeline(ingest, (items, results) => results.forEach((r, i) => seen.push(`${items[i].article.id}:${r.result?.status ?? r.error?.message}`)));
    for (let i = 0; i < articles.length; i += 3) await p.push(articles.slice(i, i + 3));
    expect(p.workers).toBeGreaterThan(0);
    await p.finish();
    expect(seen).toEqual(articles.map((a) => `${a.article.id}:new`));
    // Half the first batch is extracted on this thread while the worker loads and takes the other half; the worker
    // takes every later batch.
    expect(articles.length).toBeGreaterThan(3);
    expect(p.extractedOn).toEqual({ thread: 2, workers: articles.length - 2 });
    expect(Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n)).toBe(articles.length);
  } finally { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); }
});

test('an ingest of one batch extracts it on this thread and starts no worker', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-pipeline-'));
  const db = await Db.open(path.join(dir, 'p.sqlite'));
  try {
    const ingest = await IngestService.create(db);
    const articles = demoFiles().slice(0, 3).map((f) => ({ article: parseText(fs.readFileSync(f, 'utf8'), path.basename(f)) }));
    const statuses: string[] = [];
    const p = new IngestPipeline(ingest, (_items, results) => results.forEach((r) => statuses.push(r.result?.status ?? String(r.error))));
    await p.push(articles);
    await p.finish();
    expect(statuses).toEqual(['new', 'new', 'new']);
    expect(p.extractedOn).toEqual({ thread: 3, workers: 0 });
    expect(p.workers).toBe(0);
  } finally { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); }
});
