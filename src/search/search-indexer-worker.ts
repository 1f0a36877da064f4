/**
 * The SQLite search indexer's thread (see search-indexer.ts): its own connection to the database, with the index
 * file attached. Each nudge means "something was committed": it applies passes until the outbox has nothing left,
 * then reports the nudge it started from. Nudges that arrive meanwhile are folded into the next round.
 *
 * It also checkpoints the database's WAL (PASSIVE: it copies committed pages into the database file while the
 * writer carries on), at most every `checkpointMs` after a commit, so that the writer's commits do not.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { applyPass, attachSearch, IndexerReport, PassResult, prune } from './search-indexer';

/** Quiet time after which applied outbox entries are pruned (a write on the main database, so not during a burst). */
const PRUNE_AFTER_MS = 1000;

if (parentPort) {
  const port = parentPort;
  const { file, cacheMb, checkpointMs } = workerData as { file: string; cacheMb: number; checkpointMs: number };
  const conn = new Database(file);
  conn.pragma('busy_timeout = 5000');
  conn.pragma('synchronous = NORMAL');
  // As the main connection's: documents are built from pages the writer has just written.
  conn.pragma(`cache_size = -${cacheMb * 1024}`);
  attachSearch(conn, file);
  let latest = 0, trace = false, running = false;
  let pruneTimer: NodeJS.Timeout | null = null;
  let checkpointTimer: NodeJS.Timeout | null = null, lastCheckpoint = 0;

  const checkpointSoon = () => {
    if (checkpointTimer) return;
    checkpointTimer = setTimeout(() => {
      checkpointTimer = null;
      lastCheckpoint = Date.now();
      try {
        const [r] = conn.pragma('main.wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
        port.postMessage({ checkpoint: { log: r.log, checkpointed: r.checkpointed } });
      } catch { /* busy: the next commit asks again, and the writer's backstop remains */ }
    }, Math.max(0, lastCheckpoint + checkpointMs - Date.now()));
  };

  const round = async () => {
    running = true;
    try {
      while (true) {
        const gen = latest;
        const t = process.hrtime.bigint();
        const passes: PassResult[] = [];
        let error: string | undefined;
        try {
          for (let p = await applyPass(conn, 1000, trace); p; p = await applyPass(conn, 1000, trace)) passes.push(p);
        } catch (e) { error = (e as Error).message; }
        port.postMessage({ gen, passes, busyMs: Number(process.hrtime.bigint() - t) / 1e6, error } satisfies IndexerReport);
        if (latest === gen) break;
      }
    } finally { running = false; }
    checkpointSoon();
    if (pruneTimer) clearTimeout(pruneTimer);
    pruneTimer = setTimeout(() => { try { prune(conn); } catch { /* busy: the next quiet moment */ } }, PRUNE_AFTER_MS);
    pruneTimer.unref();
  };

  port.on('message', (m: { gen: number; trace: boolean } | { checkpoint: true }) => {
    if ('checkpoint' in m) { checkpointSoon(); return; }
    latest = Math.max(latest, m.gen);
    trace = m.trace;
    if (pruneTimer) { clearTimeout(pruneTimer); pruneTimer = null; }
    if (!running) void round();
  });
}
