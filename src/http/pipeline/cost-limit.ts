/** An operation priced over `maxQueryCost` is refused (400 QUERY_TOO_COSTLY) before any SQL runs. */
import { GraphQLError } from 'graphql';
import { config } from '../../config';
import type { PolicyStep } from './step';

export const costLimit: PolicyStep = {
  name: 'cost-limit',
  operation(s) {
    if (s.cost <= config.maxQueryCost) return;
    s.refusal = new GraphQLError(`the query costs ${s.cost}; the limit is ${config.maxQueryCost} (lower "first" or ask for fewer fields)`, {
      extensions: { code: 'QUERY_TOO_COSTLY', cost: s.cost, limit: config.maxQueryCost, http: { status: 400 } },
    });
  },
};
