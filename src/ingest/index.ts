/**
 * The ingest pipeline: parse → extract → resolve → persist, idempotent. One article is one transaction; a batch
 * (`warta ingest` over many files) is one transaction too, run again with a savepoint per article if one of them
 * fails, so a failed article leaves no rows and the others still land, at a fraction of the per-transaction cost.
 */
import { config } from '../config';
import { Db } from '../db/database';
import { createExtractor, WartaExtractor } from './extract';
import { ParsedArticle, ParseError } from './parse';
import { ArticlePersister, BatchCache, contentHash, eventSlug, IngestResult, placeSlug } from './persist';
import { PlaceKind } from '../entities/enums';
import { Extracted, ExtractPool } from './extract-pool';
import { DocRef, SearchService } from '../search/search.service';
import { ResolvedExtraction, resolveArticle } from './resolve/article';
import { assignNodeKeys } from './persist/node-keys';

export { IngestResult } from './persist';

export class IngestService {
  /** Called after every write that changed data (response caches listen here). */
  onChange: (() => void | Promise<void>) | null = null;

  private readonly search: SearchService;
  private constructor(private db: Db, private extractor: WartaExtractor) { this.search = new SearchService(db); }

  static async create(db: Db): Promise<IngestService> {
    return new IngestService(db, await createExtractor());
  }

  async ingest(a: ParsedArticle): Promise<IngestResult> {
    const [r] = await this.ingestBatch([a]);
    if (r.error) throw r.error;
    return r.result!;
  }

  /**
   * Several articles in one transaction; a failing article is rolled back alone (see below). Results (or errors) in
   * input order.
   * `extracted`: the articles' extractions (resolved within each article) when a worker already made them (see
   * extract-pool.ts); an article without one is extracted here.
   */
  async ingestBatch(articles: ParsedArticle[], extracted?: Array<Extracted | undefined>): Promise<Array<{ result?: IngestResult; error?: Error }>> {
    const out: Array<{ result?: IngestResult; error?: Error }> = articles.map(() => ({}));
    const work: Array<{ i: number; a: ParsedArticle; x: ResolvedExtraction }> = [];
    articles.forEach((a, i) => {
      if (a.body.length > config.maxArticleChars) {
        out[i].error = new ParseError(`body is ${a.body.length} characters; the limit is ${config.maxArticleChars}`, 'body');
        return;
      }
      const pre = extracted?.[i];
      if (pre && 'error' in pre) { out[i].error = new Error(pre.error); return; }
      // Resolve, within the article: short forms and declared nicknames bind to their full names (ingest/resolve).
      try { work.push({ i, a, x: pre ? pre.extraction : resolveArticle(this.extractor.extract(a), a.body) }); } catch (e) { out[i].error = e as Error; }
    });
    if (!work.length) return out;
    // First the whole batch as one plain transaction; only if an article fails is it run again with a savepoint
    // per article, so that the failing one is rolled back alone (failures are rare; savepoints cost two statements
    // per article, each a round trip on PostgreSQL).
    let changed = false;
    const attempt = async (savepoints: boolean) => {
      const results = new Map<number, { result?: IngestResult; error?: Error }>();
      let anyChange = false;
      await this.db.transaction(async (tx) => {
        // Search documents are rebuilt once for the whole batch, for the records its articles created or changed.
        const touched: DocRef[] = [];
        const cache = new BatchCache();
        if (work.length > 1) {
          if (!savepoints && this.db.isPostgres) cache.deferred = new Map();
          else if (!savepoints) cache.appended = new Map();
          await cache.prefetchInstitutions(this.db, tx, work.map((w) => w.x));
          await cache.prefetchArticlesAndPeople(this.db, tx, work);
          await cache.prefetchEvents(this.db, tx, work.map((w) => w.x));
          if (cache.deferred) {
            // Round trips are what PostgreSQL batches pay for; SQLite's in-process lookups cost less than keeping maps.
            await cache.prefetchPlaces(this.db, tx, work.map((w) => w.x));
            await cache.prefetchSlugs(this.db, tx, 'person', work.flatMap((w) => w.x.persons.map((p) => p.name)));
            await cache.prefetchSlugSeries(this.db, tx, 'event', work.flatMap((w) => w.x.events.map(eventSlug)));
            await cache.prefetchSlugSeries(this.db, tx, 'place', work.flatMap((w) => [...w.x.places.map((p) => placeSlug(p.name, p.kind, p.code)),
              ...w.x.events.flatMap((e) => (e.venue ? [placeSlug(e.venue, PlaceKind.VENUE, null)] : []))]));
            await cache.preInsertArticles(this.db, tx, work.map((w) => w.a));
          }
        }
        for (const { i, a, x } of work) {
          if (savepoints) await this.db.exec('SAVEPOINT ingest_article', [], tx);
          try {
            const p = new ArticlePersister(this.db, tx, a, x, cache);
            const res = await p.run();
            if (res.status !== 'unchanged') { touched.push(...p.touched()); anyChange = true; }
            if (savepoints) await this.db.exec('RELEASE SAVEPOINT ingest_article', [], tx);
            results.set(i, { result: res });
          } catch (e) {
            if (!savepoints) throw e;
            await this.db.exec('ROLLBACK TO SAVEPOINT ingest_article', [], tx);
            cache.clear();
            await this.db.exec('RELEASE SAVEPOINT ingest_article', [], tx);
            results.set(i, { error: e as Error });
          }
        }
        await cache.flushDeferred(this.db, tx);
        await assignNodeKeys(this.db, tx);
        await this.search.refresh(touched, tx);
      });
      for (const [i, r] of results) out[i] = r;
      changed = anyChange;
    };
    try {
      await attempt(false);
    } catch (first) {
      try {
        if (work.length === 1) throw first;
        await attempt(true);
      } catch (e) { for (const { i } of work) out[i] = { error: e as Error }; }
    }
    for (const { i, a } of work) {
      const e = out[i].error;
      // Another process inserted the same article between our check and our insert: it is there, unchanged.
      if (e && /unique|duplicate key/i.test(String(e.message))) {
        const row = await this.db.one<{ id: number }>('SELECT id FROM article WHERE content_hash = ?', [contentHash(a)]);
        if (row) out[i] = { result: { status: 'unchanged', articleId: Number(row.id), created: zero(), linked: zero() } };
      }
    }
    if (changed) await this.onChange?.();
    return out;
  }
}

