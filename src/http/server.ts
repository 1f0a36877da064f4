/** Starts Warta: database (migrations), demo content on first start, HTTP server, graceful shutdown. */
import http from 'node:http';
import { config } from '../config';
import { Db } from '../db/database';
import { IngestService } from '../ingest';
import { loadDemoIfEmpty } from '../demo';
import { createApp } from './app';
import { SearchService } from '../services/search.service';

export async function startServer(opts: { port?: number; host?: string } = {}): Promise<http.Server> {
  const db = await Db.open();
  const ingest = await IngestService.create(db);
  if (config.loadDemo) {
    const n = await loadDemoIfEmpty(db, ingest);
    if (n) console.log(`loaded ${n} demo articles`);
  }
  // A database migrated from before the search index (or restored without it) gets its documents built once.
  if (await new SearchService(db).rebuildIfEmpty()) console.log('built the search index');
  const { app, apollo } = await createApp(db, ingest);
  const server = http.createServer(app);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const port = opts.port ?? config.port;
  await new Promise<void>((resolve) => server.listen(port, opts.host ?? config.host, resolve));
  const where = db.isPostgres ? 'PostgreSQL' : `SQLite ${config.databaseUrl}`;
  console.log(`Warta serves GraphQL at http://localhost:${port}/graphql (${where})`);
  const stop = async () => {
    server.close();
    await apollo.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}
