/**
 * The database handle every service and loader uses: the TypeORM DataSource for writes and migrations,
 * and fast raw reads (better-sqlite3 prepared statements on SQLite, the pg pool on PostgreSQL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { createDataSource, DataSourceExtras, isPostgresUrl } from './data-source';
import { clearFailedBegin, PgConnection, pgConnection, pgPool, sqliteConnection } from './typeorm';
import { config } from '../config';
import { WriteQueue } from './write-queue';
import type { Tx } from './tx';
import { MIGRATIONS } from './migrations';

export type { Tx } from './tx';

/** The newest migration's timestamp (the 13 digits ending its class name): the schema version this code expects. */
const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? 0)));

export type Row = Record<string, unknown>;

/**
 * What a wing above db/ adds to every database handle without db/ knowing it: search registers these when it loads,
 * and Db calls every registered set, in order.
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

interface Reader { st: BetterSqlite3.Statement; row: (v: unknown) => Row }

/** Statements kept prepared, per cache (reads, writes). */
const STATEMENTS_KEPT = 500;
/**
 * Rows to a multi-row INSERT (or UPDATE … FROM VALUES) on SQLite, largest first. Measured on the mention table (two
 * AFTER INSERT triggers): re-inserting its 19,612 rows took about 2.5 times the CPU one to a statement as 64 to a
 * statement, and 16 to a statement most of that gain.
 */
export const SQLITE_CHUNKS = [64, 16, 4, 1];
/** A read-cache entry for a statement that returns no rows (it runs through the write cache). */
const NOT_A_READER = { notAReader: true } as const;

/** SQLITE_BUSY (and its extended codes), as better-sqlite3 or TypeORM's wrapper reports it. */
const isBusy = (e: unknown): boolean => {
  const x = e as { code?: string; driverError?: { code?: string } } | null;
  return /^SQLITE_BUSY/.test(x?.code ?? x?.driverError?.code ?? '');
};

/**
 * A request's turns on the event loop. SQLite answers on the main thread and a query's statements follow one another in
 * microtasks, so without a pause one long query holds every other request until its end. A request runs freely for
 * `sqliteSliceMs` (from the start of its execution, then from each turn it gets); past that, its reads, batches and
 * resolvers wait in its line, in order, for a turn of the event loop (setImmediate: one request served per turn, in the
 * order they asked), and other requests' I/O runs in between. At its turn the line moves on, one waiter after another's
 * first step, until the new run is used up. A loader's batch waits in the line too (`later`), gathering the loads made
 * meanwhile, so batches stay whole and statements keep their order. A short request never waits.
 *
 * It also says whose reads these are (`check`: may the request go on, before each statement and after each wait):
 * `readScope.current`, set around a loader's statement and the synchronous part of a resolver method (so a service's
 * statements it starts at once). Nobody's reads (a service's later statements, after an await) just run.
 */
export class RequestTurns {
  /** When the request's current run began (0: not running under a slice). */
  private runSince = 0;
  private line: Array<() => void> | null = null;
  private asked = false;

  /** Throws when the request may not go on (its deadline: graphql/budget.ts); nothing here. */
  check(): void { /* no budget */ }

  /** Starts the request's first run (its execution). */
  protected beginRuns(now: number): void { this.runSince = now; }

  /** undefined: go on; else a promise of the request's next turn. `now`: performance.now(), if at hand. */
  due(now = -1): Promise<void> | undefined {
    const slice = config.sqliteSliceMs;
    if (!slice || this.runSince === 0) return undefined;
    if (this.line === null || this.line.length === 0) {
      if (now < 0) now = performance.now();
      if (now - this.runSince < slice) return undefined;
    }
    return new Promise<void>((resolve) => { this.wait(resolve); });
  }

  /** A loader's batch (DataLoader's batchScheduleFn): in the line while others wait there; false: schedule it as usual. */
  later(dispatch: () => void): boolean {
    if (this.line === null || this.line.length === 0) return false;
    this.line.push(dispatch);
    return true;
  }

