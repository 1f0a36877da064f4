/**
 * The cost of a GraphQL operation, computed with its variables (graphql-query-complexity): the rows it can read. Every
 * object field costs 1 (a row) and scalar fields nothing (they come with their row); a field taking `first` multiplies the cost beneath it by `first` or `last` (by the default page size when both are left
 * out), so `first: $n` is charged as what $n is. Plain lists take `first` too (with a default, so a list left without it
 * is charged its default); the few lists without it (keys, daily views, stats) are charged SMALL_LIST_ESTIMATE rows.
 * Nesting multiplies: a person's participations' events' participants' people's participations' events are 20 × 20 × 20
 * rows at the defaults.
 */
import { DocumentNode, GraphQLSchema, getNamedType, isLeafType, isListType, isNonNullType, isObjectType } from 'graphql';
import { SMALL_LIST_ESTIMATE } from './lists';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { config } from '../config';

const pageEstimator: ComplexityEstimator = ({ args, childComplexity, field, type }) => {
  // A scalar (or a list of scalars, such as aliases) comes with its row: the rows are the work, not the columns.
  if (isLeafType(getNamedType(field.type))) return 0;
  const takesFirst = field.args.some((a) => a.name === 'first');
  if (!takesFirst) {
    // The lists of objects left without `first` are small by their inputs (API keys, a date range's daily views, counts
    // per kind or period): priced at an estimate of their rows. A connection's edges are priced by its `first`.
    const t = isNonNullType(field.type) ? field.type.ofType : field.type;
    if (isListType(t) && !isLeafType(getNamedType(t)) && !type.name.endsWith('Connection')) return 1 + (childComplexity + 1) * SMALL_LIST_ESTIMATE;
    return undefined; // left to the simple estimator
  }
  const isConnection = isObjectType(getNamedType(field.type)) && getNamedType(field.type).name.endsWith('Connection');
  // `last` (backward pages) sizes a page as `first` does.
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : null;
  const first = size != null ? Math.max(1, size) : isConnection ? config.pageSizeDefault : 20;
  // A connection's edges and nodes count their own rows; a plain list's items are a row each, plus what they nest.
  return 1 + (isConnection ? childComplexity : childComplexity + 1) * first;
};

const costs = new WeakMap<DocumentNode, Map<string, number>>();

/** Remembered per parsed document and variables (Apollo keeps one DocumentNode per query text), so a repeated query is priced once. */
export function operationCost(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  let byVars = costs.get(query);
  if (!byVars) costs.set(query, (byVars = new Map()));
  const k = `${operationName ?? ''}|${JSON.stringify(variables ?? {})}`;
  const hit = byVars.get(k);
  if (hit !== undefined) return hit;
  const cost = computeCost(schema, query, variables, operationName);
  // Small variable sets only (not article bodies), and a bounded number per document.
  if (k.length <= 2000 && byVars.size < 1000) byVars.set(k, cost);
  return cost;
}

function computeCost(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  return getComplexity({ schema, query, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })] });
}
