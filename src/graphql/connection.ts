/** Relay connections: edges with cursors, pageInfo, and a totalCount computed only when asked for. */
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { config } from '../config';
import { badInput } from './errors';
import { decodeCursor, encodeCursor } from './ids';
import type { ListResult, Page } from '../services/keyset';

export type { Page };

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export function Connection<T extends object>(NodeClass: ClassType<T>) {
  @ObjectType(`${NodeClass.name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field() cursor: string;
    @Field(() => NodeClass) node: T;
  }
  @ObjectType(`${NodeClass.name}Connection`, { simpleResolvers: true })
  class ConnectionClass {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    // A resolver (not a plain property read): the count is a promise, which compiled queries await only from resolvers.
    @Field(() => Int, { simple: false, description: 'All items matching the filter (counted only when asked for)' }) totalCount: number | Promise<number>;
  }
  return ConnectionClass;
}


/**
 * Validates first/after or last/before (Relay's forward and backward pagination; one direction per request): a size
 * in 0..max (default from config) and a cursor of the expected shape.
 */
export function pageArgs(first: number | null | undefined, after: string | null | undefined, arity: number,
  last?: number | null, before?: string | null): Page {
  const backward = last != null || before != null;
  if (backward && (first != null || after != null)) throw badInput(first != null ? 'first' : 'after', 'cannot be combined with last/before: page one way at a time');
  const name = backward ? 'last' : 'first';
  const f = (backward ? last : first) ?? config.pageSizeDefault;
  if (!Number.isInteger(f) || f < 0 || f > config.pageSizeMax) throw badInput(name, `must be between 0 and ${config.pageSizeMax}`);
  const c = backward ? before : after;
  let cur: Array<string | number | null> | null = null;
  if (c != null) {
    cur = decodeCursor(c, arity);
    if (!cur) throw badInput(backward ? 'before' : 'after', 'is not a cursor from this list');
  }
  return backward ? { first: f, after: cur, backward: true } : { first: f, after: cur };
}

/**
 * Offset-paged lists (cursor: the item's 1-based position): the rows to read, [offset, offset + limit) in list order,
 * with one extra row beyond the page on its far side. Backward pages then go to toConnection reversed (nearest first).
 */
export async function offsetWindow(page: Page, count: () => Promise<number>): Promise<{ offset: number; limit: number }> {
  const pos = page.after ? Number(page.after[0]) : null;
  if (pos != null && (!Number.isInteger(pos) || pos < (page.backward ? 1 : 0))) throw badInput(page.backward ? 'before' : 'after', 'is not a cursor from this list');
  if (page.first === 0) return { offset: 0, limit: 0 };
  if (!page.backward) return { offset: pos ?? 0, limit: page.first + 1 };
  const end = pos != null ? pos - 1 : await count();
  const start = Math.max(0, end - page.first - 1);
  return { offset: start, limit: end - start };
}

/** An edge whose cursor is written when read (a getter on the class, not a closure per edge). */
class LazyEdge<R, N> {
  constructor(readonly node: N, private readonly row: R, private readonly key: (r: R) => Array<string | number | null>) {}
  get cursor(): string { return encodeCursor(this.key(this.row)); }
}

/**
 * Builds a connection from first+1 fetched rows; `key` gives each row's cursor parts. Backward pages arrive nearest
 * the cursor first (see Page) and are reversed into list order; the extra row then says there is a previous page.
 */
export function toConnection<R, N>(rows: R[], page: Page, key: (r: R) => Array<string | number | null>, toNode: (r: R) => N, count: () => Promise<number>) {
  const more = rows.length > page.first;
  let slice = more ? rows.slice(0, page.first) : rows;
  if (page.backward) slice = slice.reverse();
  // Cursors are written only when a query asks for them (most lists are read for their nodes).
  const edges = slice.map((r) => new LazyEdge(toNode(r), r, key));
  let counted: Promise<number> | null = null;
  return {
    edges,
    pageInfo: {
      // Forward: more rows past this page, and a cursor before it. Backward: the mirror image.
      hasNextPage: page.backward ? page.after != null : more,
      hasPreviousPage: page.backward ? more : page.after != null,
      get startCursor() { return slice.length ? encodeCursor(key(slice[0])) : null; },
      get endCursor() { return slice.length ? encodeCursor(key(slice[slice.length - 1])) : null; },
    },
    // A getter: the COUNT runs only when a query asks for totalCount.
    get totalCount() { return (counted ??= count()); },
  };
}

/** Nodes that are already objects (co-attendees, partners). */
export const asNode = <T>(x: T) => x;

/**
 * A service's list as a connection, each row made its node by `toNode` (a mapper of graphql/read/rows.ts; `asNode` for
 * objects already) as its edge is built: only the rows of the page, once each.
 */
export function connection<T, N>(r: ListResult<T>, page: Page, toNode: (r: T) => N) {
  return toConnection(r.rows, page, r.key, toNode, r.count);
}
