/** Keyset pagination over two sort keys, written out for both databases, with a lazy COUNT. */
import { Db, Row } from '../db/database';
import { InputError } from './errors';

/**
 * A page request. Forward (`first`/`after`): `first` items after the cursor. Backward (`last`/`before`): `first` holds
 * `last` and `after` holds `before`, and the list is read in reverse from the cursor (or from its end): services flip
 * their sort order and return rows nearest the cursor first; toConnection puts them back in list order.
 */
export interface Page { first: number; after: Array<string | number | null> | null; backward?: boolean }

/** The most rows a plain list under one object is read with (a window per parent over the batch; see graphql/lists.ts). */
export const LIST_CAP = 100;

export interface Built { where: string[]; params: unknown[] }
export interface ListResult<T> { rows: T[]; count: () => Promise<number>; key: (r: T) => Array<string | number | null> }

/** A page of rows (plain, as `select` names them; the caller makes them objects) with their cursor keys and a lazy count. */
export async function keysetPage(db: Db, select: string, from: string, b: Built, order: Array<{ expr: string; desc: boolean }>, keyOf: (r: Row) => Array<string | number | null>,
  page: Page, countFrom = from): Promise<ListResult<Row>> {
  const where = [...b.where];
  const params = [...b.params];
  // Backward pages read the list in reverse: every sort key flips (and so does the seek below).
  if (page.backward) order = order.map((o) => ({ expr: o.expr, desc: !o.desc }));
  if (page.after) {
    // Keyset: (k1, k2) after the cursor in the sort direction, written out for both databases. The leading
    // `k1 <= ?` bound (rather than one OR of two cases) lets the planner seek the index: with bound parameters
    // SQLite otherwise plans an OR of two index scans that reads every row before the cursor.
    const [k1, k2] = page.after;
    const [o1, o2] = order;
    const op1 = o1.desc ? '<' : '>', op2 = o2.desc ? '<' : '>';
    where.push(`${o1.expr} ${op1}= ? AND (${o1.expr} ${op1} ? OR ${o2.expr} ${op2} ?)`);
    params.push(k1, k1, k2);
  }
  const sql = `SELECT ${select} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order.map((o) => `${o.expr}${o.desc ? ' DESC' : ''}`).join(', ')} LIMIT ?`;
  let raw: Row[];
  try {
    raw = page.first === 0 ? [] : await db.query(sql, [...params, page.first + 1]);
  } catch (e) {
    // A cursor of the right shape whose text is no date (PostgreSQL compares it as one): the client's mistake.
    if (page.after && /^22/.test(String((e as { code?: unknown }).code ?? ''))) throw new InputError(page.backward ? 'before' : 'after', 'is not a cursor from this list');
    throw e;
  }
  const count = async () => {
    const c = await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${countFrom}${b.where.length ? ` WHERE ${b.where.join(' AND ')}` : ''}`, b.params);
    return Number(c?.n ?? 0);
  };
  // Each item's cursor key is read from its row when asked for (cursors are written only on demand).
  return { rows: raw, count, key: keyOf };
}

