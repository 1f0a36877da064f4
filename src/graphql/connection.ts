/** Relay connections: edges with cursors, pageInfo, and a totalCount computed only when asked for. */
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { config } from '../config';
import { badInput } from './errors';
import { decodeCursor, encodeCursor } from './ids';

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

export interface Page { first: number; after: Array<string | number | null> | null }

/** Validates first/after: first in 0..max (default from config), after a cursor of the expected shape. */
export function pageArgs(first: number | null | undefined, after: string | null | undefined, arity: number): Page {
  const f = first ?? config.pageSizeDefault;
  if (!Number.isInteger(f) || f < 0 || f > config.pageSizeMax) throw badInput('first', `must be between 0 and ${config.pageSizeMax}`);
  let cur: Array<string | number | null> | null = null;
  if (after != null) {
    cur = decodeCursor(after, arity);
    if (!cur) throw badInput('after', 'is not a cursor from this list');
  }
  return { first: f, after: cur };
}

/** An edge whose cursor is written when read (a getter on the class, not a closure per edge). */
class LazyEdge<R, N> {
  constructor(readonly node: N, private readonly row: R, private readonly key: (r: R) => Array<string | number | null>) {}
  get cursor(): string { return encodeCursor(this.key(this.row)); }
}

/** Builds a connection from first+1 fetched rows; `key` gives each row's cursor parts. */
export function toConnection<R, N>(rows: R[], page: Page, key: (r: R) => Array<string | number | null>, toNode: (r: R) => N, count: () => Promise<number>) {
  const hasNext = rows.length > page.first;
  const slice = hasNext ? rows.slice(0, page.first) : rows;
  // Cursors are written only when a query asks for them (most lists are read for their nodes).
  const edges = slice.map((r) => new LazyEdge(toNode(r), r, key));
  let counted: Promise<number> | null = null;
  return {
    edges,
    pageInfo: {
      hasNextPage: hasNext, hasPreviousPage: page.after != null,
      get startCursor() { return slice.length ? encodeCursor(key(slice[0])) : null; },
      get endCursor() { return slice.length ? encodeCursor(key(slice[slice.length - 1])) : null; },
    },
    // A getter: the COUNT runs only when a query asks for totalCount.
    get totalCount() { return (counted ??= count()); },
  };
}

