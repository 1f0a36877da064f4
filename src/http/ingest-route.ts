/**
 * POST /ingest: editors send whole articles here (the 100 kB /graphql body limit is too small for long ones).
 * JSON `{ title, body, url?, outlet?, section?, publishedAt? }` or `text/plain` in the scraped-page or plain-text format.
 * Answers like the ingestArticle mutation; a bad article is a 400 naming the field, an oversized body a 413.
 */
import express from 'express';
import { config } from '../config';
import { IngestService } from '../ingest';
import { ParsedArticle, ParseError, parseRecord, parseText } from '../ingest/parse';

export function ingestRouter(ingest: IngestService): express.Router {
  const r = express.Router();
  r.post('/', express.json({ limit: config.ingestBodyLimit }), express.text({ type: 'text/plain', limit: config.ingestBodyLimit }), async (req, res, next) => {
    try {
      let a: ParsedArticle;
      if (typeof req.body === 'string') a = parseText(req.body, 'ingest');
      else if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
        const allowed = new Set(['title', 'body', 'url', 'outlet', 'section', 'publishedAt', 'id']);
        const unknown = Object.keys(req.body).find((k) => !allowed.has(k));
        if (unknown) { res.status(400).json({ error: `${unknown} is not an article field`, field: unknown }); return; }
        a = parseRecord(req.body, 'ingest');
      } else { res.status(415).json({ error: 'send application/json or text/plain' }); return; }
      const out = await ingest.ingest(a);
      res.status(out.status === 'new' ? 201 : 200).json({ status: out.status.toUpperCase(), articleId: out.articleId, created: out.created, linked: out.linked });
    } catch (e) {
      if (e instanceof ParseError) { res.status(400).json({ error: e.message, field: e.field ?? 'body' }); return; }
      next(e);
    }
  });
  return r;
}
