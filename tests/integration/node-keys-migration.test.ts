/**
 * The node-keys migration (1764450000000) on a database that already holds positions and person merges: down and up
 * again, every row gets back the key it was given when made (and so keeps its global id), on both backends.
 * The articles are invented for the test.
 */
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { EditorService } from '../../src/services/editor.service';
import { targets } from '../helpers/db';

const art = (key: string, publishedAt: string, title: string, body: string) => parseRecord({ title, body, publishedAt, url: `https://warta.example/${key}` }, key);

describe.each(targets())('node-keys migration on $name', (target) => {
  let db: Db;
  beforeAll(async () => { db = await target.open(); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('down and up again: the same keys, in row order, a taken one suffixed', async () => {
    const ingest = await IngestService.create(db);
    await ingest.ingest(art('nk1', '2025-05-01', 'Jembatan Diresmikan', 'Gubernur Maluku Utara Rudi Hartono Lessy meresmikan jembatan di Ternate, Kamis (1/5/2025).'));
    await ingest.ingest(art('nk2', '2025-05-02', 'Jalan Diperbaiki', 'Gubernur Maluku Utara Rudi Hartono meninjau perbaikan jalan di Sofifi, Jumat (2/5/2025).'));
    const person = Number((await db.one<{ id: number }>("SELECT id FROM person WHERE slug = 'rudi-hartono-lessy'"))!.id);
    const editor = new EditorService(db);
    // The same title twice (nothing keeps positions unique): the second is "/2".
    for (let i = 0; i < 2; i++) await editor.addPosition(person, 'Ketua Dewan Penasihat', null, null, null, null);
    const keys = async () => ({
      position: (await db.query<{ k: string }>('SELECT node_key AS k FROM position ORDER BY id')).map((r) => r.k),
      merge: (await db.query<{ k: string }>('SELECT node_key AS k FROM person_merge ORDER BY id')).map((r) => r.k),
    });
    const before = await keys();
    expect(before.position).toEqual(expect.arrayContaining(['rudi-hartono-lessy/ketua-dewan-penasihat/-/-', 'rudi-hartono-lessy/ketua-dewan-penasihat/-/-/2']));
    expect(before.position.some((k) => k.startsWith('rudi-hartono-lessy/gubernur/'))).toBe(true);
    expect(before.merge).toEqual(['rudi-hartono-lessy/rudi-hartono/2025-05-02-jalan-diperbaiki']);

    const version = async () => Number((await db.one<{ v: unknown }>('SELECT MAX("timestamp") AS v FROM "migrations"'))?.v);
    while (await version() >= 1764450000000) await db.ds.undoLastMigration({ transaction: 'each' });
    const columns = async (t: string) => (await db.query<{ c: string }>(db.isPostgres ? 'SELECT column_name AS c FROM information_schema.columns WHERE table_name = ?'
      : 'SELECT name AS c FROM pragma_table_info(?)', [t])).map((r) => r.c);
    for (const t of ['position', 'person_merge']) expect(await columns(t)).not.toContain('node_key');
    await db.ds.runMigrations({ transaction: 'each' });
    expect(await keys()).toEqual(before);
    // Unique: a key given twice is refused. (Compared as text: better-sqlite3's errors may come from another test file's
    // realm in the same worker, where toThrow does not see them as errors.)
    const twice = await db.transaction((tx) => db.exec('UPDATE position SET node_key = ? WHERE node_key = ?', [before.position[0], before.position[1]], tx))
      .then(() => 'accepted', (e: unknown) => String(e));
    expect(twice).toMatch(/unique|duplicate/i);
  });
});