  private wait(waiter: () => void): void {
    (this.line ??= []).push(waiter);
    if (!this.asked) { this.asked = true; askTurn(this); }
  }

  /** Its turn: a new run, the line moving on while it lasts (it may have emptied since it asked: then nothing waits). */
  turnCame(): void {
    this.asked = false;
    this.runSince = performance.now();
    if (this.line !== null && this.line.length) this.release();
  }

  private release(): void {
    const line = this.line!;
    line.shift()!();
    // The next one goes on after this one's first step, while the run lasts; else at the request's next turn.
    if (line.length) queueMicrotask(() => this.more());
  }

  private more(): void {
    if (this.line!.length === 0) return;
    if (performance.now() - this.runSince < config.sqliteSliceMs) this.release();
    else if (!this.asked) { this.asked = true; askTurn(this); }
  }
}

/** Requests waiting for a turn, in the order they asked; one is served per turn of the event loop. */
const asking: RequestTurns[] = [];
let turnScheduled = false;
function askTurn(r: RequestTurns): void {
  asking.push(r);
  if (!turnScheduled) { turnScheduled = true; setImmediate(nextTurn); }
}
function nextTurn(): void {
  turnScheduled = false;
  const r = asking.shift();
  if (asking.length) { turnScheduled = true; setImmediate(nextTurn); }
  r?.turnCame();
}

/** Whose reads start now (set around a loader's statement and a resolver's synchronous part; null: nobody's). */
export type ReadScope = Pick<RequestTurns, 'check' | 'due' | 'later'>;
export const readScope: { current: ReadScope | null } = { current: null };


/** A value pg would send as an array or JSON (a column of them cannot go in as one array per column). */
const structured = (v: unknown) => v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v);

const sameList = (a: readonly string[] | null, b: readonly string[] | null): boolean => {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
const sameUnique = (a: string | string[] | undefined, b: string | string[] | undefined): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && sameList(a, b));

/** SQLite takes no booleans. */
const sqliteValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
/** Parameters as SQLite takes them (the same array when it holds no boolean, as most do). */
const sqliteParams = (params: unknown[]): unknown[] => {
  for (const v of params) if (typeof v === 'boolean') return params.map(sqliteValue);
  return params;
};

export class Db {
  readonly isPostgres: boolean;
  /**
   * Prepared statements by SQL text, least recently used dropped first. IN lists of every length make a new text each,
   * so a long-running server meets thousands of texts; a cache that only filled up would, once full, prepare (and
   * build a row builder for) every statement it first met later, on every call.
   */
  private stmtCache = new LRUCache<string, BetterSqlite3.Statement>({ max: STATEMENTS_KEPT });
  private readCache = new LRUCache<string, Reader | typeof NOT_A_READER>({ max: STATEMENTS_KEPT });
  /** PostgreSQL without replicas: the primary's pool, for plain reads (named statements). */
  private get pool(): PgConnection | null { return (this.poolOf ??= pgPool(this.ds)); }
  private poolOf: PgConnection | null | undefined;
  private insertSqlCache = new Map<string, string>();
  /** Called for every raw statement (golden tests count them). */
  onQuery: ((sql: string, params: unknown[]) => void) | null = null;
  /** One writer at a time: TypeORM shares one SQLite connection, so concurrent transactions would nest. */
  readonly writes = new WriteQueue();

  private readonly replicated: boolean;

  constructor(readonly ds: DataSource) {
    this.isPostgres = ds.options.type === 'postgres';
    this.replicated = this.isPostgres && !!(ds.options as { replication?: unknown }).replication;
  }

  /** SQLite: the database file, absolute (':memory:' for an in-memory database); null on PostgreSQL. */
  get file(): string | null {
    if (this.isPostgres) return null;
    const file = String((this.ds.options as { database: string }).database);
    return file === ':memory:' ? file : path.resolve(file);
  }

