import { describe, expect, it } from 'vitest';
import claim from '../src/claims/catalogue/A.L7.ts';
import { mfInstance } from '../src/cases/mf.ts';
import { reference } from '../src/impl/impl.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);

/*
 * The tail that Lemma 7 controls, inside the claim's α range: the target search finds this run at every seed tried
 * (d = 3, k = r = 2, κ ≈ 2e3, ρ ≈ 0.883, a ≈ 2e-5). Its gap is amplified ~8e5× by T₀ = 18, the two runs split
 * (Δ(α) ≈ 0.18·√λ_max), and the gap falls only 10^0.63 when α falls 10×: one failing run, which the binomial test
 * allows (≤ 0.5 %; measured rate ~0.1 %). Confirmed at 40/80 digits, so it is the dynamics, not float64.
 */
describe('A.L7: a split inside the α range (the heavy tail of the amplification), confirmed in high precision', () => {
  it('fails the gate in float64 and at 40 digits, with the same gaps', () => {
    const c = { ...mfInstance(2035484365, 3, 2, 2, 2039.6473058147765, 'log-uniform'), rho: 0.8833534902116904, cSeed: 556229960, a: 0.000019973403254300168 };
    const f = claim.check(c, { mode: 'float', impl: reference }).bounds[0]!;
    const e = claim.confirm!(c, { mode: 'exact', impl: reference }).bounds[0]!;
    expect(f.holds).toBe(false);
    expect(e.holds).toBe(false);
    expect(Math.abs(e.lhs - f.lhs) / f.lhs).toBeLessThan(1e-6);
    expect(f.lhs / f.rhs).toBeGreaterThan(1.4); // 1.47
  }, 60_000);
});
