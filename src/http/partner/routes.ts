/**
 * Partner routes: embeddable event cards and lists, the public event page, iCalendar feeds, JSON-LD and oEmbed.
 * All are GETs with ETag and Cache-Control (If-None-Match gives 304 through express). Cards may be framed only by
 * the origins the partner key (`?partner=<partner id>`) registered; every view is counted per key, event and day.
 */
import express from 'express';
import ical from 'ical-generator';
import { config } from '../../config';
import { Db } from '../../db/database';
import { EventKind } from '../../entities/enums';
import { createLoaders } from '../../graphql/read/loaders';
import { toEvent } from '../../graphql/read/rows';
import { ApiKeyService } from '../../services/api-key.service';
import { AmbiguousName, CatalogService, EventFilter } from '../../services/catalog.service';
import { EmbedStatsService } from '../../services/embed-stats.service';
import { idOrSlug } from '../exports';
import { isCalendarDate, ISO_DATE } from '../../text/dates';
import { EventView, eventView } from './event-view';
import { CARD_IMAGE, cardImagePng } from './image';
import { addIcsEvent, icalText, IcsRevision, CARD_CSS_HASH, CARD_MIN_WIDTH, cardHtml, EMBED_JS, esc, estimateCardHeight, eventJsonLd, listHtml, missingForSearch, RESIZE_SCRIPT_HASH } from './formats';

export class PartnerError extends Error { constructor(readonly status: number, message: string, readonly field?: string) { super(message); } }

const EMBED_WIDTH = 600;
const PARTNER_ID = /^[0-9a-f]{24}$/;

/** The right-hand side of calendar UIDs: the configured public host, or a fixed name (never the request's Host). */
export function uidDomain(): string {
  return config.publicUrl ? new URL(config.publicUrl).hostname : 'warta';
}

const PRODID = { company: 'warta', product: 'warta', language: 'ID' } as const;

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The public base URL of links, calendar UIDs, JSON-LD ids and oEmbed providers, which partners' caches keep:
 * WARTA_PUBLIC_URL; else the request's Host only when it is one of WARTA_ALLOWED_HOSTS; else the address and port
 * the request came in on. A client's Host header is never reflected into a publicly cacheable answer unchecked
 * (and a malformed one, `a b`, cannot break the URL).
 */
export function baseUrl(req: express.Request): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '');
  const host = req.headers.host ?? '';
  if (HOST.test(host) && config.allowedHosts.includes(host.toLowerCase())) return `${req.protocol}://${host.toLowerCase()}`;
  const a = req.socket.localAddress ?? '127.0.0.1';
  const addr = a.startsWith('::ffff:') ? a.slice(7) : a;
  return `${req.protocol}://${addr.includes(':') ? `[${addr}]` : addr}:${req.socket.localPort}`;
}

/**
 * What a partner pastes (and oEmbed answers): the card's iframe at the card's estimated height, and /embed.js, which
 * then sizes the iframe to the card as it renders at the page's actual width.
 */
export function embedSnippet(e: EventView, base: string, partner: string | null, width: number, height = estimateCardHeight(e, Math.min(width, 320))): string {
  const src = `${base}/embed/events/${e.slug}${partner ? `?partner=${partner}` : ''}`;
  return `<iframe src="${esc(src)}" width="100%" height="${height}" style="border:0;max-width:${width}px" loading="lazy" title="${esc(e.name)}"></iframe>`
    + `<script src="${esc(base)}/embed.js" async></script>`;
}

