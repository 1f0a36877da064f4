/** Embeddable cards: one event's card, a list of events, the snippet a partner pastes, and /embed.js that sizes it. */
import express from 'express';
import type { PartnerDeps } from './deps';
import { EventView, listEvents, loadEvent } from './event-view';
import { cardHtml, EMBED_JS, esc, estimateCardHeight, listHtml } from './formats';
import { embedHeaders, publicCache } from './headers';
import { baseUrl, listFilter, listLimit, partnerOf } from './params';
import { filterKey } from './views';

/** The width a snippet and oEmbed offer when the consumer asks for no less. */
export const EMBED_WIDTH = 600;

/**
 * What a partner pastes (and oEmbed answers): the card's iframe at the card's estimated height, and /embed.js, which
 * then sizes the iframe to the card as it renders at the page's actual width.
 */
export function embedSnippet(e: EventView, base: string, partner: string | null, width: number, height = estimateCardHeight(e, Math.min(width, 320))): string {
  const src = `${base}/embed/events/${e.slug}${partner ? `?partner=${partner}` : ''}`;
  return `<iframe src="${esc(src)}" width="100%" height="${height}" style="border:0;max-width:${width}px" loading="lazy" title="${esc(e.name)}"></iframe>`
    + `<script src="${esc(base)}/embed.js" async></script>`;
}

/** GET /embed/events/:slug: the card, framed only by the partner's origins. */
export function cardRoute({ db, catalog, keys, stats, views }: PartnerDeps) {
  return async (req: express.Request<{ slug: string }>, res: express.Response) => {
    const slug = req.params.slug;
    const [p, e] = await Promise.all([partnerOf(keys, req), views.get(`event|${slug}`, () => loadEvent(db, catalog, slug), res)]);
    embedHeaders(res, p.origins);
    publicCache(res);
    stats.view(p.keyId, e.id, 'CARD', req.ip ?? null);
    const base = baseUrl(req);
    views.send(req, res, 'text/html; charset=utf-8', { key: `event|${slug}`, view: e, variant: `card|${base}` }, () => cardHtml(e, base));
  };
}

/** GET /embed/events: a filtered list of up to 20 events. */
export function listRoute({ db, catalog, keys, stats, views }: PartnerDeps) {
  return async (req: express.Request, res: express.Response) => {
    const p = await partnerOf(keys, req);
    const key = `list|${filterKey(req)}`;
    const events = await views.get(key, async () => listEvents(db, catalog, await listFilter(catalog, req), listLimit(req)), res);
    embedHeaders(res, p.origins);
    publicCache(res);
    stats.view(p.keyId, null, 'LIST', req.ip ?? null);
    const base = baseUrl(req), upcoming = req.query.when === 'upcoming';
    views.send(req, res, 'text/html; charset=utf-8', { key, view: events, variant: `${base}|${upcoming}` },
      () => listHtml(events, base, upcoming ? 'Kegiatan mendatang' : 'Kegiatan terbaru'));
  };
}

/** GET /embed.js: sizes embedded cards on the partner's page (see EMBED_JS); no data, no key, cacheable. */
export function embedJsRoute(_req: express.Request, res: express.Response): void {
  publicCache(res);
  res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'cross-origin' }).send(EMBED_JS);
}
