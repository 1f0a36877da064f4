import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './database';

/**
 * What a wing above db/ adds to every database handle without db/ knowing it: search registers these when it loads,
 * and the data source and Db call every registered set, in order.
 */
export interface DbHooks {
  /** SQLite: each new connection, before anything else runs on it (`file` absolute, or ':memory:'). */
  onConnect?(conn: BetterSqlite3.Database, file: string): void;
  /** Once the handle is open and migrated; `conn` is SQLite's main connection (null on PostgreSQL). */
  onOpen?(db: Db, conn: BetterSqlite3.Database | null): void | Promise<void>;
  /** After each write transaction of `Db.transaction` commits. */
  afterCommit?(db: Db): void;
  /** After one rolls back. */
  afterRollback?(db: Db): void;
  /** When the handle closes, after its last write and before its connections close. */
  onClose?(db: Db): void | Promise<void>;
}

export const DB_HOOKS: DbHooks[] = [];

export function registerDbHooks(hooks: DbHooks): void {
  if (!DB_HOOKS.includes(hooks)) DB_HOOKS.push(hooks);
}
