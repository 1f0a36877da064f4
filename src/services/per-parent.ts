/**
 * A bounded list for each of a batch of parents, in one statement: every parent's first LIST_CAP rows in `order`.
 *
 * Each parent's rows are read by their own index seek and `ORDER BY … LIMIT`, so a busy parent (the busiest
 * person's thousands of participations) is cut to its first rows as they are read, rather than all its rows being
 * sorted and numbered with the batch's by a window. PostgreSQL runs a `JOIN LATERAL` over the array of ids. SQLite,
 * for a list that names its rows' key, joins a VALUES list of the parents to the rows whose key is among the parent's
 * first keys; otherwise it runs a `UNION ALL` of one term per parent, and past PER_PARENT_TERMS parents a window over
 * the batch (`ROW_NUMBER() OVER (PARTITION BY …)`): a compound SELECT takes at most 500 terms, and preparing one of
 * hundreds of terms costs more than the window saves on parents that small.
 */
import type { Db } from '../db/database';
import { LIST_CAP } from './keyset';

export interface PerParentList {
  /** Selected columns, the parent's id among them. */
  select: string;
  /**
   * `FROM … WHERE …` of the rows: `match` is the right-hand side of the parent comparison (`= ?`, `= k.id` or
   * `IN (?, …)`), written as `WHERE pa.person_id ${match}`. Placeholders after it take `params`.
   */
  from: (match: string) => string;
  /** The parent expression the window partitions by (the fallback). */
  parent: string;
  /** Each parent's order; it must end with a unique column, so that a parent's first rows are one set. */
  order: string;
  params?: readonly unknown[];
  /**
   * SQLite: the rows' unique key (`pa.id`; `x.rowid` for a table keyed by several columns). With it, each parent's
   * first rows are chosen by key through the parent's index (see perParent), rather than by a term of their own.
   */
  key?: string;
  /** `from` for choosing the keys, when `from` joins tables that the order does not need (default: `from`). */
  keyFrom?: (match: string) => string;
}

/**
 * Terms per SQLite statement: below the compound-select limit (500). Batches are padded with NULL ids (they match
 * nothing) up to a power of two, so a loader prepares a handful of statement texts rather than one per batch size.
 */
export const PER_PARENT_TERMS = 256;
/** Parents per keyed statement (two placeholders each at most, padded: well below SQLite's 32,766). */
const KEYED_PARENTS = 4096;

const marks = (n: number) => Array(n).fill('?').join(', ');
const padded = (n: number) => { let m = 1; while (m < n) m *= 2; return m; };

/** `limit`: rows per parent (LIST_CAP unless a caller needs fewer). */
export function perParent(db: Db, list: PerParentList, ids: readonly number[], limit = LIST_CAP): { sql: string; params: unknown[] } {
  const extra = list.params ?? [];
  const cap = Math.max(0, Math.min(LIST_CAP, Math.floor(limit)));
  if (db.isPostgres) {
    return {
      sql: `SELECT c.* FROM unnest(?::bigint[]) AS k(id) CROSS JOIN LATERAL (SELECT ${list.select} ${list.from('= k.id')} ORDER BY ${list.order} LIMIT ${cap}) c`,
      params: [[...ids], ...extra],
    };
  }
  if (list.key && ids.length <= KEYED_PARENTS) {
    const n = padded(ids.length);
    // The parents as a VALUES list, each joined to its rows whose key is among its first LIMIT keys (one index seek and
    // at most LIST_CAP rows per parent). About a third of the compound below's cost on a page of events with their
    // participants: no co-routine per parent, and the joined columns read only for the rows kept.
    const keys = `${list.key} IN (SELECT ${list.key} ${(list.keyFrom ?? list.from)('= k_.column1')} ORDER BY ${list.order} LIMIT ${cap})`;
    const params: unknown[] = [];
    for (let i = 0; i < n; i++) params.push(i < ids.length ? ids[i] : null);
    params.push(...extra, ...extra);
    return {
      // The parent's own comparison is a tautology here (`x = x`), so that the rows are found by key, not scanned by parent.
      sql: `SELECT ${list.select} FROM (VALUES ${Array(n).fill('(?)').join(', ')}) AS k_ CROSS JOIN ${list.from(`= ${list.parent} AND ${keys}`).replace(/^\s*FROM\s+/, '')} ORDER BY ${list.order}`,
      params,
    };
  }
  if (ids.length > PER_PARENT_TERMS) {
    return {
      sql: `SELECT * FROM (SELECT ${list.select}, ROW_NUMBER() OVER (PARTITION BY ${list.parent} ORDER BY ${list.order}) AS rn_ ${list.from(`IN (${marks(ids.length)})`)}) c
        WHERE c.rn_ <= ${cap} ORDER BY c.rn_`,
      params: [...ids, ...extra],
    };
  }
  const n = padded(ids.length);
  // A subquery per term: a compound SELECT takes ORDER BY and LIMIT only for the whole.
  const term = `SELECT * FROM (SELECT ${list.select} ${list.from('= ?')} ORDER BY ${list.order} LIMIT ${cap})`;
  const params: unknown[] = [];
  for (let i = 0; i < n; i++) params.push(i < ids.length ? ids[i] : null, ...extra);
  return { sql: Array(n).fill(term).join(' UNION ALL '), params };
}
