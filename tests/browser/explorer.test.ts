/**
 * The explorer in Debian's chromium (playwright-core, headless) on the demo data: every page type renders its facts,
 * a click path event → person → co-attendee, an editor confirms a mention, the language switches, no
 * Content-Security-Policy violation anywhere, and screenshots at 390 px and 1280 px go to test-output/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import { launchBrowser, OUTPUT } from '../helpers/browser';

const sqlite = targets().find((t) => t.name === 'sqlite')!;

describe('explorer in a real browser', () => {
  let s: TestServer;
  let browser: Browser;
  let editor: string;
  const cspErrors: string[] = [];
  beforeAll(async () => {
    s = await startTestServer(await sqlite.open());
    editor = (await new ApiKeyService(s.db).create('desk', ApiRole.EDITOR, [])).key;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await s.close();
    await s.db.close();
    await sqlite.cleanup();
    expect(cspErrors).toEqual([]);
  });

  async function open(hash: string, width = 1280, init?: () => void): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    if (init) await page.addInitScript(init);
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
    page.on('pageerror', (e) => { cspErrors.push(`page error: ${e.message}`); });
    await page.goto(`${s.url}/explore/${hash}`);
    await page.waitForSelector('#app[data-ready]');
    return page;
  }
  const shot = (page: Page, name: string, width: number) => page.screenshot({ path: path.join(OUTPUT, `explorer-${name}-${width}.png`), fullPage: true });

  test.each([390, 1280])('event page at %i px: dates, venue hierarchy, count, roles, coverage, embed', async (width) => {
    const page = await open('#/event/2019-rakor-pengembangan-sop', width);
    expect(await page.getByTestId('event-name').innerText()).toBe('Rapat Koordinasi Pengembangan Standar Operasional Prosedur');
    expect(await page.getByTestId('event-dates').innerText()).toBe('13–15 November 2019');
    expect(await page.getByTestId('event-count').innerText()).toBe('198');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Hotel Swiss Belinn Airport Juanda › Sidoarjo › Jawa Timur');
    expect(text).toMatch(/membuka\s+Saiful Ilah/);
    expect(text).toMatch(/narasumber\s+Sugeng Haryono/);
    expect(await page.locator('.coverage li').count()).toBe(2);
    expect(await page.locator('.coverage .m-event').count()).toBeGreaterThan(0);
    expect(text).toContain('/embed/events/2019-rakor-pengembangan-sop');
    await shot(page, 'event', width);
    await page.context().close();
  });

  test('click through: event → person → co-attendee, each operation sent as a trusted document (its hash alone)', async () => {
    const page = await open('#/event/2019-rakor-pengembangan-sop');
    const bodies: Array<Record<string, unknown>> = [];
    page.on('request', (r) => { if (r.url().endsWith('/graphql') && r.method() === 'POST') bodies.push(JSON.parse(r.postData() ?? '{}')); });
    await page.locator('.roles a', { hasText: 'Saiful Ilah' }).first().click();
    await page.waitForSelector('#app[data-ready="person"]');
    expect(await page.getByTestId('person-name').innerText()).toBe('Saiful Ilah');
    expect(await page.getByTestId('coattendees').innerText()).toMatch(/Bambang Suryanto · 4 kegiatan bersama/);
    await page.getByTestId('coattendees').getByText('Bambang Suryanto').click();
    await page.waitForFunction(() => { const w = globalThis as any; return w.location.hash === '#/person/bambang-suryanto' && w.document.querySelector('[data-testid="person-name"]')?.textContent === 'Bambang Suryanto'; });
    expect(await page.getByTestId('person-events').locator('li').count()).toBe(5);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const b of bodies) {
      expect(b.query).toBeUndefined();
      expect((b.extensions as { persistedQuery?: { sha256Hash?: string } }).persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    }
    await page.context().close();
  });

  test.each([390, 1280])('person page at %i px: positions, events with roles, quotes, the co-attendance graph', async (width) => {
    const page = await open('#/person/saiful-ilah', width);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Bupati, Pemerintah Kabupaten Sidoarjo');
    expect(await page.getByTestId('person-events').locator('li').count()).toBe(6);
    expect(text).toMatch(/Rapat Koordinasi Pengembangan Standar Operasional Prosedur · membuka/);
    expect(await page.locator('.quotes li').count()).toBe(4);
    expect(await page.locator('#network canvas').count()).toBeGreaterThan(0);
    await shot(page, 'person', width);
    await page.context().close();
  });

  test.each([390, 1280])('institution, timeline and search pages at %i px', async (width) => {
    const inst = await open('#/institution/kementerian-dalam-negeri', width);
    expect(await inst.getByTestId('institution-name').innerText()).toBe('Kementerian Dalam Negeri (Kemendagri)');
    const itext = await inst.locator('main').innerText();
    expect(itext).toMatch(/Kegiatan yang diselenggarakan \(4\)/);
    expect(itext).toContain('Pemerintah Kabupaten Sidoarjo · 3 kegiatan bersama');
    await shot(inst, 'institution', width);
    await inst.context().close();

    const tl = await open('#/timeline?kind=RAKOR&period=YEAR', width);
    expect(await tl.locator('[data-testid="chart"] rect').count()).toBe(2);
    expect(await tl.getByTestId('timeline-total').innerText()).toBe('2 kegiatan');
    await shot(tl, 'timeline', width);
    await tl.context().close();

    const sr = await open('#/search?q=kemendagri', width);
    expect(await sr.locator('.hits li').first().innerText()).toContain('Kementerian Dalam Negeri');
    expect(await sr.locator('.hits mark').count()).toBeGreaterThan(0);
    await shot(sr, 'search', width);
    await sr.context().close();
  });

  test('the timeline filters through its form', async () => {
    const page = await open('#/timeline');
    const all = await page.getByTestId('timeline-total').innerText();
    expect(all).toBe('9 kegiatan');
    await page.selectOption('select[name="kind"]', 'MUSRENBANG');
    await page.click('#timeline-filters button[type="submit"]');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('[data-testid="timeline-total"]')?.textContent === '1 kegiatan');
    await page.context().close();
  });

  test.each([390, 1280])('article page at %i px: mentions highlighted by kind and linked; an editor confirms one', async (width) => {
    const slug = (await s.gql('{ articles(first: 1, filter: { from: "2019-11-13", to: "2019-11-13" }) { edges { node { slug } } } }')).body.data.articles.edges[0].node.slug;
    const page = await open(`#/article/${slug}`, width, width === 1280 ? new Function(`sessionStorage.setItem('warta-key', ${JSON.stringify(editor)})`) as () => void : undefined);
    const body = page.getByTestId('article-body');
    expect(await body.locator('a.m-person').count()).toBeGreaterThan(0);
    expect(await body.locator('.m-institution').count()).toBeGreaterThan(0);
    expect(await body.locator('a.m-person', { hasText: 'Saiful Ilah' }).first().getAttribute('href')).toBe('#/person/saiful-ilah');
    if (width === 1280) {
      const row = page.locator('tr[data-mention]').first();
      const id = await row.getAttribute('data-mention');
      await row.locator('button.confirm').click();
      await page.waitForFunction((mid) => (globalThis as any).document.querySelector(`tr[data-mention="${mid}"] .status`)?.textContent === 'benar', id);
      // A mention's id is its natural key: "Mention:<article slug>/<entity type>/<start>-<end>".
      const [, article, type, span] = /^Mention:([a-z0-9-]+)\/([A-Z_]+)\/(\d+-\d+)$/.exec(Buffer.from(id!, 'base64url').toString())!;
      const [start, end] = span.split('-').map(Number);
      expect(article).toBe(slug);
      expect((await s.db.one<{ status: string }>('SELECT m.status FROM mention m JOIN article a ON a.id = m.article_id WHERE a.slug = ? AND m.entity_type = ? AND m.start = ? AND m."end" = ?',
        [article, type, start, end]))!.status).toBe('CONFIRMED');
    } else {
      expect(await page.locator('button.confirm').count()).toBe(0); // no key, no editor controls
    }
    await shot(page, 'article', width);
    await page.context().close();
  });

  test('English is one click away', async () => {
    const page = await open('#/event/2019-rakor-pengembangan-sop');
    await page.click('#lang');
    await page.waitForFunction(() => { const d = (globalThis as any).document; return d.documentElement.lang === 'en' && !!Array.from(d.querySelectorAll('h2') as ArrayLike<any>).find((h) => h.textContent === 'Officials by role'); });
    expect(await page.getByTestId('event-dates').innerText()).toBe('13–15 November 2019');
    await page.context().close();
  });

  test('assets are cached for a year, the page is revalidated, both under the Content-Security-Policy', async () => {
    const index = await fetch(`${s.url}/explore/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    const asset = /src="(\/explore\/assets\/[^"]+\.js)"/.exec(html)![1];
    const a = await fetch(`${s.url}${asset}`);
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
