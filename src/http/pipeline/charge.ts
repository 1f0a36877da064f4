/**
 * Takes the operation's price from the caller's cost budget for the window (http/quota.ts): the answer carries the
 * budget's state as `Cost-RateLimit-*` headers; a spent budget is a 429 RATE_LIMITED with Retry-After. Charged once per
 * request: should the compiled route hand the request to Apollo, the outcome is reused.
 */
import { GraphQLError } from 'graphql';
import { QuotaExceeded, quotaHeaders, QuotaService, QuotaState } from '../quota';
import type { PolicyState } from './state';
import type { PolicyStep } from './step';

function charged(s: PolicyState): void {
  if (s.chargeRefusal) s.refusal = s.chargeRefusal;
  else if (s.chargeHeaders) Object.assign(s.headers, s.chargeHeaders);
}

export function charge(quota: QuotaService): PolicyStep {
  return {
    name: 'charge',
    operation(s) {
      if (!s.subject || !quota.budgetsCost(s.subject)) return undefined;
      if (s.charged) { charged(s); return undefined; }
      return quota.cost(s.subject, s.cost).then((st: QuotaState | null) => {
        s.charged = true;
        if (st) {
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(quotaHeaders(st))) h[`cost-${k.toLowerCase()}`] = v;
          s.chargeHeaders = h;
        }
        charged(s);
      }, (e: unknown) => {
        if (!(e instanceof QuotaExceeded)) throw e;
        s.charged = true;
        s.chargeRefusal = new GraphQLError(e.message, {
          extensions: { code: 'RATE_LIMITED', cost: s.cost, http: { status: 429, headers: new Map(Object.entries(quotaHeaders(e.state, e.retryAfter)).map(([k, v]) => [k.toLowerCase(), v])) } },
        });
        charged(s);
      });
    },
  };
}
