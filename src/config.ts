/**
 * Every setting and limit of Warta, with its default, in one place.
 * Read from the environment once; nothing is implied by NODE_ENV.
 */
import path from 'node:path';

function int(name: string, def: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function bool(name: string, def: boolean): boolean {
  const v = process.env[name];
  if (v === undefined || v === '') return def;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new Error(`${name} must be true or false, got "${v}"`);
}

function trustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v.trim() === '' || /^(0|false|no|off)$/i.test(v.trim())) return false;
  if (/^(true|yes|on)$/i.test(v.trim())) return true;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

export interface Config {
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path (default ./data/warta.sqlite). */
  databaseUrl: string;
  /** PostgreSQL read replicas (comma-separated URLs): plain reads go there, writes and transactions to DATABASE_URL. */
  databaseReplicaUrls: string[];
  port: number;
  host: string;
  /** Load the demo articles when the database has no articles yet (npm start). */
  loadDemo: boolean;
  /** Relay connections: default and maximum `first`. */
  pageSizeDefault: number;
  pageSizeMax: number;
  /** Largest JSON body accepted on /graphql. */
  graphqlBodyLimit: string;
  /** Largest article body the ingest pipeline accepts (characters). */
  maxArticleChars: number;
  /**
   * The extractor reads at most this many characters of a body (cut at a paragraph end): real articles are far shorter,
   * and the cap keeps one hostile multi-megabyte body from holding the event loop. The body itself is stored whole.
   */
  extractWindowChars: number;
  /**
   * The security profile: `production` turns introspection and field suggestions off by default. It is read from
   * WARTA_PROFILE only (never from NODE_ENV), and every setting below can still be set on its own.
   */
  profile: 'development' | 'production';
  /** Introspection and the landing page. */
  introspection: boolean;
  /** "Did you mean …" suggestions in validation errors (they reveal the schema). */
  fieldSuggestions: boolean;
  /** Stack traces in error responses (never in production). */
  stackTraces: boolean;
  /** Document limits, all refused before anything runs. */
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxRecursiveSelections: number;
  /** Items in any list argument or list variable (ID lists, kinds). */
  maxListItems: number;
  /** Largest body on the editors' ingest route (POST /ingest), which takes whole articles. */
  ingestBodyLimit: string;
  /**
   * How far the server lets V8's old generation grow past the data that survived the last full collection before it
   * collects again (percent; 0 leaves V8's own factor, which under a steady load of short requests lets garbage reach
   * about four times the live data, so resident memory keeps climbing long after the working set is stable).
   */
  heapGrowthPercent: number;
  /** Node HTTP server timeouts (ms): all headers, the whole request, idle keep-alive. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Log every SQL statement (debugging). */
  logSql: boolean;
  /** PostgreSQL connection pool size and statement timeout (ms). */
  pgPoolSize: number;
  pgStatementTimeoutMs: number;
  /** How long a request waits for a PostgreSQL connection before failing with SERVICE_UNAVAILABLE (ms). */
  pgConnectTimeoutMs: number;

