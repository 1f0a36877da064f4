/**
 * Partner routes: embeddable event cards and lists, the public event page, iCalendar feeds, JSON-LD and oEmbed.
 * All are GETs with ETag and Cache-Control (If-None-Match gives 304 through express). Cards may be framed only by
 * the origins the partner key (`?partner=<partner id>`) registered; every view is counted per key, event and day.
 * This file only wires the routes (in embed.ts, feeds.ts, pages.ts, oembed.ts) and answers their refusals.
 */
import express from 'express';
import { Db } from '../../db/database';
import { ApiKeyService } from '../../services/api-key.service';
import { CatalogService } from '../../services/catalog.service';
import { EmbedStatsService } from '../../services/embed-stats.service';
import { cardRoute, embedJsRoute, listRoute } from './embed';
import { feedRoute } from './feeds';
import { esc } from './formats';
import { CARD_IMAGE } from './image';
import { oembedRoute } from './oembed';
import { articleJsonLdRoute, cardImageRoute, eventFileRoute } from './pages';
import { PartnerError } from './params';
import { PartnerViews } from './views';
import type { PartnerDeps } from './deps';

/** `generation`: the data generation of the shared caches (SharedCaches.generation), which every write moves on. */
export function partnerRouter(db: Db, catalog: CatalogService, keys: ApiKeyService, stats: EmbedStatsService, generation: () => Promise<string>): express.Router {
  const d: PartnerDeps = { db, catalog, keys, stats, views: new PartnerViews(generation) };
  const r = express.Router();
  r.get('/embed/events/:slug', cardRoute(d));
  r.get('/embed/events', listRoute(d));
  r.get('/feeds/events.ics', feedRoute(d));
  r.get('/events/:file', eventFileRoute(d));
  r.get('/articles/:file', articleJsonLdRoute(d));
  r.get(CARD_IMAGE.path, cardImageRoute);
  r.get('/embed.js', embedJsRoute);
  r.get('/oembed', oembedRoute(d));

  // A refusal is never cached; browsers get a short page, everything else JSON naming the parameter.
  r.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!(err instanceof PartnerError)) { next(err); return; }
    res.set('Cache-Control', 'no-store').status(err.status);
    if (req.accepts(['html', 'json']) === 'html' && !req.path.endsWith('.ics')) res.type('html').send(`<!doctype html><html lang="id"><title>${err.status}</title><p>${esc(err.message)}</p></html>`);
    else res.json({ error: err.message, ...(err.field ? { field: err.field } : {}) });
  });
  return r;
}
