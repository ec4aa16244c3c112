/** eigh.ts: cyclic Jacobi for symmetric matrices, in float64 and decimal, against ml-matrix and exact constructions. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { add, convert, diag, fromRows, identity, matmul, scale, symmetrize, trace, transpose, type Mat } from '../../src/linalg/mat.ts';
import { eigh } from '../../src/linalg/eigh.ts';
import { frobenius } from '../../src/linalg/norms.ts';
import { fmat, givensOrthogonal, maxAbsDiff, orthoDefect, relErr, rowsArb, toRowsNum } from './helpers.ts';

const F = float64;
const u = F.unitRoundoff;

/** A random symmetric n×n (n ∈ [1, 8]) with scaled-integer entries. */
const symArb = fc.integer({ min: 1, max: 8 }).chain((n) => rowsArb(n, n)).map((rows) => symmetrize(F, fmat(rows)));

function mlEigenvalues(S: Mat<number>): number[] {
  // numerics.md: ml-matrix's symmetric path needs exact symmetry and assumeSymmetric.
  return new EigenvalueDecomposition(new Matrix(toRowsNum(F, S)), { assumeSymmetric: true }).realEigenvalues
    .slice()
    .sort((a, b) => b - a);
}

describe('eigh (float64)', () => {
  it('[[2,1],[1,3]] has eigenvalues (5 ± √5)/2 and unit eigenvectors', () => {
    const e = eigh(F, fmat([[2, 1], [1, 3]]));
    // 2×2: one rotation, a few ulps.
    expect(relErr(e.values[0], (5 + Math.sqrt(5)) / 2)).toBeLessThan(8 * u);
    expect(relErr(e.values[1], (5 - Math.sqrt(5)) / 2)).toBeLessThan(8 * u);
    expect(orthoDefect(F, e.vectors)).toBeLessThan(8 * u);
  });

  it('a diagonal matrix needs no rotation: values sorted descending, vectors a permutation', () => {
    const e = eigh(F, diag(F, [1, -3, 7]));
    expect(e.values).toEqual([7, 1, -3]);
    expect(e.sweeps).toBe(0);
    expect(e.vectors.data).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('reconstructs S = V diag(λ) Vᵀ, V orthogonal, λ sorted, trace kept, and matches ml-matrix (n ≤ 8)', () => {
    fc.assert(
      fc.property(symArb, (S) => {
        const n = S.rows;
        const { values, vectors } = eigh(F, S);
        for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
        const nf = frobenius(F, S);
        // Jacobi is backward stable: O(u)·‖S‖ per rotation, O(n) rotations touching an entry per sweep, a few
        // sweeps: c·n·u·‖S‖_F with c = 20 (measured c ≤ 4.4).
        const tol = 20 * n * u * nf;
        const R = matmul(F, matmul(F, vectors, diag(F, values)), transpose(vectors));
        expect(maxAbsDiff(F, R, S)).toBeLessThanOrEqual(tol);
        expect(orthoDefect(F, vectors)).toBeLessThanOrEqual(20 * n * u);
        expect(Math.abs(values.reduce((a, b) => a + b, 0) - trace(F, S))).toBeLessThanOrEqual(tol);
        // Weyl: both solvers are backward stable, so each eigenvalue agrees to their backward errors.
        mlEigenvalues(S).forEach((x, i) => expect(Math.abs(x - values[i])).toBeLessThanOrEqual(tol));
      }),
      { seed: 501, numRuns: 150 },
    );
  });

  it('graded positive definite D·H·D: eigenvalues to relative 10·n·u·κ(H) vs a 50-digit reference', () => {
    const E = exactField(50);
    fc.assert(
      fc.property(rowsArb(4, 4), fc.shuffledSubarray([1, 1e-4, 1e-8, 1e-12], { minLength: 4 }), (rows, d) => {
        // H = I + 0.15·sym(K), |K_ij| ≤ 1: well-conditioned and (checked) positive definite.
        const H = add(F, identity(F, 4), scale(F, 0.15, symmetrize(F, fmat(rows))));
        const h = eigh(F, H).values;
        fc.pre(h[3] > 0);
        const kappa = h[0] / h[3];
        const D = diag(F, d.map(Math.sqrt));
        const S = symmetrize(F, matmul(F, matmul(F, D, H), D));
        const values = eigh(F, S).values;
        const ref = eigh(E, convert(F, E, S)).values.map((x) => x.toNumber());
        // Demmel–Veselić: Jacobi with the relative stopping test computes the eigenvalues of a positive definite
        // D·H·D to relative O(n·u·κ(H)); constant 10 (measured ≤ 2.3·n·u·κ).
        values.forEach((x, i) => expect(relErr(x, ref[i])).toBeLessThanOrEqual(10 * 4 * u * kappa));
      }),
      { seed: 502, numRuns: 25 },
    );
  });

  it('rejects non-square, non-symmetric (even by one ulp) and non-finite input', () => {
    expect(() => eigh(F, fmat([[1, 2, 3], [4, 5, 6]]))).toThrow(RangeError);
    expect(() => eigh(F, fmat([[1, 0.1], [0.1 + 2 ** -56, 1]]))).toThrow(/symmetric/);
    expect(() => eigh(F, fmat([[1, NaN], [NaN, 1]]))).toThrow(RangeError);
    expect(eigh(F, fmat([])).values).toEqual([]);
    expect(eigh(F, fmat([[-4]])).values).toEqual([-4]);
  });

  it('is scale-equivariant far outside [1e-150, 1e150]: no overflow of ‖S‖_F² or a_pp·a_qq', () => {
    const S = fmat([[2, 1, 0], [1, 3, 1], [0, 1, 4]]);
    const ref = eigh(F, S).values;
    for (const c of [1e200, 1e-200, 2 ** 700, 2 ** -700]) {
      const v = eigh(F, scale(F, c, S)).values;
      // Scaling rounds each entry once unless c is a power of two: a few ulps.
      v.forEach((x, i) => expect(relErr(x / c, ref[i]), `c = ${c}`).toBeLessThan(1e-14));
    }
  });
});

describe('eigh (decimal)', () => {
  it('50 digits agree with float64 to the float tolerance (random symmetric 4×4)', () => {
    const E = exactField(50);
    fc.assert(
      fc.property(rowsArb(4, 4), (rows) => {
        const S = symmetrize(F, fmat(rows));
        const vf = eigh(F, S).values;
        const Se = convert(F, E, S);
        const r = eigh(E, Se);
        // The float values err by ≤ c·n·u·‖S‖_F (above); the decimal ones by ~1e-48.
        r.values.forEach((x, i) => expect(Math.abs(x.toNumber() - vf[i])).toBeLessThanOrEqual(20 * 4 * u * frobenius(F, S)));
        const R = matmul(E, matmul(E, r.vectors, diag(E, r.values)), transpose(r.vectors));
        expect(maxAbsDiff(E, R, Se)).toBeLessThan(1e-45);
      }),
      { seed: 503, numRuns: 12 },
    );
  });

  it('Q·diag(2, 2, 0.5, 0)·Qᵀ with an exactly orthogonal decimal Q: repeated and zero eigenvalues to 1e-45', () => {
    const E = exactField(60);
    const Q = givensOrthogonal(E, 4, 1);
    const lambda = ['2', '2', '0.5', '0'];
    const S = symmetrize(E, matmul(E, matmul(E, Q, diag(E, lambda.map((x) => E.of(x)))), transpose(Q)));
    const v = eigh(E, S).values;
    // Q has ≤ 18 decimals, so S is formed exactly at 60 digits; Jacobi's error is ~n·10^-59·‖S‖.
    v.forEach((x, i) => expect(x.minus(lambda[i]).abs().toNumber()).toBeLessThan(1e-45));
    expect(orthoDefect(E, eigh(E, S).vectors)).toBeLessThan(1e-45);
  });

  it('the exact backend accepts exactly symmetric decimal input and rejects a one-digit asymmetry', () => {
    const E = exactField(30);
    expect(() => eigh(E, fromRows(E, [['1', '0.1'], ['0.1000000000000000000000000001', '1']]))).toThrow(/symmetric/);
    const v = eigh(E, fromRows(E, [['1', '0.1'], ['0.1', '1']])).values;
    // One rotation by π/4 at 30 digits: a few units of 10^-30.
    expect(v[0].minus('1.1').abs().toNumber()).toBeLessThan(1e-28);
    expect(v[1].minus('0.9').abs().toNumber()).toBeLessThan(1e-28);
  });
});
