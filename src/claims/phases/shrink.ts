import fc from 'fast-check';
import type { CheckContext, Claim, Profile } from '../types.ts';
import { caseStatus } from './collect.ts';

/*
 * Phase 3 — shrink: replays the generate phase's first failing case from its fast-check path and lets fast-check
 * shrink it toward a smaller case that still fails (a check that throws counts as failing). Shrinking asks only
 * "does this smaller case still fail?": the cases it tries are not cases of the claim and are not recorded.
 */

export interface Shrunk<C> {
  readonly value: C;
  readonly path?: string;
  readonly numShrinks: number;
}

export function shrink<C>(claim: Claim<C>, failure: { readonly value: C; readonly path?: string }, o: { readonly seed: number; readonly profile: Profile; readonly ctx: CheckContext; readonly deadline: number; readonly requested: number }): Shrunk<C> {
  if (failure.path === undefined) return { value: failure.value, numShrinks: 0 };
  const d = fc.check(
    fc.property(claim.arbitrary(o.ctx.mode, o.profile), (c: C) => caseStatus(claim.check(c, o.ctx)) !== 'violated'),
    { seed: o.seed, path: failure.path, numRuns: o.requested, plugins: [fc.interruptAfterTimeLimit(Math.max(1, o.deadline - Date.now()))] },
  );
  // Stryker disable next-line LogicalOperator: fast-check sets counterexample exactly when the run failed
  if (!d.failed || !d.counterexample) return { value: failure.value, path: failure.path, numShrinks: 0 };
  return { value: (d.counterexample as unknown as [C])[0], ...(d.counterexamplePath ? { path: d.counterexamplePath } : {}), numShrinks: d.numShrinks };
}
