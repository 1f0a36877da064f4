/**
 * Who is asking, from where, and how often: API key (Authorization: Bearer or X-Api-Key), the anonymous switch,
 * per-key browser origins (CORS), and the request-rate quota. Runs before /graphql, exports and partner routes.
 *
 * CORS is written out here rather than left to a generic middleware because the decision needs the key, and a
 * preflight carries none: a preflight passes when some key registered the origin (or anonymous browser access
 * allows it); the real request is then refused with 403 unless its own key registered that origin.
 */
import express from 'express';
import { config } from '../config';
import { ApiRole } from '../entities/enums';
import { ApiKeyRecord, ApiKeyService, roleAtLeast } from '../services/api-key.service';
import { QuotaExceeded, quotaHeaders, QuotaService, QuotaState, QuotaSubject } from './quota';

export interface Access {
  key: ApiKeyRecord | null; subject: QuotaSubject; quota: QuotaState | null;
  /** Set when the compiled path already took this request's query cost from the budget (with the headers it got). */
  costCharged?: { cost: number; headers: Record<string, string> };
}
export type AccessRequest = express.Request & { access?: Access };

const ALLOW_HEADERS = 'Authorization, X-Api-Key, Content-Type, Apollo-Require-Preflight, X-Apollo-Operation-Name, If-None-Match';
const EXPOSE_HEADERS = 'ETag, Retry-After, RateLimit-Policy, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Warta-Query-Cost';

/** An error body in the route's own shape: GraphQL errors on /graphql, `{ error }` elsewhere. */
export function refuse(req: express.Request, res: express.Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers);
  if (req.originalUrl.startsWith('/graphql')) res.json({ errors: [{ message, extensions: { code } }] });
  else res.json({ error: message, code });
}

function ownOrigin(req: express.Request): string { return `${req.protocol}://${req.headers.host}`; }

export function presentedKey(req: express.Request): string | null {
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x.trim() ? x.trim() : null;
}

export function accessMiddleware(keys: ApiKeyService, quota: QuotaService, opts: { minRole?: ApiRole; cors?: boolean } = {}): express.RequestHandler {
  const anyAnonymousOrigin = config.anonymousCorsOrigins.includes('*');
  return async (req: AccessRequest, res, next) => {
    try {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
      const crossOrigin = origin != null && origin !== ownOrigin(req);
      if (crossOrigin && opts.cors !== false) res.vary('Origin');

      if (req.method === 'OPTIONS') {
        if (!crossOrigin || opts.cors === false) { res.status(204).end(); return; }
        const ok = anyAnonymousOrigin || config.anonymousCorsOrigins.includes(origin!) || await keys.originRegistered(origin!);
        if (!ok) { res.status(403).end(); return; }
        res.status(204).set({
          'Access-Control-Allow-Origin': origin!, 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': ALLOW_HEADERS, 'Access-Control-Max-Age': '600',
        }).end();
        return;
      }

      const presented = presentedKey(req);
      let key: ApiKeyRecord | null = null;
      if (presented) {
        key = await keys.verify(presented);
        if (!key) { refuse(req, res, 401, 'UNAUTHENTICATED', 'the API key is not valid', { 'WWW-Authenticate': 'Bearer' }); return; }
      } else if (!config.anonymousAccess) {
        refuse(req, res, 401, 'UNAUTHENTICATED', 'an API key is required', { 'WWW-Authenticate': 'Bearer' });
        return;
      }
      if (opts.minRole && !roleAtLeast(key?.role, opts.minRole)) {
        refuse(req, res, key ? 403 : 401, key ? 'FORBIDDEN' : 'UNAUTHENTICATED', `this needs an API key with the ${opts.minRole} role or above`);
        return;
      }

      if (crossOrigin && opts.cors !== false) {
        // A key works from its registered origins only; anonymous browser calls from the configured ones.
        const allowed = key ? key.origins.includes(origin!) : anyAnonymousOrigin || config.anonymousCorsOrigins.includes(origin!);
        if (!allowed) { refuse(req, res, 403, 'FORBIDDEN', `origin ${origin} is not allowed${key ? ' for this API key' : ''}`); return; }
        res.set({ 'Access-Control-Allow-Origin': origin!, 'Access-Control-Expose-Headers': EXPOSE_HEADERS });
      }

      const subject: QuotaSubject = key ? { key: `k${key.id}`, anonymous: false } : { key: `a${req.ip ?? 'unknown'}`, anonymous: true };
      let state: QuotaState | null = null;
      try {
        state = await quota.request(subject);
      } catch (e) {
        if (e instanceof QuotaExceeded) { refuse(req, res, 429, 'RATE_LIMITED', e.message, quotaHeaders(e.state, e.retryAfter)); return; }
        throw e;
      }
      if (state) res.set(quotaHeaders(state));
      req.access = { key, subject, quota: state };
      next();
    } catch (e) {
      next(e);
    }
  };
}
