/**
 * Shared caches for GraphQL: whole responses (keyed by document, operation and variables) and automatic persisted
 * queries, in memory by default and in Redis when REDIS_URL is set, so several processes share them.
 *
 * Freshness: every write (ingest, editor mutation) bumps a generation number that is part of every response key, so a
 * response cached before a write is never served after it — in this process at once, and in the others through Redis
 * (each request reads the generation there; one round trip). SQLite's search index takes a write a moment after its
 * commit (search/search-indexer.ts): that bumps a second number, the search generation, which only the keys of
 * documents that search (`Query.search`) carry, so the index catching up does not empty every other answer again.
 *
 * Cache hints are static, on types and fields (HINTS below): a document touching a PRIVATE field is never cached, and
 * the response lives as long as the shortest max-age it touches. No per-field hook runs at execution time. The policy
 * step that looks answers up and stores them is pipeline/response-cache.ts.
 */
import crypto from 'node:crypto';
import { InMemoryLRUCache, KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { DocumentNode, getNamedType, GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import Redis from 'ioredis';
import { config } from '../config';

/** Static hints: `Type` or `Type.field` → max-age in seconds, or 'PRIVATE' (depends on who asks; never shared). */
export const HINTS: Record<string, number | 'PRIVATE'> = {
  'Query.apiKeys': 'PRIVATE', 'Query.myApiKey': 'PRIVATE', 'Query.embedViews': 'PRIVATE', 'Event.embedViews': 'PRIVATE', ApiKeyInfo: 'PRIVATE',
  EmbedViewCount: 'PRIVATE', 'Query.search': 30,
};

/** How a document's answers are cached: their lifetime, and whether they read the search index. */
export interface CachePolicy { maxAge: number; search: boolean }

/** Fields whose answers come from the search index (kept by the search generation as well as the data's). */
const SEARCH_FIELDS = new Set(['Query.search']);

const policies = new WeakMap<DocumentNode, CachePolicy | null>();

/** The policy of a document: null when it must not be cached. Computed once per parsed document. */
export function cachePolicy(schema: GraphQLSchema, document: DocumentNode, defaultMaxAge: number): CachePolicy | null {
  if (policies.has(document)) return policies.get(document)!;
  const p = computePolicy(schema, document, defaultMaxAge);
  policies.set(document, p);
  return p;
}

function computePolicy(schema: GraphQLSchema, document: DocumentNode, defaultMaxAge: number): CachePolicy | null {
  let maxAge = defaultMaxAge;
  let priv = false;
  let search = false;
  const info = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(info, {
    OperationDefinition(op) { if (op.operation !== 'query') priv = true; },
    Field(node) {
      const parent = info.getParentType();
      const type = info.getType();
      if (parent && SEARCH_FIELDS.has(`${parent.name}.${node.name.value}`)) search = true;
      for (const k of [parent ? `${parent.name}.${node.name.value}` : '', type ? getNamedType(type).name : '']) {
        const h = HINTS[k];
        if (h === 'PRIVATE') priv = true;
        else if (typeof h === 'number') maxAge = Math.min(maxAge, h);
      }
    },
  }));
  return priv || maxAge <= 0 ? null : { maxAge, search };
}

/** A response's cache key: the data generation, the printed document, the operation and the variables. */
export function responseKey(generation: string, printed: string, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  return crypto.createHash('sha256').update(JSON.stringify([generation, printed, operationName ?? null, variables ?? {}])).digest('hex');
}

/** A KeyValueCache over ioredis (for Apollo's persisted queries and the response cache). */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(private redis: Redis, private prefix: string) {}
  async get(key: string): Promise<string | undefined> { return (await this.redis.get(this.prefix + key)) ?? undefined; }
  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(options.ttl)));
    else await this.redis.set(this.prefix + key, value);
  }
  async delete(key: string): Promise<boolean> { return (await this.redis.del(this.prefix + key)) > 0; }
}

export class SharedCaches {
  /** Persisted queries (and Apollo's own keys). */
  readonly store: KeyValueCache<string>;
  /** Whole responses, under keys that carry the data generation. */
  readonly responses: KeyValueCache<string>;
  private localResponses: InMemoryLRUCache<string> | null = null;
  private redis: Redis | null = null;
  private localGeneration = 0;
  private localSearchGeneration = 0;
  private prefix: string;

