/**
 * Partner surfaces over a real HTTP server: event card, list, page, iCalendar (parsed by two independent parsers, ical.js
 * and node-ical, which must agree), JSON-LD (expanded
 * with the jsonld library), oEmbed, ETag/304 on every route, and embed view counts readable by the right keys only.
 */
import http from 'node:http';
import ICAL from 'ical.js';
import nodeIcal, { VEvent } from 'node-ical';
import jsonld from 'jsonld';
import { config } from '../../src/config';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';
import * as formats from '../../src/http/partner/formats';

const RAKOR = '2019-rakor-pengembangan-sop';
// ical.js knows RFC 5545's properties; NAME comes from RFC 7986, where it is TEXT: told here so that it unescapes it.
ICAL.design.icalendar.property.name = { defaultType: 'text' };
const SCHEMA = 'https://schema.org/';

/** The VEVENTs node-ical reads from a calendar, in the order written. */
const nodeIcalEvents = (text: string): VEvent[] => Object.values(nodeIcal.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
/** node-ical's all-day dates are local midnights flagged dateOnly: the calendar date written. */
const ymd = (d: Date & { dateOnly?: boolean }) => {
  expect(d.dateOnly).toBe(true);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const val = (v: unknown) => (v != null && typeof v === 'object' && 'val' in v ? (v as { val: unknown }).val : v);

/** schema.org's context cannot be fetched here: a local stand-in mapping every term into the schema.org vocabulary. */
const documentLoader = async (url: string) => {
  if (url.replace(/\/$/, '') === 'https://schema.org') return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': SCHEMA } } };
  throw new Error(`unexpected remote context ${url}`);
};

/**
 * Search engines' Event rules (Google's required and recommended properties), checked on the expanded JSON-LD, and the
 * properties schema.org defines for each type Warta writes (a hand list for these types: schema.org's vocabulary file
 * cannot be fetched here).
 */
const DEFINED: Record<string, string[]> = {
  Event: ['name', 'alternateName', 'description', 'url', 'image', 'inLanguage', 'startDate', 'endDate', 'eventStatus', 'eventAttendanceMode', 'location', 'organizer',
    'performer', 'attendee', 'subjectOf'],
  Place: ['name', 'address'], VirtualLocation: ['name', 'url'], PostalAddress: ['addressLocality', 'addressRegion', 'addressCountry', 'streetAddress', 'postalCode'],
  GovernmentOrganization: ['name', 'alternateName', 'url'], Organization: ['name', 'alternateName', 'url'], Person: ['name', 'jobTitle', 'affiliation'],
  NewsArticle: ['headline', 'datePublished', 'url'],
};
function* structuredDataProblems(node: Record<string, any>, known: { organizer: boolean }, path = 'Event'): Generator<string> {
  const type = (node['@type']?.[0] ?? '').replace(SCHEMA, '');
  if (!DEFINED[type]) { yield `${path}: type ${type} is not expected`; return; }
  for (const k of Object.keys(node)) {
    if (k.startsWith('@')) continue;
    const prop = k.replace(SCHEMA, '');
    if (!DEFINED[type].includes(prop)) yield `${path}.${prop} is not a property of ${type}`;
    for (const v of node[k]) if (v['@type']) yield* structuredDataProblems(v, known, `${path}.${prop}`);
  }
  if (path !== 'Event') return;
  const one = (p: string) => node[`${SCHEMA}${p}`]?.[0];
  for (const p of ['name', 'startDate', 'location']) if (!one(p)) yield `required ${p} missing`;
  // Recommended, where Warta knows it (an organiser is not invented for an event whose reports name none).
  for (const p of ['description', 'endDate', 'eventStatus', 'eventAttendanceMode', 'image', ...(known.organizer ? ['organizer'] : [])]) if (!one(p)) yield `recommended ${p} missing`;
  if (!/^\d{4}-\d{2}-\d{2}/.test(one('startDate')?.['@value'] ?? '')) yield 'startDate is not ISO 8601';
  const loc = one('location');
  if (loc && loc['@type'][0] === `${SCHEMA}Place` && !loc[`${SCHEMA}address`]) yield 'location Place has no address';
  if (one('organizer') && !node[`${SCHEMA}organizer`].every((o: any) => o[`${SCHEMA}url`])) yield 'organizer without url';
  if (!/^https?:\/\/.+\.(png|jpe?g|webp)$/.test(one('image')?.['@value'] ?? one('image')?.['@id'] ?? '')) yield 'image is not an image URL';
}

describe.each(targets())('partner routes on $name', (target) => {
  let s: TestServer;
  let partnerA: { key: string; id: number; pid: string };
  let partnerB: { key: string; id: number; pid: string };
  let admin: string;
  let reader: string;
  const dedup = config.embedViewDedupSeconds;
  beforeAll(async () => {
    // Every view counts here; the per-client de-duplication window has its own test (security/hardening.test.ts).
    config.embedViewDedupSeconds = 0;
    s = await startTestServer(await target.open());
    const keys = new ApiKeyService(s.db);
    const a = await keys.create('Portal A', ApiRole.PARTNER, ['https://portal-a.test']);
    const b = await keys.create('Portal B', ApiRole.PARTNER, ['https://portal-b.test']);
    partnerA = { key: a.key, id: a.record.id, pid: a.record.partnerId };
    partnerB = { key: b.key, id: b.record.id, pid: b.record.partnerId };
    admin = (await keys.create('admin', ApiRole.ADMIN, [])).key;
    reader = (await keys.create('reader', ApiRole.READER, [])).key;
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); config.embedViewDedupSeconds = dedup; });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${s.url}${p}`, { headers });

  test('the event card: Indonesian, self-contained, its JSON-LD inside, framable only by the partner key\'s origins', async () => {
    const res = await get(`/embed/events/${RAKOR}?partner=${partnerA.pid}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('13–15 November 2019');
    expect(html).toContain('Hotel Swiss Belinn Airport Juanda, Sidoarjo, Jawa Timur');
    expect(html).toContain('Penyelenggara: Kementerian Dalam Negeri');
    expect(html).toContain('198 peserta');
    expect(html).toMatch(/<strong>Saiful Ilah<\/strong>, Bupati[^<]*<span class="role">· membuka acara/);
    expect(html).toContain('<script type="application/ld+json">');
    // No third-party requests: nothing but the card's own links and schema.org identifiers inside the data block.
    const outside = html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
    expect(outside.match(/(?:src|href)="https?:\/\/[^"]+"/g)!.every((m) => m.includes(s.url))).toBe(true);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'self' https://portal-a.test");
    expect(csp).not.toContain('portal-b.test');
    expect(csp).toContain("default-src 'none'");
    // Without a partner id only Warta itself may frame it.
    expect((await get(`/embed/events/${RAKOR}`)).headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
  });

  test('the event list embed filters like the feeds', async () => {
    const html = await (await get('/embed/events?institution=kementerian-dalam-negeri&kind=RAKOR')).text();
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html).toContain('Rapat Koordinasi Pengendalian Inflasi Daerah');
    const bad = await get('/embed/events?kind=BOGUS', { accept: 'application/json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'kind' });
  });

  test('iCalendar: one event and a filtered feed parse, with exclusive all-day DTEND and stable UIDs', async () => {
    const one = await get(`/events/${RAKOR}.ics`);
    expect(one.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await one.text();
    expect(text).toMatch(/\r\n/);
    const cal = new ICAL.Component(ICAL.parse(text));
    const [ev] = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(ev.summary).toBe('Rapat Koordinasi Pengembangan Standar Operasional Prosedur');
    expect(ev.startDate.isDate).toBe(true);
    expect(ev.startDate.toString()).toBe('2019-11-13');
    expect(ev.endDate.toString()).toBe('2019-11-16');
    expect(ev.location).toBe('Hotel Swiss Belinn Airport Juanda, Sidoarjo, Jawa Timur');
    expect(ev.organizer).toContain('mailto:');
    expect(ev.component.getFirstProperty('organizer')!.getParameter('cn')).toBe('Kementerian Dalam Negeri');
    // node-ical, a second parser written independently, reads the same event from the same text.
    const nev = nodeIcalEvents(text);
    expect(nev).toHaveLength(1);
    expect(val(nev[0].summary)).toBe(ev.summary);
    expect(nev[0].datetype).toBe('date');
    expect([ymd(nev[0].start), ymd(nev[0].end!)]).toEqual(['2019-11-13', '2019-11-16']);
    expect(nev[0].uid).toBe(ev.uid);
    expect(val(nev[0].location)).toBe(ev.location);
    expect(nev[0].organizer).toMatchObject({ params: { CN: 'Kementerian Dalam Negeri' }, val: expect.stringContaining('mailto:') });
    expect(nev[0].sequence).toBe(Number(ev.component.getFirstPropertyValue('sequence')));
    const feed = await (await get('/feeds/events.ics?institution=kementerian-dalam-negeri&from=2019-11-01')).text();
    const events = new ICAL.Component(ICAL.parse(feed)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.toString()).sort()).toEqual(['2019-11-13', '2019-12-02', '2020-02-04']);
    const nfeed = nodeIcalEvents(feed);
    expect(nfeed.map((e) => ymd(e.start)).sort()).toEqual(['2019-11-13', '2019-12-02', '2020-02-04']);
    expect(nfeed.map((e) => [e.uid, val(e.summary)]).sort()).toEqual(events.map((e) => [e.uid, e.summary]).sort());
    // The same event has the same UID in both, and on every request, whatever Host the request came through.
    expect(events.find((e) => e.startDate.toString() === '2019-11-13')!.uid).toBe(ev.uid);
    expect(await (await get(`/events/${RAKOR}.ics`)).text()).toBe(text);
    expect(ev.uid).toBe(`event-${RAKOR}@warta`);
    const viaOtherHost = await new Promise<string>((resolve, reject) => {
      const u = new URL(s.url);
      http.get({ host: u.hostname, port: u.port, path: `/events/${RAKOR}.ics`, headers: { host: 'warta.example:8443' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c) => { body += c; }).on('end', () => resolve(body));
      }).on('error', reject);
    });
    // A Host header that is not allowed is not reflected: links keep the address the request came in on.
    expect(viaOtherHost).toContain(`URL;VALUE=URI:${s.url}/events/`);
    expect(viaOtherHost).not.toContain('warta.example');
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(viaOtherHost)).getFirstSubcomponent('vevent')!).uid).toBe(ev.uid);
  });

  test('JSON-LD of the event expands as schema.org Event with place, organiser, people and the reported count', async () => {
    const doc = await (await get(`/events/${RAKOR}.jsonld`)).json();
    const [ev] = await jsonld.expand(doc as any, { documentLoader: documentLoader as never }) as unknown as Array<Record<string, any>>;
    expect(ev['@type']).toEqual([`${SCHEMA}Event`]);
    expect(ev[`${SCHEMA}startDate`][0]['@value']).toBe('2019-11-13');
    expect(ev[`${SCHEMA}endDate`][0]['@value']).toBe('2019-11-15');
    const loc = ev[`${SCHEMA}location`][0];
    expect(loc['@type']).toEqual([`${SCHEMA}Place`]);
    expect(loc[`${SCHEMA}address`][0][`${SCHEMA}addressLocality`][0]['@value']).toBe('Sidoarjo');
    expect(ev[`${SCHEMA}organizer`][0]['@type']).toEqual([`${SCHEMA}GovernmentOrganization`]);
    expect(ev[`${SCHEMA}performer`].map((p: any) => p[`${SCHEMA}name`][0]['@value'])).toEqual(['Saiful Ilah', 'Sugeng Haryono', 'Bambang Suryanto']);
    // The reported count is in the description: schema.org defines no count property on Event (additionalProperty is not one of Event's).
    expect(ev[`${SCHEMA}additionalProperty`]).toBeUndefined();
    expect(ev[`${SCHEMA}description`][0]['@value']).toContain('198 peserta (dilaporkan)');
    expect(ev[`${SCHEMA}organizer`][0][`${SCHEMA}url`][0]['@value']).toBe(`${s.url}/explore/#/institution/kementerian-dalam-negeri`);
  });

  test('JSON-LD names attendees and performers, people and institutions, with the event\'s status and attendance mode', async () => {
    const BIMTEK = '2019-bimtek-penyusunan-sop-administrasi-pemerintahan';
    // Invented institution participants: a delegation attending, an agency speaking, a co-organiser named only as a participant.
    const inst = async (slug: string) => Number((await s.db.one<{ id: number }>('SELECT id FROM institution WHERE slug = ?', [slug]))!.id);
    const event = Number((await s.db.one<{ id: number }>('SELECT id FROM event WHERE slug = ?', [BIMTEK]))!.id);
    const kab = await inst('pemerintah-kabupaten-sidoarjo');
    const kemendagri = await inst('kementerian-dalam-negeri');
    const organizers = (await s.db.query<{ slug: string }>('SELECT i.slug FROM event_organizer eo JOIN institution i ON i.id = eo.institution_id WHERE eo.event_id = ?', [event])).map((r) => r.slug);
    const other = Number((await s.db.one<{ id: number }>(`SELECT id FROM institution WHERE slug NOT IN ('pemerintah-kabupaten-sidoarjo', 'kementerian-dalam-negeri'${organizers.map(() => ', ?').join('')}) ORDER BY slug LIMIT 1`, organizers))!.id);
    for (const [id, role] of [[kab, 'ATTENDEE'], [kemendagri, 'SPEAKER'], [other, 'ORGANIZER']] as const) {
      await s.db.query('INSERT INTO participation (event_id, person_id, institution_id, party_key, role, evidence_article_id) VALUES (?, NULL, ?, ?, ?, NULL)', [event, id, `i:${id}`, role]);
    }
    const doc = await (await get(`/events/${BIMTEK}.jsonld`)).json();
    const [ev] = await jsonld.expand(doc as any, { documentLoader: documentLoader as never }) as unknown as Array<Record<string, any>>;
    const names = (k: string) => (ev[`${SCHEMA}${k}`] ?? []).map((p: any) => [p['@type'][0].replace(SCHEMA, ''), p[`${SCHEMA}name`][0]['@value']]);
    expect(names('attendee')).toEqual([['Person', 'Bambang Suryanto'], ['GovernmentOrganization', 'Pemerintah Kabupaten Sidoarjo']]);
    expect(names('performer')).toContainEqual(['Person', 'Sugeng Haryono']);
    expect(names('performer')).toContainEqual(['GovernmentOrganization', 'Kementerian Dalam Negeri']);
    const otherName = (await s.db.one<{ name: string }>('SELECT name FROM institution WHERE id = ?', [other]))!.name;
    expect(names('organizer').map((n: string[]) => n[1])).toContain(otherName);
    const attendingOrg = ev[`${SCHEMA}attendee`].find((p: any) => p['@type'][0] !== `${SCHEMA}Person`);
    expect(attendingOrg[`${SCHEMA}url`][0]['@value']).toBe(`${s.url}/explore/#/institution/pemerintah-kabupaten-sidoarjo`);
    expect(ev[`${SCHEMA}eventStatus`][0]['@value']).toBe('https://schema.org/EventScheduled');
    expect(ev[`${SCHEMA}eventAttendanceMode`][0]['@value']).toBe('https://schema.org/OfflineEventAttendanceMode');
    // Only what schema.org defines, on every node.
    expect([...structuredDataProblems(ev, { organizer: true })]).toEqual([]);
  });

  test('every event page\'s JSON-LD meets search engines\' Event requirements, or the page carries none', async () => {
    const slugs = ((await s.gql('{ events(first: 100) { edges { node { slug startDate venue { name } city { name } organizers { name } } } } }')).body.data.events.edges as Array<{ node: any }>).map((e) => e.node);
    expect(slugs.length).toBeGreaterThan(5);
    let withData = 0;
    for (const ev of slugs) {
      const page = await (await get(`/events/${ev.slug}`)).text();
      const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
      const complete = ev.startDate != null && (ev.venue != null || ev.city != null);
      expect({ slug: ev.slug, hasJsonLd: block != null }).toEqual({ slug: ev.slug, hasJsonLd: complete });
      const jsonldRes = await get(`/events/${ev.slug}.jsonld`);
      expect({ slug: ev.slug, header: jsonldRes.headers.get('warta-structured-data') != null }).toEqual({ slug: ev.slug, header: !complete });
      if (!block) continue;
      withData++;
      const [x] = await jsonld.expand(JSON.parse(block[1]), { documentLoader: documentLoader as never }) as unknown as Array<Record<string, any>>;
      const problems = [...structuredDataProblems(x, { organizer: ev.organizers.length > 0 })];
      expect({ slug: ev.slug, problems }).toEqual({ slug: ev.slug, problems: [] });
      // Open Graph and Twitter card tags on the same page.
      for (const tag of ['og:title', 'og:description', 'og:url', 'og:image', 'og:type']) expect(page).toMatch(new RegExp(`<meta property="${tag}" content="[^"]+">`));
      for (const tag of ['twitter:card', 'twitter:title', 'twitter:image']) expect(page).toMatch(new RegExp(`<meta name="${tag}" content="[^"]+">`));
    }
    expect(withData).toBeGreaterThan(3);
    // The image they name is a real 1200x675 PNG.
    const img = await get('/brand/warta-1200x675.png');
    expect(img.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await img.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 675]);
  });

  test('JSON-LD of an article is a NewsArticle about its event and mentioning its people', async () => {
    const slug = (await s.gql('{ articles(first: 1, filter: { from: "2019-11-13", to: "2019-11-13" }) { edges { node { slug } } } }')).body.data.articles.edges[0].node.slug;
    const [a] = await jsonld.expand(await (await get(`/articles/${slug}.jsonld`)).json() as any, { documentLoader: documentLoader as never }) as unknown as Array<Record<string, any>>;
    expect(a['@type']).toEqual([`${SCHEMA}NewsArticle`]);
    expect(a[`${SCHEMA}about`][0][`${SCHEMA}name`][0]['@value']).toBe('Rapat Koordinasi Pengembangan Standar Operasional Prosedur');
    expect(a[`${SCHEMA}mentions`].map((m: any) => m[`${SCHEMA}name`][0]['@value'])).toContain('Saiful Ilah');
  });

  test('oEmbed answers rich embeds for event pages, and the page advertises it', async () => {
    const page = await (await get(`/events/${RAKOR}`)).text();
    const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
    const o = await (await get(new URL(href).pathname + new URL(href).search + "&maxwidth=320")).json() as any;
    expect(o).toMatchObject({ version: '1.0', type: 'rich', width: 320, provider_name: 'Warta', provider_url: s.url, title: 'Rapat Koordinasi Pengembangan Standar Operasional Prosedur' });
    expect(o.cache_age).toBeGreaterThan(0);
    expect(o.html).toContain(`${s.url}/embed/events/${RAKOR}`);
    expect(o.html).toContain(`<script src="${s.url}/embed.js" async></script>`);
    expect((await get(`/oembed?url=${encodeURIComponent(`${s.url}/events/${RAKOR}`)}&format=yaml`)).status).toBe(501);
    expect((await get(`/oembed?url=${encodeURIComponent(`https://elsewhere.test/events/${RAKOR}`)}`)).status).toBe(404);
  });

  test('oEmbed keeps the partner from the page URL through discovery into the framed card', async () => {
    const page = await (await get(`/events/${RAKOR}?partner=${partnerA.pid}`)).text();
    const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
    expect(new URL(new URL(href).searchParams.get('url')!).searchParams.get('partner')).toBe(partnerA.pid);
    const o = await (await get(new URL(href).pathname + new URL(href).search)).json() as any;
    const src = /<iframe src="([^"]+)"/.exec(o.html)![1].replace(/&amp;/g, '&');
    expect(src).toBe(`${s.url}/embed/events/${RAKOR}?partner=${partnerA.pid}`);
    // The framed card lets the partner's origin frame it.
    expect((await get(new URL(src).pathname + new URL(src).search)).headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://portal-a.test");
    // The snippet on the page carries the partner id too; the oEmbed request may also name the partner itself.
    expect(page).toContain(`/embed/events/${RAKOR}?partner=${partnerA.pid}`);
    const direct = await (await get(`/oembed?url=${encodeURIComponent(`${s.url}/events/${RAKOR}`)}&partner=${partnerB.pid}`)).json() as any;
    expect(direct.html).toContain(`?partner=${partnerB.pid}`);
  });

  test('oEmbed XML per spec, and maxwidth/maxheight honoured down to the stated minimum', async () => {
    const page = await (await get(`/events/${RAKOR}`)).text();
    const xmlHref = /<link rel="alternate" type="text\/xml\+oembed" href="([^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
    const res = await get(new URL(xmlHref).pathname + new URL(xmlHref).search + '&maxwidth=250&maxheight=300');
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8" standalone="yes"\?>\n<oembed>/);
    expect(xml).toContain('<type>rich</type>');
    expect(xml).toContain('<width>250</width>');
    expect(xml).toContain('<height>300</height>');
    expect(xml).toContain('<html>&lt;iframe src=');
    for (const w of [200, 240, 279]) {
      const o = await (await get(`/oembed?url=${encodeURIComponent(`${s.url}/events/${RAKOR}`)}&maxwidth=${w}`)).json() as any;
      expect(o.width).toBe(w);
      expect(o.html).toContain(`max-width:${w}px`);
    }
    const tooNarrow = await get(`/oembed?url=${encodeURIComponent(`${s.url}/events/${RAKOR}`)}&maxwidth=150`, { accept: 'application/json' });
    expect(tooNarrow.status).toBe(404);
    expect(await tooNarrow.json()).toMatchObject({ field: 'maxwidth', error: expect.stringContaining('at least 200 px') });
  });

  test('/embed.js is served for partner pages', async () => {
    const res = await get('/embed.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toContain("'warta:resize'");
  });

  test('every partner route has an ETag and Cache-Control, and If-None-Match gives 304', async () => {
    for (const p of [`/embed/events/${RAKOR}`, '/embed/events?kind=RAKOR', `/events/${RAKOR}`, `/events/${RAKOR}.ics`, `/events/${RAKOR}.jsonld`,
      '/feeds/events.ics?kind=RAKOR', `/oembed?url=${encodeURIComponent(`${s.url}/events/${RAKOR}`)}`]) {
      const first = await get(p);
      expect({ p, status: first.status }).toEqual({ p, status: 200 });
      const etag = first.headers.get('etag')!;
      expect(etag).toBeTruthy();
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      // (fetch would add "Cache-Control: no-cache" to a conditional request; a browser revalidating sends max-age=0)
      const again = await get(p, { 'if-none-match': etag, 'cache-control': 'max-age=0' });
      expect({ p, status: again.status }).toEqual({ p, status: 304 });
    }
  });

  test('GraphQL GET queries need the CSRF header and are cacheable the same way', async () => {
    const q = encodeURIComponent('{ event(slug: "2019-rakor-pengembangan-sop") { name } }');
    expect((await get(`/graphql?query=${q}`)).status).toBe(400);
    const ok = await get(`/graphql?query=${q}`, { 'apollo-require-preflight': 'true' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await get(`/graphql?query=${q}`, { 'apollo-require-preflight': 'true', 'if-none-match': ok.headers.get('etag')!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
    const m = encodeURIComponent('mutation { revokeApiKey(id: 1) }');
    expect((await get(`/graphql?query=${m}`, { 'apollo-require-preflight': 'true' })).status).toBe(405);
  });

  test('embed views are counted per key and day, and readable by that key and by admins only', async () => {
    const cardViews = async () => ((await s.gql('{ embedViews { surface views event { slug } } }', undefined, partnerA.key)).body.data.embedViews as Array<{ surface: string; views: number }>)
      .filter((v) => v.surface === 'CARD').reduce((n, v) => n + v.views, 0);
    const before = await cardViews();
    for (let i = 0; i < 3; i++) await get(`/embed/events/${RAKOR}?partner=${partnerA.pid}`);
    await get(`/embed/events/${RAKOR}?partner=${partnerB.pid}`);
    await get(`/events/${RAKOR}.ics?partner=${partnerA.pid}`);
    const q = '{ embedViews { keyId surface views event { slug } } }';
    const mine = (await s.gql(q, undefined, partnerA.key)).body.data.embedViews;
    expect(await cardViews()).toBe(before + 3);
    expect(mine).toEqual(expect.arrayContaining([{ keyId: partnerA.id, surface: 'EVENT_ICS', views: 1, event: { slug: RAKOR } }]));
    expect(mine.every((v: { keyId: number }) => v.keyId === partnerA.id)).toBe(true);
    const other = await s.gql(`{ embedViews(keyId: ${partnerB.id}) { views } }`, undefined, partnerA.key);
    expect(other.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    const all = (await s.gql(`{ embedViews(keyId: ${partnerB.id}) { keyId views } }`, undefined, admin)).body.data.embedViews;
    expect(all).toEqual([{ keyId: partnerB.id, views: 1 }]);
    // Nested: the event's own counts, per caller.
    const nested = (k: string) => s.gql(`{ event(slug: "${RAKOR}") { name embedViews { keyId surface views } } }`, undefined, k);
    const a = (await nested(partnerA.key)).body.data.event.embedViews;
    expect(a.every((v: { keyId: number }) => v.keyId === partnerA.id)).toBe(true);
    const refused = await nested(reader);
    expect(refused.body.errors![0]).toMatchObject({ path: ['event', 'embedViews'], extensions: { code: 'FORBIDDEN' } });
    // The rest of the event still comes back; only the protected field is withheld.
    expect(refused.body.data).toEqual({ event: { name: 'Rapat Koordinasi Pengembangan Standar Operasional Prosedur', embedViews: null } });
    const anon = await s.gql(`{ event(slug: "${RAKOR}") { embedViews { views } } }`);
    expect(anon.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // No personal data: the table holds counts by key, event, surface and day only.
    const cols = target.name === 'sqlite'
      ? (await s.db.query<{ name: string }>("SELECT name FROM pragma_table_info('embed_view')")).map((c) => c.name)
      : (await s.db.query<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'embed_view'")).map((c) => c.name);
    expect(cols.sort()).toEqual(['day', 'event_id', 'key_id', 'surface', 'views']);
  });

  test('roles: key management is admin-only, also through nested fields', async () => {
    expect((await s.gql('{ apiKeys { id } }', undefined, partnerA.key)).body.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await s.gql('{ apiKeys { id } }')).body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const created = await s.gql('mutation { createApiKey(name: "Portal C", role: PARTNER, origins: ["https://portal-c.test"]) { key info { id role origins } } }', undefined, admin);
    expect(created.body.data.createApiKey.info).toMatchObject({ role: 'PARTNER', origins: ['https://portal-c.test'] });
    const c = created.body.data.createApiKey;
    expect((await s.gql('{ myApiKey { id name views { views } } }', undefined, c.key)).body.data.myApiKey).toMatchObject({ id: c.info.id, name: 'Portal C', views: [] });
    const listed = (await s.gql('{ apiKeys { id prefix views { views } } }', undefined, admin)).body.data.apiKeys;
    expect(listed.map((k: { prefix: string }) => k.prefix)).toContain(c.key.slice(0, 10));
    expect(JSON.stringify(listed)).not.toContain(c.key);
    expect((await s.gql(`mutation { revokeApiKey(id: ${c.info.id}) }`, undefined, partnerA.key)).body.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await s.gql(`mutation { revokeApiKey(id: ${c.info.id}) }`, undefined, admin)).body.data.revokeApiKey).toBe(true);
    expect((await s.gql('{ myApiKey { id } }', undefined, c.key)).status).toBe(401);
    // Mutations need editor: a partner key is refused.
    const m = await s.gql('mutation { reviewMention(id: "TWVudGlvbjox", status: CONFIRMED) { id } }', undefined, partnerA.key);
    expect(m.body.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
  test('iCalendar after edits: SEQUENCE and DTSTAMP move, the calendar NAME is escaped, an undated event is a clear 404 and out of feeds', async () => {
    const editor = (await new ApiKeyService(s.db).create('editor', ApiRole.EDITOR, [])).key;
    const ev = (await s.gql('{ events(filter: { search: "Musrenbang" }, first: 1) { edges { node { id slug } } } }')).body.data.events.edges[0].node;
    const read = async () => {
      const text = await (await get(`/events/${ev.slug}.ics`)).text();
      const cal = new ICAL.Component(ICAL.parse(text));
      const v = cal.getFirstSubcomponent('vevent')!;
      const n = nodeIcalEvents(text);
      expect(n).toHaveLength(1);
      return { text, cal, v, n: n[0], nameByNodeIcal: (nodeIcal.sync.parseICS(text).vcalendar as Record<string, unknown> | undefined)?.name,
        seq: Number(v.getFirstPropertyValue('sequence')), stamp: String(v.getFirstPropertyValue('dtstamp')), modified: String(v.getFirstPropertyValue('last-modified')) };
    };
    const before = await read();
    expect(before.stamp).toBe(before.modified);
    // DTSTAMP has whole seconds: the edit must come in a later second than the event's last change to show as one.
    while (Date.now() < Date.parse(before.stamp) + 1000) await new Promise((r) => setTimeout(r, 50));
    const renamed = 'Musrenbang, Tahap II; Kecamatan \\ Kabupaten';
    const upd = await s.gql(`mutation($id: ID!, $name: String!) { updateEvent(id: $id, input: { name: $name }) { name } }`, { id: ev.id, name: renamed }, editor);
    expect(upd.body.data.updateEvent.name).toBe(renamed);
    const after = await read();
    expect(after.seq).toBe(before.seq + 1);
    expect(after.stamp).not.toBe(before.stamp);
    expect(after.stamp > before.stamp).toBe(true);
    // NAME (and X-WR-CALNAME) are TEXT: escaped on the wire, the same text once parsed.
    expect(after.text).toContain('NAME:Musrenbang\\, Tahap II\\; Kecamatan \\\\ Kabupaten\r\n');
    expect(after.cal.getFirstPropertyValue('name')).toBe(renamed);
    expect(new ICAL.Event(after.v).summary).toBe(renamed);
    // node-ical agrees: the new SEQUENCE, a later DTSTAMP, the unescaped name.
    expect(after.n.sequence).toBe(after.seq);
    expect(before.n.sequence).toBe(before.seq);
    expect(after.n.dtstamp.getTime()).toBeGreaterThan(before.n.dtstamp.getTime());
    expect(val(after.n.summary)).toBe(renamed);
    expect(after.nameByNodeIcal).toBe(renamed);

    // Undated: no calendar entry (RFC 5545 wants a component in every calendar), and said so; the feed leaves it out.
    await s.gql('mutation($id: ID!) { updateEvent(id: $id, input: { startDate: null, endDate: null }) { id } }', { id: ev.id }, editor);
    const undated = await get(`/events/${ev.slug}.ics`, { accept: 'text/calendar' });
    expect(undated.status).toBe(404);
    expect((await undated.json() as any).error).toMatch(/no date yet/);
    const feed = new ICAL.Component(ICAL.parse(await (await get('/feeds/events.ics?kind=MUSRENBANG')).text()));
    expect(feed.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')))).not.toContain(`event-${ev.slug}@warta`);
    const nfeed = nodeIcalEvents(await (await get('/feeds/events.ics?kind=MUSRENBANG')).text());
    expect(nfeed.map((v) => v.uid).sort()).toEqual(feed.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid'))).sort());
    expect(feed.getFirstPropertyValue('name')).toBe('Warta: kegiatan pemerintahan');
  });

  test('cards, lists and feeds are read once per data generation: a repeat or a concurrent fetch reads nothing, and a write is seen at once', async () => {
    const editor = (await new ApiKeyService(s.db).create('views editor', ApiRole.EDITOR, [])).key;
    const routes = [`/embed/events/${RAKOR}`, `/events/${RAKOR}.jsonld`, '/feeds/events.ics?kind=RAKOR', '/embed/events?kind=RAKOR&limit=5'];
    // A key's quota, not the anonymous one the other tests spend.
    const fetchAs = (r: string) => get(r, { authorization: `Bearer ${reader}` });
    const ev = (await s.gql(`{ event(slug: "${RAKOR}") { id name } }`, {}, reader)).body.data.event;
    /** An edit, once the search index (whose update also moves the search generation on) has taken it. */
    const edit = async (input: string, variables: Record<string, unknown> = {}) => {
      const r = await s.gql(`mutation($id: ID!${Object.keys(variables).map((k) => `, $${k}: String!`).join('')}) { updateEvent(id: $id, input: ${input}) { id } }`, { id: ev.id, ...variables }, editor);
      expect(r.body.errors).toBeUndefined();
      await s.db.searchIndexer?.caughtUp();
    };
    let statements = 0;
    s.db.onQuery = () => { statements++; };
    try {
      for (const r of routes) {
        // Ten at once after a write: one of them reads, the others are given its answer.
        await edit('{ participantCount: 40 }');
        statements = 0;
        const first = await Promise.all(Array.from({ length: 10 }, () => fetchAs(r)));
        expect(first.map((x) => x.status)).toEqual(Array(10).fill(200));
        const bodies = await Promise.all(first.map((x) => x.text()));
        expect(new Set(bodies).size).toBe(1);
        expect(first.map((x) => x.headers.get('warta-cache')).filter((c) => c === 'MISS')).toEqual(['MISS']);
        const once = statements;
        expect(once).toBeGreaterThan(0);
        const again = await fetchAs(r);
        expect(again.headers.get('warta-cache')).toBe('HIT');
        expect(await again.text()).toBe(bodies[0]);
        expect(statements).toBe(once);
      }
      // An edit is served by the next fetch of every route that shows it.
      await edit('{ name: $name }', { name: `${ev.name} (jadwal baru)` });
      const after = await Promise.all(routes.map((r) => fetchAs(r)));
      // The card and the JSON-LD share the event's view: one of them reads it.
      expect(after.map((x) => x.headers.get('warta-cache'))).toContain('MISS');
      // (iCalendar folds long lines: unfolded first.)
      for (const res of after) expect((await res.text()).replace(/\r?\n[ \t]/g, '')).toContain('jadwal baru');
      await edit('{ name: $name }', { name: ev.name });
    } finally { s.db.onQuery = null; }
  });

  test('a kept card, event page, list or JSON-LD document is rendered once per view: repeats send the same bytes, type and ETag without rendering again', async () => {
    const fetchAs = (r: string, headers: Record<string, string> = {}) => get(r, { authorization: `Bearer ${reader}`, ...headers });
    const editor = (await new ApiKeyService(s.db).create('render editor', ApiRole.EDITOR, [])).key;
    const ev = (await s.gql(`{ event(slug: "${RAKOR}") { id } }`, {}, reader)).body.data.event;
    const card = jest.spyOn(formats, 'cardHtml');
    const ld = jest.spyOn(formats, 'eventJsonLd');
    const list = jest.spyOn(formats, 'listHtml');
    try {
      for (const [route, type, spy] of [[`/embed/events/${RAKOR}`, 'text/html; charset=utf-8', card], [`/events/${RAKOR}`, 'text/html; charset=utf-8', card],
        [`/events/${RAKOR}.jsonld`, 'application/ld+json; charset=utf-8', ld], ['/embed/events?kind=RAKOR&limit=5', 'text/html; charset=utf-8', list]] as const) {
        // After a write, the first fetch renders the new view; the repeats render nothing.
        expect((await s.gql('mutation($id: ID!) { updateEvent(id: $id, input: { participantCount: 41 }) { id } }', { id: ev.id }, editor)).body.errors).toBeUndefined();
        await s.db.searchIndexer?.caughtUp();
        const before = spy.mock.calls.length;
        const first = await fetchAs(route);
        const body = await first.text();
        const rendered = spy.mock.calls.length;
        expect(rendered).toBeGreaterThan(before);
        const again = await Promise.all(Array.from({ length: 3 }, () => fetchAs(route)));
        for (const res of again) {
          expect(await res.text()).toBe(body);
          expect(res.headers.get('content-type')).toBe(type);
          expect(res.headers.get('etag')).toBe(first.headers.get('etag'));
        }
        expect(first.headers.get('content-type')).toBe(type);
        expect(spy.mock.calls.length).toBe(rendered);
        expect((await fetchAs(route, { 'if-none-match': first.headers.get('etag')!, 'cache-control': 'max-age=0' })).status).toBe(304);
      }
    } finally { card.mockRestore(); ld.mockRestore(); list.mockRestore(); }
  });

  test('places answer their bare slug or name, and a name that fits several says which', async () => {
    const uids = async (q: string) => new ICAL.Component(ICAL.parse(await (await get(`/feeds/events.ics?${q}`)).text())).getAllSubcomponents('vevent')
      .map((v) => String(v.getFirstPropertyValue('uid'))).sort();
    const full = await uids('place=sidoarjo-regency');
    expect(full.length).toBeGreaterThan(0);
    expect(await uids('place=sidoarjo')).toEqual(full);
    expect(await uids('place=Sidoarjo')).toEqual(full);
    expect((await get('/embed/events?place=sidoarjo')).status).toBe(200);
    // A second place called Malang (a regency beside the city): "malang" is ambiguous, and the answer names both.
    await s.db.query("INSERT INTO place (slug, name, name_key, kind) VALUES ('malang-regency', 'Malang', 'malang', 'REGENCY')");
    const res = await get('/feeds/events.ics?place=malang', { accept: 'application/json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'place', error: expect.stringMatching(/did you mean malang-city, malang-regency\?/) });
    expect((await get('/feeds/events.ics?place=nowhere-at-all', { accept: 'application/json' })).status).toBe(400);
  });
});
