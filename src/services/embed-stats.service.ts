/**
 * Embed analytics: view counts of event cards, lists and feeds per partner key, event and day. Views are summed in
 * memory and written every few seconds in one transaction, so a busy partner page costs no write per view.
 */
import { LRUCache } from 'lru-cache';
import { config } from '../config';
import { Db } from '../db/database';

export type Surface = 'CARD' | 'LIST' | 'FEED' | 'EVENT_ICS' | 'JSONLD' | 'OEMBED';
export interface ViewCount { keyId: number; eventId: number | null; surface: Surface; day: string; views: number }

export class EmbedStatsService {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  /**
   * What each client was last counted for, so one client reloading (or looping) a card counts once per window:
   * one client cannot inflate a partner's views. Bounded; the oldest are dropped first.
   */
  private seen: LRUCache<string, true> | null;

  constructor(private db: Db, private flushMs = config.embedFlushMs, dedupSeconds = config.embedViewDedupSeconds) {
    this.seen = dedupSeconds > 0 ? new LRUCache<string, true>({ max: 100_000, ttl: dedupSeconds * 1000, ttlAutopurge: false }) : null;
  }

  /** One view; `keyId` 0 when the partner did not identify itself; `client` (the address) counted once per window. */
  view(keyId: number, eventId: number | null, surface: Surface, client: string | null = null, at = new Date()): void {
    if (client != null && this.seen) {
      const c = `${client}|${keyId}|${eventId ?? 0}|${surface}`;
      if (this.seen.has(c)) return;
      this.seen.set(c, true);
    }
    const k = `${keyId}|${eventId ?? 0}|${surface}|${at.toISOString().slice(0, 10)}`;
    this.pending.set(k, (this.pending.get(k) ?? 0) + 1);
    if (!this.timer) { this.timer = setTimeout(() => { this.timer = null; void this.flush(); }, this.flushMs); this.timer.unref(); }
  }

  /** Writes the pending counts (also called on shutdown and by tests). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.pending.size) return;
      const batch = [...this.pending.entries()];
      this.pending.clear();
      await this.db.transaction(async (tx) => {
        for (const [k, n] of batch) {
          const [keyId, eventId, surface, day] = k.split('|');
          await this.db.exec(`INSERT INTO embed_view (key_id, event_id, surface, day, views) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (key_id, event_id, surface, day) DO UPDATE SET views = embed_view.views + EXCLUDED.views`, [Number(keyId), Number(eventId), surface, day, n], tx);
        }
      });
    }).catch((e) => { console.error('embed view counts not written:', e); });
    return this.flushing;
  }

  async counts(f: { keyId?: number; from?: string; to?: string; eventId?: number }, limit = 1000): Promise<ViewCount[]> {
    await this.flush();
    const w: string[] = [];
    const p: unknown[] = [];
    if (f.keyId != null) { w.push('key_id = ?'); p.push(f.keyId); }
    if (f.eventId != null) { w.push('event_id = ?'); p.push(f.eventId); }
    if (f.from) { w.push('day >= ?'); p.push(f.from); }
    if (f.to) { w.push('day <= ?'); p.push(f.to); }
    const rows = await this.db.query<{ key_id: number; event_id: number; surface: Surface; day: string; views: number }>(
      `SELECT key_id, event_id, surface, day, views FROM embed_view${w.length ? ` WHERE ${w.join(' AND ')}` : ''} ORDER BY day, key_id, surface, event_id LIMIT ?`, [...p, limit]);
    return rows.map((r) => ({ keyId: Number(r.key_id), eventId: Number(r.event_id) || null, surface: r.surface, day: r.day, views: Number(r.views) }));
  }

  async close(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    await this.flush();
  }
}
