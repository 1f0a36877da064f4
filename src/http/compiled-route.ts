/**
 * The compiled path of /graphql: a query Apollo has already validated and answered cleanly (see graphql/compiled.ts)
 * runs here through its graphql-jit compilation. It is an adapter over the request policy (pipeline/): the same steps
 * Apollo's plugin runs (limits, price, charge, execution budget, response cache, cache headers), in the same order.
 * Anything else (first sight of a document, a mutation, a persisted-query registration, a refusal, any error, an
 * unusual request) is passed on to Apollo, which stays the one place that shapes errors; the request's policy state
 * goes along, so it is charged once.
 */
import express from 'express';
import { OperationTypeNode } from 'graphql';
import { config } from '../config';
import type { Context } from '../graphql/context';
import { CompiledQueries } from '../graphql/compiled';
import { JSON_TYPE, laneState } from './graphql-lane';
import { policyOf } from './graphql-plugins';
import { PolicyStep, runPhase } from './pipeline';

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
    // CSRF is the policy's first step (pipeline/csrf.ts).
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
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(200, headers);
  res.end(body);
}

export function compiledQueryRoute(opts: {
  compiled: CompiledQueries; steps: readonly PolicyStep[]; context: (req: express.Request) => Context;
}): express.RequestHandler {
  const { compiled, steps } = opts;
  return async (req, res, next) => {
    try {
      // Tried already in the /graphql lane, which handed the request on: Apollo's turn.
      if (!config.compiledQueries || laneState(req)?.compiledTried) { next(); return; }
      const p = params(req);
      if (!p || !acceptsJson(req)) { next(); return; }
      const entry = compiled.lookup(p.query, p.hash, p.operationName);
      if (!entry) { next(); return; }

      const s = policyOf(req);
      let pending = runPhase(steps, 'request', s);
      if (pending) await pending;
      if (s.refusal) { next(); return; }
      s.setOperation(entry.document, p.operationName, p.variables, OperationTypeNode.QUERY, entry.printed);
      pending = runPhase(steps, 'operation', s);
      if (pending) await pending;
      if (s.refusal) { next(); return; } // Apollo answers the refusal in its own shape

      let json: string;
      if (s.hit !== null) json = s.hit;
      else {
        const result = await entry.compiled.query(undefined, opts.context(req), p.variables);
        if (result.errors?.length || s.exceeded) { next(); return; } // errors are shaped (and logged) by Apollo alone
        json = entry.compiled.stringify({ data: result.data });
        s.answerText = json;
      }
      s.ok = true;
      pending = runPhase(steps, 'response', s);
      if (pending) await pending;
      if (s.answerError) { next(); return; }
      // warta-execution: compiled tells clients and tests which path answered.
      const headers = s.headers;
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['warta-execution'] = 'compiled';
      send(req, res, headers, `${json}\n`);
    } catch (e) {
      // Nothing has been sent: Apollo runs the request again and reports whatever went wrong.
      if (res.headersSent) { next(e); return; }
      next();
    }
  };
}