  static async open(url = config.databaseUrl, extras: DataSourceExtras = {}): Promise<Db> {
    const ds = createDataSource(url, { ...extras, onConnect: (conn, file) => { for (const h of DB_HOOKS) h.onConnect?.(conn, file); } });
    await ds.initialize();
    const db = new Db(ds);
    await ds.runMigrations({ transaction: 'each' });
    for (const h of DB_HOOKS) await h.onOpen?.(db, db.isPostgres ? null : db.sqlite);
    return db;
  }

  static isPostgresUrl = isPostgresUrl;

  private get sqlite(): BetterSqlite3.Database {
    return sqliteConnection(this.ds);
  }

  /**
   * A consistent online copy of the SQLite database (SQLite's backup API: readers and the writer carry on meanwhile).
   * PostgreSQL has its own tools (pg_dump, base backups).
   */
  async backup(file: string): Promise<void> {
    if (this.isPostgres) throw new Error('backup copies SQLite databases; for PostgreSQL use pg_dump or a base backup');
    await this.sqlite.backup(file);
  }

  /** `?` placeholders on both databases; `$n` is produced for PostgreSQL. */
  toDialect(sql: string): string {
    if (!this.isPostgres) return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  }

  /** A read (or a write inside `tx`). Booleans and dates come back as plain values on both databases. */
  async query<T = Row>(sql: string, params: unknown[] = [], tx?: Tx): Promise<T[]> {
    // A request's read runs only while the request may go on (its deadline); writes in a transaction always do.
    const scope = tx ? null : readScope.current;
    if (scope) scope.check();
    this.lastStatementAt = performance.now();
    if (this.isPostgres) {
      this.onQuery?.(sql, params);
      this.pgActive++;
      try { return await this.pgRead<T>(sql, params, tx); } finally { this.pgActive--; this.lastStatementAt = performance.now(); }
    }
    // Past its run, a request's read waits for its turn of the event loop (RequestTurns).
    if (scope) {
      const wait = scope.due();
      if (wait) { await wait; scope.check(); }
    }
    this.onQuery?.(sql, params);
    const r = this.reader(sql);
    const p = sqliteParams(params);
    if (r) return r.st.all(...p).map(r.row) as T[];
    this.prepared(sql).run(...p);
    return [];
  }

  /** When the last statement started (or, on PostgreSQL, ended), and PostgreSQL's under way (SQLite's run at once). */
  private lastStatementAt = 0;
  private pgActive = 0;

