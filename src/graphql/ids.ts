/**
 * Relay global ids and opaque cursors. Records with a slug (articles, people, institutions, places, events) have ids
 * built from it ("Person:saiful-ilah" in base64url), so the same data gives the same ids on SQLite and PostgreSQL,
 * whose row ids differ (PostgreSQL's sequences advance on conflicting inserts; SQLite's rowids do not). Quotes, mentions
 * and participations have ids built from a natural key, positions and person merges from a key stored when they were
 * made (see KEY_TYPES). Only a record read without its key falls back to "Type:<row id>"; row-id forms issued before
 * keep resolving.
 */
import { MERGE_KEY, POSITION_KEY } from '../text/node-keys';

export type NodeType = 'Article' | 'Person' | 'Institution' | 'Place' | 'Event' | 'Position' | 'Participation' | 'Mention' | 'Quote' | 'PersonMerge';
export const NODE_TYPES: NodeType[] = ['Article', 'Person', 'Institution', 'Place', 'Event', 'Position', 'Participation', 'Mention', 'Quote', 'PersonMerge'];

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Ids written recently, per type: a busy page names the same people and institutions on every request, and each id
 * written anew was several short-lived strings. Bounded (emptied when full).
 */
const written = new Map<NodeType, Map<number, string>>(NODE_TYPES.map((t) => [t, new Map()]));
const WRITTEN_MAX = 20_000;

/** base64url of "Type:id" (every object read carries one). */
export function toGlobalId(type: NodeType, id: number): string {
  const memo = written.get(type)!;
  let out = memo.get(id);
  if (out === undefined) {
    if (memo.size >= WRITTEN_MAX) memo.clear();
    memo.set(id, (out = encodeGlobalId(type, id)));
  }
  return out;
}

