/**
 * Foreign keys (migration 1764420000000) on both databases: every declared constraint exists with its ON DELETE rule,
 * the migration clears orphans before adding them, deletes cascade or clear as declared, and ingest, re-ingest,
 * merges and splits leave no row pointing at nothing. The articles are invented for the test.
 */
import { Db } from '../../src/db/database';
import { FOREIGN_KEYS } from '../../src/db/migrations/1764420000000-foreign-keys';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { loadDemoIfEmpty } from '../../src/demo';
import { EditorService } from '../../src/services/editor.service';
import { targets } from '../helpers/db';

const art = (key: string, body: string) =>
  parseRecord({ title: `Berita ${key}`, body, publishedAt: '2025-04-02', url: `https://warta.example/fk-${key}` }, key);

/** Rows whose reference names no row, per table and column (counted by SQL, not by the engine's own check). */
const orphans = async (db: Db) => {
  const out: Record<string, number> = {};
  for (const [table, column, references] of FOREIGN_KEYS) {
    const n = Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}" t WHERE t."${column}" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "${references}" r WHERE r.id = t."${column}")`))!.n);
    if (n) out[`${table}.${column}`] = n;
  }
  return out;
};

const count = async (db: Db, sql: string, params: unknown[] = []) => Number((await db.one<{ n: number }>(sql, params))!.n);