  /**
   * Resolves once no statement is under way and none has started for `quietMs`, or after `maxMs`. A stopping server
   * waits for this before closing the database: a request whose client went away is no longer a connection the HTTP
   * server waits for, but its handler still runs its statements to the end.
   */
  async settled(quietMs = 50, maxMs = 5_000): Promise<void> {
    const until = performance.now() + maxMs;
    while (performance.now() < until && (this.pgActive > 0 || performance.now() - this.lastStatementAt < quietMs)) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async pgRead<T>(sql: string, params: unknown[], tx?: Tx): Promise<T[]> {
    if (tx) return (await this.pgQuery(tx, sql, params)) as T[];
    // Plain reads of a fixed shape are named too: prepared once per pooled connection, not parsed and planned anew
    // on every request (lists of ids arrive as one array, so their text does not vary with the batch).
    if (!this.replicated) {
      const name = params.length <= 32 ? this.statementName(sql) : undefined;
      return (await this.pool!.query({ text: this.toDialect(sql), values: params, name })).rows as T[];
    }
    // A plain read with replicas configured: a replica connection (replicas may lag the primary slightly).
    const qr = this.ds.createQueryRunner('slave');
    try { return (await qr.query(this.toDialect(sql), params)) as T[]; } finally { await qr.release(); }
  }

  /**
   * A read statement on SQLite's one connection, in array mode with a row builder made for its columns. better-sqlite3
   * builds a row object property by property in native code; an array of values and one object literal of fixed shape
   * cost about a fifth less on the hot nested reads. Null for statements that return no rows.
   */
  private reader(sql: string): Reader | null {
    const cached = this.readCache.get(sql);
    if (cached !== undefined) return 'notAReader' in cached ? null : cached;
    const st = this.sqlite.prepare(sql);
    if (!st.reader) { this.readCache.set(sql, NOT_A_READER); return null; }
    const names = st.columns().map((c) => c.name);
    // An object literal takes a `__proto__` key as the prototype; such a statement keeps better-sqlite3's own rows.
    const row = names.includes('__proto__') ? null
      : new Function('v', `return { ${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')} };`) as (v: unknown) => Row;
    const r: Reader = row ? { st: st.raw(true), row } : { st, row: (v: unknown) => v as Row };
    this.readCache.set(sql, r);
    return r;
  }

  /**
   * A page of a long stream (exports): on SQLite, better-sqlite3's own row objects, one allocation per row rather than
   * an array and an object. Slower per row than `query`, but a long export's memory stays flatter (measured: about
   * +25 MB peak RSS less over a 120,000-row export).
   */
  async queryPage<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.isPostgres) return this.query<T>(sql, params);
    this.lastStatementAt = performance.now();
    const scope = readScope.current;
    if (scope) {
      scope.check();
      const wait = scope.due();
      if (wait) { await wait; scope.check(); }
    }
    this.onQuery?.(sql, params);
    return this.prepared(sql).all(...sqliteParams(params)) as T[];
  }

  async one<T = Row>(sql: string, params: unknown[] = [], tx?: Tx): Promise<T | null> {
    const rows = await this.query<T>(sql, params, tx);
    return rows[0] ?? null;
  }

  /**
   * Whether this database can serve: reachable, its SQLite file still where it was opened, and its schema at the
   * version this code migrates to (a database without tables, or one left at an older version, is not). The reason
   * when not.
   */
  async readiness(): Promise<string | null> {
    if (!this.isPostgres) {
      const file = String((this.ds.options as { database: string }).database);
      if (file !== ':memory:' && !fs.existsSync(file)) return 'the database file is gone';
    }
    let version: number;
    try {
      version = Number((await this.one<{ v: unknown }>('SELECT MAX("timestamp") AS v FROM "migrations"'))?.v ?? 0);
    } catch {
      return 'no schema, or the database is unreachable';
    }
    return version >= SCHEMA_VERSION ? null : `schema version ${version}, this code needs ${SCHEMA_VERSION}`;
  }

  /**
   * A write transaction, serialised through the writer queue. On SQLite it begins IMMEDIATE (data-source.ts), so
   * another process holding the write lock makes BEGIN wait (busy_timeout) and, past that, fail before `fn` has run:
   * then it is retried with a growing, jittered pause until `sqliteBusyRetryMs` has passed.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      const deadline = Date.now() + config.sqliteBusyRetryMs;
      for (let attempt = 0; ; attempt++) {
        let started = false;
        let r: T;
        try {
          r = await this.ds.transaction((em) => { started = true; return fn(em as unknown as Tx); });
        } catch (e) {
          for (const h of DB_HOOKS) h.afterRollback?.(this);
          if (this.isPostgres || started || !isBusy(e) || Date.now() > deadline) throw e;
          clearFailedBegin(this.ds);
          await new Promise((res) => setTimeout(res, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random())));
          continue;
        }
        for (const h of DB_HOOKS) h.afterCommit?.(this);
        return r;
      }
    });
  }

  /** An INSERT and the new row's id, on both databases. */
  async insert(table: string, values: Record<string, unknown>, tx: Tx): Promise<number> {
    return (await this.insertUnless(table, values, null, tx))!;
  }

  /**
   * Rows in multi-row INSERTs: on PostgreSQL up to 1,000 to a statement (a round trip each); on SQLite up to 64
   * (SQLITE_CHUNKS).
   */
  async insertMany(table: string, cols: string[], rows: unknown[][], tx: Tx, unique?: string[]): Promise<void> {
    await this.insertManyReturning(table, cols, rows, null, tx, unique);
  }

  /**
   * As insertMany, with `ON CONFLICT (unique) DO NOTHING` when `unique` is given and `returning` columns of the rows
   * inserted (in no particular order: callers match them by their values).
   */
  async insertManyReturning<T = Row>(table: string, cols: string[], rows: unknown[][], returning: string[] | null, tx: Tx, unique?: string | string[]): Promise<T[]> {
    const out: T[] = [];
    if (!this.isPostgres) {
      // Run directly (the caller's transaction is on this one connection, as in exec). Without RETURNING, rows go in
      // many to a statement, in chunks of a few fixed sizes (SQLITE_CHUNKS), so that a table has only a few prepared
      // shapes and each statement's fixed cost is paid per chunk rather than per row.
      let at = 0;
      if (!returning) {
        for (const n of SQLITE_CHUNKS) {
          if (rows.length - at < n) continue;
          const sql = this.insertSql(table, cols, n, null, unique);
          const st = this.prepared(sql);
          for (; rows.length - at >= n; at += n) {
            // better-sqlite3 binds several arrays in turn: the rows go in as they are (flat() had cost more than the
            // statement's binding).
            const chunk = rows.slice(at, at + n);
            if (this.onQuery) this.onQuery(sql, chunk.flat());
            for (let i = 0; i < n; i++) chunk[i] = sqliteParams(chunk[i]);
            st.run(...chunk);
          }
        }
        return out;
      }
      const sql = this.insertSql(table, cols, 1, returning, unique);
      const r = this.reader(sql);
      const st = r ? r.st : this.prepared(sql);
      for (const row of rows) {
        this.onQuery?.(sql, row);
        const p = sqliteParams(row);
        if (r) for (const v of r.st.all(...p)) out.push(r.row(v) as T);
        else st.run(...p);
      }
      return out;
    }
    // Several rows: one array per column (see unnestSql), up to 1,000 rows to a statement.
    const types = rows.length > 1 && !rows.some((r) => r.some(structured)) ? await this.pgColumnTypes(table, cols, tx) : null;
    if (types) {
      const sql = this.unnestSql(table, cols, types, returning, unique);
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        const params = cols.map((_, c) => chunk.map((r) => r[c]));
        if (returning) out.push(...await this.query<T>(sql, params, tx));
        else await this.exec(sql, params, tx);
      }
      return out;
    }
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const sql = this.insertSql(table, cols, chunk.length, returning, unique);
      if (returning) out.push(...await this.query<T>(sql, chunk.flat(), tx));
      else await this.exec(sql, chunk.flat(), tx);
    }
    return out;
  }

  /** PostgreSQL: the types of a table's columns (read from the catalogue once per table), null when one is unknown. */
  private pgTypes = new Map<string, Map<string, string>>();
  private async pgColumnTypes(table: string, cols: string[], tx: Tx): Promise<string[] | null> {
    let types = this.pgTypes.get(table);
    if (!types) {
      // Without the type modifier: a value too long for varchar(n) is refused as in a plain INSERT, not cut short by the cast.
      const rows = await this.query<{ c: string; t: string }>(`SELECT attname AS c, format_type(atttypid, NULL) AS t FROM pg_attribute
        WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped`, [`"${table}"`], tx);
      this.pgTypes.set(table, (types = new Map(rows.map((r) => [r.c, r.t]))));
    }
    const out = cols.map((c) => types!.get(c));
    return out.every((t): t is string => !!t && !t.endsWith('[]')) ? out : null;
  }

  /**
   * PostgreSQL: a multi-row INSERT of a fixed shape, whatever the row count: each column's values as one array,
   * unnested in order (WITH ORDINALITY, so that serial ids follow the rows as a VALUES list gives them). Prepared
   * once per connection; a VALUES list of a hundred rows was parsed and planned on every call, and its thousand
   * parameters were most of the client's and the server's work for the row.
   */
  private unnestSql(table: string, cols: string[], types: string[], returning: string[] | null, unique?: string | string[]): string {
    const key = `unnest\0${table}\0${cols.join(',')}\0${returning?.join(',') ?? ''}\0${Array.isArray(unique) ? unique.join(',') : unique ?? ''}`;
    let sql = this.insertSqlCache.get(key);
    if (sql === undefined) {
      const names = cols.map((c) => `"${c}"`).join(', ');
      const conflict = unique == null ? '' : ` ON CONFLICT (${(Array.isArray(unique) ? unique : [unique]).map((c) => `"${c}"`).join(', ')}) DO NOTHING`;
      sql = `INSERT INTO "${table}" (${names}) SELECT ${names} FROM unnest(${types.map((t) => `CAST(? AS ${t}[])`).join(', ')}) WITH ORDINALITY AS u (${names}, "u_ord")`
        + ` ORDER BY "u_ord"${conflict}${returning ? ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}` : ''}`;
      if (this.insertSqlCache.size >= STATEMENTS_KEPT) this.insertSqlCache.clear();
      this.insertSqlCache.set(key, sql);
    }
    return sql;
  }

  /**
   * The text of a multi-row INSERT, kept per shape: ingest writes the same few shapes thousands of times, and building
   * the text each time was about a tenth of a batch's time on SQLite.
   */
  private insertSql(table: string, cols: readonly string[], n: number, returning: string[] | null, unique?: string | string[]): string {
    // Found by comparing the lists themselves (their strings are mostly the same objects): a key joined from them cost
    // more than the rest of a SQLite row's insert outside SQLite.
    let shapes = this.insertShapes.get(table);
    if (shapes) {
      for (const s of shapes) if (s.n === n && sameList(s.cols, cols) && sameList(s.returning, returning) && sameUnique(s.unique, unique)) return s.sql;
    } else this.insertShapes.set(table, (shapes = []));
    const conflict = unique == null ? '' : ` ON CONFLICT (${(Array.isArray(unique) ? unique : [unique]).map((c) => `"${c}"`).join(', ')}) DO NOTHING`;
    const row = `(${cols.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: n }, () => row).join(', ')}`
      + `${conflict}${returning ? ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}` : ''}`;
    // Bounded per table (a PostgreSQL VALUES list has a shape per row count).
    if (shapes.length >= 32) shapes.shift();
    shapes.push({ cols: [...cols], n, returning: returning && [...returning], unique: Array.isArray(unique) ? [...unique] : unique, sql });
    return sql;
  }
  private insertShapes = new Map<string, Array<{ cols: string[]; n: number; returning: string[] | null; unique: string | string[] | undefined; sql: string }>>();

  /**
   * INSERT … ON CONFLICT (`unique`) DO NOTHING: the new id, or null when that column's value is taken. PostgreSQL
   * returns the id (RETURNING id); SQLite reports it without RETURNING, as the statement's change count and last
   * rowid (every table here has an integer `id` primary key): on the article table, with its seven indexes,
   * RETURNING made each insert about three times as costly (47 against 16 µs, measured side by side).
   */
  async insertUnless(table: string, values: Record<string, unknown>, unique: string | null, tx: Tx): Promise<number | null> {
    const cols = Object.keys(values);
    const insert = this.insertSql(table, cols, 1, null, unique ?? undefined);
    const params = cols.map((c) => { const v = values[c]; return Array.isArray(v) || (v && typeof v === 'object' && !(v instanceof Date)) ? JSON.stringify(v) : v; });
    if (!this.isPostgres) {
      this.onQuery?.(insert, params);
      // No change: the conflict left the table as it was (lastInsertRowid would still name an earlier row).
      const info = this.prepared(insert).run(...sqliteParams(params));
      return info.changes ? Number(info.lastInsertRowid) : null;
    }
    const sql = `${insert} RETURNING id`;
    this.onQuery?.(sql, params);
    const rows = (await this.pgQuery(tx, sql, params)) as Array<{ id: number }>;
    return rows.length ? Number(rows[0].id) : null;
  }

  /**
   * A cached prepared statement on SQLite's one connection. Writes inside `transaction()` use it directly: TypeORM
   * opened the transaction on this same connection, and skipping its per-statement layer makes ingest several times
   * faster.
   */
  private prepared(sql: string): BetterSqlite3.Statement {
    let st = this.stmtCache.get(sql);
    if (!st) { st = this.sqlite.prepare(sql); this.stmtCache.set(sql, st); }
    return st;
  }

  async exec(sql: string, params: unknown[], tx: Tx): Promise<void> {
    this.onQuery?.(sql, params);
    if (!this.isPostgres) { this.prepared(sql).run(...sqliteParams(params)); return; }
    await this.pgQuery(tx, sql, params);
  }

  /**
   * A statement inside a PostgreSQL transaction, sent on the transaction's own pg connection: ingest runs dozens per
   * article, and TypeORM's per-statement layer (logging, parameter handling, result wrapping) cost about 40 % of each
   * round trip. Errors are pg's own (code, message), as the callers expect.
   */
  private async pgQuery(tx: Tx, sql: string, params: unknown[]): Promise<Row[]> {
    const em = tx as unknown as EntityManager;
    const conn = pgConnection(em);
    if (!conn) return (await em.query(this.toDialect(sql), params)) as Row[];
    // Statements of a fixed shape are prepared once per connection (named), sparing PostgreSQL a parse and plan on
    // every call; multi-row statements, whose text varies with their row count, are not.
    const name = params.length <= 32 ? this.statementName(sql) : undefined;
    return (await conn.query({ text: this.toDialect(sql), values: params, name })).rows;
  }

  private statementNames = new Map<string, string>();
  private statementName(sql: string): string | undefined {
    let n = this.statementNames.get(sql);
    if (n === undefined) {
      if (this.statementNames.size >= 200) return undefined;
      this.statementNames.set(sql, (n = `w${this.statementNames.size}`));
    }
    return n;
  }

  /**
   * Pins an index on SQLite (`INDEXED BY`), where a young database has no statistics yet and the planner would pick a
   * covering index that scans every mention of a kind instead of one article's; PostgreSQL plans from its own.
   */
  indexHint(index: string): string {
    return this.isPostgres ? '' : ` INDEXED BY "${index}"`;
  }

  /**
   * The values of an IN list, on SQLite padded to one of a few lengths (8, 16, 32, … 512, then multiples of 512) by
   * repeating the last one, which changes no result: a statement is prepared (and its row builder made) once per length
   * rather than for every count a batch happens to look up, which had cost more than running most of them.
   */
  inList<T>(values: T[]): T[] {
    const n = values.length;
    if (this.isPostgres || n === 0) return values;
    const size = n <= 8 ? 8 : n <= 512 ? 2 ** Math.ceil(Math.log2(n)) : Math.ceil(n / 512) * 512;
    if (size === n) return values;
    const out = values.slice();
    for (let i = n; i < size; i++) out.push(values[n - 1]);
    return out;
  }

  /** Case-insensitive LIKE with the user's text taken literally (% and _ escaped). */
  likeParam(s: string, mode: 'contains' | 'prefix' = 'contains'): string {
    const esc = s.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c);
    return mode === 'contains' ? `%${esc}%` : `${esc}%`;
  }

  async close(): Promise<void> {
    await this.writes.idle();
    for (const h of DB_HOOKS) await h.onClose?.(this);
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
