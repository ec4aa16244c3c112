import { describe, expect, it } from 'vitest';
import { runClaim } from '../../src/claims/engine.ts';
import { gradientWrongFactor, msignIsEntrywiseSign, scheduleWithoutDecay } from '../../src/claims/plants.ts';
import { claim as T1a } from '../../src/claims/catalogue/A.T1a.ts';
import { claim as T1b } from '../../src/claims/catalogue/A.T1b.ts';
import { claim as GD } from '../../src/claims/catalogue/A.GD.ts';
import type { Claim } from '../../src/claims/types.ts';
import type { Plant } from '../../src/claims/plants.ts';

/*
 * Planted bugs for the MF theorems: each broken algorithm must turn the claims that depend on it to 'violated'
 * (quick profile, no probes, no pinned regressions — the point is that the random cases catch the bug).
 */
const cases: [Plant, Claim<never>[]][] = [
  [msignIsEntrywiseSign, [T1a, T1b, GD] as Claim<never>[]],
  // A.T1b's binomial test rejects under these too (its witness, the smallest failing run, is re-checked at 40/80
  // digits, ~3 s); the schedule plant is left to A.T1a to keep npm test within its budget.
  [gradientWrongFactor, [T1a, T1b] as Claim<never>[]],
  [scheduleWithoutDecay, [T1a] as Claim<never>[]],
];

describe('planted bugs reach the MF theorems', () => {
  for (const [plant, claims] of cases) {
    for (const claim of claims) {
      it(`${claim.id} is violated under ${plant.id}`, () => {
        const r = runClaim(claim, { profile: 'quick', impl: plant.impl, probes: false });
        console.log(`${claim.id} under ${plant.id}: ${r.verdict} — ${r.reason.slice(0, 300)}`);
        expect(r.verdict).toBe('violated');
      }, 120_000);
    }
  }
});
