/**
 * The real Apollo Client 4, bundled for the browser and run in Chromium by a page on another origin, against a real
 * Warta server: `clientAwareness` headers through CORS, Relay paging both ways with `relayStylePagination`
 * (`first`/`after`, then `last`/`before`) and the normalised cache (one entry per Event, keyed by its global id).
 */
import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import { launchBrowser } from '../helpers/browser';

const sqlite = targets().find((t) => t.name === 'sqlite')!;

/** The page's script: Apollo Client from node_modules, bundled as a browser app would ship it. */
const APP = `
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
window.runApollo = async (uri) => {
  const client = new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({ typePolicies: { Query: { fields: { events: relayStylePagination() } } } }),
    clientAwareness: { name: 'portal-web', version: '2.0.1' },
  });
  const EVENTS = gql\`query Events($first: Int, $after: String, $last: Int, $before: String) {
    events(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id slug name startDate } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      totalCount
    } }\`;
  const slugs = (d) => d.events.edges.map((e) => e.node.slug);
  // A watched query as a component holds one: every result it emits, and a wait for the one a test expects.
  const watch = (variables) => {
    const q = client.watchQuery({ query: EVENTS, variables });
    const seen = [];
    const sub = q.subscribe({ next: (r) => { if (r.data && r.dataState === 'complete') seen.push(r.data); } });
    const until = (n) => new Promise((resolve, reject) => {
      const t = setInterval(() => { const d = seen.at(-1); if (d && d.events.edges.length === n) { clearInterval(t); clearTimeout(give); resolve(d); } }, 10);
      const give = setTimeout(() => { clearInterval(t); reject(new Error('no result with ' + n + ' edges: ' + JSON.stringify(seen.map(slugs)))); }, 10000);
    });
    return { q, sub, until };
  };
  const out = {};
  const all = await client.query({ query: EVENTS, variables: { first: 100 }, fetchPolicy: 'no-cache' });
  out.all = slugs(all.data);
  await client.clearStore();
  // Forward: two pages of two, merged by relayStylePagination into one list.
  const fw = watch({ first: 2 });
  const f1 = await fw.until(2);
  out.forward1 = slugs(f1);
  out.forward1Info = f1.events.pageInfo;
  await fw.q.fetchMore({ variables: { first: 2, after: f1.events.pageInfo.endCursor } });
  const f2 = await fw.until(4);
  out.forward = slugs(f2);
  out.forwardInfo = f2.events.pageInfo;
  fw.sub.unsubscribe();
  await client.clearStore();
  // Backward: the last two, then the two before them, prepended.
  const bw = watch({ last: 2 });
  const b1 = await bw.until(2);
  out.backward1 = slugs(b1);
  out.backward1Info = b1.events.pageInfo;
  await bw.q.fetchMore({ variables: { last: 2, before: b1.events.pageInfo.startCursor } });
  const b2 = await bw.until(4);
  out.backward = slugs(b2);
  out.backwardInfo = b2.events.pageInfo;
  // The cache is normalised: one Event entry per node, under its global id, shared by another query reading it.
  const cache = client.cache.extract();
  out.eventKeys = Object.keys(cache).filter((k) => k.startsWith('Event:')).sort();
  const last = b2.events.edges.at(-1).node;
  out.lastId = last.id;
  client.cache.writeFragment({ id: client.cache.identify(last), fragment: gql\`fragment N on Event { name }\`, data: { name: 'Renamed in cache' } });
  out.renamedInList = (await new Promise((resolve) => {
    const t = setInterval(() => { const n = bw.q.getCurrentResult().data.events.edges.at(-1).node.name; if (n !== last.name) { clearInterval(t); resolve(n); } }, 10);
    setTimeout(() => { clearInterval(t); resolve(last.name); }, 5000);
  }));
  bw.sub.unsubscribe();
  return out;
};
`;

describe('Apollo Client 4 in Chromium on another origin', () => {
  let s: TestServer;
  let browser: Browser;
  let app: http.Server;
  let appUrl = '';
  const requests: Array<{ method: string; name: string | undefined; version: string | undefined; origin: string | undefined }> = [];
  const seen = (req: http.IncomingMessage) => {
    if (req.url?.startsWith('/graphql')) {
      requests.push({ method: req.method!, name: req.headers['apollographql-client-name'] as string | undefined,
        version: req.headers['apollographql-client-version'] as string | undefined, origin: req.headers.origin });
    }
  };
  beforeAll(async () => {
    s = await startTestServer(await sqlite.open());
    s.server.on('request', seen);
    const bundle = await build({
      stdin: { contents: APP, resolveDir: path.join(__dirname, '../..'), loader: 'js' },
      bundle: true, format: 'iife', platform: 'browser', write: false, minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const js = bundle.outputFiles[0].text;
    app = http.createServer((req, res) => {
      if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Portal</title><script src="/app.js"></script>');
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    // localhost vs Warta's 127.0.0.1: another origin.
    appUrl = `http://localhost:${(app.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    s?.server.off('request', seen);
    await browser?.close();
    await new Promise<void>((r) => app.close(() => r()));
    await s.close();
    await s.db.close();
    await sqlite.cleanup();
  });

  test('pages forward and backward with relayStylePagination, normalised by global id, client awareness sent', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(appUrl);
    expect(new URL(page.url()).origin).not.toBe(new URL(s.url).origin);
    const out = await page.evaluate(async (uri) => (globalThis as any).runApollo(uri), `${s.url}/graphql`) as Record<string, any>;
    expect(errors).toEqual([]);
    const all: string[] = out.all;
    expect(all.length).toBeGreaterThan(4);
    expect(out.forward1).toEqual(all.slice(0, 2));
    expect(out.forward1Info).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(out.forward).toEqual(all.slice(0, 4));
    expect(out.forwardInfo.hasNextPage).toBe(true);
    expect(out.backward1).toEqual(all.slice(-2));
    expect(out.backward1Info).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(out.backward).toEqual(all.slice(-4));
    expect(out.backwardInfo.hasPreviousPage).toBe(all.length > 4);
    // Four Event entries, keyed by the ids Warta gave.
    expect(out.eventKeys).toHaveLength(4);
    expect(out.eventKeys).toContain(`Event:${out.lastId}`);
    expect(out.renamedInList).toBe('Renamed in cache');
    // Every query came from the other origin with the client's name and version: headers a browser sends cross-origin
    // only once CORS allows them.
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(5);
    for (const r of posts) expect(r).toMatchObject({ name: 'portal-web', version: '2.0.1', origin: appUrl });
    await ctx.close();
  });
});
