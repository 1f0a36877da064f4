/**
 * Per-key (or, without a key, per-address) request rates and query-cost budgets over a fixed window, through
 * rate-limiter-flexible: in memory by default, in Redis when REDIS_URL is set so that every server process shares one
 * budget. Answers carry the IETF RateLimit headers; a refusal is a 429 with Retry-After.
 */
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '../config';

export interface QuotaSubject { key: string; anonymous: boolean }
export interface QuotaState { limit: number; remaining: number; resetSeconds: number; policy: string }
export class QuotaExceeded extends Error {
  constructor(readonly what: 'requests' | 'cost', readonly state: QuotaState, readonly retryAfter: number) {
    super(what === 'requests' ? 'too many requests for this key in the current window' : 'query-cost budget of this key is spent for the current window');
  }
}

/** RateLimit-* and Retry-After header values for a state. */
export function quotaHeaders(s: QuotaState, retryAfter?: number): Record<string, string> {
  const h: Record<string, string> = {
    'RateLimit-Policy': s.policy,
    'RateLimit-Limit': String(s.limit),
    'RateLimit-Remaining': String(Math.max(0, s.remaining)),
    'RateLimit-Reset': String(s.resetSeconds),
  };
  if (retryAfter != null) h['Retry-After'] = String(retryAfter);
  return h;
}

export class QuotaService {
  private redis: Redis | null = null;
  private limiters: Record<'anonRequests' | 'keyRequests' | 'anonCost' | 'keyCost', RateLimiterAbstract | null>;

  constructor(cfg = config) {
    const w = cfg.quotaWindowSeconds;
    if (cfg.redisUrl) {
      this.redis = new Redis(cfg.redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 500 });
      // Reported once per outage; meanwhile each process limits on its own (the insurance limiter below).
      let down = false;
      this.redis.on('error', (e) => { if (!down) { down = true; console.error(`quota store (Redis) unavailable, limiting per process: ${e.message}`); } });
      this.redis.on('ready', () => { if (down) console.error('quota store (Redis) back'); down = false; });
    }
    const make = (points: number, prefix: string) => {
      if (!points) return null;
      const memory = new RateLimiterMemory({ points, duration: w, keyPrefix: prefix });
      return this.redis
        ? new RateLimiterRedis({ storeClient: this.redis, points, duration: w, keyPrefix: `${cfg.quotaPrefix}:${prefix}`, insuranceLimiter: memory })
        : memory;
    };
    this.limiters = {
      anonRequests: make(cfg.anonymousRequestsPerWindow, 'rq-anon'), keyRequests: make(cfg.keyRequestsPerWindow, 'rq-key'),
      anonCost: make(cfg.anonymousCostPerWindow, 'cost-anon'), keyCost: make(cfg.keyCostPerWindow, 'cost-key'),
    };
  }

  private state(limiter: RateLimiterAbstract, r: RateLimiterRes, what: string): QuotaState {
    return { limit: limiter.points, remaining: r.remainingPoints, resetSeconds: Math.ceil(r.msBeforeNext / 1000), policy: `${limiter.points};w=${limiter.duration};comment="${what}"` };
  }

  private async consume(limiter: RateLimiterAbstract | null, key: string, points: number, what: 'requests' | 'cost'): Promise<QuotaState | null> {
    if (!limiter) return null;
    try {
      return this.state(limiter, await limiter.consume(key, points), what);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        const st = this.state(limiter, e, what);
        throw new QuotaExceeded(what, { ...st, remaining: 0 }, Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
      }
      throw e; // the store failed: surfaced, not silently unlimited
    }
  }

  /** One request; throws QuotaExceeded when the window's requests are spent. */
  request(s: QuotaSubject): Promise<QuotaState | null> {
    return this.consume(s.anonymous ? this.limiters.anonRequests : this.limiters.keyRequests, s.key, 1, 'requests');
  }

  /** Whether query costs are budgeted for this subject (false: the limit is off, `cost` would take nothing). */
  budgetsCost(s: QuotaSubject): boolean {
    return (s.anonymous ? this.limiters.anonCost : this.limiters.keyCost) !== null;
  }

  /** A query's cost; throws QuotaExceeded when the window's budget cannot cover it. */
  cost(s: QuotaSubject, points: number): Promise<QuotaState | null> {
    return this.consume(s.anonymous ? this.limiters.anonCost : this.limiters.keyCost, s.key, Math.max(1, points), 'cost');
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    const r = this.redis;
    this.redis = null;
    // QUIT would wait for a Redis that is not there.
    if (r.status === 'ready') await r.quit().catch(() => undefined); else r.disconnect();
  }
}
