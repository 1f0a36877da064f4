/** The ingest pipeline: parse → extract → resolve → persist, one transaction per article, idempotent. */
import { config } from '../config';
import { Db } from '../db/database';
import { createExtractor, WartaExtractor } from './extract';
import { ParsedArticle, ParseError } from './parse';
import { ArticlePersister, contentHash, IngestResult } from './persist';
import { SearchService } from '../services/search.service';

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
    if (a.body.length > config.maxArticleChars) {
      throw new ParseError(`body is ${a.body.length} characters; the limit is ${config.maxArticleChars}`, 'body');
    }
    const x = this.extractor.extract(a);
    try {
      const r = await this.db.transaction(async (tx) => {
        const p = new ArticlePersister(this.db, tx, a, x);
        const res = await p.run();
        if (res.status !== 'unchanged') await this.search.refresh(p.touched(), tx);
        return res;
      });
      if (r.status !== 'unchanged') await this.onChange?.();
      return r;
    } catch (e) {
      // Another process inserted the same article between our check and our insert.
      if (/unique|duplicate key/i.test(String((e as Error).message))) {
        const row = await this.db.one<{ id: number }>('SELECT id FROM article WHERE content_hash = ?', [contentHash(a)]);
        if (row) return { status: 'unchanged', articleId: Number(row.id), created: { persons: 0, institutions: 0, places: 0, events: 0 }, linked: { persons: 0, institutions: 0, places: 0, events: 0 } };
      }
      throw e;
    }
  }
}
