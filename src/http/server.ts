/** Starts Warta: database (migrations), demo content on first start, HTTP server, graceful shutdown. */
import http from 'node:http';
import { config } from '../config';
import { Db } from '../db/database';
import { IngestService } from '../ingest';
import { loadDemoIfEmpty } from '../demo';
import { createApp, draining } from './app';
import { boundHeapGrowth } from './heap';
import { SearchService } from '../search/search.service';

/** How often Node checks header and request timeouts (its default, 30 s, would let a slow client outlive the limits). */
export function serverOptions(): http.ServerOptions {
  return { connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(config.headersTimeoutMs / 2))) };
}

/** Slow clients cannot hold sockets: headers, whole request and idle keep-alive all time out (config). */
export function applyServerLimits(server: http.Server): void {
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
}

export async function startServer(opts: { port?: number; host?: string } = {}): Promise<http.Server> {
  boundHeapGrowth();
  const db = await Db.open();
  const ingest = await IngestService.create(db);
  if (config.loadDemo) {
    const n = await loadDemoIfEmpty(db, ingest);
    if (n) console.log(`loaded ${n} demo articles`);
  }
  // A database migrated from before the search index (or restored without it) gets its documents built once.
  if (config.searchRebuildOnStart && await new SearchService(db).rebuildIfEmpty()) console.log('built the search index');
  const { listener, apollo } = await createApp(db, ingest);
  const server = http.createServer(serverOptions(), listener);
  applyServerLimits(server);
  const port = opts.port ?? config.port;
  await new Promise<void>((resolve) => server.listen(port, opts.host ?? config.host, resolve));
  const where = db.isPostgres ? 'PostgreSQL' : `SQLite ${config.databaseUrl}`;
  console.log(`Warta serves GraphQL at http://localhost:${port}/graphql (${where})`);
  // Graceful stop: no new connections, idle keep-alive sockets closed, in-flight requests finish (bounded), then the
  // embed counts are written and the database closes.
  const stop = async () => {
    draining.on = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => server.closeAllConnections(), config.requestTimeoutMs);
    await closed;
    clearTimeout(deadline);
    // Handlers of requests whose clients went away have no connection left to wait for, but still read: the database
    // closes once they are done (bounded by the same request timeout).
    await db.settled(50, config.requestTimeoutMs);
    await apollo.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}
