import type { Claim } from '../types.ts';

/**
 * A claim that runs in float only but re-checks float failures in a confirm field (defineClaim's `confirm`) may have
 * pinned cases in exact mode (fixtures/regressions: the 40/80-digit re-run of an erratum's witness). The engine
 * replays those through `check` in exact mode, which such a claim does not have; this routes every mode the claim
 * does not run in to its confirm field. (What defineClaim could do itself when `modes.exact` is absent.)
 */
export function replaysExactInConfirm<C>(claim: Claim<C>): Claim<C> {
  const { confirm, check, modes } = claim;
  if (!confirm) throw new RangeError(`${claim.id}: no confirm field to replay exact-mode pinned cases in`);
  return { ...claim, check: (c, ctx) => (modes.includes(ctx.mode) ? check(c, ctx) : confirm(c, ctx)) };
}
