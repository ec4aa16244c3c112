import { describeReason } from '../../src/report/reasons.ts';
import { describe, expect, it } from 'vitest';
import cond7 from '../../src/claims/catalogue/B.cond7.ts';
import descent from '../../src/claims/catalogue/B.descent.ts';
import ns5 from '../../src/claims/catalogue/B.NS5.ts';
import t41 from '../../src/claims/catalogue/B.T41.ts';
import t411 from '../../src/claims/catalogue/B.T411.ts';
import { runClaim } from '../../src/claims/engine.ts';
import { gradientWrongFactor, momentumWrongSign, msignIsEntrywiseSign, ns5OneStep, type Plant } from '../../src/impl/plants.ts';
import type { Claim } from '../../src/claims/types.ts';

/*
 * Paper B's claims against the planted bugs of src/impl/plants.ts: each claim that depends on the broken part must
 * report "violated" (confirmed at 40 digits by the engine's re-check).
 */

const cases: [Plant, Claim<never>][] = [
  [msignIsEntrywiseSign, descent as Claim<never>],
  [msignIsEntrywiseSign, t41 as Claim<never>],
  [msignIsEntrywiseSign, t411 as Claim<never>],
  [msignIsEntrywiseSign, cond7 as Claim<never>],
  [ns5OneStep, ns5 as Claim<never>],
  [gradientWrongFactor, descent as Claim<never>],
  [gradientWrongFactor, cond7 as Claim<never>],
  [momentumWrongSign, t41 as Claim<never>],
];

describe('paper B claims catch the planted bugs', () => {
  for (const [plant, claim] of cases) {
    it(`${claim.id} is violated under ${plant.id}`, () => {
      const r = runClaim(claim, { profile: 'quick', impl: plant.impl, probes: false });
      expect(r.verdict, `${claim.id} under ${plant.id}: ${r.verdict} — ${describeReason(r.reason)}`).toBe('violated');
    }, 120_000);
  }
});
