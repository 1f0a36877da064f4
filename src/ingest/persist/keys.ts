/** What stored records are found and named by: content hashes, lookup keys, blocking keys, slugs. */
import crypto from 'node:crypto';
import { PlaceKind } from '../../entities/enums';
import type { XEvent } from '../extract';
import type { RPerson } from '../resolve/article';
import { coreTokens, isInitialism, variantToken } from '../resolve/names';
import { CURATED_NICKNAMES } from '../resolve/nicknames';
import type { ParsedArticle } from '../parse';
import { personKey, slugify } from '../../text/normalize';

/** Per parsed article (never changed after parsing): a batch asks in its prefetch, its article inserts and each persister. */
const hashes = new WeakMap<ParsedArticle, string>();
export function contentHash(a: ParsedArticle): string {
  let h = hashes.get(a);
  if (h === undefined) hashes.set(a, (h = crypto.createHash('sha256').update(`${a.title}\n${a.body}`).digest('hex')));
  return h;
}

/**
 * The keys an article is found by among stored ones: its content hash, its URL, and the `id` its source gave it (a
 * JSON Lines record's). The source id is its identity: a corrected text under the same id replays that article.
 */
export function lookupKeys(a: ParsedArticle, hash: string): string[] {
  return [`h:${hash}`, ...(a.sourceUrl ? [`u:${a.sourceUrl}`] : []), ...(a.sourceId ? [`i:${a.sourceId}`] : [])];
}

export const positionKey = (personId: number, title: string, institutionId: number | null) => `${personId}|${institutionId ?? ''}|${title}`;

/** The slug a place tries first: regions carry their kind ("sidoarjo-regency"), venues their name alone. */
export const placeSlug = (name: string, kind: PlaceKind, code: string | null) => slugify(kind === PlaceKind.VENUE || !code ? name : `${name} ${kind.toLowerCase()}`);

/**
 * Where resolution looks for the people an article's person may be (blocking): stored names equal to the name, a
 * declared nickname or the full name a curated nickname stands for; registered aliases equal to any written form; and
 * name parts — the word of a one-word name (and its initials when written in capitals), else the first and last words.
 */
export type Block = { key: string; names: string[]; aliases: string[]; parts: string[]; curated: string | null; formKeys: string[] };
const blocks = new WeakMap<RPerson, Block>();
export function blockingKeys(p: RPerson): Block {
  let b = blocks.get(p);
  if (!b) blocks.set(p, (b = computeBlock(p)));
  return b;
}
function computeBlock(p: RPerson): Block {
  const key = personKey(p.name);
  const formKeys = [...new Set([...p.aliases, ...p.declared].map(personKey))].filter((k) => k && k !== key);
  const curated = [key, ...formKeys].map((k) => CURATED_NICKNAMES.get(k)).find((k) => k) ?? null;
  const core = coreTokens(key);
  const parts = core.length <= 1 ? [variantToken(key.replace(/ /g, ''))] : [core[0], core[core.length - 1]];
  if (key && !key.includes(' ') && isInitialism(p.name)) parts.push(`~${key}`);
  return { key, names: [...new Set([key, ...p.declared.map(personKey), ...(curated ? [curated] : [])])], aliases: [key, ...formKeys], parts, curated, formKeys };
}

/** The n-th slug insertWithSlug tries for `base` (from 1). */
export const slugForm = (base: string, n: number) => (n === 1 ? base : `${base.slice(0, 190)}-${n}`);

/** The slug a new event tries first. */
export function eventSlug(e: XEvent): string {
  const shortName = e.aliases.slice().sort((x, y) => x.length - y.length)[0] ?? null;
  return slugify(`${e.startDate?.slice(0, 4) ?? ''} ${shortName ?? e.name}`);
}

/** The slug an article tries first (then `-2`, `-3`, … while taken). */
export const articleSlug = (a: ParsedArticle) => slugify(`${a.publishedOn ?? ''} ${a.title}`, 90);