const zero = () => ({ persons: 0, institutions: 0, places: 0, events: 0 });

/**
 * Batch ingest as `warta ingest` runs it: batches go through ingestBatch in order, and with a spare core a worker
 * extracts batch n+1 while this thread writes batch n. A worker takes about a third of a second to load the extractor,
 * which this thread has already loaded, so none is started for an ingest of one batch; with a second batch, the worker
 * starts and takes the second half of the first batch, which this thread has not extracted yet, then the second batch.
 */
export class IngestPipeline<T extends { article: ParsedArticle }> {
  private inFlight: { items: T[]; extracted: Promise<Array<Extracted | undefined>> | null } | null = null;
  /** Started with the second batch: one batch needs none. */
  private pool: ExtractPool | null | undefined;
  private pushed = 0;
  /** Articles extracted on this thread and on the worker(s). */
  readonly extractedOn = { thread: 0, workers: 0 };

  constructor(private ingest: IngestService, private onResults: (items: T[], results: Array<{ result?: IngestResult; error?: Error }>) => void) {}

  /** Worker threads started (none before the second batch, nor without a spare core). */
  get workers(): number { return this.pool?.size ?? 0; }

  async push(items: T[]): Promise<void> {
    if (!items.length) return;
    if (this.pushed++ === 1) {
      this.pool = ExtractPool.create();
      const first = this.inFlight;
      if (this.pool && first && !first.extracted && first.items.length > 1) {
        // This thread extracts the first half while the worker loads, then the worker's half is ready about as soon.
        const k = Math.ceil(first.items.length / 2);
        first.extracted = this.pool.extract(first.items.slice(k).map((i) => i.article)).then((tail) => [...new Array<undefined>(k), ...tail]);
        this.extractedOn.thread -= first.items.length - k;
        this.extractedOn.workers += first.items.length - k;
      }
    }
    const onWorker = this.pool != null;
    this.extractedOn[onWorker ? 'workers' : 'thread'] += items.length;
    const next = { items, extracted: onWorker ? this.pool!.extract(items.map((i) => i.article)) : null };
    if (this.inFlight) await this.write(this.inFlight);
    this.inFlight = next;
  }

  async finish(): Promise<void> {
    try {
      if (this.inFlight) await this.write(this.inFlight);
      this.inFlight = null;
    } finally { await this.pool?.close(); }
  }

  private async write(w: { items: T[]; extracted: Promise<Array<Extracted | undefined>> | null }): Promise<void> {
    this.onResults(w.items, await this.ingest.ingestBatch(w.items.map((i) => i.article), w.extracted ? await w.extracted : undefined));
  }
}
