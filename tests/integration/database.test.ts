/**
 * The database handle: the id of the row an insert made, and null when the insert met a taken unique value and did
 * nothing (SQLite reports this through the change count, not RETURNING: its last rowid would still name the row
 * inserted before); and SQLite's prepared statements kept by recent use.
 */
import { Db } from '../../src/db/database';
import { targets } from '../helpers/db';

describe.each(targets())('inserts on $name', (target) => {
  let db: Db;
  beforeAll(async () => { db = await target.open(); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('settled waits for a reader still issuing statements (a stopping server closes the database after it), within its bound', async () => {
    // A handler whose client went away: a read every 20 ms, ten times.
    let done = false;
    const reader = (async () => {
      for (let i = 0; i < 10; i++) { await db.query('SELECT COUNT(*) AS n FROM person'); await new Promise((r) => setTimeout(r, 20)); }
      done = true;
    })();
    await new Promise((r) => setTimeout(r, 5));
    // A quiet window ten times the reader's pause: a loaded machine (CI) can stretch a 20 ms timer past 50 ms.
    await db.settled(200, 10_000);
    expect(done).toBe(true);
    await reader;
    // A reader that never stops holds it only up to the bound.
    let stop = false;
    const endless = (async () => { while (!stop) { await db.query('SELECT 1 AS one'); await new Promise((r) => setTimeout(r, 10)); } })();
    await db.settled(50, 200);
    expect(stop).toBe(false);
    stop = true;
    await endless;
  });

  test('insertUnless: the new id, then null for a taken slug, whatever was inserted last', async () => {
    await db.transaction(async (tx) => {
      const row = (slug: string, name: string) => ({ slug, name, name_key: name.toLowerCase(), aliases: '[]' });
      const first = await db.insertUnless('person', row('siti-rahayu', 'Siti Rahayu'), 'slug', tx);
      const second = await db.insertUnless('person', row('agus-wibowo', 'Agus Wibowo'), 'slug', tx);
      expect(first).not.toBeNull();
      expect(second).not.toBeNull();
      expect(second).not.toBe(first);
      // The taken slug: nothing inserted, and no id (not the last one inserted).
      expect(await db.insertUnless('person', row('siti-rahayu', 'Siti Rahayu Lain'), 'slug', tx)).toBeNull();
      const stored = await db.query<{ id: number; name: string }>('SELECT id, name FROM person WHERE slug IN (?, ?) ORDER BY id', ['siti-rahayu', 'agus-wibowo'], tx);
      expect(stored.map((r) => [Number(r.id), r.name])).toEqual([[first, 'Siti Rahayu'], [second, 'Agus Wibowo']]);
      // A plain insert returns its row's id too.
      const third = await db.insert('person', row('dewi-lestari', 'Dewi Lestari'), tx);
      expect((await db.one<{ name: string }>('SELECT name FROM person WHERE id = ?', [third], tx))?.name).toBe('Dewi Lestari');
    });
  });

  if (target.name === 'sqlite') {
    test('a statement first met after hundreds of others is prepared once, not on every call', async () => {
      const conn = (db.ds.driver as unknown as { databaseConnection: { prepare(sql: string): unknown } }).databaseConnection;
      const prepare = jest.spyOn(conn, 'prepare');
      try {
        // More distinct texts than the caches keep (IN lists of every length do this to a long-running server).
        for (let n = 1; n <= 700; n++) await db.query(`SELECT id FROM person WHERE id IN (${Array(n).fill('?').join(', ')})`, Array(n).fill(0));
        const late = 'SELECT id, name FROM person WHERE slug = ?';
        for (let i = 0; i < 5; i++) expect((await db.one<{ name: string }>(late, ['agus-wibowo']))?.name).toBe('Agus Wibowo');
        expect(prepare.mock.calls.filter(([sql]) => sql === late)).toHaveLength(1);
      } finally { prepare.mockRestore(); }
    });
  }
});
