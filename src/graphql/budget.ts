/**
 * A request's execution budget: the rows its loaders and list statements may read, and a deadline.
 *
 * Rows are counted where they are read (each loader batch, each list a resolver builds with `connection`); the
 * deadline is checked before each batch and each resolver call. Once either is spent, every later check throws the
 * same error, so the rest of the query stops before its next statement; the HTTP pipeline then answers that error
 * alone (no partial data): `ROW_BUDGET_EXCEEDED` or `DEADLINE_EXCEEDED`.
 *
 * SQLite runs each statement on the main thread, and a query's batches follow one another in microtasks: left alone, a
 * request would hold the event loop from its first statement to its answer. So a request that has run for
 * `sliceMs` since it last let go waits for the event loop's next turn (`setImmediate`) before its next batch or
 * resolver, and other requests' I/O runs in between.
 */
import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';

export class ExecutionBudget {
  /** Rows read so far. */
  rows = 0;
  /** The most rows the request may read (0: no limit). */
  maxRows = 0;
  /** performance.now() past which the request stops (0: no deadline), and the deadline as configured (ms). */
  deadline = 0;
  deadlineMs = 0;
  /** How long the request may run before it lets the event loop turn (0: never), and when it next does. */
  sliceMs = 0;
  private sliceEnd = 0;
  /** The error the request stopped with (its whole answer), once it has. */
  exceeded: GraphQLError | null = null;

  /** Arms the budget for one operation's execution. */
  start(maxRows: number, deadlineMs: number, sliceMs: number): void {
    const now = performance.now();
    this.rows = 0;
    this.maxRows = maxRows;
    this.deadlineMs = deadlineMs;
    // Kept when already set: a query the compiled path handed to Apollo does not get its time twice.
    if (!this.deadline && deadlineMs) this.deadline = now + deadlineMs;
    this.sliceMs = sliceMs;
    this.sliceEnd = sliceMs ? now + sliceMs : 0;
  }

  /**
   * Before a batch or a resolver: throws once the budget is spent or the deadline has passed; a promise when the
   * request should let the event loop turn first (await it), undefined otherwise.
   */
  check(): Promise<void> | undefined {
    if (this.exceeded) throw this.exceeded;
    if (!this.deadline && !this.sliceEnd) return undefined;
    const now = performance.now();
    if (this.deadline && now > this.deadline) {
      throw this.stop(new GraphQLError(`the query ran past its deadline of ${this.deadlineMs} ms (ask for less, or split it)`, {
        extensions: { code: 'DEADLINE_EXCEEDED', limit: this.deadlineMs, http: { status: 503 } },
      }));
    }
    if (this.sliceEnd && now > this.sliceEnd) return this.pause();
    return undefined;
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

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => setImmediate(() => {
      this.sliceEnd = performance.now() + this.sliceMs;
      resolve();
    }));
  }
}

/** Loaders made outside a request (services, tests): counts nothing and never stops. */
export const UNLIMITED: ExecutionBudget = new (class extends ExecutionBudget {
  override check(): undefined { return undefined; }
  override read(): void { /* no budget */ }
})();
