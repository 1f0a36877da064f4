/** A real HTTP server on an ephemeral loopback port, and a small GraphQL client for it. */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Db } from '../../src/db/database';
import { AppHandle, AppOptions, createApp } from '../../src/http/app';
import { applyServerLimits, serverOptions } from '../../src/http/server';
import { IngestService } from '../../src/ingest';
import { loadDemoIfEmpty } from '../../src/demo';

export interface TestServer { url: string; db: Db; handle: AppHandle; server: http.Server; close(): Promise<void>; gql(query: string, variables?: Record<string, unknown>, key?: string): Promise<GqlResult> }
export interface GqlResult { status: number; body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }

export async function startTestServer(db: Db, opts: { demo?: boolean } & AppOptions = { demo: true }): Promise<TestServer> {
  const ingest = await IngestService.create(db);
  if (opts.demo !== false) await loadDemoIfEmpty(db, ingest);
  const handle = await createApp(db, ingest, { policy: opts.policy });
  const { listener, apollo } = handle;
  const server = http.createServer(serverOptions(), listener);
  applyServerLimits(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    handle,
    server,
    async gql(query, variables, key) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() as GqlResult['body'] };
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await apollo.stop();
    },
  };
}
