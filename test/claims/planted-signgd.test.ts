import { describeReason } from '../../src/report/reasons.ts';
import { describe, expect, it } from 'vitest';
import L14 from '../../src/claims/catalogue/A.L14.ts';
import T2 from '../../src/claims/catalogue/A.T2.ts';
import T4 from '../../src/claims/catalogue/A.T4.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { gradientWrongFactor, signgdWithoutSign } from '../../src/impl/plants.ts';
import type { Claim } from '../../src/claims/types.ts';

/*
 * Planted bugs for the SignGD family: each claim must report 'violated' when the part it depends on is broken.
 *  - signgd-without-sign (SignGD steps along ∇f): A.L14 sees both coordinates move by η·wᵢ instead of one by 2η;
 *    A.T2/A.T4's warm start no longer freezes the slow coordinate ((145) fails).
 *  - gradient-wrong-factor (P.mf: (UUᵀ − M_{*}/2)U, P.icl: Σ(WΣ − I/2)Σ, P.quad2: λ₂ doubled): the coordinate that
 *    moves is decided by the wrong weights, so A.L14's prediction fails.
 */
const violated = (claim: Claim<never>, impl: typeof signgdWithoutSign.impl, modes?: ('exact' | 'float')[]) =>
  runClaim(claim, { profile: 'quick', impl, probes: false, ...(modes ? { modes } : {}) });

describe('planted bugs reach the SignGD lower-bound claims', () => {
  for (const claim of [L14, T2, T4] as Claim<never>[]) {
    it(`${claim.id} is violated under signgd-without-sign`, () => {
      const r = violated(claim, signgdWithoutSign.impl);
      expect(r.verdict, describeReason(r.reason)).toBe('violated');
    }, 60_000);
  }
  it('A.L14 is violated under gradient-wrong-factor', () => {
    const r = violated(L14 as Claim<never>, gradientWrongFactor.impl);
    expect(r.verdict, describeReason(r.reason)).toBe('violated');
  }, 60_000);
});
