import { describeReason } from '../../src/report/reasons.ts';
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { gradientWrongFactor, msignIsEntrywiseSign, scheduleWithoutDecay } from '../../src/impl/plants.ts';
import T1a from '../../src/claims/catalogue/A.T1a.ts';
import T1b from '../../src/claims/catalogue/A.T1b.ts';
import GD from '../../src/claims/catalogue/A.GD.ts';
import { gdIclSweep } from '../../src/generators/index.ts';
import type { Claim } from '../../src/claims/types.ts';
import type { Plant } from '../../src/impl/plants.ts';

/*
 * Planted bugs for the MF theorems: each broken algorithm must turn the claims that depend on it to 'violated'
 * (quick profile, no probes, no pinned regressions — the point is that the random cases catch the bug).
 */
// A.GD restricted to its ICL sweeps (a quick run draws one case, MF or ICL): with msign → sign, Muon on P.icl leaves
// the aligned structure and misses ε by Theorem 3's T (checked on 29 of 30 random sweeps; d = 2 can slip through).
const GD_ICL: typeof GD = { ...GD, arbitrary: () => gdIclSweep };

const cases: [Plant, Claim<never>[]][] = [
  [msignIsEntrywiseSign, [T1a, T1b, GD, GD_ICL] as Claim<never>[]],
  // A.T1b's binomial test rejects under these too (its witness, the smallest failing run, is re-checked at 40/80
  // digits, ~3 s); the schedule plant is left to A.T1a to keep npm test within its budget.
  [gradientWrongFactor, [T1a, T1b] as Claim<never>[]],
  [scheduleWithoutDecay, [T1a] as Claim<never>[]],
];

describe('planted bugs reach the MF theorems', () => {
  for (const [plant, claims] of cases) {
    for (const claim of claims) {
      const label = claim === GD_ICL ? `${claim.id} (ICL sweeps only)` : claim.id;
      it(`${label} is violated under ${plant.id}`, () => {
        const r = runClaim(claim, { profile: 'quick', impl: plant.impl, probes: false });
        console.log(`${label} under ${plant.id}: ${r.verdict} — ${describeReason(r.reason).slice(0, 300)}`);
        expect(r.verdict).toBe('violated');
      }, 120_000);
    }
  }
});
