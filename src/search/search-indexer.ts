/**
 * SQLite's search index, kept off the writer. Its FTS5 table lives in a file of its own beside the database
 * (`<database>-search`, attached to every connection as `search`), so that a second connection can write it while
 * the main connection writes the data: a transaction that changes searchable records only appends their ids to
 * `search_outbox`, in the same transaction, and the indexer (a worker thread with its own connection) builds their
 * documents from what is committed and writes them, recording the last outbox entry applied in the index file itself.
 *
 * Why: building and indexing documents (FTS5's inserts and the segment writes at COMMIT) was about two fifths of
 * the writer's database time in a bulk ingest, and every writer (editors included) waited behind it.
 *
 * What a reader sees: a search waits until the indexer has applied every entry this process committed (and those
 * found when it opened the database), so a process always finds its own writes; another process's writes are found
 * once its indexer (or this one) has applied them, milliseconds later, and `onIndexed` then fires so that response
 * caches drop answers made in between. A crash between the commit and the indexing loses nothing: the outbox
 * entries are there, and the next indexer applies them. Applied entries are pruned from the outbox when it is quiet.
 *
 * An in-memory database cannot be shared with another thread: there the same passes run on the main connection,
 * right after each commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { buildDocs, DocReader, rowid, SearchKind, uniqueRefs } from './search-docs';

/** The index file of a SQLite database file. */
export const searchFileOf = (file: string) => (file === ':memory:' ? ':memory:' : `${file}-search`);

/** Attaches the index file as `search` (on every connection to the database, the indexer's included). */
export function attachSearch(conn: BetterSqlite3.Database, file: string): void {
  conn.prepare('ATTACH DATABASE ? AS search').run(searchFileOf(file));
  if (file !== ':memory:') conn.pragma('search.journal_mode = WAL');
  conn.pragma('search.synchronous = NORMAL');
}

/**
 * Creates the index's tables when the index file is new; true when it was (over stored records, the server then
 * queues every record, since the outbox may have been pruned: see db-hooks.ts).
 */
