import { describeReason } from '../../src/report/reasons.ts';
import { describe, expect, it } from 'vitest';
import L3 from '../../src/claims/catalogue/A.L3.ts';
import L8 from '../../src/claims/catalogue/A.L8.ts';
import L9 from '../../src/claims/catalogue/A.L9.ts';
import T3 from '../../src/claims/catalogue/A.T3.ts';
import AppA from '../../src/claims/catalogue/A.AppA.ts';
import Eq17 from '../../src/claims/catalogue/A.Eq17.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { gradientWrongFactor, msignIsEntrywiseSign, scheduleWithoutDecay, type Plant } from '../../src/impl/plants.ts';
import type { Claim } from '../../src/claims/types.ts';

/*
 * Planted bugs against the aligned-dynamics family: each claim must report "violated" when the part of the algorithm
 * it depends on is broken. Quick profile, no probes.
 */

const cases: [Plant, Claim<never>[]][] = [
  // msign → entrywise sign: the aligned structure with dense bases is lost (A.L3, A.L8), Theorem 3's bound fails,
  // and the identities that name msign fail (A.Eq17, A.AppA).
  [msignIsEntrywiseSign, [L3, L8, T3, Eq17, AppA] as unknown as Claim<never>[]],
  // gradient with the target term halved: the ICL run chases Σ⁻¹/2, the MF run √(λ/2)
  [gradientWrongFactor, [L9, T3, L8, L3] as unknown as Claim<never>[]],
  // η_t without ρ^t: (74) and (75) are stated against Cρ^t
  [scheduleWithoutDecay, [L9, T3] as unknown as Claim<never>[]],
];

describe('planted bugs: aligned dynamics and ICL (A.L3, A.L8, A.L9, A.T3, A.AppA, A.Eq17)', () => {
  for (const [plant, claims] of cases) {
    for (const claim of claims) {
      it(`${plant.id} breaks ${claim.id}`, () => {
        const r = runClaim(claim, { profile: 'quick', impl: plant.impl, probes: false });
        expect(r.verdict, `${claim.id} under ${plant.id}: ${r.verdict} — ${describeReason(r.reason)}`).toBe('violated');
      }, 120_000);
    }
  }
});