export function partnerRouter(db: Db, catalog: CatalogService, keys: ApiKeyService, stats: EmbedStatsService): express.Router {
  const r = express.Router();
  const cache = (res: express.Response) => res.set('Cache-Control', `public, max-age=${config.partnerMaxAgeSeconds}`);

  async function loadEvent(slug: string): Promise<EventView> {
    if (!/^[a-z0-9-]{1,200}$/.test(slug)) throw new PartnerError(404, 'no such event');
    const id = await catalog.idBySlug('event', slug);
    const loaders = createLoaders(db);
    const e = id == null ? null : await loaders.event.load(id);
    if (!e) throw new PartnerError(404, 'no such event');
    return eventView(loaders, e);
  }

  /**
   * `?partner=<partner id>`: the key whose origins may frame the card, and whose views are counted. The partner id is
   * opaque and random (ApiKeyInfo.partnerId), so key row ids cannot be walked to read every key's origins.
   */
  async function partnerOf(req: express.Request): Promise<{ keyId: number; origins: string[] }> {
    const p = req.query.partner;
    if (p == null || p === '') return { keyId: 0, origins: [] };
    if (typeof p !== 'string' || !PARTNER_ID.test(p)) throw new PartnerError(400, 'partner must be the partner id of a key (24 hex characters, ApiKeyInfo.partnerId)', 'partner');
    const k = await keys.byPartnerId(p);
    return k ? { keyId: k.id, origins: k.origins } : { keyId: 0, origins: [] };
  }

  function embedHeaders(res: express.Response, origins: string[]): void {
    const ancestors = origins.length ? `'self' ${origins.join(' ')}` : "'self'";
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src ${CARD_CSS_HASH}; script-src ${RESIZE_SCRIPT_HASH}; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      Vary: 'Accept-Encoding',
    });
  }

  /** SEQUENCE and DTSTAMP inputs of each event (see IcsRevision), in one statement. */
  async function icsRevisions(ids: number[]): Promise<Map<number, IcsRevision>> {
    const out = new Map<number, IcsRevision>();
    if (!ids.length) return out;
    const rows = await db.query<{ id: number; revision: number; modifiedAt: string | null; createdAt: unknown; reports: number; reportedAt: unknown }>(
      `SELECT e.id, e.revision, e.modified_at AS "modifiedAt", e.created_at AS "createdAt",
         (SELECT COUNT(*) FROM article_event ae WHERE ae.event_id = e.id) AS reports,
         (SELECT MAX(a.created_at) FROM article_event ae JOIN article a ON a.id = ae.article_id WHERE ae.event_id = e.id) AS "reportedAt"
       FROM event e WHERE e.id IN (${ids.map(() => '?').join(', ')})`, ids);
    // SQLite keeps timestamps as 'YYYY-MM-DD HH:MM:SS' (UTC); pg gives Dates.
    const time = (v: unknown) => (v == null ? 0 : v instanceof Date ? v.getTime() : Date.parse(`${String(v).replace(' ', 'T')}${/[zZ+]|T.*-/.test(String(v)) ? '' : 'Z'}`));
    for (const r of rows) {
      const modified = Math.max(time(r.createdAt), time(r.modifiedAt), time(r.reportedAt));
      out.set(Number(r.id), { sequence: Number(r.revision) + Math.max(0, Number(r.reports) - 1), modified: new Date(Math.floor(modified / 1000) * 1000) });
    }
    return out;
  }

  /** List and feed filters as partners type them: institution, place (id or slug), kind, from. */
  async function listFilter(req: express.Request): Promise<EventFilter> {
    const q = req.query;
    const f: EventFilter = {};
    for (const k of Object.keys(q)) if (!['institution', 'place', 'kind', 'from', 'to', 'when', 'partner', 'limit'].includes(k)) throw new PartnerError(400, `${k} is not a filter`, k);
    const lookup = idOrSlug(catalog);
    for (const k of ['institution', 'place'] as const) {
      const v = q[k];
      if (v == null || v === '') continue;
      if (typeof v !== 'string' || v.length > 200) throw new PartnerError(400, `${k} must be one id or slug`, k);
      let id: number | null;
      try { id = await lookup(k, v); } catch (e) {
        if (e instanceof AmbiguousName) throw new PartnerError(400, `more than one ${k} is called "${v}"; did you mean ${e.candidates.join(', ')}?`, k);
        throw e;
      }
      if (id == null) throw new PartnerError(400, `no ${k} with this id or slug`, k);
      f[k] = id;
    }
    if (q.kind != null && q.kind !== '') {
      if (typeof q.kind !== 'string' || !(q.kind in EventKind)) throw new PartnerError(400, `kind must be one of ${Object.keys(EventKind).join(', ')}`, 'kind');
      f.kind = q.kind as EventKind;
    }
    for (const k of ['from', 'to'] as const) {
      const v = q[k];
      if (v == null || v === '') continue;
      if (typeof v !== 'string' || !isCalendarDate(v)) throw new PartnerError(400, `${k} must be a calendar date YYYY-MM-DD`, k);
      f[k] = v;
    }
    const today = new Date().toISOString().slice(0, 10);
    if (q.when === 'upcoming') f.from = f.from ?? today;
    else if (q.when === 'recent') f.to = f.to ?? today;
    else if (q.when != null && q.when !== '') throw new PartnerError(400, 'when must be upcoming or recent', 'when');
    return f;
  }

  async function listEvents(f: EventFilter, n: number): Promise<EventView[]> {
    const page = await catalog.events(f, { first: n, after: null });
    const loaders = createLoaders(db);
    return Promise.all(page.rows.slice(0, n).map((r) => eventView(loaders, toEvent(r))));
  }

  r.get('/embed/events/:slug', async (req, res) => {
    const [p, e] = await Promise.all([partnerOf(req), loadEvent(req.params.slug)]);
    embedHeaders(res, p.origins);
    cache(res);
    stats.view(p.keyId, e.id, 'CARD', req.ip ?? null);
    res.send(cardHtml(e, baseUrl(req)));
  });

  r.get('/embed/events', async (req, res) => {
    const p = await partnerOf(req);
    const f = await listFilter(req);
    const limit = req.query.limit == null ? 10 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 20) throw new PartnerError(400, 'limit must be between 1 and 20', 'limit');
    const events = await listEvents(f, limit);
    embedHeaders(res, p.origins);
    cache(res);
    stats.view(p.keyId, null, 'LIST', req.ip ?? null);
    res.send(listHtml(events, baseUrl(req), req.query.when === 'upcoming' ? 'Kegiatan mendatang' : 'Kegiatan terbaru'));
  });

  r.get('/feeds/events.ics', async (req, res) => {
    const p = await partnerOf(req);
    const f = await listFilter(req);
    // Undated events are left out: a calendar entry needs a DTSTART.
    const events = (await listEvents(f, 100)).filter((e) => e.startDate);
    const cal = ical({ name: icalText('Warta: kegiatan pemerintahan'), prodId: PRODID });
    const base = baseUrl(req), revs = await icsRevisions(events.map((e) => e.id));
    for (const e of events) addIcsEvent(cal, e, base, uidDomain(), revs.get(e.id)!);
    cache(res);
    stats.view(p.keyId, null, 'FEED', req.ip ?? null);
    res.set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="warta-events.ics"' }).send(cal.toString());
  });

  r.get('/events/:file', async (req, res) => {
    const m = /^([a-z0-9-]{1,200})(?:\.(ics|jsonld))?$/.exec(req.params.file);
    if (!m) throw new PartnerError(404, 'no such event');
    const p = await partnerOf(req);
    const e = await loadEvent(m[1]);
    const base = baseUrl(req);
    cache(res);
    if (m[2] === 'ics') {
      // A calendar must hold a component (RFC 5545 3.6): an undated event has no entry, and says so.
      if (!e.startDate) throw new PartnerError(404, 'this event has no date yet, so it has no calendar entry; its page is /events/' + e.slug);
      const cal = ical({ name: icalText(e.name), prodId: PRODID });
      addIcsEvent(cal, e, base, uidDomain(), (await icsRevisions([e.id])).get(e.id)!);
      stats.view(p.keyId, e.id, 'EVENT_ICS', req.ip ?? null);
      res.set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${e.slug}.ics"` }).send(cal.toString());
    } else if (m[2] === 'jsonld') {
      stats.view(p.keyId, e.id, 'JSONLD', req.ip ?? null);
      const missing = missingForSearch(e);
      // Served all the same (valid schema.org); the header tells crawlers' owners why pages carry no Event for it.
      if (missing.length) res.set('Warta-Structured-Data', `incomplete; missing=${missing.join(',')}`);
      res.type('application/ld+json').send(JSON.stringify(eventJsonLd(e, base), null, 2));
    } else {
      // The public event page: the card at full width, coverage, calendar and JSON-LD links, the embed snippet, oEmbed
      // discovery. Opened with ?partner=<partner id>, its discovery links and snippet carry that partner, so an oEmbed
      // consumer given this URL frames a card the partner's origins may show.
      const partner = p.keyId ? String(req.query.partner) : null;
      const url = `${base}/events/${e.slug}${partner ? `?partner=${partner}` : ''}`;
      const oembed = (format: string) => `${base}/oembed?url=${encodeURIComponent(url)}&format=${format}`;
      embedHeaders(res, []);
      res.send(cardHtml(e, base, { page: true, oembedHref: oembed('json'), oembedXmlHref: oembed('xml'), embedSnippet: embedSnippet(e, base, partner ?? 'YOUR_PARTNER_ID', EMBED_WIDTH) }));
    }
  });

  r.get('/articles/:file', async (req, res) => {
    const m = /^([a-z0-9-]{1,200})\.jsonld$/.exec(req.params.file);
    if (!m) throw new PartnerError(404, 'no such article');
    const id = await catalog.idBySlug('article', m[1]);
    if (id == null) throw new PartnerError(404, 'no such article');
    const loaders = createLoaders(db);
    const [a, persons, insts, places, events] = await Promise.all([loaders.article.load(id), loaders.personsByArticle(null).load(id), loaders.institutionsByArticle.load(id),
      loaders.placesByArticle.load(id), loaders.eventsByArticle(null).load(id)]);
    if (!a) throw new PartnerError(404, 'no such article');
    const base = baseUrl(req);
    cache(res);
    res.type('application/ld+json').send(JSON.stringify({
      '@context': 'https://schema.org', '@type': 'NewsArticle', '@id': `${base}/articles/${a.slug}`, headline: a.title, inLanguage: a.language,
      ...(a.publishedOn ? { datePublished: a.publishedOn } : {}), ...(a.sourceUrl ? { url: a.sourceUrl } : {}),
      ...(a.outlet ? { publisher: { '@type': 'NewsMediaOrganization', name: a.outlet } } : {}),
      ...(a.section ? { articleSection: a.section } : {}),
      about: events.map((e) => ({ '@type': 'Event', '@id': `${base}/events/${e.slug}`, name: e.name, ...(e.startDate ? { startDate: e.startDate } : {}) })),
      mentions: [
        ...persons.map((p) => ({ '@type': 'Person', name: p.name })),
        ...insts.map((i) => ({ '@type': 'Organization', name: i.name })),
        ...places.map((p) => ({ '@type': 'Place', name: p.name })),
      ],
    }, null, 2));
  });

  r.get(CARD_IMAGE.path, (_req, res) => {
    cache(res);
    res.set({ 'Content-Type': 'image/png', 'Cross-Origin-Resource-Policy': 'cross-origin' }).send(cardImagePng());
  });

  /** Sizes embedded cards on the partner's page (see EMBED_JS); no data, no key, cacheable. */
  r.get('/embed.js', (_req, res) => {
    cache(res);
    res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'cross-origin' }).send(EMBED_JS);
  });

  // oEmbed 1.0 (https://oembed.com): JSON or XML, maxwidth/maxheight honoured down to the card's narrowest layout.
  // The partner comes from the event URL's ?partner= (as the page's discovery link writes it) or the request's own.
  r.get('/oembed', async (req, res) => {
    const { url, format, maxwidth, maxheight } = req.query;
    const fmt = format == null || format === '' ? 'json' : format;
    if (fmt !== 'json' && fmt !== 'xml') { res.status(501).json({ error: 'format must be json or xml' }); return; }
    if (typeof url !== 'string' || url.length > 1000) throw new PartnerError(400, 'url is required', 'url');
    let u: URL;
    try { u = new URL(url); } catch { throw new PartnerError(400, 'url is not a URL', 'url'); }
    const base = baseUrl(req);
    const m = /^\/(?:embed\/)?events\/([a-z0-9-]{1,200})$/.exec(u.pathname);
    if (u.origin !== new URL(base).origin || !m) throw new PartnerError(404, 'url is not a Warta event page', 'url');
    const e = await loadEvent(m[1]);
    const num = (v: unknown, name: string) => {
      if (v == null || v === '') return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 10000) throw new PartnerError(400, `${name} must be a positive integer`, name);
      return n;
    };
    const maxW = num(maxwidth, 'maxwidth'), maxH = num(maxheight, 'maxheight');
    if (maxW != null && maxW < CARD_MIN_WIDTH) throw new PartnerError(404, `the card needs at least ${CARD_MIN_WIDTH} px; maxwidth is ${maxW}`, 'maxwidth');
    const width = Math.min(EMBED_WIDTH, maxW ?? EMBED_WIDTH);
    // Past maxheight the card scrolls inside its frame rather than being cut off.
    const height = Math.min(estimateCardHeight(e, width), maxH ?? Infinity);
    const given = u.searchParams.get('partner') ?? (typeof req.query.partner === 'string' ? req.query.partner : null);
    const partner = given && PARTNER_ID.test(given) ? given : null;
    stats.view(0, e.id, 'OEMBED', req.ip ?? null);
    cache(res);
    const body = {
      version: '1.0', type: 'rich', provider_name: 'Warta', provider_url: base, title: e.name, width, height, cache_age: config.partnerMaxAgeSeconds,
      html: embedSnippet(e, base, partner, width, height),
    };
    if (fmt === 'json') { res.json(body); return; }
    res.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>\n${Object.entries(body).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('\n')}\n</oembed>\n`);
  });

  r.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!(err instanceof PartnerError)) { next(err); return; }
    res.set('Cache-Control', 'no-store').status(err.status);
    if (req.accepts(['html', 'json']) === 'html' && !req.path.endsWith('.ics')) res.type('html').send(`<!doctype html><html lang="id"><title>${err.status}</title><p>${esc(err.message)}</p></html>`);
    else res.json({ error: err.message, ...(err.field ? { field: err.field } : {}) });
  });
  return r;
}
