/**
 * The shared response cache (http/response-cache.ts): a query whose every field may be shared is looked up under its
 * data generation, document, operation and variables (`Warta-Cache: HIT|MISS`), and a clean answer is stored for the
 * shortest max-age it touches. A store that is down means a miss, never an error.
 *
 * Misses are coalesced within the process: a request that misses while another one is computing the same answer (same
 * key) waits for that answer and is served it as a hit. A write makes every answer unreachable at once, and the
 * clients asking the same questions then all miss together; without this each of them would compute it again.
 */
import type { GraphQLSchema } from 'graphql';
import { config } from '../../config';
import { printedDocument } from '../../graphql/compiled';
import { cachePolicy, responseKey, SharedCaches } from '../response-cache';
import type { PolicyState } from './state';
import type { PolicyStep } from './step';

export function responseCache(schema: GraphQLSchema, caches: SharedCaches): PolicyStep {
  /** Answers being computed, by key: resolved with the answer's text, or null when it is not one to share. */
  const computing = new Map<string, Promise<string | null>>();
  const lead = (s: PolicyState, key: string): void => {
    if (s.coalescing?.key === key) return; // the same request, back through Apollo after the compiled route
    let resolve!: (answer: string | null) => void;
    const promise = new Promise<string | null>((r) => { resolve = r; });
    // Waiting requests are never held past the request timeout, even by a request whose answer never comes.
    const timer = setTimeout(() => settle(null), config.requestTimeoutMs);
    timer.unref();
    const settle = (answer: string | null) => {
      clearTimeout(timer);
      if (computing.get(key) === promise) computing.delete(key);
      resolve(answer);
    };
    computing.set(key, promise);
    s.coalescing = { key, promise, settle };
  };
  const lookup = async (s: PolicyState, maxAge: number, search: boolean): Promise<void> => {
    let generation: string;
    try { generation = await caches.generation(search); } catch { return; } // store down: answer uncached
    const key = responseKey(generation, s.printed ?? printedDocument(s.document!), s.operationName, s.variables);
    const hit = await caches.responses.get(`resp:${key}`).catch(() => undefined);
    if (hit) { s.hit = hit; s.headers['warta-cache'] = 'HIT'; return; }
    const pending = computing.get(key);
    if (pending && pending !== s.coalescing?.promise) {
      const answer = await pending;
      if (answer !== null) { s.hit = answer; s.headers['warta-cache'] = 'HIT'; return; }
      // That request's answer was not one to share (an error, a spent budget): this one computes its own.
    }
    lead(s, key);
    s.cacheKey = key;
    s.cacheMaxAge = maxAge;
    s.headers['warta-cache'] = 'MISS';
  };
  return {
    name: 'response-cache',
    operation(s) {
      if (!config.responseCacheSeconds || s.operation !== 'query') return undefined;
      const policy = cachePolicy(schema, s.document!, config.responseCacheSeconds);
      return policy ? lookup(s, policy.maxAge, policy.search) : undefined;
    },
    response(s) {
      const shareable = s.cacheKey !== null && s.ok;
      const text = shareable ? s.answerText ?? JSON.stringify(s.answerValue) : null;
      if (s.coalescing) { s.coalescing.settle(text); s.coalescing = null; }
      if (!shareable) return;
      // Not waited for: the answer goes out meanwhile (a later request on the same Redis connection sees it).
      caches.responses.set(`resp:${s.cacheKey}`, text!, { ttl: s.cacheMaxAge }).catch(() => undefined);
    },
  };
}
