/**
 * The DataSource: SQLite (better-sqlite3, WAL) by default, PostgreSQL when DATABASE_URL is postgres://….
 * Schema changes go through migrations only; `synchronize` stays off.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, DataSourceOptions, LogLevel } from 'typeorm';
import { types as pgTypes } from 'pg';
import { config } from '../config';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';

// DATE columns come back as 'YYYY-MM-DD' strings on both databases, never as local-midnight Date objects.
pgTypes.setTypeParser(1082, (v: string) => v);
// COUNT(*) is bigint in PostgreSQL; counts here stay far below 2^53.
pgTypes.setTypeParser(20, (v: string) => Number(v));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export interface DataSourceExtras {
  replicaUrls?: string[];
  /** SQLite: called on each new connection before anything else (Db passes its hooks here). */
  onConnect?: (conn: BetterSqlite3.Database, file: string) => void;
}

export function makeDataSourceOptions(url = config.databaseUrl, extras: DataSourceExtras = {}): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: (config.logSql ? ['query', 'error'] : ['error']) as LogLevel[],
  };
  if (isPostgresUrl(url)) {
    const replicas = extras.replicaUrls ?? (url === config.databaseUrl ? config.databaseReplicaUrls : []);
    return {
      ...common,
      type: 'postgres',
      // With read replicas, TypeORM keeps a pool per server: writes and transactions on the primary, reads on a replica.
      ...(replicas.length ? { replication: { master: { url }, slaves: replicas.map((r) => ({ url: r })) } } : { url }),
      poolSize: config.pgPoolSize,
      // Fail fast when the server is unreachable (a clear SERVICE_UNAVAILABLE) instead of queueing requests forever.
      extra: { statement_timeout: config.pgStatementTimeoutMs, connectionTimeoutMillis: config.pgConnectTimeoutMs },
    } as DataSourceOptions;
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    enableWAL: file !== ':memory:',
    prepareDatabase: (db: BetterSqlite3.Database) => {
      // Before anything else: search attaches its index's own file here (its tables are read as search.*).
      extras.onConnect?.(db, file === ':memory:' ? file : path.resolve(file));
      db.pragma('foreign_keys = ON');
      // Another process's writer (a CLI ingest beside a server, a second server) holds the lock: wait for it.
      db.pragma(`busy_timeout = ${config.sqliteBusyTimeoutMs}`);
      // TypeORM begins DEFERRED: a transaction that reads first and then writes cannot wait for the lock in WAL mode
      // (SQLITE_BUSY at once, as its snapshot is stale once another process commits). Its BEGIN takes the write lock
      // at once instead, where the busy timeout applies and nothing has run yet, so Db.transaction can also retry it.
      const prepare = db.prepare.bind(db);
      const begin = beginMainWrite(db, prepare);
      db.prepare = ((sql: string) => (sql === 'BEGIN TRANSACTION' ? begin : prepare(sql))) as typeof db.prepare;
      db.pragma('synchronous = NORMAL');
      // Statement journals in memory: a write whose triggers keep the tallies (migration 1764460000000) writes one for
      // each statement, and in a temporary file that cost about 0.1 ms per inserted mention.
      db.pragma('temp_store = MEMORY');
      db.pragma(`cache_size = -${config.sqliteCacheMb * 1024}`);
      // Checkpoints are the search indexer thread's (SearchIndexer.wrote); this is the backstop. About 15 % of the
      // writer's database time in a bulk ingest had been checkpoints run inside its COMMITs.
      db.pragma(`wal_autocheckpoint = ${config.sqliteWriterCheckpointPages}`);
    },
  } as DataSourceOptions;
}

/**
 * The statement TypeORM runs for BEGIN: the write lock of the main database only. BEGIN IMMEDIATE would lock every
 * attached database too, the search index's file among them (search-indexer.ts), so the writer and the indexer
 * thread would take turns: each transaction waited for the indexer's pass, and the indexer for the whole
 * transaction. A deferred BEGIN followed by a write that changes nothing takes main's lock alone, under the same busy
 * timeout. Before the migrations table exists (a new file) it is BEGIN IMMEDIATE.
 */
function beginMainWrite(db: BetterSqlite3.Database, prepare: (sql: string) => BetterSqlite3.Statement) {
  let begin: BetterSqlite3.Statement | null = null, lock: BetterSqlite3.Statement | null = null, rollback: BetterSqlite3.Statement | null = null;
  return {
    reader: false,
    run(): BetterSqlite3.RunResult {
      if (!lock) {
        try { lock = prepare('UPDATE main."migrations" SET "id" = "id" WHERE 0'); } catch { return prepare('BEGIN IMMEDIATE').run(); }
      }
      (begin ??= prepare('BEGIN')).run();
      try { lock.run(); } catch (e) { if (db.inTransaction) (rollback ??= prepare('ROLLBACK')).run(); throw e; }
      return { changes: 0, lastInsertRowid: 0 };
    },
  };
}

export function createDataSource(url = config.databaseUrl, extras: DataSourceExtras = {}): DataSource {
  return new DataSource(makeDataSourceOptions(url, extras));
}

/** Used by the TypeORM CLI (`npx typeorm -d dist/src/db/data-source.js …`). */
export default createDataSource();
