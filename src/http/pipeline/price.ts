/** Prices the operation with its variables (graphql/cost.ts), before anything runs; the answer says the price (`Warta-Query-Cost`). */
import { GraphQLError, GraphQLSchema } from 'graphql';
import { operationCost } from '../../graphql/cost';
import type { PolicyStep } from './step';

export function price(schema: GraphQLSchema): PolicyStep {
  return {
    name: 'price',
    operation(s) {
      let cost: number;
      try {
        cost = operationCost(schema, s.document!, s.variables, s.operationName);
      } catch (e) {
        // Pricing coerces the variables first; a variable of the wrong type is the caller's mistake, as in execution.
        if (e instanceof GraphQLError) { s.refusal = new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }); return; }
        throw e;
      }
      s.cost = cost;
      s.headers['warta-query-cost'] = String(cost);
    },
  };
}
