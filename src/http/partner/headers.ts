/** Response headers the partner routes share. */
import express from 'express';
import { config } from '../../config';
import { CARD_CSS_HASH, RESIZE_SCRIPT_HASH } from './formats';

/** Partners' pages and caches may keep every successful answer for a while (an error is no-store: router.ts). */
export function publicCache(res: express.Response): void {
  res.set('Cache-Control', `public, max-age=${config.partnerMaxAgeSeconds}`);
}

/** A card or page: only its own style and resize script run, and only the partner's registered origins may frame it. */
export function embedHeaders(res: express.Response, origins: string[]): void {
  const ancestors = origins.length ? `'self' ${origins.join(' ')}` : "'self'";
  res.set({
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; style-src ${CARD_CSS_HASH}; script-src ${RESIZE_SCRIPT_HASH}; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    Vary: 'Accept-Encoding',
  });
}
