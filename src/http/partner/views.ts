/**
 * What the partner routes show (an event's view, a list's views, a feed's text), kept for the data generation it was
 * read under: the same generation as the GraphQL response cache (http/response-cache.ts), so nothing read before a
 * write is served after it. Cards, calendars and JSON-LD are fetched on every page view and by every calendar client,
 * far more often than the data changes; without this each fetch read an event's coverage, organisers, participants and
 * positions again, and a 100-event calendar every one of its events.
 *
 * What a route renders from a kept view (HTML, JSON-LD, a calendar's text) is kept beside it, as the bytes sent and
 * their ETag (`rendered`). Kept in this process only, views and rendered bytes together up to the response cache's
 * size and lifetime (WARTA_RESPONSE_CACHE_BYTES, _SECONDS; 0 seconds: off). A new generation empties it at once.
 * Requests that miss the same key together read once (the others wait for that read); an error is never kept. With
 * Redis down the generation is unknown and every request reads.
 */
import type express from 'express';
import { LRUCache } from 'lru-cache';
import { config } from '../../config';

/** A rendered answer, kept beside its view: the bytes sent and their ETag (null when the app sends none). */
export interface RenderedBody { readonly body: Buffer; readonly etag: string | null }

type Kept = object | string;

const isRendered = (v: Kept): v is RenderedBody => typeof v === 'object' && Buffer.isBuffer((v as RenderedBody).body);

export class PartnerViews {
  private generation: string | null = null;
  private readonly kept: LRUCache<string, Kept>;
  private readonly computing = new Map<string, Promise<Kept>>();

  constructor(private readonly current: () => Promise<string>, private readonly cfg = config) {
    this.kept = new LRUCache<string, Kept>({
      maxSize: Math.max(1, cfg.responseCacheBytes),
      sizeCalculation: (v) => Math.max(1, typeof v === 'string' ? v.length : isRendered(v) ? v.body.length : JSON.stringify(v).length),
      ttl: Math.max(1, cfg.responseCacheSeconds) * 1000,
    });
  }

  /** `make()`'s value for `key` under the current data; `res` gets `Warta-Cache: HIT|MISS`. */
  async get<T extends Kept>(key: string, make: () => Promise<T>, res?: express.Response): Promise<T> {
    if (!this.cfg.responseCacheSeconds) return make();
    let generation: string;
    try { generation = await this.current(); } catch { return make(); } // store down: read uncached
    if (generation !== this.generation) {
      this.kept.clear();
      this.computing.clear();
      this.generation = generation;
    }
    let hit = this.kept.get(key);
    const pending = hit === undefined ? this.computing.get(key) : undefined;
    // A read that fails for the request ahead is tried again by each waiting one (it may have been that request's own fault).
    if (pending) hit = await pending.catch(() => undefined);
    if (hit !== undefined) { res?.set('Warta-Cache', 'HIT'); return hit as T; }
    return this.miss(key, generation, make, res);
  }

  /**
   * `render()`'s text for the view kept under `key`, as bytes with their ETag, made once per view and `variant` (what
   * else the text depends on, such as the base URL): a card or JSON-LD document is asked for on every page view, and
   * rendering it, encoding it and hashing it for the ETag cost more than the rest of a request that found its view
   * kept. Kept only beside the view it was rendered from (the one kept under `key` now), so it goes with it when the
   * data generation moves on; a view read uncached (caching off, the generation unknown) is rendered each time.
   */
  rendered(key: string, view: object, variant: string, render: () => string, etagOf: ((body: Buffer, encoding: BufferEncoding) => string | undefined) | undefined): RenderedBody {
    const make = (): RenderedBody => { const body = Buffer.from(render(), 'utf8'); return { body, etag: etagOf?.(body, 'utf8') ?? null }; };
    if (!this.cfg.responseCacheSeconds || this.kept.peek(key) !== view) return make();
    const at = `${key}\0${variant}`;
    const hit = this.kept.get(at);
    if (hit !== undefined && isRendered(hit)) return hit;
    const r = make();
    this.kept.set(at, r);
    return r;
  }

  /**
   * Sends `render()`'s text for the view kept under `key` as express's `send` would send it (`type` with its charset,
   * the app's ETag, 304 for a fresh conditional request), from the bytes and ETag kept by `rendered`.
   */
  send(req: express.Request, res: express.Response, type: string, kept: { key: string; view: object; variant: string }, render: () => string): void {
    const r = this.rendered(kept.key, kept.view, kept.variant, render, req.app.get('etag fn') as ((body: Buffer, encoding: BufferEncoding) => string | undefined) | undefined);
    res.set('Content-Type', type);
    if (r.etag) res.set('ETag', r.etag);
    res.send(r.body);
  }

  private async miss<T extends Kept>(key: string, generation: string, make: () => Promise<T>, res?: express.Response): Promise<T> {
    res?.set('Warta-Cache', 'MISS');
    const reading = make();
    this.computing.set(key, reading);
    try {
      const value = await reading;
      // A value read while a write committed belongs to the generation before it, which no request asks for again.
      if (this.generation === generation) this.kept.set(key, value);
      return value;
    } finally {
      if (this.computing.get(key) === reading) this.computing.delete(key);
    }
  }
}

/**
 * A list's or feed's key: its filters as asked (not the partner, whose views are counted per request, nor the order
 * they came in), and today's date, on which `when=upcoming|recent` depend.
 */
export function filterKey(req: express.Request): string {
  const q = Object.entries(req.query).filter(([k]) => k !== 'partner').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${new Date().toISOString().slice(0, 10)}|${JSON.stringify(q)}`;
}
