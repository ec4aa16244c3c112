import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussianMatrix, givensOrthogonal, givensOrthonormalColumns, haarMatrix, kappa, psdTarget } from '../../src/generators/index.ts';
import { givensOrthogonal as givensFrom, givensOrthonormalColumns as givensColumnsFrom, isExactlyOrthonormal } from '../../src/random/givens.ts';
import { gaussian, haar, orthonormalityError } from '../../src/random/matrices.ts';
import { psdTarget as psdTargetFrom } from '../../src/random/psd.ts';
import { rng } from '../../src/random/rng.ts';

const opts = { seed: 42, numRuns: 100 };
const dim = fc.integer({ min: 1, max: 8 });

describe('matrix arbitraries', () => {
  it('gaussianMatrix carries its shape and seed and replays from them', () => {
    fc.assert(
      fc.property(gaussianMatrix(dim, dim), (g) => g.A.rows === g.rows && g.A.cols === g.cols && g.A.data.every(Number.isFinite)),
      opts,
    );
  });

  it('haarMatrix is orthonormal (columns or rows), carries d, k, seed, and replays from the seed', () => {
    fc.assert(
      fc.property(haarMatrix(dim, dim), ({ seed, d, k, Q }) => {
        expect([Q.rows, Q.cols]).toEqual([d, k]);
        expect(orthonormalityError(Q)).toBeLessThan(10 * Math.max(d, k) * 2 ** -53);
        expect(haar(rng(seed), d, k)).toEqual(Q);
      }),
      opts,
    );
  });

  it('psdTarget hits κ exactly, keeps r ≤ d, forces κ = 1 at rank 1, and replays from its parameters', () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(psdTarget({ d: dim, kappa: kappa({ max: 1e6 }) }), (P) => {
        seen.add(P.r);
        expect(P.r).toBeGreaterThanOrEqual(1);
        expect(P.r).toBeLessThanOrEqual(P.d);
        expect(P.lambdas[0] / P.lambdas[P.r - 1]).toBe(P.kappa);
        if (P.r === 1) expect(P.kappa).toBe(1);
        const again = psdTargetFrom(rng(P.seed), { d: P.d, r: P.r, kappa: P.kappa, lambdaMax: 1, pattern: P.pattern });
        expect(again.M).toEqual(P.M);
      }),
      opts,
    );
    expect(seen.size).toBeGreaterThan(4); // ranks spread over [1, d]
  });

  it('psdTarget honours fixed d, r, λ_max and a pattern list', () => {
    fc.assert(
      fc.property(psdTarget({ d: 6, r: 4, kappa: 100, lambdaMax: 2, patterns: ['two-level'] }), (P) => {
        expect([P.d, P.r, P.kappa, P.pattern]).toEqual([6, 4, 100, 'two-level']);
        expect(Math.abs(P.lambdaMax - 2)).toBeLessThanOrEqual(2 * 2 ** -52);
        expect(P.lambdas.every((x) => x === P.lambdaMax || x === P.lambdaMin)).toBe(true);
      }),
      { seed: 42, numRuns: 30 },
    );
    expect(() => psdTarget({ d: 3, kappa: 2, patterns: [] })).toThrow(/patterns must not be empty/);
  });

  it('givensOrthogonal and givensOrthonormalColumns are exactly orthonormal in decimal', () => {
    fc.assert(fc.property(givensOrthogonal(fc.integer({ min: 1, max: 5 })), (g) => g.rows === g.cols && isExactlyOrthonormal(g.entries)), {
      seed: 42,
      numRuns: 25,
    });
    fc.assert(
      fc.property(givensOrthonormalColumns(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), (g) => isExactlyOrthonormal(g.entries)),
      { seed: 42, numRuns: 25 },
    );
  });
});

describe('matrix arbitraries: parameters and replay', () => {
  const sample = <T>(a: fc.Arbitrary<T>, n = 200) => fc.sample(a, { seed: 3, numRuns: n });

  it('gaussianMatrix and the Givens matrices are the builders’ output for the drawn seed, options passed on', () => {
    for (const g of sample(gaussianMatrix(3, 2), 10)) expect(g.A).toEqual(gaussian(rng(g.seed), 3, 2));
    for (const g of sample(givensOrthogonal(3, { rotations: 0, permute: false, flipSigns: false }), 10)) {
      expect(g.entries.data).toEqual(['1', '0', '0', '0', '1', '0', '0', '0', '1']);
      expect(g.seed).toBeGreaterThanOrEqual(0);
    }
    for (const g of sample(givensOrthonormalColumns(4, 2, { rotations: 0, permute: false, flipSigns: false }), 10)) expect([g.rows, g.cols, g.entries.data.filter((x) => x === '1').length]).toEqual([4, 2, 2]);
    for (const g of sample(givensOrthogonal(3), 10)) expect(g).toEqual({ ...givensFrom(rng(g.seed), 3), seed: g.seed });
    for (const g of sample(givensOrthonormalColumns(3, 2), 10)) expect(g).toEqual({ ...givensColumnsFrom(rng(g.seed), 3, 2), seed: g.seed });
    expect(new Set(sample(gaussianMatrix(2, 2), 50).map((g) => g.seed)).size).toBeGreaterThan(40);
  });

  it('psdTarget: rank uniform on [1, d] by default, a drawn r > d clamped to d, λ_max = 1 and κ ∈ [1, 1e8] by default', () => {
    const ps = sample(psdTarget({ d: 3 }), 300);
    expect(new Set(ps.map((p) => p.r))).toEqual(new Set([1, 2, 3]));
    expect(ps.every((p) => Math.abs(p.lambdaMax - 1) <= 2 ** -50)).toBe(true);
    expect(ps.every((p) => p.kappa >= 1 && p.kappa <= 1e8)).toBe(true);
    expect(ps.some((p) => p.r > 1 && p.kappa > 1e4)).toBe(true);
    expect(new Set(ps.map((p) => p.pattern)).size).toBe(5);
    const clamped = sample(psdTarget({ d: 2, r: 5, kappa: 10 }), 20);
    expect(clamped.every((p) => p.r === 2 && p.kappa === 10)).toBe(true);
    expect(sample(psdTarget({ d: 4, r: 1, kappa: 10 }), 20).every((p) => p.r === 1 && p.kappa === 1)).toBe(true);
  });

  it('psdTarget refuses an unknown pattern, naming the known ones', () => {
    expect(() => psdTarget({ d: 3, patterns: ['bogus' as never] })).toThrow('psdTarget: pattern must be one of log-uniform, uniform, geometric, two-level, clustered, got bogus');
    expect(() => psdTarget({ d: 3, patterns: [] })).toThrow('psdTarget: patterns must not be empty');
  });
});
