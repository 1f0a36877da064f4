/**
 * Apollo's side of /graphql: an adapter over the request policy (pipeline/) and the compiled-query registry.
 *
 * Apollo's context runs the policy's request phase (Apollo calls it before it reads the document, where its own CSRF
 * check used to run), its `didResolveOperation` the operation phase, `responseForOperation` answers a stored answer,
 * and `willSendResponse` runs the response phase and writes the policy's headers.
 */
import type http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Context } from '../graphql/context';
import type { CompiledQueries } from '../graphql/compiled';
import type { AccessRequest } from './access';
import { PolicyState, PolicyStep, runPhase } from './pipeline';

type PolicyRequest = http.IncomingMessage & Pick<AccessRequest, 'access'> & { graphqlPolicy?: PolicyState };

/** The request's policy state: made by the first adapter that meets the request, then kept on it. */
export function policyOf(req: http.IncomingMessage): PolicyState {
  const r = req as PolicyRequest;
  let s = r.graphqlPolicy;
  if (s === undefined) {
    const access = r.access;
    r.graphqlPolicy = s = new PolicyState(req.method ?? 'GET', req.headers, access?.key?.id ?? null, access?.subject);
  }
  return s;
}

/**
 * The state Apollo's context holds (the context's execution budget is the request's policy state); none for an
 * operation run without the HTTP layer (`executeOperation`), which no policy concerns.
 */
const policyIn = (ctx: Context): PolicyState | undefined => ctx.budget as PolicyState | undefined;

/**
 * For Apollo's context: the request phase. A request the compiled route tried starts over (its charge and deadline
 * stay); a refusal is thrown, and Apollo answers it as any error of context creation (status from the error).
 */
export async function apolloRequestPhase(steps: readonly PolicyStep[], req: http.IncomingMessage): Promise<void> {
  const tried = (req as PolicyRequest).graphqlPolicy;
  if (tried) tried.handOver();
  const s = tried ?? policyOf(req);
  const pending = runPhase(steps, 'request', s);
  if (pending) await pending;
  if (s.refusal) throw s.refusal;
}

/** An error as Apollo writes it when a step replaces the answer (its `http` extension is for the status alone). */
function formatted(e: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = e.extensions;
  return { message: e.message, extensions };
}

export function policyPlugin(steps: readonly PolicyStep[]): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          const s = policyIn(contextValue);
          if (!s) return;
          s.setOperation(document, request.operationName ?? null, request.variables as Record<string, unknown> | undefined, operation?.operation ?? null, null);
          const pending = runPhase(steps, 'operation', s);
          if (pending) await pending;
          if (s.refusal) throw s.refusal;
        },
        async responseForOperation({ response, contextValue }) {
          const hit = policyIn(contextValue)?.hit ?? null;
          return hit === null ? null : { http: response.http, body: { kind: 'single', singleResult: JSON.parse(hit) } };
        },
        async willSendResponse({ response, contextValue }) {
          const s = policyIn(contextValue);
          if (!s) return;
          const body = response.body;
          s.ok = body.kind !== 'single' || !body.singleResult.errors;
          s.answerValue = body.kind === 'single' ? body.singleResult : undefined;
          const pending = runPhase(steps, 'response', s);
          if (pending) await pending;
          if (s.answerError) {
            response.body = { kind: 'single', singleResult: { errors: [formatted(s.answerError)] } };
            response.http.status = (s.answerError.extensions.http as { status?: number } | undefined)?.status ?? 200;
          }
          const h = s.headers;
          for (const k in h) response.http.headers.set(k, h[k]);
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
