/**
 * The express app: /graphql (Apollo Server 5), the explorer, partner routes, exports, the editors' ingest route,
 * health and readiness. Every limit comes from config.
 */
import crypto from 'node:crypto';
import express from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { config } from '../config';
import { Db } from '../db/database';
import { ApiRole } from '../entities/enums';
import { IngestService } from '../ingest';
import { createLoaders } from '../graphql/read/loaders';
import { buildWartaSchema } from '../graphql/schema';
import type { Context, Services } from '../graphql/context';
import { aliasLimit, depthLimit, directiveLimit, listArgumentLimit, noSubscriptions } from '../graphql/limits';
import { AnalyticsService } from '../services/analytics.service';
import { ApiKeyService } from '../services/api-key.service';
import { CatalogService } from '../services/catalog.service';
import { EditorService } from '../services/editor.service';
import { InputError } from '../services/errors';
import { EmbedStatsService } from '../services/embed-stats.service';
import { SearchService } from '../search/search.service';
import { AccessRequest, accessMiddleware } from './access';
import { draining } from './draining';
import { GraphqlLane, graphqlLane, laneState } from './graphql-lane';
import { explorerRouter } from './explorer';
import { exportsRouter } from './exports';
import { apolloRequestPhase, compiledRegistryPlugin, policyOf, policyPlugin } from './graphql-plugins';
import { graphqlPolicy, PolicyStep } from './pipeline';
import { compiledQueryRoute } from './compiled-route';
import { CompiledQueries } from '../graphql/compiled';
import { loadTrustedDocuments, TrustedFirstCache } from '../graphql/trusted-documents';
import { ingestRouter } from './ingest-route';
import { partnerRouter } from './partner/router';
import { QuotaService } from './quota';
import { SharedCaches } from './response-cache';

const EXPECTED_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_HASH_MISMATCH', 'OPERATION_RESOLUTION_FAILURE', 'QUERY_TOO_COSTLY', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'ROW_BUDGET_EXCEEDED', 'DEADLINE_EXCEEDED']);

/** Connection-level database failures (server down, restarting, unreachable), as opposed to a bad statement. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; driverError?: { code?: string } } | null;
  const code = err?.code ?? err?.driverError?.code;
  if (code && /^(57P0[123]|08\d{3}|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/.test(code)) return true;
  return /ECONNREFUSED|Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is|terminating connection|Client has encountered a connection error/i.test(err?.message ?? '');
}

/** Apollo Server's message for a persisted query whose hash does not match its text (requestPipeline). */
const PERSISTED_QUERY_HASH_MISMATCH_MESSAGE = 'provided sha does not match query';

