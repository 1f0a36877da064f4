/**
 * An entity's articles come from its mentions (with the article's date copied onto each mention): the pages must be
 * exactly the articles that mention it, newest first, however the list is paged, and follow reviews and replays.
 */
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { CatalogService } from '../../src/services/catalog.service';
import { EditorService } from '../../src/services/editor.service';
import { loadDemoIfEmpty } from '../../src/demo';
import { targets } from '../helpers/db';

describe.each(targets())('articles of an entity on $name', (target) => {
  let db: Db;
  let ingest: IngestService;
  beforeAll(async () => { db = await target.open(); ingest = await IngestService.create(db); await loadDemoIfEmpty(db, ingest); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  /** The same list written the plain way: every article with a live mention of the entity, by date then id. */
  const expected = async (type: string, id: number, from?: string) => (await db.query<{ id: number }>(
    `SELECT a.id FROM article a WHERE a.id IN (SELECT m.article_id FROM mention m WHERE m.entity_type = ? AND m.entity_id = ? AND m.status <> 'REJECTED')
     ${from ? "AND COALESCE(a.published_on, '0001-01-01') >= ?" : ''} ORDER BY COALESCE(a.published_on, '0001-01-01') DESC, a.id DESC`,
    from ? [type, id, from] : [type, id])).map((r) => Number(r.id));

  const paged = async (f: Parameters<CatalogService['articles']>[0], size: number) => {
    const c = new CatalogService(db);
    const ids: number[] = [];
    let after: Array<string | number | null> | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const r = await c.articles(f, { first: size, after });
      const page = r.rows.slice(0, size);
      ids.push(...page.map((a) => Number(a.dbId)));
      if (r.rows.length <= size) return { ids, count: await r.count() };
      after = r.key(page[page.length - 1]);
    }
    throw new Error('did not end');
  };

  test('every page size gives the plain list, for people, institutions and places, with a date range too', async () => {
    const busiest = async (type: string) => Number((await db.one<{ id: number }>(
      `SELECT entity_id AS id FROM mention WHERE entity_type = ? GROUP BY entity_id ORDER BY COUNT(DISTINCT article_id) DESC, entity_id LIMIT 1`, [type]))!.id);
    for (const [type, key] of [['PERSON', 'person'], ['INSTITUTION', 'institution'], ['PLACE', 'place']] as const) {
      const id = await busiest(type);
      const want = await expected(type, id);
      expect(want.length).toBeGreaterThan(1);
      for (const size of [1, 2, 100]) {
        const got = await paged({ [key]: id }, size);
        expect(got.ids).toEqual(want);
        expect(got.count).toBe(want.length);
      }
      expect((await paged({ [key]: id, from: '2019-11-14' }, 1)).ids).toEqual(await expected(type, id, '2019-11-14'));
    }
  });

  test('a rejected mention takes the article out; a replayed article with a new date moves', async () => {
    const editor = new EditorService(db);
    const a = parseRecord({
      title: 'Wali Kota Blitar Buka Pameran UMKM', url: 'https://example.org/pameran-umkm',
      body: 'BLITAR - Wali Kota Blitar, Santoso membuka pameran UMKM di Alun-alun Blitar, Senin (2/12/2019). "Produk lokal harus naik kelas," kata Santoso.',
    }, 'x');
    const r = await ingest.ingest(a);
    const person = await db.one<{ id: number }>("SELECT entity_id AS id FROM mention WHERE article_id = ? AND entity_type = 'PERSON' LIMIT 1", [r.articleId]);
    expect(person).not.toBeNull();
    const pid = Number(person!.id);
    expect((await paged({ person: pid }, 5)).ids).toContain(r.articleId);

    // The same URL with another date: the article is replayed and its mentions carry the new date.
    const moved = parseRecord({ ...{ title: a.title, url: a.sourceUrl }, body: a.body.replace('2/12/2019', '9/12/2019') }, 'x');
    expect((await ingest.ingest(moved)).status).toBe('reextracted');
    expect((await paged({ person: pid }, 5)).ids).toEqual(await expected('PERSON', pid));
    expect((await db.query<{ d: string }>('SELECT DISTINCT article_date AS d FROM mention WHERE article_id = ?', [r.articleId])).map((x) => x.d)).toEqual(['2019-12-09']);

    const mentions = await db.query<{ id: number }>("SELECT id FROM mention WHERE article_id = ? AND entity_type = 'PERSON' AND entity_id = ?", [r.articleId, pid]);
    for (const m of mentions) await editor.reviewMention(Number(m.id), 'REJECTED' as never);
    expect((await paged({ person: pid }, 5)).ids).not.toContain(r.articleId);
    expect((await paged({ person: pid }, 5)).ids).toEqual(await expected('PERSON', pid));
  });
});
