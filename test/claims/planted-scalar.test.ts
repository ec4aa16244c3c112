import { describeReason } from '../../src/report/reasons.ts';
import { describe, expect, it } from 'vitest';
import L1 from '../../src/claims/catalogue/A.L1.ts';
import L11 from '../../src/claims/catalogue/A.L11.ts';
import L2 from '../../src/claims/catalogue/A.L2.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { gradientWrongFactor, msignIsEntrywiseSign, scheduleWithoutDecay, type Plant } from '../../src/impl/plants.ts';
import type { Claim } from '../../src/claims/types.ts';

/*
 * Planted bugs against the scalar family (A.L1, A.L2, A.L11): each claim that depends on the broken part must report
 * "violated" (found in exact mode, or found in float and confirmed exactly).
 *  - schedule without ρ^t: every claim uses η_t = C·c·ρ^t — A.L1 through (29), A.L2 through (28a)/(28b), A.L11 through
 *    the tail sum (126);
 *  - gradient σ(σ² − λ/2): Muon chases √(λ/2), so A.L2 and A.L11 fail; A.L1 holds for any sign sequence, so it must not
 *    notice (it does not depend on the gradient);
 *  - msign replaced by the entrywise sign: identical on a 1×1 gradient, so no scalar claim may change (a control that
 *    the checks do not fail on harmless changes).
 */

const run = (claim: Claim<never>, plant: Plant) => runClaim(claim, { profile: 'quick', impl: plant.impl, probes: false });

describe('planted bugs: scalar dynamics (A.L1, A.L2, A.L11)', () => {
  for (const claim of [L1, L2, L11] as Claim<never>[]) {
    it(`${claim.id} is violated under ${scheduleWithoutDecay.id}`, () => {
      const r = run(claim, scheduleWithoutDecay);
      expect(r.verdict, describeReason(r.reason)).toBe('violated');
    });
  }
  for (const claim of [L2, L11] as Claim<never>[]) {
    it(`${claim.id} is violated under ${gradientWrongFactor.id}`, () => {
      const r = run(claim, gradientWrongFactor);
      expect(r.verdict, describeReason(r.reason)).toBe('violated');
    });
  }
  it(`A.L1 (any sign sequence) is not affected by ${gradientWrongFactor.id}`, () => {
    const r = run(L1 as Claim<never>, gradientWrongFactor);
    expect(r.verdict, describeReason(r.reason)).toBe('holds');
  });
  it(`A.L2 holds under ${msignIsEntrywiseSign.id} (msign = sign on 1×1)`, () => {
    const r = run(L2 as Claim<never>, msignIsEntrywiseSign);
    expect(r.verdict, describeReason(r.reason)).toBe('holds');
  });
});
