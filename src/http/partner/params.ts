/**
 * What partner requests carry, read and checked: path and query parameters, the partner key, list filters, and the
 * public base URL. Each refusal is a PartnerError naming its parameter, which the router answers (router.ts).
 */
import express from 'express';
import { config } from '../../config';
import { EventKind } from '../../entities/enums';
import { ApiKeyService } from '../../services/api-key.service';
import { AmbiguousName, CatalogService, EventFilter } from '../../services/catalog.service';
import { idOrSlug } from '../exports';
import { isCalendarDate } from '../../text/dates';

export class PartnerError extends Error { constructor(readonly status: number, message: string, readonly field?: string) { super(message); } }

export const PARTNER_ID = /^[0-9a-f]{24}$/;
export const EVENT_SLUG = /^[a-z0-9-]{1,200}$/;

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The public base URL of links, calendar UIDs, JSON-LD ids and oEmbed providers, which partners' caches keep:
 * WARTA_PUBLIC_URL; else the request's Host only when it is one of WARTA_ALLOWED_HOSTS; else the address and port
 * the request came in on. A client's Host header is never reflected into a publicly cacheable answer unchecked
 * (and a malformed one, `a b`, cannot break the URL).
 */
export function baseUrl(req: express.Request): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '');
  const host = req.headers.host ?? '';
  if (HOST.test(host) && config.allowedHosts.includes(host.toLowerCase())) return `${req.protocol}://${host.toLowerCase()}`;
  const a = req.socket.localAddress ?? '127.0.0.1';
  const addr = a.startsWith('::ffff:') ? a.slice(7) : a;
  return `${req.protocol}://${addr.includes(':') ? `[${addr}]` : addr}:${req.socket.localPort}`;
}

/**
 * `?partner=<partner id>`: the key whose origins may frame the card, and whose views are counted. The partner id is
 * opaque and random (ApiKeyInfo.partnerId), so key row ids cannot be walked to read every key's origins.
 */
export async function partnerOf(keys: ApiKeyService, req: express.Request): Promise<{ keyId: number; origins: string[] }> {
  const p = req.query.partner;
  if (p == null || p === '') return { keyId: 0, origins: [] };
  if (typeof p !== 'string' || !PARTNER_ID.test(p)) throw new PartnerError(400, 'partner must be the partner id of a key (24 hex characters, ApiKeyInfo.partnerId)', 'partner');
  const k = await keys.byPartnerId(p);
  return k ? { keyId: k.id, origins: k.origins } : { keyId: 0, origins: [] };
}

/** List and feed filters as partners type them: institution, place (id or slug), kind, from. */
export async function listFilter(catalog: CatalogService, req: express.Request): Promise<EventFilter> {
  const q = req.query;
  const f: EventFilter = {};
  for (const k of Object.keys(q)) if (!['institution', 'place', 'kind', 'from', 'to', 'when', 'partner', 'limit'].includes(k)) throw new PartnerError(400, `${k} is not a filter`, k);
  const lookup = idOrSlug(catalog);
  for (const k of ['institution', 'place'] as const) {
    const v = q[k];
    if (v == null || v === '') continue;
    if (typeof v !== 'string' || v.length > 200) throw new PartnerError(400, `${k} must be one id or slug`, k);
    let id: number | null;
    try { id = await lookup(k, v); } catch (e) {
      if (e instanceof AmbiguousName) throw new PartnerError(400, `more than one ${k} is called "${v}"; did you mean ${e.candidates.join(', ')}?`, k);
      throw e;
    }
    if (id == null) throw new PartnerError(400, `no ${k} with this id or slug`, k);
    f[k] = id;
  }
  if (q.kind != null && q.kind !== '') {
    if (typeof q.kind !== 'string' || !(q.kind in EventKind)) throw new PartnerError(400, `kind must be one of ${Object.keys(EventKind).join(', ')}`, 'kind');
    f.kind = q.kind as EventKind;
  }
  for (const k of ['from', 'to'] as const) {
    const v = q[k];
    if (v == null || v === '') continue;
    if (typeof v !== 'string' || !isCalendarDate(v)) throw new PartnerError(400, `${k} must be a calendar date YYYY-MM-DD`, k);
    f[k] = v;
  }
  const today = new Date().toISOString().slice(0, 10);
  if (q.when === 'upcoming') f.from = f.from ?? today;
  else if (q.when === 'recent') f.to = f.to ?? today;
  else if (q.when != null && q.when !== '') throw new PartnerError(400, 'when must be upcoming or recent', 'when');
  return f;
}

/** `?limit=` of an embedded list: 1 to 20, 10 when absent. */
export function listLimit(req: express.Request): number {
  const limit = req.query.limit == null ? 10 : Number(req.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 20) throw new PartnerError(400, 'limit must be between 1 and 20', 'limit');
  return limit;
}

/** `/events/<slug>[.ics|.jsonld]`: the slug and the format asked for (none: the page). */
export function eventFile(file: string): { slug: string; ext: 'ics' | 'jsonld' | undefined } {
  const m = /^([a-z0-9-]{1,200})(?:\.(ics|jsonld))?$/.exec(file);
  if (!m) throw new PartnerError(404, 'no such event');
  return { slug: m[1], ext: m[2] as 'ics' | 'jsonld' | undefined };
}

/** `/articles/<slug>.jsonld`: the slug. */
export function articleFile(file: string): string {
  const m = /^([a-z0-9-]{1,200})\.jsonld$/.exec(file);
  if (!m) throw new PartnerError(404, 'no such article');
  return m[1];
}

/** oEmbed's `url`: the URL, which must be one of this server's event pages or cards (the slug, and the URL for its `?partner=`). */
export function oembedUrl(url: unknown, base: string): { slug: string; url: URL } {
  if (typeof url !== 'string' || url.length > 1000) throw new PartnerError(400, 'url is required', 'url');
  let u: URL;
  try { u = new URL(url); } catch { throw new PartnerError(400, 'url is not a URL', 'url'); }
  const m = /^\/(?:embed\/)?events\/([a-z0-9-]{1,200})$/.exec(u.pathname);
  if (u.origin !== new URL(base).origin || !m) throw new PartnerError(404, 'url is not a Warta event page', 'url');
  return { slug: m[1], url: u };
}

/** An optional size in pixels (oEmbed's maxwidth, maxheight): 1 to 10,000, null when absent. */
export function pixels(v: unknown, name: string): number | null {
  if (v == null || v === '') return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new PartnerError(400, `${name} must be a positive integer`, name);
  return n;
}
