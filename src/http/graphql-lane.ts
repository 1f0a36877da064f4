/**
 * The /graphql lane: `POST /graphql` with a JSON body is taken before express sees it.
 *
 * Why: express wraps each request and response by swapping their prototypes, which leaves V8's inline caches in
 * Node's HTTP code megamorphic. In one process, side by side, the reference handler answered about 1,180 requests/s
 * plain and about 1,010 behind express's request and response prototypes alone: about 0.1–0.15 ms of a 1.5 ms
 * nested query (body parsing, called directly, cost nothing measurable).
 *
 * The lane runs the steps of the express chain for /graphql, with the same functions: the access decision (`admit`),
 * the JSON body parser (body-parser, as express.json), the compiled route. A request it does not answer goes on into
 * express where it left off: the decision and the parsed body stay on the request (express's access middleware
 * applies the decision, body-parser skips a body already read), an error (an unreadable body, a failing key store)
 * goes to express's error handler, and the compiled route is not tried twice. Refusals (401, 403, 429) are answered
 * by express, in its shape.
 */
import http from 'node:http';
import express from 'express';
import { config } from '../config';
import { admit, AdmittedRequest, clientAddress, requestOrigin, TrustProxy } from './access';
import type { ApiKeyService } from '../services/api-key.service';
import type { QuotaService } from './quota';
import { draining } from './draining';

interface LaneState { error?: unknown; compiledTried?: boolean; handedOn?: boolean }
/** Requests the lane took, and those it answered itself (the rest went on into express). */
export interface LaneStats { taken: number; answered: number }
export type GraphqlLane = http.RequestListener & { stats: LaneStats };
type LaneRequest = http.IncomingMessage & AdmittedRequest & { lane?: LaneState };

/** The lane's state of a request express goes on with (undefined: the lane never took it). */
export function laneState(req: express.Request): LaneState | undefined { return (req as LaneRequest).lane; }

/** A JSON media type, its parameters aside (as express.json's type test takes it). */
export const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** Only the plain case: anything else (other paths, methods and content types, a draining server) is express's. */
function eligible(req: http.IncomingMessage): boolean {
  return req.method === 'POST' && req.url === '/graphql' && !draining.on && JSON_TYPE.test(req.headers['content-type'] ?? '')
    && config.compiledQueries > 0;
}

export function graphqlLane(app: express.Express, steps: {
  keys: ApiKeyService; quota: QuotaService;
  /** express.json for /graphql (the same instance the express chain uses). */
  json: express.RequestHandler;
  compiled: express.RequestHandler;
}): GraphqlLane {
  const stats: LaneStats = { taken: 0, answered: 0 };
  // The app's own 'trust proxy' function: the lane reads addresses and origins as express's access middleware does.
  const trust = app.get('trust proxy fn') as TrustProxy;
  const onward = (req: LaneRequest, res: http.ServerResponse, error?: unknown) => {
    req.lane!.handedOn = true;
    if (error !== undefined) req.lane!.error = error;
    app(req, res);
  };
  const take = async (req: LaneRequest, res: http.ServerResponse) => {
    req.lane = {};
    try {
      // As accessMiddleware: a browser's cross-origin call varies by Origin, whatever the decision.
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
      const crossOrigin = origin != null && origin !== requestOrigin(req, trust);
      if (crossOrigin) res.setHeader('Vary', 'Origin');
      const a = await admit(req, clientAddress(req, trust), steps.keys, steps.quota, {}, { origin, crossOrigin });
      req.admission = a;
      if (a.refusal) { onward(req, res); return; }
      for (const [k, v] of Object.entries(a.headers)) res.setHeader(k, v);
      req.access = a.access;
    } catch (e) {
      // A failing key or quota store: reported by express's error handler, as on the express path.
      onward(req, res, e);
      return;
    }
    const asExpress = req as unknown as express.Request, resExpress = res as unknown as express.Response;
    steps.json(asExpress, resExpress, async (bodyError?: unknown) => {
      if (bodyError !== undefined) { onward(req, res, bodyError); return; }
      try {
        await steps.compiled(asExpress, resExpress, (e?: unknown) => { req.lane!.compiledTried = true; onward(req, res, e); });
        if (!req.lane!.handedOn) stats.answered++;
      } catch (e) {
        // The route catches its own failures; should one escape, express's error handler has the last word.
        if (!req.lane!.handedOn) onward(req, res, e);
      }
    });
  };
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (eligible(req)) { stats.taken++; void take(req as LaneRequest, res); } else app(req, res);
  };
  return Object.assign(listener, { stats });
}
