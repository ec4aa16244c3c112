import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rationalField } from '../../src/arith/rational.ts';
import { criticalPrefactor, muonScalar, prefixSums, signPatternRun } from '../../src/cases/scalar.ts';
import { dyadicMagnitude, rho256 } from '../../src/generators/dyadic.ts';
import { reference } from '../../src/impl/impl.ts';

/*
 * The scalar family's cases (src/cases/scalar.ts), in Q: a sign pattern run through S.geo is σ₀ − C·c·S_t (Lemma 1
 * (29)); the critical prefactor of a Muon run found by the grid scan makes that run hit 0 exactly (30).
 */

describe('Lemma 1 cases in Q', () => {
  it('signPatternRun and prefixSums: σ_t = σ₀ − C·c·S_t exactly (29)', () => {
    const Q = rationalField();
    fc.assert(
      fc.property(dyadicMagnitude(8, -2, 2), dyadicMagnitude(8, -2, 2), rho256(1, 255), fc.array(fc.constantFrom(-1, 0, 1), { minLength: 1, maxLength: 20 }), (sigma0, scale, rho, signs) => {
        const run = signPatternRun(reference, Q, { sigma0, scale, rho, C: '3/2', signs, steps: signs.length });
        const S = prefixSums(Q, Q.of(rho), signs);
        const cC = Q.mul(Q.of('3/2'), Q.of(scale));
        for (let t = 0; t <= signs.length; t++) expect(Q.eq(run.sigma[t]!, Q.sub(Q.of(sigma0), Q.mul(cC, S[t]!)))).toBe(true);
        expect(run.s).toEqual(signs);
      }),
      { seed: 3, numRuns: 50 },
    );
  });

  it('criticalPrefactor: the Muon run with the C* it finds hits 0 exactly, and stays at the saddle', () => {
    const spec = { sigma0: 1.375, sqrtLambda: 1, rho: 0.75, steps: 12 };
    const C = criticalPrefactor(reference, spec);
    expect(C).toBeDefined();
    const Q = rationalField();
    const run = muonScalar(reference, Q, { ...spec, scale: spec.sqrtLambda, C: C! });
    const first = run.sigma.findIndex((x, t) => t > 0 && Q.isZero(x));
    expect(first).toBeGreaterThan(0);
    expect(run.sigma.slice(first).every((x) => Q.isZero(x))).toBe(true);
  });
});
