import { Arg, Int } from 'type-graphql';
import { config } from '../config';
import { LIST_CAP } from '../services/keyset';
import { badInput } from './errors';

export { LIST_CAP };

/**
 * Plain lists under an object (a person's participations, an event's participants, an article's mentions …) are
 * bounded: each takes `first` (a default per list, at most `pageSizeMax`), and the loaders never read more than
 * `LIST_CAP` rows per parent in SQL (services/per-parent.ts). The cost model multiplies by `first`.
 */
/** Default `first` of lists whose parent can gather many rows (a busy person's participations, a large event's participants). */
export const LIST_DEFAULT = 20;
/**
 * Default `first` of an article's own lists (people, institutions, places, quotes named in one text): small, as one
 * article names few of each, so a page of 50 articles with their people and events stays within the cost limit.
 */
export const ARTICLE_LIST_DEFAULT = 10;
/** Default `first` of an article's events and an event's organisers (an article reports one or two events). */
export const FEW_DEFAULT = 5;
/** Default `first` of an article's mentions (the explorer highlights them; a page asks for more). */
export const MENTIONS_DEFAULT = 50;

export function listFirst(first: number | null | undefined, def: number): number {
  const f = first ?? def;
  if (!Number.isInteger(f) || f < 0 || f > Math.min(config.pageSizeMax, LIST_CAP)) throw badInput('first', `must be between 0 and ${Math.min(config.pageSizeMax, LIST_CAP)}`);
  return f;
}

export const take = <T>(xs: T[], n: number): T[] => (xs.length > n ? xs.slice(0, n) : xs);

/** Rows the cost model assumes for the few object lists without `first` (API keys, a range's daily views, stats rows). */
export const SMALL_LIST_ESTIMATE = 10;

/** The `first` argument of a plain list: optional, `def` when left out, described alike everywhere. */
export function FirstArg(def: number, items?: string): ReturnType<typeof Arg> {
  return Arg('first', () => Int, { nullable: true, defaultValue: def, description: `At most this many${items ? ` ${items}` : ''} (default ${def}, at most ${LIST_CAP})` });
}