export function ensureSearchSchema(conn: BetterSqlite3.Database): boolean {
  conn.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS search.search_fts USING fts5(title, body, extra, entity_type UNINDEXED, entity_id UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE IF NOT EXISTS search.search_state (id INTEGER PRIMARY KEY CHECK (id = 1), applied INTEGER NOT NULL)`);
  return conn.prepare('INSERT OR IGNORE INTO search.search_state (id, applied) VALUES (1, 0)').run().changes === 1;
}

/** Queues every searchable record (a full rebuild of an empty index), in the caller's transaction on the main connection. */
export function queueEverything(conn: BetterSqlite3.Database): number {
  const tables: Array<[SearchKind, string]> = [['ARTICLE', 'article'], ['EVENT', 'event'], ['PERSON', 'person'], ['INSTITUTION', 'institution'], ['PLACE', 'place']];
  let n = 0;
  for (const [kind, table] of tables) {
    n += conn.prepare(`INSERT INTO search_outbox (entity_type, entity_id, fresh) SELECT ?, id, 1 FROM "${table}" ORDER BY id`).run(kind).changes;
  }
  return n;
}

export interface PassResult {
  /** The last outbox entry applied. */
  applied: number;
  /** Documents written and removed. */
  written: number;
  removed: number;
  /** Index rowids inserted and deleted, in order (only when traced: tests look at them). */
  inserted?: number[];
  deleted?: number[];
}

const reader = (conn: BetterSqlite3.Database): DocReader => ({
  query: async <T>(sql: string, params: unknown[]) => conn.prepare(sql).all(...params) as T[],
  indexHint: (index: string) => ` INDEXED BY "${index}"`,
});

/**
 * Applies up to `limit` outbox entries after the last applied one, in one transaction of the index file (null when
 * there were none). The index's write lock is taken first, so that two indexers (two processes) never apply the same
 * entries; the data is read as committed. Documents go in ascending rowid order: FTS5 flushes its pending index
 * whenever a write goes below the last rowid written.
 */
export async function applyPass(conn: BetterSqlite3.Database, limit = 1000, trace = false): Promise<PassResult | null> {
  conn.exec('BEGIN');
  try {
    conn.prepare('UPDATE search.search_state SET applied = applied WHERE id = 1').run();
    const applied = Number(conn.prepare('SELECT applied FROM search.search_state WHERE id = 1').pluck().get() ?? 0);
    const rows = conn.prepare('SELECT seq, entity_type AS kind, entity_id AS id, fresh FROM main.search_outbox WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(applied, limit) as Array<{ seq: number; kind: SearchKind; id: number; fresh: number }>;
    if (!rows.length) { conn.exec('ROLLBACK'); return null; }
    const byKey = uniqueRefs(rows.map((r) => ({ kind: r.kind, id: Number(r.id), fresh: !!r.fresh })));
    const { docs, gone } = await buildDocs(reader(conn), [...byKey.values()]);
    docs.sort((a, b) => rowid(a) - rowid(b));
    const del = conn.prepare('DELETE FROM search.search_fts WHERE rowid = ?');
    const ins = conn.prepare('INSERT INTO search.search_fts (rowid, title, body, extra, entity_type, entity_id) VALUES (?, ?, ?, ?, ?, ?)');
    const out: PassResult = { applied: Number(rows[rows.length - 1].seq), written: docs.length, removed: gone.length, ...(trace ? { inserted: [], deleted: [] } : {}) };
    for (const d of docs) {
      const id = rowid(d);
      // A fresh record has no document to replace (FTS5 has no upsert, and the lookup is not free).
      const fresh = byKey.get(`${d.kind}:${d.id}`)!.fresh;
      if (!fresh) { del.run(id); out.deleted?.push(id); }
      try { ins.run(id, d.title, d.body, d.extra, d.kind, d.id); } catch (e) {
        // Fresh is a hint: an entry applied before a rebuild's may have written it already.
        if (!fresh) throw e;
        del.run(id);
        ins.run(id, d.title, d.body, d.extra, d.kind, d.id);
      }
      out.inserted?.push(id);
    }
    for (const g of gone) { del.run(rowid(g)); out.deleted?.push(rowid(g)); }
    conn.prepare('UPDATE search.search_state SET applied = ? WHERE id = 1').run(out.applied);
    conn.exec('COMMIT');
    return out;
  } catch (e) {
    if (conn.inTransaction) conn.exec('ROLLBACK');
    throw e;
  }
}

/** Deletes the applied outbox entries (a write on the main database: done when the outbox is quiet). */
export function prune(conn: BetterSqlite3.Database): number {
  return conn.prepare('DELETE FROM main.search_outbox WHERE seq <= (SELECT applied FROM search.search_state WHERE id = 1)').run().changes;
}

/** A worker's answer: it has applied everything committed before the nudge `gen`. */
export interface IndexerReport { gen: number; passes: PassResult[]; busyMs: number; error?: string }

/** The worker script: compiled beside this file, or (tests run the TypeScript sources) in the build. */
function workerScript(): string | null {
  const here = path.join(__dirname, 'search-indexer-worker.js');
  if (fs.existsSync(here)) return here;
  const built = path.resolve(__dirname, '../../dist/src/search/search-indexer-worker.js');
  return fs.existsSync(built) ? built : null;
}

/** The main thread's handle on a database's indexer. */
export class SearchIndexer {
  private gen = 0;
  private doneGen = 0;
  private waiters: Array<{ gen: number; resolve: () => void }> = [];
  private worker: Worker | null = null;
  private inlineRun: Promise<void> = Promise.resolve();
  private closed = false;
  private script: string | null | undefined;
  /** Called after the indexer wrote documents (response caches drop answers made before). */
  onIndexed: (() => void) | null = null;
  /** Each pass's result (tests and the bench read them). */
  onPass: ((p: PassResult) => void) | null = null;
  /** Time the indexer spent applying passes (the bench reports it beside the writer's). */
  busyMs = 0;
  /** The thread's checkpoints of the database's WAL: frames in the WAL, and copied into the database file. */
  onCheckpoint: ((c: { log: number; checkpointed: number }) => void) | null = null;
  trace = false;

  /**
   * `file`: the database file (a worker thread opens its own connection to it); `inline`: runs a pass on the main
   * connection through the writer queue instead (an in-memory database, or no compiled worker).
   */
  constructor(private file: string, private opts: { cacheMb: number; checkpointMs: number }, private inline: { conn: () => BetterSqlite3.Database; serialize: <T>(fn: () => Promise<T>) => Promise<T> }) {}

  /**
   * After every commit on the main connection: entries to apply when `queued`, and WAL pages the thread checkpoints
   * (soon, at most every `checkpointMs`) either way. An in-memory database has no WAL.
   */
  wrote(queued: boolean): void {
    if (queued) { this.nudge(); return; }
    const script = this.workerScript();
    if (!script || this.closed) return;
    if (!this.worker) this.startWorker(script);
    this.worker!.postMessage({ checkpoint: true });
  }

  /** Entries may be waiting: apply them. */
  nudge(): void {
    if (this.closed) return;
    const gen = ++this.gen;
    const script = this.workerScript();
    if (!script) { this.runInline(gen); return; }
    if (!this.worker) this.startWorker(script);
    this.worker!.ref();
    this.worker!.postMessage({ gen, trace: this.trace });
  }

  /** Looked up once (every commit asks). */
  private workerScript(): string | null {
    if (this.script === undefined) this.script = this.file === ':memory:' ? null : workerScript();
    return this.script;
  }

  /** Resolves once every entry committed before this call (through this handle) is in the index. */
  caughtUp(): Promise<void> {
    if (this.doneGen >= this.gen) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ gen: this.gen, resolve }));
  }

  /** Lets the indexer finish what was committed, then stops it. */
  async close(): Promise<void> {
    await this.caughtUp();
    this.closed = true;
    await this.inlineRun;
    if (this.worker) { const w = this.worker; this.worker = null; await w.terminate(); }
  }

  private startWorker(script: string): void {
    const w = new Worker(script, { workerData: { file: this.file, ...this.opts } });
    w.on('message', (r: IndexerReport | { checkpoint: { log: number; checkpointed: number } }) => {
      if ('checkpoint' in r) this.onCheckpoint?.(r.checkpoint); else this.report(r);
    });
    // Idle, the thread does not keep the process alive (nudges ref it until their report).
    w.unref();
    // A worker that died answers nobody: later nudges start a new one, and those waiting are let go (their search
    // answers from the index as it is) rather than hanging.
    w.on('error', (e) => { console.error(`search indexer: ${e.message}`); if (this.worker === w) this.worker = null; this.report({ gen: this.gen, passes: [], busyMs: 0 }); });
    this.worker = w;
  }

  private runInline(gen: number): void {
    this.inlineRun = this.inlineRun.then(() => this.inline.serialize(async () => {
      const t = process.hrtime.bigint();
      const passes: PassResult[] = [];
      let error: string | undefined;
      try {
        for (let p = await applyPass(this.inline.conn(), 1000, this.trace); p; p = await applyPass(this.inline.conn(), 1000, this.trace)) passes.push(p);
      } catch (e) { error = (e as Error).message; }
      this.report({ gen, passes, busyMs: Number(process.hrtime.bigint() - t) / 1e6, error });
    }));
  }

  private report(r: IndexerReport): void {
    if (r.error) console.error(`search indexer: ${r.error}`);
    this.busyMs += r.busyMs;
    for (const p of r.passes) this.onPass?.(p);
    this.doneGen = Math.max(this.doneGen, r.gen);
    const ready = this.waiters.filter((w) => w.gen <= this.doneGen);
    this.waiters = this.waiters.filter((w) => w.gen > this.doneGen);
    if (this.doneGen >= this.gen) this.worker?.unref();
    if (r.passes.some((p) => p.written || p.removed)) this.onIndexed?.();
    for (const w of ready) w.resolve();
  }
}
