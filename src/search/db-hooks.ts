/**
 * Search's part of every database handle, registered on db/'s hooks when search loads: on SQLite each connection
 * attaches the index file, an opened handle gets its indexer (and its index tables), a commit nudges the indexer, and
 * closing stops it. PostgreSQL needs none of it: its documents are written inside the transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { config } from '../config';
import { type Db, registerDbHooks } from '../db/database';
import { attachSearch, ensureSearchSchema, queueEverything, SearchIndexer } from './search-indexer';

declare module '../db/database' {
  interface Db {
    /** SQLite: the search index's writer, set when the handle opens (null on PostgreSQL). */
    searchIndexer?: SearchIndexer | null;
  }
}

interface State {
  conn: BetterSqlite3.Database;
  /** The running transaction queued outbox entries: the indexer is nudged once it commits. */
  queued: boolean;
  /**
   * This open created the index's file over a database that holds records (one from before the file, or copied
   * without it: its outbox may have been pruned), so the server queues every record for it on start.
   */
  needsRebuild: boolean;
}

const states = new WeakMap<Db, State>();

registerDbHooks({
  onConnect: (conn, file) => attachSearch(conn, file),
  onOpen: (db, conn) => {
    if (!conn) { db.searchIndexer = null; return; }
    const indexer = new SearchIndexer(db.file!, { cacheMb: config.sqliteCacheMb, checkpointMs: config.sqliteCheckpointMs }, { conn: () => conn, serialize: (fn) => db.writes.run(fn) });
    db.searchIndexer = indexer;
    const needsRebuild = ensureSearchSchema(conn)
      && !!conn.prepare('SELECT EXISTS (SELECT 1 FROM article) OR EXISTS (SELECT 1 FROM person) OR EXISTS (SELECT 1 FROM institution)').pluck().get();
    states.set(db, { conn, queued: false, needsRebuild });
    // The indexer starts on whatever the outbox holds unapplied (an earlier process's).
    const behind = conn.prepare('SELECT EXISTS (SELECT 1 FROM search_outbox WHERE seq > (SELECT applied FROM search.search_state WHERE id = 1))').pluck().get();
    if (behind) indexer.nudge();
  },
  afterCommit: (db) => {
    const s = states.get(db);
    if (!s) return;
    db.searchIndexer!.wrote(s.queued);
    s.queued = false;
  },
  afterRollback: (db) => { const s = states.get(db); if (s) s.queued = false; },
  onClose: async (db) => { await db.searchIndexer?.close(); },
});

/** SQLite: the running transaction appended to the outbox. */
export function markQueued(db: Db): void {
  const s = states.get(db);
  if (s) s.queued = true;
}

/** SQLite: this open created the index file over stored records. */
export function searchNeedsRebuild(db: Db): boolean {
  return states.get(db)?.needsRebuild ?? false;
}

/** SQLite: queues every record for the indexer (which builds their documents in the background); the count. */
export async function queueSearchRebuild(db: Db): Promise<number> {
  const s = states.get(db)!;
  const n = await db.writes.run(async () => s.conn.transaction(() => queueEverything(s.conn))());
  s.needsRebuild = false;
  db.searchIndexer!.nudge();
  return n;
}

/** SQLite: empties the index and queues every record for it; resolves once the indexer has built it all. */
export async function rebuildSearchIndex(db: Db): Promise<number> {
  const { conn } = states.get(db)!;
  const n = await db.writes.run(async () => conn.transaction(() => {
    conn.exec('DROP TABLE search.search_fts');
    ensureSearchSchema(conn);
    return queueEverything(conn);
  })());
  db.searchIndexer!.nudge();
  await db.searchIndexer!.caughtUp();
  return n;
}
