/** List variables of more than `maxListItems` items are refused (validation caps list literals; it cannot see variables). */
import { GraphQLError } from 'graphql';
import { config } from '../../config';
import { oversizedListVariable } from '../../graphql/limits';
import type { PolicyStep } from './step';

export const listVariables: PolicyStep = {
  name: 'list-variables',
  operation(s) {
    const long = oversizedListVariable(s.variables, config.maxListItems);
    if (long) s.refusal = new GraphQLError(`${long}: a list of more than ${config.maxListItems} items`, { extensions: { code: 'BAD_USER_INPUT', field: long, http: { status: 400 } } });
  },
};
