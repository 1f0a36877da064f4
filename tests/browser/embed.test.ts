/**
 * A partner page on a second local origin embeds the event card in an iframe: the card renders its facts at 320 px and
 * 1024 px; a page on an unregistered origin cannot frame it (CSP frame-ancestors). A partner site acting as an oEmbed
 * consumer (discovery link, oEmbed JSON, its html pasted into the page) shows the card unclipped at 280, 320 and 600 px,
 * with /embed.js sizing the frame and, where the consumer strips scripts, at oEmbed's own height. The public event page
 * fits a phone's width. Screenshots go to test-output/.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import { launchBrowser, OUTPUT } from '../helpers/browser';

const RAKOR = '2019-rakor-pengembangan-sop';

/** A page server standing in for a partner site (or a stranger's), on its own port. */
async function pageServer(html: (self: string, path: string) => string | Promise<string>): Promise<{ url: string; close(): Promise<void> }> {
  let url = '';
  const srv = http.createServer(async (req, res) => {
    try {
      const body = await html(url, req.url ?? '/');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  url = `http://localhost:${(srv.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((r) => srv.close(() => r())) };
}

const sqlite = targets().find((t) => t.name === 'sqlite')!;

describe('embedded event card in a real browser', () => {
  let s: TestServer;
  let browser: Browser;
  let partner: { url: string; close(): Promise<void> };
  let stranger: { url: string; close(): Promise<void> };
  let consumer: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    s = await startTestServer(await sqlite.open());
    const page = (id: string | null) => (self: string) => `<!doctype html><html lang="en"><head><title>Portal</title></head><body style="margin:0">
      <h2 style="font:16px sans-serif;margin:8px">Agenda pemerintahan</h2>
      <iframe id="card" src="${s.url}/embed/events/${RAKOR}${id ? `?partner=${id}` : ''}" style="border:0;width:100%;height:420px" title="Kegiatan"></iframe>
      <p style="font:12px sans-serif;margin:8px">${self}</p></body></html>`;
    // The partner key registers the partner page's origin; the stranger's page is on another port, so another origin.
    partner = await pageServer((u) => page(keyId)(u));
    stranger = await pageServer((u) => page(keyId)(u));
    // An oEmbed consumer (as WordPress or Iframely work): the author pastes the event page's URL with the partner id;
    // the site fetches that page, follows its oEmbed discovery link with maxwidth set to the column width, and writes
    // the answer's html into its own page. `?w=` is the column width, `&scripts=no` drops the html's script tags.
    consumer = await pageServer(async (_self, reqPath) => {
      const q = new URL(reqPath, 'http://x').searchParams;
      const pasted = `${s.url}/events/${RAKOR}?partner=${consumerKey}`;
      const page = await (await fetch(pasted)).text();
      const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
      const o = await (await fetch(`${link}&maxwidth=${q.get('w')}`)).json() as { html: string };
      const html = q.get('scripts') === 'no' ? o.html.replace(/<script[\s\S]*?<\/script>/g, '') : o.html;
      return `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Blog</title></head>
        <body style="margin:0"><main style="width:${q.get('w')}px;max-width:100%">${html}</main></body></html>`;
    });
    const keyId = (await new ApiKeyService(s.db).create('Portal', ApiRole.PARTNER, [partner.url])).record.partnerId;
    const consumerKey = (await new ApiKeyService(s.db).create('Blog', ApiRole.PARTNER, [consumer.url])).record.partnerId;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await partner?.close();
    await stranger?.close();
    await consumer?.close();
    await s.close();
    await s.db.close();
    await sqlite.cleanup();
  });

  test.each([320, 1024])('the partner page shows the card at %i px', async (width) => {
    const ctx = await browser.newContext({ viewport: { width, height: 700 } });
    const page = await ctx.newPage();
    await page.goto(partner.url);
    const frame = page.frameLocator('#card');
    await expect(frame.locator('h1').innerText()).resolves.toBe('Rapat Koordinasi Pengembangan Standar Operasional Prosedur');
    const facts = await frame.locator('.facts').innerText();
    expect(facts).toContain('13–15 November 2019');
    expect(facts).toContain('198 peserta');
    expect(await frame.locator('.people').innerText()).toMatch(/Saiful Ilah[\s\S]*membuka acara/);
    // Responsive: the card never overflows the frame.
    const overflow = await frame.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(OUTPUT, `embed-card-${width}.png`), fullPage: true });
    await ctx.close();
  });

  test('a page on an unregistered origin cannot frame the card', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await ctx.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refusals.push(m.text()); });
    await page.goto(stranger.url);
    await page.waitForTimeout(500);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    // Chromium shows its own error page in place of the card.
    expect(frame.url()).not.toContain(s.url);
    expect(await frame.locator('body').innerText().catch(() => '')).not.toContain('Rapat Koordinasi');
    expect(refusals.join('\n')).toContain('frame-ancestors');
    await page.screenshot({ path: path.join(OUTPUT, 'embed-card-refused.png') });
    await ctx.close();
  });

  /** The card frame's own document height (read inside the frame) and the frame's height on the partner's page. */
  async function heights(page: import('playwright-core').Page) {
    await page.frameLocator('iframe').locator('h1').waitFor();
    const frame = page.frames().find((f) => f.url().startsWith(s.url))!;
    const content = await frame.evaluate(() => Math.ceil((globalThis as any).document.documentElement.getBoundingClientRect().height));
    const box = await page.locator('iframe').evaluate((f) => ({ height: f.clientHeight, width: f.clientWidth }));
    const overflowX = await frame.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).document.documentElement.clientWidth);
    return { content, frame: box.height, width: box.width, overflowX };
  }

  test.each([280, 320, 600])('an oEmbed consumer on another origin shows the whole card at %i px, sized by /embed.js', async (width) => {
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${consumer.url}/?w=${width}`);
    // The frame is on Warta's origin, framed by the consumer's: frame-ancestors allowed it, so the card rendered.
    expect(new URL(consumer.url).origin).not.toBe(new URL(s.url).origin);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('h1').innerText()).resolves.toBe('Rapat Koordinasi Pengembangan Standar Operasional Prosedur');
    const content = (await heights(page)).content;
    // /embed.js sets the frame to the card's height once the card reports it.
    await page.waitForFunction((h) => (globalThis as any).document.querySelector('iframe').clientHeight === h, content);
    const h = await heights(page);
    expect(h.width).toBeLessThanOrEqual(width);
    expect(h.overflowX).toBeLessThanOrEqual(0);
    expect(h.frame).toBe(h.content);
    await page.screenshot({ path: path.join(OUTPUT, `oembed-card-${width}.png`), fullPage: true });
    await ctx.close();
  });

  test.each([280, 320, 600])('without its script, the oEmbed html at %i px is still tall enough for the card', async (width) => {
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${consumer.url}/?w=${width}&scripts=no`);
    const h = await heights(page);
    expect(h.overflowX).toBeLessThanOrEqual(0);
    expect(h.frame).toBeGreaterThanOrEqual(h.content);
    await ctx.close();
  });

  test('the public event page fits a phone screen, its embed snippet wrapped', async () => {
    const ctx = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/events/${RAKOR}`);
    await expect(page.locator('pre').innerText()).resolves.toContain('/embed.js');
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(width).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(OUTPUT, 'event-page-320.png'), fullPage: true });
    await ctx.close();
  });
});
