/**
 * src/db/typeorm.ts reaches past TypeORM's documented surface: the decorators' registry, the SQLite driver's
 * connection and query runner, a transaction's pg client. Each is held here against a live DataSource on both
 * databases, so a TypeORM upgrade that moves one of them fails here, naming it, before anything that uses it.
 */
import { EntityManager } from 'typeorm';
import { Db } from '../../src/db/database';
import { clearFailedBegin, entityColumns, entityTable, pgConnection, pgPool, sqliteConnection } from '../../src/db/typeorm';
import { ENTITIES } from '../../src/entities';
import { targets } from '../helpers/db';

describe.each(targets())('the TypeORM adapter on $name', (target) => {
  let db: Db;
  beforeAll(async () => { db = await target.open(); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  test('entity columns and tables read from the decorators are what the DataSource built', () => {
    for (const entity of ENTITIES) {
      const meta = db.ds.getMetadata(entity);
      expect([entity.name, entityTable(entity)]).toEqual([entity.name, meta.tableName]);
      const built = meta.columns.map((c) => ({ property: c.propertyName, column: c.databaseName, nullable: c.isNullable, primary: c.isPrimary }));
      const ours = entityColumns(entity).map(({ property, column, nullable, primary }) => ({ property, column, nullable, primary }));
      expect([entity.name, ours]).toEqual([entity.name, built]);
    }
  });

  test('SQLite: the driver\'s connection is the database, and a failed BEGIN\'s mark can be cleared', () => {
    if (db.isPostgres) return;
    const conn = sqliteConnection(db.ds);
    expect(conn.prepare('SELECT 41 + 1 AS n').get()).toEqual({ n: 42 });
    expect(conn.name).toBe(db.file);
    const qr = (db.ds.driver as unknown as { queryRunner?: { transactionDepth: unknown; isTransactionActive: unknown } }).queryRunner;
    expect(typeof qr?.transactionDepth).toBe('number');
    expect(typeof qr?.isTransactionActive).toBe('boolean');
    qr!.isTransactionActive = true;
    clearFailedBegin(db.ds);
    expect(qr!.isTransactionActive).toBe(false);
  });

  test('PostgreSQL: a transaction\'s EntityManager runs on a pg client of its own, inside the transaction', async () => {
    if (!db.isPostgres) return;
    await db.ds.transaction(async (em: EntityManager) => {
      const conn = pgConnection(em);
      expect(conn).not.toBeNull();
      await em.query('CREATE TEMP TABLE adapter_probe (n integer) ON COMMIT DROP');
      const r = await conn!.query({ text: 'SELECT count(*)::int AS n FROM adapter_probe', values: [] });
      expect(r.rows).toEqual([{ n: 0 }]);
    });
  });

  test('PostgreSQL: the primary\'s pool is the one TypeORM opened, and plain reads are prepared statements, once per connection', async () => {
    if (!db.isPostgres) { expect(pgPool(db.ds)).toBeNull(); return; }
    const pool = pgPool(db.ds);
    expect(pool).not.toBeNull();
    const probe = 'SELECT count(*)::int AS n FROM article WHERE id > ? AND slug <> ?';
    for (let i = 0; i < 3; i++) expect(await db.query(probe, [i, 'adapter-probe'])).toEqual([expect.objectContaining({ n: expect.any(Number) })]);
    // Sequential reads take the same idle connection: its session holds the statement, prepared once.
    const held = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = ? AND NOT from_sql", [db.toDialect(probe)]);
    expect(held).toEqual([{ n: 1 }]);
  });
});
