import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatPlain } from '../../src/linalg/backend.ts';
import * as gen from '../../src/generators/index.ts';
import { matrixFactorization } from '../../src/problems/index.ts';

describe('P.mf on generated PSD targets', () => {
  it('the requested κ reaches the problem exactly, and both target forms agree', () => {
    fc.assert(
      fc.property(gen.psdTarget({ d: fc.integer({ min: 2, max: 8 }), kappa: gen.kappa({ min: 1, max: 1e6 }) }), (t) => {
        const factored = matrixFactorization(floatPlain, { V: t.V, lambdas: t.lambdas }, t.r);
        expect(factored.info.kappa).toBe(t.kappa);
        expect(factored.info.r).toBe(t.r);
        expect(factored.info.lambdaMax).toBe(t.lambdaMax);
        // The dense form re-derives the spectrum with Jacobi: λ_max to ~d·u relative (backward-stable, ‖M‖ = λ_max).
        const dense = matrixFactorization(floatPlain, { M: t.M }, t.r);
        expect(Math.abs(dense.info.lambdaMax - t.lambdaMax)).toBeLessThanOrEqual(16 * t.d * 2 ** -53 * t.lambdaMax);
      }),
      { seed: 20261123, numRuns: 60 },
    );
  });
  it('the minimiser has zero loss and zero gradient up to rounding', () => {
    fc.assert(
      fc.property(gen.psdTarget({ d: fc.integer({ min: 2, max: 8 }), kappa: gen.kappa({ min: 1, max: 1e6 }) }), (t) => {
        const p = matrixFactorization(floatPlain, { V: t.V, lambdas: t.lambdas }, t.r);
        const U = p.minimizer();
        // UUᵀ − M* is a difference of two roundings of the same d×d matrix of norm λ_max: entries ≤ ~4d·u·λ_max,
        // so f = ¼‖·‖_F² ≤ ¼d²(4d·u·λ_max)²; the gradient (UUᵀ − M*)U adds a factor ‖U‖ = √λ_max.
        const entry = 4 * t.d * 2 ** -53 * t.lambdaMax;
        expect(floatPlain.F.toNumber(p.loss(U))).toBeLessThanOrEqual(0.25 * t.d ** 2 * entry ** 2);
        for (const g of p.grad(U).data) expect(Math.abs(g)).toBeLessThanOrEqual(t.d * entry * Math.sqrt(t.lambdaMax));
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
