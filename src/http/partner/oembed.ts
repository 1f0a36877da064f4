/**
 * oEmbed 1.0 (https://oembed.com): JSON or XML, maxwidth/maxheight honoured down to the card's narrowest layout.
 * The partner comes from the event URL's ?partner= (as the page's discovery link writes it) or the request's own.
 */
import express from 'express';
import { config } from '../../config';
import type { PartnerDeps } from './deps';
import { EMBED_WIDTH, embedSnippet } from './embed';
import { loadEvent } from './event-view';
import { CARD_MIN_WIDTH, esc, estimateCardHeight } from './formats';
import { publicCache } from './headers';
import { baseUrl, oembedUrl, PARTNER_ID, PartnerError, pixels } from './params';

/** GET /oembed?url=<event page or card>[&format=json|xml][&maxwidth=][&maxheight=]. */
export function oembedRoute({ db, catalog, stats, views }: PartnerDeps) {
  return async (req: express.Request, res: express.Response) => {
    const { url, format, maxwidth, maxheight } = req.query;
    const fmt = format == null || format === '' ? 'json' : format;
    if (fmt !== 'json' && fmt !== 'xml') { res.status(501).json({ error: 'format must be json or xml' }); return; }
    const base = baseUrl(req);
    const target = oembedUrl(url, base);
    const e = await views.get(`event|${target.slug}`, () => loadEvent(db, catalog, target.slug), res);
    const maxW = pixels(maxwidth, 'maxwidth'), maxH = pixels(maxheight, 'maxheight');
    if (maxW != null && maxW < CARD_MIN_WIDTH) throw new PartnerError(404, `the card needs at least ${CARD_MIN_WIDTH} px; maxwidth is ${maxW}`, 'maxwidth');
    const width = Math.min(EMBED_WIDTH, maxW ?? EMBED_WIDTH);
    // Past maxheight the card scrolls inside its frame rather than being cut off.
    const height = Math.min(estimateCardHeight(e, width), maxH ?? Infinity);
    const given = target.url.searchParams.get('partner') ?? (typeof req.query.partner === 'string' ? req.query.partner : null);
    const partner = given && PARTNER_ID.test(given) ? given : null;
    stats.view(0, e.id, 'OEMBED', req.ip ?? null);
    publicCache(res);
    const body = {
      version: '1.0', type: 'rich', provider_name: 'Warta', provider_url: base, title: e.name, width, height, cache_age: config.partnerMaxAgeSeconds,
      html: embedSnippet(e, base, partner, width, height),
    };
    if (fmt === 'json') { res.json(body); return; }
    res.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>\n${Object.entries(body).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('\n')}\n</oembed>\n`);
  };
}
