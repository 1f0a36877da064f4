/**
 * The execution budget of a query (graphql/budget.ts): at most `maxRowsPerRequest` rows read by its loaders and lists,
 * and a deadline of `queryDeadlineMs` from the start of its execution. A query that runs out is
 * answered with that one error (400 ROW_BUDGET_EXCEEDED, 503 DEADLINE_EXCEEDED) and nothing of its partial answer.
 * Mutations are not cut short: an editor's write runs to its end.
 */
import { config } from '../../config';
import type { PolicyStep } from './step';

export const executionBudget: PolicyStep = {
  name: 'execution-budget',
  operation(s) {
    // Spent on the compiled path: Apollo answers the same error without running the query again.
    if (s.exceeded) { s.refusal = s.exceeded; return; }
    if (s.operation === 'query') s.start(config.maxRowsPerRequest, config.queryDeadlineMs);
  },
  response(s) {
    if (!s.exceeded) return;
    s.answerError = s.exceeded;
    s.ok = false;
  },
};
