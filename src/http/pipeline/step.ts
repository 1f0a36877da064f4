/**
 * A step of the /graphql policy, and the runner both adapters use. A step is a name and up to three functions over the
 * request's PolicyState, one per phase:
 *
 * - `request`: before the document is read (HTTP only): may refuse;
 * - `operation`: the document and its variables are known, before execution: may refuse, add headers, supply a stored
 *   answer;
 * - `response`: the answer is known (`ok`), before it is sent: headers, storing it, or replacing it with one error.
 *
 * A step refuses by setting `state.refusal` in the request or operation phase; that phase then stops. The response
 * phase runs whole, refused requests included (their answer is the refusal: `ok` is false). Steps return nothing, or a
 * promise when they wait (a quota store, a cache): the runner makes no promise of its own for steps that do not.
 */
import type { PolicyState } from './state';

export type Phase = 'request' | 'operation' | 'response';

export interface PolicyStep {
  readonly name: string;
  request?(s: PolicyState): void | Promise<void>;
  operation?(s: PolicyState): void | Promise<void>;
  response?(s: PolicyState): void | Promise<void>;
}

/** Runs a phase of the steps in order; undefined when every step finished at once, else a promise of the end. */
export function runPhase(steps: readonly PolicyStep[], phase: Phase, s: PolicyState, from = 0): Promise<void> | undefined {
  for (let i = from; i < steps.length; i++) {
    const step = steps[i];
    const f = step[phase];
    if (f === undefined) continue;
    const pending = f.call(step, s);
    const stops = phase !== 'response';
    if (pending !== undefined) return pending.then(() => (stops && s.refusal ? undefined : runPhase(steps, phase, s, i + 1)));
    if (stops && s.refusal) return undefined;
  }
  return undefined;
}
