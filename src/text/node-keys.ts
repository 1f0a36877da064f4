/**
 * The keys positions and person merges are known by in their global ids (graphql/ids.ts), stored once when the row is
 * made (`node_key`) and never rebuilt: a position's title, institution and dates may be edited, and merges move
 * positions and merges to other people, yet their ids stay. Built from slugs, which are the same on SQLite and
 * PostgreSQL for the same data, never from row ids, which are not.
 *   Position     "<person slug>/<title slug>/<institution slug or ->/<evidence article slug or ->"
 *   PersonMerge  "<surviving person slug>/<absorbed person slug, or the linked name's slug>/<article slug or ->"
 * A key taken already (the same title evidenced again after an edit, a merge made again after its undoing) gets
 * "/2", "/3", … in the order the rows were made.
 */
import { slugify } from './normalize';

const SLUG = '[a-z0-9-]';
/** Each part's longest: a key stays under 400 characters and its id under the 800 characters ids are read to. */
const MAX = { slug: 100, title: 60 } as const;
const SUFFIX = '(?:/[1-9][0-9]{0,5})?';
export const NODE_KEY_MAX = 400;

/** The shapes (graphql/ids.ts reads ids against them). */
export const POSITION_KEY = new RegExp(`^(${SLUG}{1,${MAX.slug}}/${SLUG}{1,${MAX.title}}/${SLUG}{1,${MAX.slug}}/${SLUG}{1,${MAX.slug}}${SUFFIX})$`);
export const MERGE_KEY = new RegExp(`^(${SLUG}{1,${MAX.slug}}/${SLUG}{1,${MAX.slug}}/${SLUG}{1,${MAX.slug}}${SUFFIX})$`);

/** A part of a key: a slug cut to its length (no hyphen left at the cut), "-" for none. */
function part(slug: string | null | undefined, max: number): string {
  if (!slug) return '-';
  return slug.slice(0, max).replace(/^-+|-+$/g, '').replace(/[^a-z0-9-]/g, '') || '-';
}

export function positionKeyBase(personSlug: string, title: string, institutionSlug: string | null, articleSlug: string | null): string {
  return [part(personSlug, MAX.slug), part(slugify(title, MAX.title), MAX.title), part(institutionSlug, MAX.slug), part(articleSlug, MAX.slug)].join('/');
}

export function mergeKeyBase(survivorSlug: string, absorbedSlug: string | null, form: string, articleSlug: string | null): string {
  return [part(survivorSlug, MAX.slug), part(absorbedSlug ?? slugify(form, MAX.slug), MAX.slug), part(articleSlug, MAX.slug)].join('/');
}

/** The base itself, or the first of base/2, base/3, … that `taken` does not hold. */
export async function freeKey(base: string, taken: (key: string) => boolean | Promise<boolean>): Promise<string> {
  let key = base;
  for (let n = 2; await taken(key); n++) key = `${base}/${n}`;
  return key;
}
