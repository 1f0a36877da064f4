/**
 * The explorer at /explore: the built single-page app (dist/explorer, made by `npm run build`). Hashed assets are
 * cached for a year; the page itself is revalidated. Its Content-Security-Policy allows only its own scripts and styles.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { EXPLORER_DIR } from '../project-root';

export { EXPLORER_DIR };
export const EXPLORER_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
  + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function explorerRouter(dir = EXPLORER_DIR): express.Router {
  const r = express.Router();
  const security = (res: express.Response) => res.set({ 'Content-Security-Policy': EXPLORER_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
  r.use('/explore/assets', express.static(path.join(dir, 'assets'), {
    immutable: true, maxAge: '365d', index: false, fallthrough: false,
    setHeaders: (res) => { security(res); },
  }));
  r.get(['/explore', '/explore/'], (_req, res) => {
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index)) { res.status(503).type('text').send('The explorer is not built: run `npm run build`.'); return; }
    security(res);
    res.set('Cache-Control', 'no-cache').type('html').send(fs.readFileSync(index, 'utf8'));
  });
  r.get('/', (_req, res) => { res.redirect(302, '/explore/'); });
  return r;
}
