/** norms.ts: Frobenius (overflow-safe), spectral and nuclear norms, in both backends and against ml-matrix. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, SVD } from 'ml-matrix';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { convert, fromRows, scale, zeros } from '../../src/linalg/mat.ts';
import { frobenius, nuclear, singularValues, spectral } from '../../src/linalg/norms.ts';
import { anyRowsArb, fmat, relErr } from './helpers.ts';

const F = float64;
const u = F.unitRoundoff;

describe('frobenius', () => {
  it('hand examples: [[3, 4]] → 5, [[1,−2],[2,4]] → 5', () => {
    expect(frobenius(F, fmat([[3, 4]]))).toBe(5);
    expect(frobenius(F, fmat([[1, -2], [2, 4]]))).toBe(5);
  });

  it('1e200 and 1e-200 entries neither overflow to Infinity nor underflow to 0 (the naive sum does both)', () => {
    // [[c, c], [c, c]] has norm exactly 2c; the scaled sum gives it up to a couple of roundings of c/s and √.
    for (const c of [1e200, 1e-200, 1e300, 1e-300, 5e-324]) {
      const A = fmat([[c, c], [c, c]]);
      expect(relErr(frobenius(F, A), 2 * c), `c = ${c}`).toBeLessThanOrEqual(4 * u);
    }
    // Mixed magnitudes: the small entry is below rounding of the large one.
    expect(frobenius(F, fmat([[1e200, 1e-200]]))).toBe(1e200);
    // Sanity of the premise: the naive formula fails here.
    expect(Math.sqrt(4 * 1e200 * 1e200)).toBe(Infinity);
    expect(Math.sqrt(4 * 1e-200 * 1e-200)).toBe(0);
  });

  it('the zero matrix has norm 0 (no 0/0), an empty matrix too', () => {
    expect(frobenius(F, zeros(F, 3, 2))).toBe(0);
    expect(frobenius(F, fmat([]))).toBe(0);
  });

  it('non-finite entries: Infinity gives Infinity; NaN gives NaN — never 0 (a diverged run must not look converged)', () => {
    expect(frobenius(F, fmat([[1, Infinity]]))).toBe(Infinity);
    expect(frobenius(F, fmat([[1, NaN]]))).toBeNaN();
    expect(frobenius(F, fmat([[NaN, NaN], [NaN, NaN]]))).toBeNaN();
  });

  it('equals √Σa² and is absolutely homogeneous (property)', () => {
    fc.assert(
      fc.property(anyRowsArb(6), fc.integer({ min: -400, max: 400 }), (rows, e) => {
        const A = fmat(rows);
        const naive = Math.sqrt(A.data.reduce((s, x) => s + x * x, 0));
        const f = frobenius(F, A);
        // Both sums see ≤ mn roundings of relative u; the scaled one also rounds aᵢⱼ/s: (mn + 2)·u with margin 2.
        expect(Math.abs(f - naive)).toBeLessThanOrEqual(2 * (A.data.length + 2) * u * naive);
        // Scaling by 2^e is exact, so the norm scales exactly as computed (same rounding pattern).
        const c = 2 ** e;
        expect(frobenius(F, scale(F, c, A))).toBe(f * c);
      }),
      { seed: 601, numRuns: 150 },
    );
  });

  it('in decimal: 1e200 entries (no exponent limit) and exact values', () => {
    const E = exactField(40);
    expect(frobenius(E, fromRows(E, [['3e200', '4e200']])).eq('5e200')).toBe(true);
    expect(frobenius(E, fromRows(E, [['1e-200', '1e-200'], ['1e-200', '1e-200']])).eq('2e-200')).toBe(true);
    expect(frobenius(E, zeros(E, 2, 2)).isZero()).toBe(true);
  });
});

describe('spectral and nuclear', () => {
  it('[[1,1],[0,1]]: spectral φ, nuclear φ + 1/φ = √5', () => {
    const A = fmat([[1, 1], [0, 1]]);
    // A 2×2 Jacobi SVD: a few ulps.
    expect(relErr(spectral(F, A), (1 + Math.sqrt(5)) / 2)).toBeLessThan(8 * u);
    expect(relErr(nuclear(F, A), Math.sqrt(5))).toBeLessThan(8 * u);
  });

  it('match ml-matrix on random matrices of any shape ≤ 7×7, and satisfy ‖A‖ ≤ ‖A‖_F ≤ ‖A‖_* ≤ √r‖A‖_F', () => {
    fc.assert(
      fc.property(anyRowsArb(7), (rows) => {
        const A = fmat(rows);
        const N = Math.max(A.rows, A.cols);
        const r = Math.min(A.rows, A.cols);
        const ml = new SVD(new Matrix(rows), { autoTranspose: true }).diagonal;
        const s2 = spectral(F, A);
        const sN = nuclear(F, A);
        const sF = frobenius(F, A);
        // Each σ agrees to the backward errors of the two SVDs (Weyl), c·N·u·‖A‖_F with c = 20; nuclear sums r of them.
        const tol = 20 * N * u * sF;
        expect(Math.abs(s2 - ml[0])).toBeLessThanOrEqual(tol);
        expect(Math.abs(sN - ml.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(r * tol);
        expect(s2).toBeLessThanOrEqual(sF * (1 + tol));
        expect(sF).toBeLessThanOrEqual(sN * (1 + r * tol) + tol);
        expect(sN).toBeLessThanOrEqual(Math.sqrt(r) * sF * (1 + r * tol) + tol);
        expect(singularValues(F, A)).toHaveLength(r);
      }),
      { seed: 602, numRuns: 150 },
    );
  });

  it('the zero and empty matrices have spectral and nuclear norm 0', () => {
    expect(spectral(F, zeros(F, 3, 2))).toBe(0);
    expect(nuclear(F, zeros(F, 3, 2))).toBe(0);
    expect(spectral(F, fmat([]))).toBe(0);
    expect(nuclear(F, fmat([]))).toBe(0);
    expect(singularValues(F, fmat([]))).toEqual([]);
  });

  it('1e200 and 1e-200 scaled matrices: spectral and nuclear scale, no Infinity, no 0', () => {
    const A = fmat([[1, 2], [3, 4], [5, 6.5]]);
    const s = spectral(F, A);
    const n = nuclear(F, A);
    for (const c of [1e200, 1e-200]) {
      const B = scale(F, c, A);
      // One rounding per entry from the scaling, plus the SVD's few ulps.
      expect(relErr(spectral(F, B) / c, s)).toBeLessThan(1e-14);
      expect(relErr(nuclear(F, B) / c, n)).toBeLessThan(1e-14);
    }
  });

  it('decimal at 50 digits agrees with float64 (same tolerance as above)', () => {
    const E = exactField(50);
    const A = fmat([[0.5, -0.25, 1], [0.75, 0.125, -0.5], [1, 1, 1], [0, -0.5, 0.25]]);
    const Ae = convert(F, E, A);
    // The float σ err by ≤ c·N·u·‖A‖_F (c = 20, as in the ml-matrix property); the nuclear norm sums 3 of them.
    const tol = 20 * 4 * u * frobenius(F, A);
    expect(Math.abs(spectral(E, Ae).toNumber() - spectral(F, A))).toBeLessThanOrEqual(tol);
    expect(Math.abs(nuclear(E, Ae).toNumber() - nuclear(F, A))).toBeLessThanOrEqual(3 * tol);
  });
});
