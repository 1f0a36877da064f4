/**
 * Public pages: an event's page (the card at full width with coverage, calendar and JSON-LD links, the embed snippet and
 * oEmbed discovery), its schema.org JSON-LD, an article's JSON-LD, and the image their social previews show.
 */
import express from 'express';
import { createLoaders } from '../../graphql/read/loaders';
import type { PartnerDeps } from './deps';
import { EMBED_WIDTH, embedSnippet } from './embed';
import { loadEvent } from './event-view';
import { sendEventIcs } from './feeds';
import { cardHtml, eventJsonLd, missingForSearch } from './formats';
import { embedHeaders, publicCache } from './headers';
import { cardImagePng } from './image';
import { articleFile, baseUrl, eventFile, partnerOf, PartnerError } from './params';

/** GET /events/:slug, /events/:slug.jsonld and /events/:slug.ics (feeds.ts). */
export function eventFileRoute(d: PartnerDeps) {
  const { db, catalog, keys, stats, views } = d;
  return async (req: express.Request<{ file: string }>, res: express.Response) => {
    const { slug, ext } = eventFile(req.params.file);
    const p = await partnerOf(keys, req);
    const e = await views.get(`event|${slug}`, () => loadEvent(db, catalog, slug), res);
    const base = baseUrl(req);
    publicCache(res);
    if (ext === 'ics') {
      await sendEventIcs(d, req, res, e, p.keyId, base);
    } else if (ext === 'jsonld') {
      stats.view(p.keyId, e.id, 'JSONLD', req.ip ?? null);
      const missing = missingForSearch(e);
      // Served all the same (valid schema.org); the header tells crawlers' owners why pages carry no Event for it.
      if (missing.length) res.set('Warta-Structured-Data', `incomplete; missing=${missing.join(',')}`);
      views.send(req, res, 'application/ld+json; charset=utf-8', { key: `event|${slug}`, view: e, variant: `jsonld|${base}` }, () => JSON.stringify(eventJsonLd(e, base), null, 2));
    } else {
      // Opened with ?partner=<partner id>, the page's discovery links and snippet carry that partner, so an oEmbed
      // consumer given this URL frames a card the partner's origins may show.
      const partner = p.keyId ? String(req.query.partner) : null;
      const url = `${base}/events/${e.slug}${partner ? `?partner=${partner}` : ''}`;
      const oembed = (format: string) => `${base}/oembed?url=${encodeURIComponent(url)}&format=${format}`;
      embedHeaders(res, []);
      const page = () => cardHtml(e, base, { page: true, oembedHref: oembed('json'), oembedXmlHref: oembed('xml'), embedSnippet: embedSnippet(e, base, partner ?? 'YOUR_PARTNER_ID', EMBED_WIDTH) });
      // Kept only without a partner: its id comes from the query, and each one would be a variant of its own.
      if (partner) res.send(page());
      else views.send(req, res, 'text/html; charset=utf-8', { key: `event|${slug}`, view: e, variant: `page|${base}` }, page);
    }
  };
}

/** GET /articles/:slug.jsonld: a NewsArticle about its events, mentioning its people, institutions and places. */
export function articleJsonLdRoute({ db, catalog }: PartnerDeps) {
  return async (req: express.Request<{ file: string }>, res: express.Response) => {
    const id = await catalog.idBySlug('article', articleFile(req.params.file));
    if (id == null) throw new PartnerError(404, 'no such article');
    const loaders = createLoaders(db);
    const [a, persons, insts, places, events] = await Promise.all([loaders.article.load(id), loaders.personsByArticle(null).load(id), loaders.institutionsByArticle.load(id),
      loaders.placesByArticle.load(id), loaders.eventsByArticle(null).load(id)]);
    if (!a) throw new PartnerError(404, 'no such article');
    const base = baseUrl(req);
    publicCache(res);
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
  };
}

/** GET CARD_IMAGE.path: the social-preview image of cards and pages (og:image, JSON-LD image), loadable cross-origin. */
export function cardImageRoute(_req: express.Request, res: express.Response): void {
  publicCache(res);
  res.set({ 'Content-Type': 'image/png', 'Cross-Origin-Resource-Policy': 'cross-origin' }).send(cardImagePng());
}