/** Client mistakes keep their message and name the field; anything unexpected becomes a generic error with a request id. */
/** " Did you mean …?" names schema members; without suggestions (production) it is cut from every message. */
const SUGGESTION = / ?Did you mean [^]*$/;

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Apollo hides validation suggestions itself; variable coercion errors (also raised while pricing) keep theirs.
  if (!config.fieldSuggestions && SUGGESTION.test(formatted.message)) formatted = { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
  const original = (error as GraphQLError)?.originalError ?? error;
  const code = formatted.extensions?.code as string | undefined;
  if (original instanceof InputError) {
    return { message: `${original.field}: ${original.message}`, path: formatted.path, extensions: { code: original.code, field: original.field } };
  }
  const validation = (original as { extensions?: { validationErrors?: Array<{ property: string; constraints?: Record<string, string>; children?: unknown[] }> } })?.extensions?.validationErrors;
  if (validation?.length) {
    const first = validation[0];
    const msg = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    return { message: `${first.property}: ${msg}`, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field: first.property, validationErrors: validation.map((v) => ({ field: v.property, constraints: v.constraints })) } };
  }
  if (code && EXPECTED_CODES.has(code)) return formatted;
  // Apollo answers a persisted query whose text does not hash to the given sha256Hash with a 400 but no code; it is
  // the client's mistake (a stale hash, a bundler changing the text), so it gets a name and stays out of the error log.
  if ((!code || code === 'INTERNAL_SERVER_ERROR') && formatted.message === PERSISTED_QUERY_HASH_MISMATCH_MESSAGE) {
    return { message: 'the persisted query\'s sha256Hash does not match its query text', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } };
  }
  const requestId = crypto.randomUUID();
  if (isDatabaseUnavailable(original)) {
    console.error(`[${requestId}] database unavailable:`, (original as Error)?.message);
    return { message: 'The database is unavailable; try again shortly', path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE', requestId } };
  }
  console.error(`[${requestId}]`, original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}

export { draining } from './draining';

export interface AppHandle {
  app: express.Express;
  /** The server's request listener: the /graphql lane in front of the express app (graphql-lane.ts). */
  listener: GraphqlLane;
  services: Services; apollo: ApolloServer<Context>; quota: QuotaService; keys: ApiKeyService; caches: SharedCaches; compiled: CompiledQueries;
  /** The /graphql policy's steps, in order (pipeline/), which every entry runs. */
  policy: readonly PolicyStep[] }

export interface AppOptions {
  /** Changes the /graphql policy's steps (tests add a probe step to show every entry runs it). */
  policy?: (steps: PolicyStep[]) => PolicyStep[];
}

export async function createApp(db: Db, ingest?: IngestService, opts: AppOptions = {}): Promise<AppHandle> {
  const app = express();
  app.disable('x-powered-by');
  // First, so that a bad value stops the start before anything runs; the lane reads the compiled function once.
  try { app.set('trust proxy', config.trustProxy); } catch (e) { throw new Error(`WARTA_TRUST_PROXY: ${(e as Error).message}`); }
  const schema = await buildWartaSchema();
  const services: Services = { db, catalog: new CatalogService(db), editor: new EditorService(db), ingest: ingest ?? await IngestService.create(db), analytics: new AnalyticsService(db), search: new SearchService(db),
    embedStats: new EmbedStatsService(db), keys: new ApiKeyService(db) };
  const keys = services.keys;
  const quota = new QuotaService();
  const caches = new SharedCaches();
  const compiled = new CompiledQueries(schema, config.compiledQueries);
  // Every write makes earlier cached responses unreachable (here at once, in other processes through Redis).
  services.ingest.onChange = () => caches.bump();
  services.editor.onChange = () => caches.bump();
  // SQLite indexes searches just after the commit: search answers cached in between (here, or in another process)
  // go too, and only those (the search generation).
  if (db.searchIndexer) db.searchIndexer.onIndexed = () => caches.bumpSearch();
  // The request policy of /graphql (limits, price, charge, execution budget, response cache, cache headers), which
  // Apollo's plugin and the compiled route both run.
  const standard = graphqlPolicy({ schema, quota, caches });
  const policy: readonly PolicyStep[] = opts.policy ? opts.policy(standard) : standard;
  // Apollo's automatic cache-control plugin wraps every field resolver; Warta sets cache headers itself (the policy).
  const plugins: ApolloServerPlugin<Context>[] = [ApolloServerPluginCacheControlDisabled(), policyPlugin(policy), compiledRegistryPlugin(compiled),
    { async serverWillStart() { return { async serverWillStop() { await services.embedStats.close(); await quota.close(); await caches.close(); } }; } }];
  if (!config.introspection) plugins.push(ApolloServerPluginLandingPageDisabled());
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    // CSRF prevention is the policy's first step (pipeline/csrf.ts, Apollo's rule), run from the context below: Apollo
    // creates the context where its own check would run, before it reads the document.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    // Warta's own SIGTERM handler drains HTTP first, then stops Apollo (Apollo's would stop it under live requests).
    stopOnTerminationSignals: false,
    // Persisted queries and the document cache share the response cache's store (Redis when configured).
    cache: caches.store,
    persistedQueries: { cache: new TrustedFirstCache(loadTrustedDocuments(), caches.store) },
    includeStacktraceInErrorResponses: config.stackTraces,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    parseOptions: { maxTokens: config.maxTokens },
    maxRecursiveSelections: config.maxRecursiveSelections,
    validationRules: [noSubscriptions, depthLimit(config.maxDepth), aliasLimit(config.maxAliases), directiveLimit(config.maxDirectives), listArgumentLimit(config.maxListItems)],
    formatError,
    plugins,
  });
  await apollo.start();

  // While stopping, keep-alive clients are told to reconnect elsewhere after their current request.
  app.use((_req, res, next) => { if (draining.on) res.setHeader('Connection', 'close'); next(); });
  app.set('etag', 'strong');
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', async (_req, res) => {
    let reason: string | null;
    try { reason = await db.readiness(); } catch { reason = 'database unreachable'; }
    if (reason) res.status(503).json({ status: 'unavailable', reason }); else res.json({ status: 'ready' });
  });
  // /graphql comes first: express tries every earlier route's path on each request, and this is the busiest route.
  const context = (req: express.Request): Context => {
    const access = (req as AccessRequest).access;
    const auth: Context['auth'] = access?.key ? { role: access.key.role, keyId: access.key.id } : { role: null, keyId: null };
    // The request's policy state is its execution budget too: its loaders, resolvers and reads check it.
    const budget = policyOf(req);
    return { ...services, loaders: createLoaders(db, services.analytics, budget), auth, subject: access?.subject, requestId: crypto.randomUUID(), budget };
  };
  const json = express.json({ limit: config.graphqlBodyLimit });
  const compiledRoute = compiledQueryRoute({ compiled, steps: policy, context });
  // What failed in the lane (a body it could not read, a failing key store) is answered here, in express's shape.
  const laneErrors: express.RequestHandler = (req, _res, next) => {
    const lane = laneState(req);
    if (lane?.error === undefined) { next(); return; }
    const e = lane.error;
    lane.error = undefined;
    next(e);
  };
  // The lane (graphql-lane.ts) runs this chain's first steps itself for JSON POSTs, ahead of every app.use above and
  // below: a step added to /graphql (or to the whole app, for /graphql too) must be added to the lane as well.
  app.use('/graphql', laneErrors, accessMiddleware(keys, quota), json, compiledRoute, expressMiddleware(apollo, { context: async ({ req }) => { await apolloRequestPhase(policy, req); return context(req); } }));
  app.use(explorerRouter());
  app.use(['/embed', '/feeds', '/events', '/articles', '/oembed'], accessMiddleware(keys, quota));
  app.use(partnerRouter(db, services.catalog, keys, services.embedStats, () => caches.generation()));
  app.use('/exports', accessMiddleware(keys, quota, { minRole: ApiRole.ANALYST }));
  app.use('/ingest', accessMiddleware(keys, quota, { minRole: ApiRole.EDITOR }), ingestRouter(services.ingest));
  app.use(exportsRouter(db, services.catalog));
  // Anything unexpected outside GraphQL: a generic JSON answer with a request id; the log has the original.
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) { res.status(status).json({ error: (err as Error).message }); return; }
    const requestId = crypto.randomUUID();
    console.error(`[${requestId}] ${req.method} ${req.originalUrl}`, err);
    if (res.headersSent) { res.destroy(); return; }
    if (isDatabaseUnavailable(err)) { res.status(503).set('Retry-After', '5').json({ error: 'The database is unavailable; try again shortly', code: 'SERVICE_UNAVAILABLE', requestId }); return; }
    res.status(500).json({ error: 'Internal server error', requestId });
  });
  const listener = graphqlLane(app, { keys, quota, json, compiled: compiledRoute });
  return { app, listener, services, apollo, quota, keys, caches, compiled, policy };
}
