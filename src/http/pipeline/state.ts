/**
 * What the /graphql policy knows about one request, and what it decided. One object per request, made by whichever
 * adapter meets the request first (the compiled route or Apollo's context) and kept on the request, so a request the
 * compiled route hands to Apollo carries its charge, its deadline and a spent budget along (charged and timed once).
 *
 * It is also the request's execution budget (rows and deadline, graphql/budget.ts), which the loaders and resolvers
 * check through the GraphQL context.
 */
import type http from 'node:http';
import type { DocumentNode, GraphQLError, OperationTypeNode } from 'graphql';
import { ExecutionBudget } from '../../graphql/budget';
import type { QuotaSubject } from '../quota';

const NO_VARIABLES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export class PolicyState extends ExecutionBudget {
  // -- the request (set by the adapter) ----------------------------------------------------------------------------
  /** Whose quota the request spends (none outside the access rules, as in direct schema calls). */
  subject: QuotaSubject | undefined;

  // -- the operation (set by the adapter once the document is known) -------------------------------------------------
  document: DocumentNode | null = null;
  operationName: string | null = null;
  variables: Record<string, unknown> = NO_VARIABLES;
  /** query, mutation …; null when the document names none the request can run. */
  operation: OperationTypeNode | null = null;
  /** The printed document, when the adapter has it at hand (the compiled route does); else printed on demand. */
  printed: string | null = null;

  // -- what the steps decided ----------------------------------------------------------------------------------------
  /** The operation's price (-1 until priced). */
  cost = -1;
  /** The cost charge's outcome, made once per request: headers for the answer, or a refusal. */
  charged = false;
  chargeHeaders: Record<string, string> | null = null;
  chargeRefusal: GraphQLError | null = null;
  /** A step refused the request: this error is its answer (status and headers in its `http` extension). */
  refusal: GraphQLError | null = null;
  /** Headers the steps add to the answer (lower-case names). */
  headers: Record<string, string> = {};
  /** A stored answer (JSON text) to send instead of running the operation. */
  hit: string | null = null;
  /** Where a clean answer is to be stored, and for how long (seconds). */
  cacheKey: string | null = null;
  cacheMaxAge = 0;
  /**
   * This request computes an answer that others with the same cache key wait for (pipeline/response-cache.ts); kept
   * when the compiled route hands the request to Apollo, which then finishes the same computation.
   */
  coalescing: { key: string; promise: Promise<string | null>; settle: (answer: string | null) => void } | null = null;

  // -- the answer (set by the adapter after execution) ---------------------------------------------------------------
  /** The answer has data and no errors. */
  ok = false;
  /** The answer as JSON text (the compiled route has it), or as a value (Apollo's), for steps that keep it. */
  answerText: string | null = null;
  answerValue: unknown = undefined;
  /** Set by a step: the answer is replaced by this error alone (nothing of the partial answer is sent). */
  answerError: GraphQLError | null = null;

  constructor(readonly method: string, readonly requestHeaders: http.IncomingHttpHeaders, readonly keyId: number | null, subject: QuotaSubject | undefined) {
    super();
    this.subject = subject;
  }

  /** The document the operation steps run on. */
  setOperation(document: DocumentNode, operationName: string | null, variables: Record<string, unknown> | undefined, operation: OperationTypeNode | null, printed: string | null): void {
    this.document = document;
    this.operationName = operationName;
    this.variables = variables ?? NO_VARIABLES;
    this.operation = operation;
    this.printed = printed;
  }

  /**
   * Apollo takes over a request the compiled route has tried: what that attempt decided for its answer goes, while the
   * charge, the deadline and a spent budget stay (see ExecutionBudget.start).
   */
  handOver(): void {
    this.refusal = null;
    this.headers = {};
    this.hit = null;
    this.cacheKey = null;
    this.cacheMaxAge = 0;
    this.ok = false;
    this.answerText = null;
    this.answerValue = undefined;
    this.answerError = null;
  }
}
