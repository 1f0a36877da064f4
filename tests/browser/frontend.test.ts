/**
 * A frontend on another origin calls /graphql from Chromium the way Apollo Client does with `clientAwareness` set:
 * JSON POST with `apollographql-client-name` / `-version` and the key, which makes Chromium send a real preflight
 * first. Both the keyed call and an anonymous GET with Apollo's CSRF header must get through CORS.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import { launchBrowser } from '../helpers/browser';

const sqlite = targets().find((t) => t.name === 'sqlite')!;

describe('a GraphQL frontend on another origin, in a real browser', () => {
  let s: TestServer;
  let browser: Browser;
  let app: http.Server;
  let appUrl = '';
  let key = '';
  beforeAll(async () => {
    s = await startTestServer(await sqlite.open());
    app = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>App</title><p>app</p>'); });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    // localhost vs Warta's 127.0.0.1: another origin.
    appUrl = `http://localhost:${(app.address() as AddressInfo).port}`;
    key = (await new ApiKeyService(s.db).create('Frontend', ApiRole.READER, [appUrl])).key;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => app.close(() => r()));
    await s.close();
    await s.db.close();
    await sqlite.cleanup();
  });

  test('Apollo Client\'s client-awareness headers pass the preflight, keyed and anonymous', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    // Chromium's preflights do not reach page events: they are counted where they arrive.
    const preflights: string[] = [];
    const seen = (req: http.IncomingMessage) => { if (req.method === 'OPTIONS') preflights.push(String(req.headers['access-control-request-headers'])); };
    s.server.on('request', seen);
    await page.goto(appUrl);
    const out = await page.evaluate(async ({ url, key }) => {
      // The headers Apollo Client's HttpLink sends with clientAwareness: { name, version }.
      const headers = { accept: 'application/graphql-response+json,application/json;q=0.9', 'content-type': 'application/json',
        'apollographql-client-name': 'portal-web', 'apollographql-client-version': '1.4.2' };
      const post = await fetch(`${url}/graphql`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${key}` },
        body: JSON.stringify({ operationName: 'Rakor', query: 'query Rakor { event(slug: "2019-rakor-pengembangan-sop") { id name startDate } }', variables: {} }) });
      // Apollo Client's GET (useGETForQueries) with its CSRF header, anonymous.
      const q = encodeURIComponent('query Rakor { event(slug: "2019-rakor-pengembangan-sop") { name } }');
      const get = await fetch(`${url}/graphql?operationName=Rakor&query=${q}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
      return { post: await post.json() as any, get: await get.json() as any };
    }, { url: s.url, key });
    expect(out.post.data.event).toMatchObject({ name: 'Rapat Koordinasi Pengembangan Standar Operasional Prosedur', startDate: '2019-11-13' });
    expect(out.get.data.event.name).toBe('Rapat Koordinasi Pengembangan Standar Operasional Prosedur');
    // The browser asked first: this was a real CORS preflight, not a simple request.
    s.server.off('request', seen);
    expect(preflights.join(' ')).toContain('apollographql-client-name');
    await ctx.close();
  });
});
