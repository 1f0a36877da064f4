/** Apollo plugins: query cost (limit and per-key budget) and HTTP caching of GET queries. */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { config } from '../config';
import type { Context } from '../graphql/context';
import { operationCost } from '../graphql/cost';
import { oversizedListVariable } from '../graphql/limits';
import { QuotaExceeded, quotaHeaders, QuotaService } from './quota';
import type { CompiledQueries } from '../graphql/compiled';

/**
 * Prices each operation with its variables before anything runs: over `maxQueryCost` it is refused (400); otherwise
 * the cost is taken from the caller's budget for the window (429 with Retry-After when spent).
 */
export function costPlugin(schema: GraphQLSchema, quota: QuotaService): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue, response }) {
          const long = oversizedListVariable(request.variables as Record<string, unknown> | undefined, config.maxListItems);
          if (long) throw new GraphQLError(`${long}: a list of more than ${config.maxListItems} items`, { extensions: { code: 'BAD_USER_INPUT', field: long, http: { status: 400 } } });
          let cost: number;
          try {
            cost = operationCost(schema, document, request.variables as Record<string, unknown> | undefined, request.operationName);
          } catch (e) {
            // Pricing coerces the variables first; a variable of the wrong type is the caller's mistake, as in execution.
            if (e instanceof GraphQLError) throw new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
            throw e;
          }
          response.http.headers.set('warta-query-cost', String(cost));
          if (cost > config.maxQueryCost) {
            throw new GraphQLError(`the query costs ${cost}; the limit is ${config.maxQueryCost} (lower "first" or ask for fewer fields)`, {
              extensions: { code: 'QUERY_TOO_COSTLY', cost, limit: config.maxQueryCost, http: { status: 400 } },
            });
          }
          if (!contextValue.subject) return;
          if (contextValue.costCharged) {
            for (const [k, v] of Object.entries(contextValue.costCharged.headers)) response.http.headers.set(k, v);
            return;
          }
          try {
            const st = await quota.cost(contextValue.subject, cost);
            if (st) for (const [k, v] of Object.entries(quotaHeaders(st))) response.http.headers.set(`cost-${k.toLowerCase()}`, v);
          } catch (e) {
            if (!(e instanceof QuotaExceeded)) throw e;
            throw new GraphQLError(e.message, {
              extensions: { code: 'RATE_LIMITED', cost, http: { status: 429, headers: new Map(Object.entries(quotaHeaders(e.state, e.retryAfter)).map(([k, v]) => [k.toLowerCase(), v])) } },
            });
          }
        },
      };
    },
    async serverWillStart() {
      return { async serverWillStop() { await quota.close(); } };
    },
  };
}

/** GET queries are cacheable (public without a key, private with one); everything else is not stored. */
export function cacheHeadersPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ response, contextValue }) {
          const ok = !response.body || response.body.kind !== 'single' || !response.body.singleResult.errors;
          if (request.http?.method === 'GET' && ok) {
            response.http.headers.set('cache-control', `${contextValue.auth.keyId == null ? 'public' : 'private'}, max-age=${config.partnerMaxAgeSeconds}`);
          } else {
            response.http.headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  };
}

/** A query answered cleanly by Apollo (so parsed, validated and within every limit) is handed to the compiled path. */
export function compiledRegistryPlugin(compiled: CompiledQueries): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, source, document, operation, response }) {
          // `source` is the query text, also when the request named it by its persisted-query hash.
          const text = source ?? request.query;
          if (operation?.operation !== 'query' || !document || !text) return;
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          try { compiled.register(text, document, request.operationName); } catch (e) { console.error('could not compile a query; it stays on the Apollo path:', e); }
        },
      };
    },
  };
}