  // -- access, quotas and partners (issue 5); none of these depends on NODE_ENV -------------------------------
  /** Requests without an API key: allowed (read-only, limited) or refused with 401. */
  anonymousAccess: boolean;
  /** Quota window (seconds) for request rates and query-cost budgets. */
  quotaWindowSeconds: number;
  /** Requests per window: anonymous (per client address) and per API key. 0 switches the limit off. */
  anonymousRequestsPerWindow: number;
  keyRequestsPerWindow: number;
  /** Query cost per window (a field costs 1, `first: n` multiplies what is under it): anonymous and per key. */
  anonymousCostPerWindow: number;
  keyCostPerWindow: number;
  /** SQLite: how long a writer waits for another process's write lock per attempt (ms), and in all (ms) with retries. */
  sqliteBusyTimeoutMs: number;
  sqliteBusyRetryMs: number;
  /** Automatic persisted queries: how long a registered query is kept (seconds), and the largest one kept (bytes). */
  apqTtlSeconds: number;
  apqMaxBytes: number;
  /** Largest cost of one GraphQL operation; larger ones are refused before they run. */
  maxQueryCost: number;
  /**
   * A query's execution budget (issue 21): the rows its loaders and lists may read, and how long it may run (ms),
   * counted from when its execution starts. Past either it stops before its next statement and is answered with that
   * error alone (ROW_BUDGET_EXCEEDED, DEADLINE_EXCEEDED), nothing of its partial answer. 0 switches either off.
   */
  maxRowsPerRequest: number;
  queryDeadlineMs: number;
  /**
   * SQLite answers on the main thread, and a query's statements follow one another in microtasks: a read that finds
   * the event loop held for this long (ms) waits for its next turn first, so no request holds the others up for much
   * longer than this plus its slowest statement (0: never wait).
   */
  sqliteSliceMs: number;
  /** When set, quotas are kept in Redis and shared by every server process using it. */
  redisUrl: string | null;
  /** Prefix of the quota keys in Redis (several Warta deployments can share one Redis). */
  quotaPrefix: string;
  /** Browser origins allowed to call the API without a key ("*" for any); keyed calls use the key's own origins. */
  anonymousCorsOrigins: string[];
  /** How long verified API keys are remembered in memory (ms); a revoked key stops working after at most this. */
  keyCacheMs: number;
  /** Cache-Control max-age (seconds) on partner routes (cards, feeds, JSON-LD, oEmbed) and anonymous GraphQL GETs. */
  partnerMaxAgeSeconds: number;
  /** Public base URL used in links, calendar UIDs, JSON-LD and oEmbed (default: from the request's Host). */
  publicUrl: string | null;
  /** Embed views: one client address counts once per event and surface in this many seconds (0: every view counts). */
  embedViewDedupSeconds: number;
  /** Without publicUrl: the Host header values (host or host:port) trusted to form the base URL; others get the listen address. */
  allowedHosts: string[];
  /**
   * Which proxies' X-Forwarded-For and X-Forwarded-Proto to believe (express's 'trust proxy'): off by default, so a
   * client cannot choose its own address. Behind a load balancer, name it (`loopback`, addresses or subnets,
   * comma-separated; a hop count; or `true` for any), or every anonymous client shares the balancer's quota.
   */
  trustProxy: boolean | number | string[];
  /** Build the search index on start when it is empty but articles exist (off for benchmark databases). */
  searchRebuildOnStart: boolean;
  /** Response cache: how long a public query's answer is kept (seconds; 0 switches it off) and the in-memory size. */
  responseCacheSeconds: number;
  responseCacheBytes: number;
  /**
   * Compiled queries: a query document Apollo has validated and answered without errors once is compiled with
   * graphql-jit, and later requests for it skip Apollo's pipeline and graphql-js's interpreter (anything that is not
   * a clean answer still goes through Apollo). How many documents are kept compiled (0 switches it off).
   */
  compiledQueries: number;
  /** SQLite page cache per connection, in MB (SQLite's own default is 2 MB; a large archive's hot index pages need more). */
  sqliteCacheMb: number;
  /**
   * SQLite WAL checkpoints: the search indexer's thread copies committed pages into the database file at most every
   * `sqliteCheckpointMs` after writes, so the writer's commits do not; the writer checkpoints itself only once the WAL
   * holds `sqliteWriterCheckpointPages` pages (a backstop, should that thread fall behind or be missing).
   */
  sqliteCheckpointMs: number;
  sqliteWriterCheckpointPages: number;
  /** `warta ingest`: worker threads extracting the next batch while the current one is written (at most cores − 1). */
  extractWorkers: number;
  /** `warta ingest`: articles per transaction (each in its own savepoint; a failed one is rolled back alone). */
  ingestBatch: number;
  /** How often embed view counts are written to the database (ms). */
  embedFlushMs: number;
}

function profileOf(): 'development' | 'production' {
  const p = process.env.WARTA_PROFILE || 'development';
  if (p !== 'development' && p !== 'production') throw new Error(`WARTA_PROFILE must be development or production, got "${p}"`);
  return p;
}

