/**
 * The /graphql request policy: one ordered list of steps (step.ts), each in its own file, which every entry to /graphql
 * runs. The adapters only translate: the compiled route (compiled-route.ts: the lane's POSTs and express's, GETs) and
 * Apollo (graphql-plugins.ts: its context runs the request phase, its plugin the operation and response phases).
 * A step added to this list is run by every entry; tests/http/pipeline.test.ts holds that.
 */
import type { GraphQLSchema } from 'graphql';
import type { QuotaService } from '../quota';
import type { SharedCaches } from '../response-cache';
import { cacheHeaders } from './cache-headers';
import { charge } from './charge';
import { costLimit } from './cost-limit';
import { csrf } from './csrf';
import { executionBudget } from './execution-budget';
import { listVariables } from './list-variables';
import { price } from './price';
import { responseCache } from './response-cache';
import type { PolicyStep } from './step';

export { PolicyState } from './state';
export { runPhase } from './step';
export type { Phase, PolicyStep } from './step';

/**
 * The steps in order: CSRF (request); list variables, price, cost limit, charge, execution budget, response-cache
 * lookup (operation); execution budget, response-cache store, cache headers (response). Refusals come before charges,
 * so a refused request costs nothing of its budget.
 */
export function graphqlPolicy(deps: { schema: GraphQLSchema; quota: QuotaService; caches: SharedCaches }): PolicyStep[] {
  return [csrf, listVariables, price(deps.schema), costLimit, charge(deps.quota), executionBudget, responseCache(deps.schema, deps.caches), cacheHeaders];
}
