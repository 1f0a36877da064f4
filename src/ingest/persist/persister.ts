import type { Tx } from '../../db/tx';
import { Db } from '../../db/database';
import type { ResolvedExtraction } from '../resolve/article';
import type { ParsedArticle } from '../parse';
import type { DocRef } from '../../search/search.service';
import { zero } from './columns';
import { slugForm } from './keys';
import { BatchCache } from './batch';

/** Tables whose rows a SQLite batch may hold to its end (BatchCache.appended): written once, read by no later step. */
const APPENDED = new Set(['mention', 'quote', 'unresolved_mention']);

/**
 * What the persisters of one article share: the article, its batch, the ids it resolved, and how rows are written
 * (at once, or deferred to the batch's end on PostgreSQL). Each room below adds one entity family's methods:
 * places → institutions → persons → events → mentions → articles (ArticlePersister, the one callers construct).
 */
export abstract class PersisterBase {
  protected created = zero();
  protected linked = zero();
  protected instIds = new Map<string, number>();
  protected placeIds = new Map<string, number>();
  protected personIds = new Map<string, number>();
  protected date: string | null;
  protected eventIds = new Set<number>();
  /** Records created here, or whose names, aliases or positions changed: their search documents need rebuilding. */
  protected changed: DocRef[] = [];
  protected articleId: number | null = null;
  /** The article existed (an older extraction or older content) and was replayed. */
  protected replayed = false;

  constructor(protected db: Db, protected tx: Tx, protected a: ParsedArticle, protected x: ResolvedExtraction, protected batch = new BatchCache()) {
    this.date = a.publishedOn;
  }

  /**
   * Inserts a row under the first free slug of `base`, `base-2`, … (the slug's unique index decides; other unique
   * columns still raise). When the first try finds its form taken, the forms after it are read in rounds (64, then
   * four times as many, up to 1,024), and only a form not seen taken is tried: a title that recurs (a daily column, an annual
   * event) would otherwise cost one whole-row insert per earlier namesake, so that each grew the next one's cost.
   */
  protected async insertWithSlug(table: string, base: string, values: Record<string, unknown>): Promise<number> {
    // Forms found taken earlier in the batch stay taken (nothing frees a slug meanwhile): the search resumes after
    // them.
    const floor = `${table}|${base}`;
    const taken = new Set<string>();
    let readUpTo = 0;
    for (let n = this.batch.slugFloor.get(floor) ?? 1, round = 64; ; n++) {
      const slug = slugForm(base, n);
      if (taken.has(slug)) continue;
      const id = await this.db.insertUnless(table, { slug, ...values }, 'slug', this.tx);
      if (id != null) { this.batch.slugFloor.set(floor, n + 1); return id; }
      if (n >= readUpTo) {
        const forms = Array.from({ length: round }, (_, i) => slugForm(base, n + 1 + i));
        for (const r of await this.db.query<{ slug: string }>(`SELECT slug FROM "${table}" WHERE slug IN (${forms.map(() => '?').join(', ')})`, forms, this.tx)) taken.add(r.slug);
        readUpTo = n + round;
        round = Math.min(round * 4, 1024);
      }
    }
  }

  /** Deferred alias rows reach the table before it is read (rare: the batch's lookups mostly come from its prefetch). */
  protected async flushAliases(): Promise<void> {
    // The alias lookups join institution: deferred institutions go in first.
    await this.batch.flushDeferred(this.db, this.tx, 'institution');
    await this.batch.flushDeferred(this.db, this.tx, 'institution_alias');
  }

  /** Rows now, or at the end of the batch when it defers them. */
  protected async insertRows(table: string, cols: string[], rows: unknown[][], conflict?: string[]): Promise<void> {
    const later = this.batch.deferred ?? (APPENDED.has(table) ? this.batch.appended : null);
    if (!later) { await this.db.insertMany(table, cols, rows, this.tx, conflict); return; }
    let d = later.get(table);
    if (!d) later.set(table, (d = { cols, rows: [], conflict }));
    d.rows.push(...rows);
  }
}
