/**
 * The SQLite search indexer's thread (see search-indexer.ts): its own connection to the database, with the index
 * file attached. Each nudge means "something was committed": it applies passes until the outbox has nothing left,
 * then reports the nudge it started from. Nudges that arrive meanwhile are folded into the next round.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { applyPass, attachSearch, IndexerReport, PassResult, prune } from './search-indexer';

/** Quiet time after which applied outbox entries are pruned (a write on the main database, so not during a burst). */
const PRUNE_AFTER_MS = 1000;

if (parentPort) {
  const port = parentPort;
  const { file, cacheMb } = workerData as { file: string; cacheMb: number };
  const conn = new Database(file);
  conn.pragma('busy_timeout = 5000');
  conn.pragma('synchronous = NORMAL');
  // As the main connection's: documents are built from pages the writer has just written.
  conn.pragma(`cache_size = -${cacheMb * 1024}`);
  attachSearch(conn, file);
  let latest = 0, trace = false, running = false;
  let pruneTimer: NodeJS.Timeout | null = null;

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
    if (pruneTimer) clearTimeout(pruneTimer);
    pruneTimer = setTimeout(() => { try { prune(conn); } catch { /* busy: the next quiet moment */ } }, PRUNE_AFTER_MS);
    pruneTimer.unref();
  };

  port.on('message', (m: { gen: number; trace: boolean }) => {
    latest = Math.max(latest, m.gen);
    trace = m.trace;
    if (pruneTimer) { clearTimeout(pruneTimer); pruneTimer = null; }
    if (!running) void round();
  });
}
