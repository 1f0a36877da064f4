/** API keys: created with a role and optional browser origins, shown once, stored as a SHA-256 hash. */
import crypto from 'node:crypto';
import { Db } from '../db/database';
import { config } from '../config';
import { ApiRole, ROLE_RANK } from '../entities/enums';

/** A partner id: 24 hex characters (96 random bits), as the migration that introduced them made them. */
const newPartnerId = () => crypto.randomBytes(12).toString('hex');

export interface ApiKeyRecord { id: number; name: string; role: ApiRole; prefix: string; origins: string[]; revoked: boolean; partnerId: string }

export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

export function roleAtLeast(role: ApiRole | null | undefined, needed: ApiRole): boolean {
  return role != null && ROLE_RANK[role] >= ROLE_RANK[needed];
}

export class ApiKeyService {
  /** Verified keys by hash, and the registered origins, remembered briefly so that a request costs no key lookup. */
  private cache = new Map<string, { record: ApiKeyRecord | null; at: number }>();
  private origins: { set: Set<string>; at: number } | null = null;
  constructor(private db: Db, private cacheMs = config.keyCacheMs) {}

  async create(name: string, role: ApiRole, origins: string[]): Promise<{ key: string; record: ApiKeyRecord }> {
    if (!Object.values(ApiRole).includes(role)) throw new Error(`unknown role ${role}`);
    for (const o of origins) {
      const u = new URL(o);
      if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== o.replace(/\/$/, '')) throw new Error(`origin must look like https://example.org, got ${o}`);
    }
    const key = `wk_${crypto.randomBytes(24).toString('base64url')}`;
    const prefix = key.slice(0, 10);
    const partnerId = newPartnerId();
    const id = await this.db.transaction((tx) => this.db.insert('api_key', {
      name, role, prefix, hash: hashKey(key), origins: origins.map((o) => o.replace(/\/$/, '')), revoked: false, created_at: new Date().toISOString(), partner_id: partnerId,
    }, tx));
    this.origins = null;
    return { key, record: { id, name, role, prefix, origins, revoked: false, partnerId } };
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.query<{ id: number; name: string; role: ApiRole; prefix: string; origins: string; revoked: unknown; partnerId: string }>(
      'SELECT id, name, role, prefix, origins, revoked, partner_id AS "partnerId" FROM api_key ORDER BY id');
    return rows.map((r) => ({ ...r, id: Number(r.id), origins: JSON.parse(r.origins), revoked: Boolean(r.revoked) }));
  }

  async revoke(id: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const row = await this.db.one('SELECT id FROM api_key WHERE id = ?', [id], tx);
      if (!row) return false;
      await this.db.exec('UPDATE api_key SET revoked = ? WHERE id = ?', [true, id], tx);
      this.cache.clear();
      this.origins = null;
      return true;
    });
  }

  /** The active key record for a presented key, or null. */
  async verify(key: string): Promise<ApiKeyRecord | null> {
    const h = hashKey(key);
    const hit = this.cache.get(h);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.record;
    const r = await this.db.one<{ id: number; name: string; role: ApiRole; prefix: string; origins: string; revoked: unknown; partnerId: string }>(
      'SELECT id, name, role, prefix, origins, revoked, partner_id AS "partnerId" FROM api_key WHERE hash = ?', [h]);
    const record = !r || Boolean(r.revoked) ? null : { ...r, id: Number(r.id), origins: JSON.parse(r.origins) as string[], revoked: false };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { record, at: Date.now() });
    return record;
  }

  /** An active key by its opaque partner id (the one embed URLs carry), or null. */
  async byPartnerId(partnerId: string): Promise<ApiKeyRecord | null> {
    const r = await this.db.one<{ id: number; name: string; role: ApiRole; prefix: string; origins: string; revoked: unknown; partnerId: string }>(
      'SELECT id, name, role, prefix, origins, revoked, partner_id AS "partnerId" FROM api_key WHERE partner_id = ?', [partnerId]);
    return !r || Boolean(r.revoked) ? null : { ...r, id: Number(r.id), origins: JSON.parse(r.origins), revoked: false };
  }

  /** An active key by its row id, or null. */
  async byId(id: number): Promise<ApiKeyRecord | null> {
    const r = await this.db.one<{ id: number; name: string; role: ApiRole; prefix: string; origins: string; revoked: unknown; partnerId: string }>(
      'SELECT id, name, role, prefix, origins, revoked, partner_id AS "partnerId" FROM api_key WHERE id = ?', [id]);
    return !r || Boolean(r.revoked) ? null : { ...r, id: Number(r.id), origins: JSON.parse(r.origins), revoked: false };
  }

  /** Whether some active key registered this browser origin (answers CORS preflights, which carry no key). */
  async originRegistered(origin: string): Promise<boolean> {
    if (!this.origins || Date.now() - this.origins.at >= this.cacheMs) {
      const set = new Set<string>();
      for (const k of await this.list()) if (!k.revoked) for (const o of k.origins) set.add(o);
      this.origins = { set, at: Date.now() };
    }
    return this.origins.set.has(origin);
  }
}