  constructor(cfg = config) {
    this.prefix = `${cfg.quotaPrefix}:`;
    if (cfg.redisUrl) {
      // Commands wait for the connection while it is being made, but never long: a slow or absent Redis means a cache miss.
      this.redis = new Redis(cfg.redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 500 });
      this.redis.on('error', () => { /* logged once per outage by noteDown; the caches then miss */ });
      // The outage ends when ioredis has reconnected (not when some command happens to succeed, which a reply in
      // flight at the moment Redis went away can do).
      this.redis.on('ready', () => {
        this.everReady = true;
        if (this.down) { this.down = false; console.error('response cache (Redis) back: cached answers served again'); }
      });
      this.store = new RedisKeyValueCache(this.redis, `${this.prefix}cache:`);
      // Redis drops earlier generations' responses by their TTL.
      this.responses = this.store;
    } else {
      this.store = new InMemoryLRUCache<string>({ maxSize: cfg.responseCacheBytes });
      this.responses = this.localResponses = new InMemoryLRUCache<string>({ maxSize: cfg.responseCacheBytes });
    }
  }

  /**
   * The current data generation (part of every response key), with the search generation for an answer that reads the
   * search index (`search`). Rejects while Redis is down (the caller answers uncached).
   */
  async generation(search = false): Promise<string> {
    if (!this.redis) return search ? `${this.localGeneration}.${this.localSearchGeneration}` : String(this.localGeneration);
    // During an outage: answer uncached at once rather than wait for retries.
    if (this.outage()) { this.noteDown(new Error(`Redis is ${this.redis.status}`)); throw new Error('response cache unavailable'); }
    // A write made during an outage is counted first, so no answer cached before it is served once Redis is back.
    if (this.pending.size) await this.flushBumps();
    if (!search) return (await this.redis.get(`${this.prefix}generation`)) ?? '0';
    const [data, index] = await this.redis.mget(`${this.prefix}generation`, `${this.prefix}search-generation`);
    return `${data ?? '0'}.${index ?? '0'}`;
  }

  /**
   * Called after every write: responses cached before it are never served again. Never rejects: the write has
   * committed whatever happens here, and with Redis down the bump waits (`pending`) until Redis answers again,
   * while every cache read misses meanwhile.
   */
  async bump(): Promise<void> {
    this.localGeneration++;
    // Answers cached in this process before the write can never be asked for again: free them now rather than
    // letting a busy writer fill the cache with unreachable entries up to its size limit.
    this.localResponses?.clear();
    await this.bumpShared('generation');
  }

  /**
   * Called when the search index has taken writes (SQLite's indexer, just after their commits): answers that read the
   * index and were cached before are never served again; the others stay. Never rejects, as bump().
   */
  async bumpSearch(): Promise<void> {
    this.localSearchGeneration++;
    await this.bumpShared('search-generation');
  }

  private async bumpShared(name: 'generation' | 'search-generation'): Promise<void> {
    if (!this.redis) return;
    this.pending.set(name, (this.pending.get(name) ?? 0) + 1);
    // While Redis is unreachable the bump waits for the next cached read (generation()), and the write does not.
    if (this.outage()) { this.noteDown(new Error(`Redis is ${this.redis.status}`)); return; }
    await this.flushBumps().catch(() => undefined);
  }

  /**
   * Connected once and not now: an outage, where commands would only wait for retries. Before the first connection
   * (a starting process) commands wait for it, briefly (commandTimeout).
   */
  private everReady = false;
  private outage(): boolean { return this.everReady && this.redis?.status !== 'ready'; }

  private noteDown(e: Error): void {
    // Logged once per outage; the quota store logs its own.
    if (!this.down) { this.down = true; console.error(`response cache (Redis) unavailable, answering uncached: ${e.message}`); }
  }

  /** Bumps of each generation that have not reached Redis yet. */
  private pending = new Map<'generation' | 'search-generation', number>();
  private down = false;
  private async flushBumps(): Promise<void> {
    try {
      for (const [name, n] of [...this.pending]) {
        await this.redis!.incr(`${this.prefix}${name}`);
        // Only the bumps this INCR covers: one made while it was under way stays pending.
        const left = (this.pending.get(name) ?? 0) - n;
        if (left > 0) this.pending.set(name, left); else this.pending.delete(name);
      }
    } catch (e) {
      this.noteDown(e as Error);
      throw e;
    }
  }

  /** QUIT when connected; otherwise at once (QUIT would wait for a Redis that is not there). */
  async close(): Promise<void> {
    if (!this.redis) return;
    const r = this.redis;
    this.redis = null;
    if (r.status === 'ready') await r.quit().catch(() => undefined); else r.disconnect();
  }
}
