/**
 * Who is asking, from where, and how often: API key (Authorization: Bearer or X-Api-Key), the anonymous switch,
 * per-key browser origins (CORS), and the request-rate quota. Runs before /graphql, exports and partner routes.
 *
 * CORS is written out here rather than left to a generic middleware because the decision needs the key, and a
 * preflight carries none: a preflight passes when some key registered the origin (or anonymous browser access
 * allows it); the real request is then refused with 403 unless its own key registered that origin.
 */
import type http from 'node:http';
import express from 'express';
import proxyaddr from 'proxy-addr';
import { config } from '../config';
import { ApiRole } from '../entities/enums';
import { ApiKeyRecord, ApiKeyService, roleAtLeast } from '../services/api-key.service';
import { QuotaExceeded, quotaHeaders, QuotaService, QuotaState, QuotaSubject } from './quota';

export interface Access { key: ApiKeyRecord | null; subject: QuotaSubject; quota: QuotaState | null }
export type AccessRequest = express.Request & { access?: Access };

/**
 * Request headers browsers may send cross-origin: Warta's own (key, conditional GET), and those mainstream GraphQL
 * clients add: Apollo Client's client awareness (`apollographql-client-name`/`-version`) and CSRF header, the Apollo
 * mobile clients' operation name and id, and the `Accept` graphql-http clients (urql, graphql-request) send.
 */
export const ALLOW_HEADERS = ['Authorization', 'X-Api-Key', 'Content-Type', 'Accept', 'If-None-Match', 'Apollo-Require-Preflight', 'X-Apollo-Operation-Name',
  'X-Apollo-Operation-Id', 'Apollographql-Client-Name', 'Apollographql-Client-Version'].join(', ');
const EXPOSE_HEADERS = 'ETag, Retry-After, RateLimit-Policy, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Warta-Query-Cost';

/** An error body in the route's own shape: GraphQL errors on /graphql, `{ error }` elsewhere. */
export function refuse(req: express.Request, res: express.Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers);
  if (req.originalUrl.startsWith('/graphql')) res.json({ errors: [{ message, extensions: { code } }] });
  else res.json({ error: message, code });
}

/** express's compiled 'trust proxy' setting (`app.get('trust proxy fn')`): which hops' forwarded headers count. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The client's address: express's req.ip, computed the same way (proxy-addr) for the /graphql lane too. */
export function clientAddress(req: http.IncomingMessage, trust: TrustProxy): string {
  return proxyaddr(req, trust);
}

/**
 * The origin the request was made to (`${req.protocol}://${req.headers.host}` in express): the socket's scheme, or
 * the first X-Forwarded-Proto when the socket's peer is a trusted proxy.
 */
export function requestOrigin(req: http.IncomingMessage, trust: TrustProxy): string {
  let proto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const forwarded = req.headers['x-forwarded-proto'];
  if (typeof forwarded === 'string' && forwarded && trust(req.socket.remoteAddress ?? '', 0)) proto = forwarded.split(',')[0].trim();
  return `${proto}://${req.headers.host}`;
}

export function presentedKey(req: http.IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x.trim() ? x.trim() : null;
}

/** What the access rules decided for a request: admitted (with the headers its answer carries), or refused. */
export type Admission =
  | { access: Access; headers: Record<string, string>; refusal?: undefined }
  | { refusal: { status: number; code: string; message: string; headers: Record<string, string> } };
export type AdmittedRequest = AccessRequest & {
  /** Decided before express saw the request (the /graphql lane, graphql-lane.ts): applied, never decided twice. */
  admission?: Admission;
};

/**
 * The access rules after CORS preflights: the key (or the anonymous switch), the role, the origin, then the request
 * quota (charged last, so a refused request costs nothing). `ip`: the client's address (clientAddress).
 */
export async function admit(req: http.IncomingMessage, ip: string | undefined, keys: ApiKeyService, quota: QuotaService,
  opts: { minRole?: ApiRole }, cors: { origin: string | null; crossOrigin: boolean }): Promise<Admission> {
  const refused = (status: number, code: string, message: string, headers: Record<string, string> = {}): Admission => ({ refusal: { status, code, message, headers } });
  const presented = presentedKey(req);
  let key: ApiKeyRecord | null = null;
  if (presented) {
    key = await keys.verify(presented);
    if (!key) return refused(401, 'UNAUTHENTICATED', 'the API key is not valid', { 'WWW-Authenticate': 'Bearer' });
  } else if (!config.anonymousAccess) {
    return refused(401, 'UNAUTHENTICATED', 'an API key is required', { 'WWW-Authenticate': 'Bearer' });
  }
  if (opts.minRole && !roleAtLeast(key?.role, opts.minRole)) {
    return refused(key ? 403 : 401, key ? 'FORBIDDEN' : 'UNAUTHENTICATED', `this needs an API key with the ${opts.minRole} role or above`);
  }

  const headers: Record<string, string> = {};
  const { origin, crossOrigin } = cors;
  if (crossOrigin) {
    // A key works from its registered origins only; anonymous browser calls from the configured ones.
    const anyAnonymousOrigin = config.anonymousCorsOrigins.includes('*');
    const allowed = key ? key.origins.includes(origin!) : anyAnonymousOrigin || config.anonymousCorsOrigins.includes(origin!);
    if (!allowed) return refused(403, 'FORBIDDEN', `origin ${origin} is not allowed${key ? ' for this API key' : ''}`);
    headers['Access-Control-Allow-Origin'] = origin!;
    headers['Access-Control-Expose-Headers'] = EXPOSE_HEADERS;
  }

  const subject: QuotaSubject = key ? { key: `k${key.id}`, anonymous: false } : { key: `a${ip ?? 'unknown'}`, anonymous: true };
  let state: QuotaState | null = null;
  try {
    state = await quota.request(subject);
  } catch (e) {
    if (e instanceof QuotaExceeded) return refused(429, 'RATE_LIMITED', e.message, quotaHeaders(e.state, e.retryAfter));
    throw e;
  }
  if (state) Object.assign(headers, quotaHeaders(state));
  return { access: { key, subject, quota: state }, headers };
}

export function accessMiddleware(keys: ApiKeyService, quota: QuotaService, opts: { minRole?: ApiRole; cors?: boolean } = {}): express.RequestHandler {
  const anyAnonymousOrigin = config.anonymousCorsOrigins.includes('*');
  return async (req: AdmittedRequest, res, next) => {
    try {
      const decided = req.admission;
      if (decided) {
        // The lane admitted this request (its headers are set) or leaves its refusal to be answered here.
        if (decided.refusal) refuse(req, res, decided.refusal.status, decided.refusal.code, decided.refusal.message, decided.refusal.headers);
        else next();
        return;
      }
      const trust = req.app.get('trust proxy fn') as TrustProxy;
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
      const crossOrigin = origin != null && origin !== requestOrigin(req, trust);
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

      const a = await admit(req, clientAddress(req, trust), keys, quota, opts, { origin, crossOrigin: crossOrigin && opts.cors !== false });
      if (a.refusal) { refuse(req, res, a.refusal.status, a.refusal.code, a.refusal.message, a.refusal.headers); return; }
      res.set(a.headers);
      req.access = a.access;
      next();
    } catch (e) {
      next(e);
    }
  };
}