describe.each(targets())('foreign keys on $name', (target) => {
  let db: Db;
  let ingest: IngestService;
  beforeAll(async () => { db = await target.open(); ingest = await IngestService.create(db); await loadDemoIfEmpty(db, ingest); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('every declared foreign key exists with its ON DELETE rule, and SQLite enforces them', async () => {
    let found: string[];
    if (db.isPostgres) {
      found = (await db.query<{ t: string; c: string; r: string; d: string }>(`SELECT tc.table_name AS t, kcu.column_name AS c, ccu.table_name AS r, rc.delete_rule AS d
        FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
        JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
        WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`)).map((x) => `${x.t}.${x.c}->${x.r} ${x.d}`);
    } else {
      expect(await db.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      found = [];
      for (const t of new Set(FOREIGN_KEYS.map((f) => f[0]))) {
        for (const k of await db.query<{ from: string; table: string; on_delete: string }>(`PRAGMA foreign_key_list("${t}")`)) found.push(`${t}.${k.from}->${k.table} ${k.on_delete}`);
      }
    }
    expect(found).toEqual(expect.arrayContaining(FOREIGN_KEYS.map(([t, c, r, d]) => `${t}.${c}->${r} ${d}`)));
  });

  test('the demo world has no orphans, and a write that would make one fails at commit', async () => {
    expect(await orphans(db)).toEqual({});
    const article = Number((await db.one<{ id: number }>('SELECT MIN(id) AS id FROM article'))!.id);
    const before = await count(db, 'SELECT COUNT(*) AS n FROM quote');
    await expect(db.transaction(async (tx) => {
      await db.exec('INSERT INTO quote (article_id, person_id, text, start, "end") VALUES (?, ?, ?, ?, ?)', [article, 987654, 'Siap', 900000, 900004], tx);
    })).rejects.toThrow(/foreign key/i);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM quote')).toBe(before);
  });

  test('the migration clears orphans first and reports how many', async () => {
    // Down to just before the foreign-key migration (and past every later one).
    const version = async () => Number((await db.one<{ v: unknown }>('SELECT MAX("timestamp") AS v FROM "migrations"'))?.v);
    while (await version() >= 1764420000000) await db.ds.undoLastMigration({ transaction: 'each' });
    const aliases = await count(db, 'SELECT COUNT(*) AS n FROM person_alias');
    const article = Number((await db.one<{ id: number }>('SELECT MIN(id) AS id FROM article'))!.id);
    const event = Number((await db.one<{ id: number }>('SELECT MIN(id) AS id FROM event'))!.id);
    await db.transaction(async (tx) => {
      await db.exec('INSERT INTO mention (article_id, entity_type, entity_id, start, "end", text, confidence, extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [987654, 'PERSON', 1, 0, 4, 'Budi', 1, 'test'], tx);
      await db.exec('INSERT INTO quote (article_id, person_id, text, start, "end") VALUES (?, ?, ?, ?, ?)', [article, 987654, 'Siap', 900000, 900004], tx);
      await db.exec('UPDATE event SET venue_id = ? WHERE id = ?', [987654, event], tx);
    });
    expect(await orphans(db)).toEqual({ 'mention.article_id': 1, 'quote.person_id': 1, 'event.venue_id': 1 });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await db.ds.runMigrations({ transaction: 'each' });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^foreign keys: 3 row\(s\).*"mention.article_id":1/));
    } finally { warn.mockRestore(); }
    expect(await orphans(db)).toEqual({});
    expect(await count(db, 'SELECT COUNT(*) AS n FROM mention WHERE article_id = 987654')).toBe(0);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM quote WHERE start = 900000 AND person_id IS NULL')).toBe(1);
    expect(await db.one('SELECT venue_id FROM event WHERE id = ?', [event])).toEqual({ venue_id: null });
    // SQLite rebuilt the referenced tables with foreign keys off: person_alias rows, which cascade, are all still there.
    expect(await count(db, 'SELECT COUNT(*) AS n FROM person_alias')).toBe(aliases);
    expect((await db.ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  test('deleting an article takes its mentions, quotes and coverage with it and clears what it evidenced', async () => {
    const r = await ingest.ingest(art('delete', 'Bupati Lumajang, Thoriqul Haq meresmikan Pasar Desa Kebon Agung, Rabu (2/4/2025). "Pasar ini milik warga," kata Thoriqul.'));
    const id = Number((await db.one<{ id: number }>('SELECT id FROM article WHERE source_url = ?', ['https://warta.example/fk-delete']))!.id);
    expect(r.status).toBe('new');
    expect(await count(db, 'SELECT COUNT(*) AS n FROM mention WHERE article_id = ?', [id])).toBeGreaterThan(0);
    await db.transaction(async (tx) => { await db.exec('DELETE FROM article WHERE id = ?', [id], tx); });
    for (const t of ['mention', 'quote', 'unresolved_mention', 'article_event']) expect(await count(db, `SELECT COUNT(*) AS n FROM "${t}" WHERE article_id = ?`, [id])).toBe(0);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM position WHERE evidence_article_id = ?', [id])).toBe(0);
    expect(await orphans(db)).toEqual({});
  });

  test('merges, a split and a re-ingest keep every reference whole', async () => {
    const editor = new EditorService(db);
    await ingest.ingest(art('m1', 'Menteri Perdagangan Rahmat Santoso Wibisono membuka pameran ekspor di Surabaya, Rabu (2/4/2025).'));
    await ingest.ingest(art('m2', 'Menteri Perdagangan Rahmat Santoso menyebut ekspor naik, Rabu (2/4/2025).'));
    const people = await db.query<{ id: number }>('SELECT id FROM person WHERE merged_into_id IS NULL ORDER BY id LIMIT 2');
    await editor.mergePersons(Number(people[0].id), Number(people[1].id));
    const merge = await db.one<{ id: number }>('SELECT MAX(id) AS id FROM person_merge WHERE undone_at IS NULL AND merged_person_id IS NOT NULL');
    await editor.splitPerson(Number(merge!.id));
    const institutions = await db.query<{ id: number }>('SELECT id FROM institution WHERE merged_into_id IS NULL ORDER BY id LIMIT 2');
    await editor.mergeInstitutions(Number(institutions[0].id), Number(institutions[1].id));
    // Same URL, corrected text: the article is replayed over its old rows.
    const again = await ingest.ingest(art('m2', 'Menteri Perdagangan Rahmat Santoso menyebut ekspor naik 4 persen, Rabu (2/4/2025).'));
    expect(again.status).not.toBe('unchanged');
    expect(await orphans(db)).toEqual({});
    if (!db.isPostgres) expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);
  });
});
