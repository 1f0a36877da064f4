/**
 * Resolution details of ingest: ambiguous short names kept with candidates; re-extraction by a newer extractor
 * (or new content at the same URL) replays cleanly, keeping what editors reviewed.
 */
import { EXTRACTOR_VERSION } from '../../src/config';
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { targets } from '../helpers/db';

const TWO_SUGENGS = 'Kepala Dinas Kesehatan Sidoarjo, Sugeng Prayitno hadir dalam Rakor Kesehatan di Pendopo Delta Wibawa, Rabu (13/11/2019). '
  + 'Camat Buduran, Sugeng Widodo juga hadir. Sugeng mengatakan acara berjalan lancar.';

const count = async (db: Db, sql: string, params: unknown[] = []) => Number((await db.one<{ n: number }>(sql, params))!.n);

describe.each(targets())('resolution on $name', (target) => {
  let db: Db;
  let ingest: IngestService;
  beforeAll(async () => { db = await target.open(); ingest = await IngestService.create(db); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('an ambiguous short name is stored unresolved with both people as candidates', async () => {
    const r = await ingest.ingest(parseRecord({ title: 'Dua Sugeng di Rakor Kesehatan', body: TWO_SUGENGS, publishedAt: '2019-11-13', url: 'https://contoh.test/sugeng' }, 'a'));
    expect(r.status).toBe('new');
    const rows = await db.query<{ text: string; candidate_ids: string }>('SELECT text, candidate_ids FROM unresolved_mention WHERE article_id = ?', [r.articleId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].text).toBe('Sugeng');
    const ids = JSON.parse(rows[0].candidate_ids) as number[];
    const names = (await db.query<{ name: string }>(`SELECT name FROM person WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY name`, ids)).map((p) => p.name);
    expect(names).toEqual(['Sugeng Prayitno', 'Sugeng Widodo']);
    // No person mention was guessed for the short name.
    const guessed = await count(db, "SELECT COUNT(*) AS n FROM mention WHERE article_id = ? AND entity_type = 'PERSON' AND text = 'Sugeng'", [r.articleId]);
    expect(guessed).toBe(0);
  });

  test('an article stored by an older extractor is replayed: no duplicates, reviewed mentions kept', async () => {
    const a = parseRecord({ title: 'Dua Sugeng di Rakor Kesehatan', body: TWO_SUGENGS, publishedAt: '2019-11-13', url: 'https://contoh.test/sugeng' }, 'a');
    const id = (await db.one<{ id: number }>('SELECT id FROM article WHERE source_url = ?', ['https://contoh.test/sugeng']))!.id;
    const before = {
      mentions: await count(db, 'SELECT COUNT(*) AS n FROM mention WHERE article_id = ?', [id]),
      quotes: await count(db, 'SELECT COUNT(*) AS n FROM quote WHERE article_id = ?', [id]),
      persons: await count(db, 'SELECT COUNT(*) AS n FROM person'),
      events: await count(db, 'SELECT COUNT(*) AS n FROM article_event WHERE article_id = ?', [id]),
    };
    // An editor confirmed one mention and rejected another; then the article is marked as extracted by an older version.
    const ms = await db.query<{ id: number }>('SELECT id FROM mention WHERE article_id = ? ORDER BY start LIMIT 2', [id]);
    await db.transaction(async (tx) => {
      await db.exec("UPDATE mention SET status = 'CONFIRMED' WHERE id = ?", [ms[0].id], tx);
      await db.exec("UPDATE mention SET status = 'REJECTED' WHERE id = ?", [ms[1].id], tx);
      await db.exec("UPDATE mention SET extractor_version = 'warta-extract/0.9'", [], tx);
      await db.exec("UPDATE article SET extractor_version = 'warta-extract/0.9' WHERE id = ?", [id], tx);
    });

    const r = await ingest.ingest(a);
    expect(r).toMatchObject({ status: 'reextracted', articleId: Number(id) });
    expect(await count(db, 'SELECT COUNT(*) AS n FROM mention WHERE article_id = ?', [id])).toBe(before.mentions);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM quote WHERE article_id = ?', [id])).toBe(before.quotes);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM person')).toBe(before.persons);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM article_event WHERE article_id = ?', [id])).toBe(before.events);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM unresolved_mention WHERE article_id = ?', [id])).toBe(1);
    const statuses = await db.query<{ id: number; status: string }>('SELECT id, status FROM mention WHERE id IN (?, ?) ORDER BY id', [ms[0].id, ms[1].id]);
    expect(statuses.map((s) => s.status)).toEqual(['CONFIRMED', 'REJECTED']);
    // Suggested mentions were rewritten by the current extractor; reviewed ones keep the version they were reviewed under.
    expect(await count(db, 'SELECT COUNT(*) AS n FROM mention WHERE article_id = ? AND status = ? AND extractor_version = ?', [id, 'SUGGESTED', EXTRACTOR_VERSION]))
      .toBe(before.mentions - 2);
    expect((await db.one<{ v: string }>('SELECT extractor_version AS v FROM article WHERE id = ?', [id]))!.v).toBe(EXTRACTOR_VERSION);

    // Once replayed, the same input is unchanged again.
    expect((await ingest.ingest(a)).status).toBe('unchanged');
  });

  test('new content at the same URL replaces the old text and its extraction', async () => {
    const updated = parseRecord({ title: 'Dua Sugeng di Rakor Kesehatan (ralat)', body: `${TWO_SUGENGS} Wakil Bupati Sidoarjo, Nur Hidayat menutup acara.`, publishedAt: '2019-11-13', url: 'https://contoh.test/sugeng' }, 'a');
    const r = await ingest.ingest(updated);
    expect(r.status).toBe('reextracted');
    expect(await count(db, 'SELECT COUNT(*) AS n FROM article WHERE source_url = ?', ['https://contoh.test/sugeng'])).toBe(1);
    const row = (await db.one<{ title: string }>('SELECT title FROM article WHERE id = ?', [r.articleId]))!;
    expect(row.title).toBe('Dua Sugeng di Rakor Kesehatan (ralat)');
    const people = await db.query<{ name: string }>(
      "SELECT DISTINCT p.name FROM mention m JOIN person p ON p.id = m.entity_id WHERE m.article_id = ? AND m.entity_type = 'PERSON' ORDER BY p.name", [r.articleId]);
    expect(people.map((p) => p.name)).toEqual(['Nur Hidayat', 'Sugeng Prayitno', 'Sugeng Widodo']);
  });
});