export function loadConfig(): Config {
  const PROFILE = profileOf();
  return {
    databaseUrl: process.env.DATABASE_URL || path.resolve(process.cwd(), 'data', 'warta.sqlite'),
    databaseReplicaUrls: (process.env.DATABASE_REPLICA_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    port: int('PORT', 4000),
    host: process.env.HOST || '0.0.0.0',
    loadDemo: bool('WARTA_LOAD_DEMO', true),
    pageSizeDefault: int('WARTA_PAGE_SIZE_DEFAULT', 20),
    pageSizeMax: int('WARTA_PAGE_SIZE_MAX', 100),
    graphqlBodyLimit: process.env.WARTA_GRAPHQL_BODY_LIMIT || '100kb',
    maxArticleChars: int('WARTA_MAX_ARTICLE_CHARS', 2_000_000),
    extractWindowChars: int('WARTA_EXTRACT_WINDOW_CHARS', 300_000),
    profile: PROFILE,
    introspection: bool('WARTA_INTROSPECTION', PROFILE !== 'production'),
    fieldSuggestions: bool('WARTA_FIELD_SUGGESTIONS', PROFILE !== 'production'),
    stackTraces: bool('WARTA_STACK_TRACES', false),
    maxDepth: int('WARTA_MAX_DEPTH', 12),
    maxAliases: int('WARTA_MAX_ALIASES', 30),
    maxTokens: int('WARTA_MAX_TOKENS', 4000),
    maxDirectives: int('WARTA_MAX_DIRECTIVES', 20),
    maxRecursiveSelections: int('WARTA_MAX_RECURSIVE_SELECTIONS', 2000),
    maxListItems: int('WARTA_MAX_LIST_ITEMS', 100),
    ingestBodyLimit: process.env.WARTA_INGEST_BODY_LIMIT || '5mb',
    heapGrowthPercent: int('WARTA_HEAP_GROWTH_PERCENT', 100),
    headersTimeoutMs: int('WARTA_HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: int('WARTA_REQUEST_TIMEOUT_MS', 30_000),
    keepAliveTimeoutMs: int('WARTA_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    logSql: bool('WARTA_LOG_SQL', false),
    pgPoolSize: int('WARTA_PG_POOL_SIZE', 10),
    pgStatementTimeoutMs: int('WARTA_PG_STATEMENT_TIMEOUT_MS', 15_000),
    pgConnectTimeoutMs: int('WARTA_PG_CONNECT_TIMEOUT_MS', 5_000),
    anonymousAccess: bool('WARTA_ANONYMOUS_ACCESS', true),
    quotaWindowSeconds: int('WARTA_QUOTA_WINDOW_SECONDS', 60),
    anonymousRequestsPerWindow: int('WARTA_ANONYMOUS_REQUESTS', 120),
    keyRequestsPerWindow: int('WARTA_KEY_REQUESTS', 1200),
    anonymousCostPerWindow: int('WARTA_ANONYMOUS_COST', 100_000),
    keyCostPerWindow: int('WARTA_KEY_COST', 1_000_000),
    maxQueryCost: int('WARTA_MAX_QUERY_COST', 10_000),
    maxRowsPerRequest: int('WARTA_MAX_ROWS', 20_000),
    queryDeadlineMs: int('WARTA_QUERY_DEADLINE_MS', 2_000),
    sqliteSliceMs: int('WARTA_SQLITE_SLICE_MS', 50),
    apqTtlSeconds: int('WARTA_APQ_TTL_SECONDS', 3600),
    sqliteBusyTimeoutMs: int('WARTA_SQLITE_BUSY_TIMEOUT_MS', 5_000),
    sqliteBusyRetryMs: int('WARTA_SQLITE_BUSY_RETRY_MS', 120_000),
    apqMaxBytes: int('WARTA_APQ_MAX_BYTES', 20_000),
    redisUrl: process.env.REDIS_URL || null,
    quotaPrefix: process.env.WARTA_QUOTA_PREFIX || 'warta',
    anonymousCorsOrigins: (process.env.WARTA_ANONYMOUS_CORS_ORIGINS ?? '*').split(',').map((s) => s.trim()).filter(Boolean),
    keyCacheMs: int('WARTA_KEY_CACHE_MS', 30_000),
    partnerMaxAgeSeconds: int('WARTA_PARTNER_MAX_AGE', 300),
    publicUrl: process.env.WARTA_PUBLIC_URL || null,
    embedViewDedupSeconds: int('WARTA_EMBED_VIEW_DEDUP_SECONDS', 1800),
    allowedHosts: (process.env.WARTA_ALLOWED_HOSTS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    trustProxy: trustProxy(process.env.WARTA_TRUST_PROXY),
    embedFlushMs: int('WARTA_EMBED_FLUSH_MS', 5_000),
    searchRebuildOnStart: bool('WARTA_SEARCH_REBUILD_ON_START', true),
    responseCacheSeconds: int('WARTA_RESPONSE_CACHE_SECONDS', 60),
    responseCacheBytes: int('WARTA_RESPONSE_CACHE_BYTES', 50_000_000),
    compiledQueries: int('WARTA_COMPILED_QUERIES', 500),
    ingestBatch: Math.max(1, int('WARTA_INGEST_BATCH', 200)),
    extractWorkers: int('WARTA_EXTRACT_WORKERS', 1),
    sqliteCacheMb: int('WARTA_SQLITE_CACHE_MB', 64),
    sqliteCheckpointMs: int('WARTA_SQLITE_CHECKPOINT_MS', 250),
    sqliteWriterCheckpointPages: int('WARTA_SQLITE_WRITER_CHECKPOINT_PAGES', 16_384),
  };
}

export const config: Config = loadConfig();

/** Version stamped on every mention, so re-extraction with a newer extractor can replay. */
export const EXTRACTOR_VERSION = 'warta-extract/1.1';
