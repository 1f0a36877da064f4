/** SQL statements per request for the nested query at first: 5 and first: 50, counted in-process on the bench database. */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { config } from '../src/config';
import { Db } from '../src/db/database';
import { createApp } from '../src/http/app';
import { IngestService } from '../src/ingest';
import { NESTED_QUERY } from './reference';
import type { Rec } from './speed';

export async function sqlStatements(db: Db, rec: Rec): Promise<void> {
  Object.assign(config, { responseCacheSeconds: 0, anonymousRequestsPerWindow: 0, anonymousCostPerWindow: 0 });
  const { app, apollo } = await createApp(db, await IngestService.create(db));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  let n = 0;
  db.onQuery = () => { n++; };
  for (const first of [5, 50]) {
    n = 0;
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: NESTED_QUERY, variables: { first } }) });
    if ((await r.json() as { errors?: unknown }).errors) throw new Error('nested query failed');
    rec(`sql_statements_first${first}`, n, `SQL statements per request, nested query, first: ${first}`);
  }
  db.onQuery = null;
  await new Promise<void>((r) => server.close(() => r()));
  await apollo.stop();
}
