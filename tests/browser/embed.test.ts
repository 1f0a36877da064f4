/**
 * A partner page on a second local origin embeds the event card in an iframe: the card renders its facts at 320 px and
 * 1024 px; a page on an unregistered origin cannot frame it (CSP frame-ancestors). Screenshots go to test-output/.
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
async function pageServer(html: (self: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  let url = '';
  const srv = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html(url)); });
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
  beforeAll(async () => {
    s = await startTestServer(await sqlite.open());
    const page = (id: string | null) => (self: string) => `<!doctype html><html lang="en"><head><title>Portal</title></head><body style="margin:0">
      <h2 style="font:16px sans-serif;margin:8px">Agenda pemerintahan</h2>
      <iframe id="card" src="${s.url}/embed/events/${RAKOR}${id ? `?partner=${id}` : ''}" style="border:0;width:100%;height:420px" title="Kegiatan"></iframe>
      <p style="font:12px sans-serif;margin:8px">${self}</p></body></html>`;
    // The partner key registers the partner page's origin; the stranger's page is on another port, so another origin.
    partner = await pageServer((u) => page(keyId)(u));
    stranger = await pageServer((u) => page(keyId)(u));
    const keyId = (await new ApiKeyService(s.db).create('Portal', ApiRole.PARTNER, [partner.url])).record.partnerId;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await partner?.close();
    await stranger?.close();
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
});