/** Written out for this short ASCII text (a Buffer each was slower). */
function encodeGlobalId(type: NodeType, id: number | string): string {
  const s = `${type}:${id}`;
  let out = '';
  let i = 0;
  for (; i + 2 < s.length; i += 3) {
    const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  if (i < s.length) {
    const n = (s.charCodeAt(i) << 16) | (i + 1 < s.length ? s.charCodeAt(i + 1) << 8 : 0);
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + (i + 1 < s.length ? B64URL[(n >> 6) & 63] : '');
  }
  return out;
}

/** The types whose ids are built from their slug. */
export const SLUG_TYPES = new Set<NodeType>(['Article', 'Person', 'Institution', 'Place', 'Event']);
const SLUG = /^[a-z0-9-]{1,200}$/;
const sluggedIds = new Map<NodeType, Map<string, string>>([...SLUG_TYPES].map((t) => [t, new Map()]));

/**
 * A slugged record's id: base64url of "Type:slug". A slug of digits alone (which would read as a row id) or a missing
 * one (a projection without it) falls back to the row-id form.
 */
export function toStableId(type: NodeType, id: number, slug: unknown): string {
  // Only checked slugs enter the memo, so a hit needs no second check (a page names the same records on every request).
  const memo = sluggedIds.get(type)!;
  let out = typeof slug === 'string' ? memo.get(slug) : undefined;
  if (out !== undefined) return out;
  if (typeof slug !== 'string' || !SLUG.test(slug) || /^\d+$/.test(slug)) return toGlobalId(type, id);
  if (memo.size >= WRITTEN_MAX) memo.clear();
  memo.set(slug, (out = encodeGlobalId(type, slug)));
  return out;
}

/**
 * The types whose ids are built from a key. Quotes, mentions and participations have a natural one: the slugs of the
 * records they belong to plus the fields that tell them apart there, which the database keeps unique (uq_quote_span,
 * uq_mention_span, uq_participation):
 *   Quote          "<article slug>/<start>"
 *   Mention        "<article slug>/<entity type>/<start>-<end>"
 *   Participation  "<event slug>/<role>/person|institution/<party slug>"
 * Positions and person merges have none (a position's title, institution and dates are all revisable; merges move
 * them between people), so each keeps the key it was given when made, in `node_key` (text/node-keys.ts; one part):
 *   Position       "<person slug>/<title slug>/<institution slug or ->/<evidence article slug or ->[/<n>]"
 *   PersonMerge    "<surviving person slug>/<absorbed person slug or linked name's slug>/<article slug or ->[/<n>]"
 */
export const KEY_TYPES = new Set<NodeType>(['Quote', 'Mention', 'Participation', 'Position', 'PersonMerge']);
const S = '[a-z0-9-]{1,200}';
const N = '(0|[1-9]\\d{0,9})';
const KEY: Partial<Record<NodeType, RegExp>> = {
  Quote: new RegExp(`^(${S})/${N}$`),
  Mention: new RegExp(`^(${S})/([A-Z_]{1,20})/${N}-${N}$`),
  Participation: new RegExp(`^(${S})/([A-Z_]{1,20})/(person|institution)/(${S})$`),
  Position: POSITION_KEY,
  PersonMerge: MERGE_KEY,
};
const keyedIds = new Map<NodeType, Map<string, string>>([...KEY_TYPES].map((t) => [t, new Map()]));

/**
 * A keyed record's id from its key's parts (slugs, names of kinds, offsets). Any part missing or not of its shape
 * (a slug of digits alone, a record not loaded) falls back to the row-id form, which keeps resolving.
 */
export function toKeyedId(type: NodeType, id: number, parts: unknown[]): string {
  const key = parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : parts.join('/');
  // Only keys whose parts passed the checks enter the memo: a hit is one of them.
  const memo = keyedIds.get(type)!;
  let out = memo.get(key);
  if (out !== undefined) return out;
  const re = KEY[type];
  if (!re || parts.some((x) => x == null || x === '' || (typeof x === 'string' && /^\d+$/.test(x))) || !re.test(key)) return toGlobalId(type, id);
  if (memo.size >= WRITTEN_MAX) memo.clear();
  memo.set(key, (out = encodeGlobalId(type, key)));
  return out;
}

/** A keyed id's parts, as strings in key order (see KEY_TYPES). */
export function keyParts(type: NodeType, key: string): string[] | null {
  const m = KEY[type]?.exec(key);
  return m ? m.slice(1) : null;
}

/** A global id read back: a row id, a slug (slugged types) or a natural key (keyed types). */
export type GlobalRef = { type: NodeType; id: number; slug?: undefined; key?: undefined } | { type: NodeType; slug: string; id?: undefined; key?: undefined }
  | { type: NodeType; key: string; id?: undefined; slug?: undefined };

/**
 * Reads a global id. Ids are canonicalised: the padded form and the standard base64 alphabet ("+", "/") read as the
 * id Warta writes (and answers with); any other spelling that would decode to the same text (stray bits in the last
 * character, leading zeros, spaces) is not an id, so one record has exactly one id.
 */
export function fromGlobalId(gid: string): GlobalRef | null {
  // Long enough for the longest keyed id (two 200-character slugs in a participation's), short of anything larger.
  if (typeof gid !== 'string' || gid.length > 800) return null;
  const canonical = gid.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (!/^[A-Za-z0-9_-]+$/.test(canonical)) return null;
  const s = Buffer.from(canonical, 'base64url').toString('utf8');
  const m = /^([A-Za-z]+):(.+)$/.exec(s);
  if (!m || !NODE_TYPES.includes(m[1] as NodeType)) return null;
  const type = m[1] as NodeType;
  let ref: GlobalRef;
  if (/^(0|[1-9]\d{0,11})$/.test(m[2])) ref = { type, id: Number(m[2]) };
  else if (SLUG_TYPES.has(type) && SLUG.test(m[2]) && !/^\d+$/.test(m[2])) ref = { type, slug: m[2] };
  else if (KEY_TYPES.has(type) && keyParts(type, m[2])) ref = { type, key: m[2] };
  else return null;
  return encodeGlobalId(type, ref.slug ?? ref.key ?? ref.id!) === canonical ? ref : null;
}

export function encodeCursor(parts: Array<string | number | null>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * Cursor parts are what Warta writes: ids, positions and counts (integers of a 32-bit column, which PostgreSQL
 * refuses beyond) and short texts (dates, name keys). Anything else (`[1e25]`, `[1.5]`) is not one of its cursors.
 */
const cursorPart = (x: unknown) => x === null || (typeof x === 'string' && x.length <= 1000)
  || (typeof x === 'number' && Number.isInteger(x) && x >= -2_147_483_648 && x <= 2_147_483_647);

export function decodeCursor(c: string, arity: number): Array<string | number | null> | null {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === arity && v.every(cursorPart)) return v;
  } catch { /* fallthrough */ }
  return null;
}
