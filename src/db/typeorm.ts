/**
 * Everything Warta reads from TypeORM beyond its documented surface, in one file: the entities' columns as plain
 * data (from the decorators' registry, before any DataSource is built), SQLite's one connection, the state TypeORM
 * keeps for a BEGIN that failed, a transaction's own pg connection and the pool of the primary. `tests/integration/typeorm-adapter.test.ts`
 * checks each against a live DataSource on both databases, so an upgrade that moves one of them fails there, by name.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, EntityManager, getMetadataArgsStorage } from 'typeorm';

/** One column of an entity, as the decorators declare it. */
export interface EntityColumn {
  /** The entity's property ("publishedOn"). */
  property: string;
  /** The table's column ("published_on"): the decorator's `name`, else the property (TypeORM's default naming). */
  column: string;
  /** The declared type in lower case ("varchar", "integer", "simple-json"; a generated id without one: "number"). */
  type: string;
  nullable: boolean;
  primary: boolean;
}

const columnsByEntity = new Map<Function, readonly EntityColumn[]>();

/** An entity's columns in declaration order (relations, which add no column of their own here, left out). */
export function entityColumns(entity: Function): readonly EntityColumn[] {
  let cols = columnsByEntity.get(entity);
  if (!cols) {
    cols = getMetadataArgsStorage().columns.filter((c) => c.target === entity).map((c) => {
      const t = c.options.type;
      const created = c.mode === 'createDate' || c.mode === 'updateDate';
      return {
        property: c.propertyName,
        column: c.options.name ?? c.propertyName,
        type: typeof t === 'function' ? t.name.toLowerCase() : String(t ?? (created ? 'datetime' : 'unknown')).toLowerCase(),
        nullable: !!c.options.nullable,
        primary: !!c.options.primary,
      };
    });
    if (!cols.length) throw new Error(`${entity.name} declares no columns: is it a TypeORM entity?`);
    columnsByEntity.set(entity, cols);
  }
  return cols;
}

/** An entity's table, as its @Entity names it. */
export function entityTable(entity: Function): string {
  const name = getMetadataArgsStorage().tables.find((t) => t.target === entity)?.name;
  if (!name) throw new Error(`${entity.name} names no table: is it a TypeORM entity?`);
  return name;
}

/** SQLite: the one better-sqlite3 connection TypeORM opened (reads and `Db`'s prepared statements run on it). */
export function sqliteConnection(ds: DataSource): BetterSqlite3.Database {
  const conn = (ds.driver as unknown as { databaseConnection?: BetterSqlite3.Database }).databaseConnection;
  if (!conn) throw new Error('TypeORM\'s SQLite driver holds no databaseConnection (is the DataSource initialised?)');
  return conn;
}

/**
 * SQLite: TypeORM marks its one query runner's transaction active before BEGIN runs, and a BEGIN that failed (the
 * database busy) leaves it so, which would make the retry nest. Clears that mark when no transaction is open.
 */
export function clearFailedBegin(ds: DataSource): void {
  const qr = (ds.driver as unknown as { queryRunner?: { transactionDepth: number; isTransactionActive: boolean } }).queryRunner;
  if (qr && qr.transactionDepth === 0) qr.isTransactionActive = false;
}

/** A pg client's query, as `Db` calls it (named statements, pg's own errors). */
export interface PgConnection { query(q: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Array<Record<string, unknown>> }> }

/** PostgreSQL: the pg client a transaction's EntityManager runs on; null when it has none of its own. */
export function pgConnection(em: EntityManager): PgConnection | null {
  return (em.queryRunner as unknown as { databaseConnection?: PgConnection } | undefined)?.databaseConnection ?? null;
}

/** PostgreSQL: the pg pool TypeORM opened on the primary (plain reads go through it, as named statements); null on SQLite. */
export function pgPool(ds: DataSource): PgConnection | null {
  if (ds.options.type !== 'postgres') return null;
  const pool = (ds.driver as unknown as { master?: PgConnection }).master;
  if (!pool || typeof pool.query !== 'function') throw new Error('TypeORM\'s PostgreSQL driver holds no pg pool as `master` (is the DataSource initialised?)');
  return pool;
}
