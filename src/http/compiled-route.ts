/**
 * The compiled path of /graphql: a query Apollo has already validated and answered cleanly (see graphql/compiled.ts)
 * runs here through its graphql-jit compilation, with the same limits, quotas, response cache and headers as the
 * Apollo path. Anything else (first sight of a document, a mutation, a persisted-query registration, any error,
 * an unusual request) is passed on to Apollo untouched, which stays the one place that shapes errors.
 */
import express from 'express';
import { GraphQLSchema } from 'graphql';
import { config } from '../config';
import type { Context } from '../graphql/context';
import { CompiledQueries } from '../graphql/compiled';
import { operationCost } from '../graphql/cost';
import { oversizedListVariable } from '../graphql/limits';
import { cachePolicy, responseKey, SharedCaches } from './response-cache';
import { QuotaExceeded, quotaHeaders, QuotaService } from './quota';
import type { AccessRequest } from './access';
import { JSON_TYPE, laneState } from './graphql-lane';

interface GraphQLParams { query?: string; hash?: string; operationName: string | null; variables: Record<string, unknown> }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The request's parameters when it is a plain single query this path can take; null hands it to Apollo. */
function params(req: express.Request): GraphQLParams | null {
  let body: Record<string, unknown>;
  if (req.method === 'POST') {
    // From the header, not req.is: the /graphql lane calls this route with Node's own request.
    if (!isObject(req.body) || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return null;
    body = req.body;
  } else if (req.method === 'GET') {
    // Apollo's CSRF rule for GET: a preflight-forcing header, and no content type but JSON.
    const ct = req.headers['content-type'];
    if (ct && !/^application\/json\b/i.test(ct)) return null;
    if (!req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name']) return null;
    try {
      const q = req.query as Record<string, unknown>;
      body = { query: q.query, operationName: q.operationName, variables: typeof q.variables === 'string' ? JSON.parse(q.variables) : q.variables,
        extensions: typeof q.extensions === 'string' ? JSON.parse(q.extensions) : q.extensions };
    } catch { return null; }
  } else return null;
  const { query, operationName, variables, extensions } = body;
  if (query !== undefined && typeof query !== 'string') return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && !isObject(variables)) return null;
  let hash: string | undefined;
  if (extensions != null) {
    if (!isObject(extensions)) return null;
    const pq = extensions.persistedQuery;
    // A registration (query and hash together) goes to Apollo, which stores it for every process.
    if (!isObject(pq) || pq.version !== 1 || typeof pq.sha256Hash !== 'string' || query !== undefined || Object.keys(extensions).length > 1) return null;
    hash = pq.sha256Hash;
  }
  if (query === undefined && hash === undefined) return null;
  return { query, hash, operationName: (operationName as string | undefined) ?? null, variables: (variables as Record<string, unknown> | undefined) ?? {} };
}

/** Apollo's content negotiation for a single result, for the plain cases; anything else goes to Apollo. */
function acceptsJson(req: express.Request): boolean {
  const a = req.headers.accept;
  return !a || a === '*/*' || (/application\/json|\*\/\*/.test(a) && !/graphql-response\+json|multipart/.test(a));
}

/** GET answers go through express (ETag, 304); a POST answer is never revalidated, so it is written without hashing it. */
function send(req: express.Request, res: express.Response, headers: Record<string, string>, body: string): void {
  if (req.method === 'GET') { res.status(200).set(headers).send(body); return; }
  // Headers set earlier (CORS, Vary, quota) are kept: writeHead merges them with these.
  res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export function compiledQueryRoute(opts: {
  schema: GraphQLSchema; compiled: CompiledQueries; caches: SharedCaches; quota: QuotaService; context: (req: express.Request) => Context;
}): express.RequestHandler {
  const { schema, compiled, caches, quota } = opts;
  return async (req, res, next) => {
    try {
      // Tried already in the /graphql lane, which handed the request on: Apollo's turn.
      if (!config.compiledQueries || laneState(req)?.compiledTried) { next(); return; }
      const p = params(req);
      if (!p || !acceptsJson(req)) { next(); return; }
      const entry = compiled.lookup(p.query, p.hash, p.operationName);
      if (!entry) { next(); return; }
      if (oversizedListVariable(p.variables, config.maxListItems)) { next(); return; }
      const cost = operationCost(schema, entry.document, p.variables, p.operationName);
      if (cost > config.maxQueryCost) { next(); return; }

      // warta-execution: compiled tells clients and tests which path answered.
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'warta-query-cost': String(cost), 'warta-execution': 'compiled' };
      const subject = (req as AccessRequest).access?.subject;
      if (subject) {
        try {
          const st = await quota.cost(subject, cost);
          if (st) for (const [k, v] of Object.entries(quotaHeaders(st))) headers[`cost-${k.toLowerCase()}`] = v;
          // Charged once: should this request still end up on the Apollo path, the cost plugin does not charge again.
          (req as AccessRequest).access!.costCharged = { cost, headers: Object.fromEntries(Object.entries(headers).filter(([k]) => k.startsWith('cost-'))) };
        } catch (e) {
          if (e instanceof QuotaExceeded) { next(); return; } // Apollo answers the 429 in its own shape
          throw e;
        }
      }
      const ctx = opts.context(req);
      headers['cache-control'] = req.method === 'GET' ? `${ctx.auth.keyId == null ? 'public' : 'private'}, max-age=${config.partnerMaxAgeSeconds}` : 'no-store';

      // The shared response cache, keyed exactly as on the Apollo path, so either path serves the other's entries.
      const policy = config.responseCacheSeconds ? cachePolicy(schema, entry.document, config.responseCacheSeconds) : null;
      let key: string | null = null;
      if (policy) {
        try { key = responseKey(await caches.generation(), entry.printed, p.operationName, p.variables); } catch { key = null; }
        if (key) {
          const hit = await caches.responses.get(`resp:${key}`).catch(() => undefined);
          if (hit) { send(req, res, { ...headers, 'warta-cache': 'HIT' }, `${hit}\n`); return; }
          headers['warta-cache'] = 'MISS';
        }
      }

      const result = await entry.compiled.query(undefined, ctx, p.variables);
      if (result.errors?.length) { next(); return; } // errors are shaped (and logged) by Apollo alone
      const json = entry.compiled.stringify({ data: result.data });
      send(req, res, headers, `${json}\n`);
      if (key) await caches.responses.set(`resp:${key}`, json, { ttl: policy!.maxAge }).catch(() => undefined);
    } catch (e) {
      // Nothing has been sent: Apollo runs the request again and reports whatever went wrong.
      if (res.headersSent) { next(e); return; }
      res.removeHeader('warta-cache');
      next();
    }
  };
}
