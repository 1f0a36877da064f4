/**
 * A request's execution budget: the rows its loaders and list statements may read, and a deadline.
 *
 * Rows are counted where they are read (each loader batch, each page a service reads for a connection); the deadline
 * is checked before each batch and each resolver call. Once either is spent, every later check throws the same error,
 * so the rest of the query stops at its next batch, resolver or statement; the HTTP policy then answers that error
 * alone (no partial data): `ROW_BUDGET_EXCEEDED` or `DEADLINE_EXCEEDED`.
 *
 * The deadline is checked before each of the request's statements too (db's ReadScope: its loaders' statements and the
 * reads of the services its context hands out). The budget is also the request's turns on the event loop (db's
 * RequestTurns): once the query has run for `sqliteSliceMs`, its reads, batches and resolvers wait in line for its next
 * turn, and check the deadline again then.
 */
import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';
import { RequestTurns } from '../db/database';

export class ExecutionBudget extends RequestTurns {
  /** Rows read so far. */
  rows = 0;
  /** The most rows the request may read (0: no limit). */
  maxRows = 0;
  /** performance.now() past which the request stops (0: no deadline), and the deadline as configured (ms). */
  deadline = 0;
  deadlineMs = 0;
  /** The error the request stopped with (its whole answer), once it has. */
  exceeded: GraphQLError | null = null;

  /** Arms the budget for one operation's execution, which starts its first run on the event loop (RequestTurns). */
  start(maxRows: number, deadlineMs: number): void {
    const now = performance.now();
    this.rows = 0;
    this.maxRows = maxRows;
    this.deadlineMs = deadlineMs;
    // Kept when already set: a query the compiled path handed to Apollo does not get its time twice.
    if (!this.deadline && deadlineMs) this.deadline = now + deadlineMs;
    this.beginRuns(now);
  }

  /** Before a batch, a resolver or a statement: throws once the budget is spent or the deadline has passed. */
  override check(): void {
    if (this.exceeded) throw this.exceeded;
    if (this.deadline && performance.now() > this.deadline) throw this.pastDeadline();
  }

  /**
   * Before a resolver: `check`, and when the request's run on the event loop is over (RequestTurns), a promise of its
   * next turn (checked again then); undefined to go on at once.
   */
  turn(): Promise<void> | undefined {
    if (this.exceeded) throw this.exceeded;
    const now = performance.now();
    if (this.deadline && now > this.deadline) throw this.pastDeadline();
    const wait = this.due(now);
    return wait === undefined ? undefined : wait.then(() => this.check());
  }

  private pastDeadline(): GraphQLError {
    return this.stop(new GraphQLError(`the query ran past its deadline of ${this.deadlineMs} ms (ask for less, or split it)`, {
      extensions: { code: 'DEADLINE_EXCEEDED', limit: this.deadlineMs, http: { status: 503 } },
    }));
  }

  /** Rows a statement returned. Throws once there are more than the budget allows. */
  read(n: number): void {
    this.rows += n;
    if (this.maxRows && this.rows > this.maxRows && !this.exceeded) {
      throw this.stop(new GraphQLError(`the query read more than ${this.maxRows} rows (ask for fewer items, or page through them)`, {
        extensions: { code: 'ROW_BUDGET_EXCEEDED', limit: this.maxRows, http: { status: 400 } },
      }));
    }
  }

  private stop(e: GraphQLError): GraphQLError {
    this.exceeded ??= e;
    return this.exceeded;
  }
}

/** Loaders made outside a request (services, tests): counts nothing and never stops. */
export const UNLIMITED: ExecutionBudget = new (class extends ExecutionBudget {
  override check(): void { /* no budget */ }
  override turn(): undefined { return undefined; }
  override due(): undefined { return undefined; }
  override read(): void { /* no budget */ }
})();
