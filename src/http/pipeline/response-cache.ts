/**
 * The shared response cache (http/response-cache.ts): a query whose every field may be shared is looked up under its
 * data generation, document, operation and variables (`Warta-Cache: HIT|MISS`), and a clean answer is stored for the
 * shortest max-age it touches. A store that is down means a miss, never an error.
 */
import type { GraphQLSchema } from 'graphql';
import { config } from '../../config';
import { printedDocument } from '../../graphql/compiled';
import { cachePolicy, responseKey, SharedCaches } from '../response-cache';
import type { PolicyState } from './state';
import type { PolicyStep } from './step';

export function responseCache(schema: GraphQLSchema, caches: SharedCaches): PolicyStep {
  const lookup = async (s: PolicyState, maxAge: number): Promise<void> => {
    let generation: string;
    try { generation = await caches.generation(); } catch { return; } // store down: answer uncached
    const key = responseKey(generation, s.printed ?? printedDocument(s.document!), s.operationName, s.variables);
    const hit = await caches.responses.get(`resp:${key}`).catch(() => undefined);
    if (hit) { s.hit = hit; s.headers['warta-cache'] = 'HIT'; return; }
    s.cacheKey = key;
    s.cacheMaxAge = maxAge;
    s.headers['warta-cache'] = 'MISS';
  };
  return {
    name: 'response-cache',
    operation(s) {
      if (!config.responseCacheSeconds || s.operation !== 'query') return undefined;
      const policy = cachePolicy(schema, s.document!, config.responseCacheSeconds);
      return policy ? lookup(s, policy.maxAge) : undefined;
    },
    response(s) {
      if (!s.cacheKey || !s.ok) return;
      const text = s.answerText ?? JSON.stringify(s.answerValue);
      // Not waited for: the answer goes out meanwhile (a later request on the same Redis connection sees it).
      caches.responses.set(`resp:${s.cacheKey}`, text, { ttl: s.cacheMaxAge }).catch(() => undefined);
    },
  };
}
