/**
 * The search-vector migration (1764380000000) on a database that already holds documents: down and up again, search
 * answers the same on both backends. On PostgreSQL the vectors survive the change of column, the folded copies of the
 * text are gone afterwards, and bodies and vectors are compressed with lz4.
 */
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { SearchService } from '../../src/search/search.service';
import { targets } from '../helpers/db';

describe.each(targets())('search-vector migration on $name', (target) => {
  let db: Db;
  beforeAll(async () => { db = await target.open(); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('down and up again over stored documents: every search answers as before', async () => {
    await (await IngestService.create(db)).ingest(parseRecord({
      title: 'Pasar Tradisional Tanggulangin Direnovasi', body: 'Bupati Sidoarjo meninjau renovasi Pasar Tanggulangin, Selasa (7/1/2020). Pedagang menempati los sementara.',
      publishedAt: '2020-01-07',
    }, 'migration-test'));
    const search = new SearchService(db);
    const ask = async () => Promise.all(['tanggulangin', 'pasar renovasi', 'pedagang los'].map(async (q) => (await search.search(q, ['ARTICLE'], 10, 0)).map((h) => h.id)));
    const before = await ask();
    expect(before.every((ids) => ids.length === 1)).toBe(true);
    const columns = async () => db.isPostgres
      ? (await db.query<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'search_doc' ORDER BY c")).map((r) => r.c) : [];

    // Down past the search-vector migration (1764380000000), and every later one.
    const version = async () => Number((await db.one<{ v: unknown }>('SELECT MAX("timestamp") AS v FROM "migrations"'))?.v);
    while (await version() >= 1764380000000) await db.ds.undoLastMigration({ transaction: 'each' });
    if (db.isPostgres) expect(await columns()).toEqual(expect.arrayContaining(['folded_body', 'folded_extra', 'folded_title', 'tsv']));
    expect(await ask()).toEqual(before);

    await db.ds.runMigrations({ transaction: 'each' });
    if (db.isPostgres) {
      expect(await columns()).toEqual(['body', 'entity_id', 'entity_type', 'title', 'tsv']);
      // Stored with lz4 where the server has it (Debian's PostgreSQL does).
      expect((await db.query<{ c: string }>(`SELECT attcompression AS c FROM pg_attribute WHERE attrelid = 'search_doc'::regclass AND attname IN ('body', 'tsv')`))
        .map((r) => r.c)).toEqual(['l', 'l']);
    }
    expect(await ask()).toEqual(before);
  });
});
