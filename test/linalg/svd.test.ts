/** svd.ts: one-sided Jacobi SVD, in float64 and decimal, against ml-matrix and against exact constructions. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, SVD } from 'ml-matrix';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { columns, convert, diag, fromRows, mat, matmul, scale, transpose, zeros, type Mat } from '../../src/linalg/mat.ts';
import { frobenius } from '../../src/linalg/norms.ts';
import { svd } from '../../src/linalg/svd.ts';
import { anyRowsArb, fmat, fromSvd, givensOrthogonal, maxAbsDiff, orthoDefect, relErr, rowsArb, toRowsNum } from './helpers.ts';

const F = float64;
const u = F.unitRoundoff;

function reconstruct(A: Mat<number>): Mat<number> {
  const s = svd(F, A);
  return matmul(F, matmul(F, s.U, diag(F, s.s)), transpose(s.V));
}

/** The columns of U that belong to nonzero singular values (the others are zero by design). */
function liveU(A: Mat<number>): Mat<number> {
  const s = svd(F, A);
  return columns(s.U, 0, s.s.filter((x) => x > 0).length);
}

describe('svd (float64)', () => {
  it('[[1,1],[0,1]] has singular values φ and 1/φ', () => {
    const phi = (1 + Math.sqrt(5)) / 2;
    const s = svd(F, fmat([[1, 1], [0, 1]])).s;
    // 2×2, a couple of rotations: a few ulps.
    expect(relErr(s[0], phi)).toBeLessThan(8 * u);
    expect(relErr(s[1], 1 / phi)).toBeLessThan(8 * u);
  });

  it('reconstructs A, has orthonormal U and V, thin shapes, sorted σ, and matches ml-matrix (any shape ≤ 8×8)', () => {
    fc.assert(
      fc.property(anyRowsArb(8), (rows) => {
        const A = fmat(rows);
        const m = A.rows;
        const n = A.cols;
        const k = Math.min(m, n);
        const N = Math.max(m, n);
        const { U, s, V } = svd(F, A);
        expect([U.rows, U.cols, V.rows, V.cols, s.length]).toEqual([m, k, n, k, k]);
        for (let i = 1; i < k; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
        expect(s[k - 1]).toBeGreaterThanOrEqual(0);
        const nf = frobenius(F, A);
        // Jacobi is backward stable: each rotation errs by O(u) relative to ‖A‖, summed over O(N) rotations per
        // column and a few sweeps; c·N·u·‖A‖_F with c = 20 (measured c ≤ 1.4).
        const tol = 20 * N * u * nf;
        expect(maxAbsDiff(F, reconstruct(A), A)).toBeLessThanOrEqual(tol);
        // Orthonormality: N·u per inner product, same constant.
        expect(orthoDefect(F, V)).toBeLessThanOrEqual(20 * N * u);
        expect(orthoDefect(F, liveU(A))).toBeLessThanOrEqual(20 * N * u);
        // Both SVDs are backward stable, so by Weyl |σᵢ − σᵢ'| ≤ (their backward errors) ≤ c·N·u·‖A‖_F.
        const ml = new SVD(new Matrix(rows), { autoTranspose: true }).diagonal;
        ml.forEach((x, i) => expect(Math.abs(x - s[i])).toBeLessThanOrEqual(tol));
      }),
      { seed: 401, numRuns: 150 },
    );
  });

  it('a wide matrix gives the transposed factors of its transpose', () => {
    const A = fmat([[1, 2, 3, 4], [0, -1, 2, 5]]);
    const w = svd(F, A);
    const t = svd(F, transpose(A));
    expect(w.s).toEqual(t.s);
    expect(w.U.data).toEqual(t.V.data);
    expect(w.V.data).toEqual(t.U.data);
  });

  it('graded U·diag(1, 1e-5, 1e-10, 1e-14)·Pᵀ: every σ to relative 1e-12 (ml-matrix only gets ~1e-8 on the last)', () => {
    // U has orthonormal columns (Givens products), P permutes the columns. A = (U D)Pᵀ is column-graded: A = B·D'
    // with B = UPᵀ-ish of condition 1, and each float entry carries a relative error ≤ u, which perturbs every σ by
    // a relative O(n·u) (multiplicative perturbation theory). One-sided Jacobi keeps that relative accuracy
    // (Demmel–Veselić: relative error O(n·u·κ(B)) per σ); 1e-12 leaves a margin of ~1e3 over n·u·κ = 4.4e-16.
    const d = [1, 1e-5, 1e-10, 1e-14];
    const perm = [2, 0, 3, 1];
    for (const shift of [0, 1, 2]) {
      const UD = matmul(F, columns(givensOrthogonal(F, 6, shift), 0, 4), diag(F, d));
      const A = mat(6, 4, Array.from({ length: 24 }, (_, t) => UD.data[Math.floor(t / 4) * 4 + perm[t % 4]]));
      const s = svd(F, A).s;
      s.forEach((x, i) => expect(relErr(x, d[i]), `shift ${shift}, σ${i}`).toBeLessThan(1e-12));
      // Contrast: a backward-stable bidiagonal SVD has only absolute accuracy u·‖A‖ ≈ 1e-16, i.e. a relative 1e-2..1e-8
      // on 1e-14 — the bound above is not met by any SVD, only by one with relative accuracy.
      const ml = new SVD(new Matrix(toRowsNum(F, A))).diagonal;
      expect(relErr(ml[3], d[3])).toBeGreaterThan(1e-12);
    }
  });

  it('graded B·diag(1,1e-5,1e-10,1e-14) (shuffled) with random B: relative error ≤ 10·n·u·κ(B) vs a 50-digit SVD', () => {
    const E = exactField(50);
    fc.assert(
      fc.property(rowsArb(6, 4), fc.shuffledSubarray([1, 1e-5, 1e-10, 1e-14], { minLength: 4 }), (rows, d) => {
        const B = fmat(rows);
        const sb = svd(F, B).s;
        fc.pre(sb[3] > 0);
        const kappa = sb[0] / sb[3];
        const A = matmul(F, B, diag(F, d));
        const s = svd(F, A).s;
        // The 50-digit SVD of the same (exactly converted) entries is accurate to ~1e-48 relative: the reference.
        const ref = svd(E, convert(F, E, A)).s.map((x) => x.toNumber());
        // Demmel–Veselić bound O(n·u·κ(B)) with constant 10 (measured ≤ 0.5·n·u·κ).
        s.forEach((x, i) => expect(relErr(x, ref[i])).toBeLessThanOrEqual(10 * 4 * u * kappa));
      }),
      { seed: 402, numRuns: 25 },
    );
  });

  it('exact zero columns (and rows of wide matrices) give exactly zero singular values and zero U columns', () => {
    const A = fmat([
      [1, 0, 2, 0],
      [3, 0, -1, 0],
      [0, 0, 5, 0],
      [2, 0, 1, 0],
      [1, 0, 1, 0],
    ]);
    const r = svd(F, A);
    expect(r.s.slice(2)).toEqual([0, 0]);
    expect(r.s[1]).toBeGreaterThan(0.5);
    for (let i = 0; i < 5; i++) for (const c of [2, 3]) expect(r.U.data[i * 4 + c]).toBe(0);
    const W = svd(F, transpose(A)); // 4×5 wide with two zero rows
    expect(W.s.slice(2)).toEqual([0, 0]);
    const Z = svd(F, zeros(F, 3, 2));
    expect(Z.s).toEqual([0, 0]);
    expect(Z.U.data.every((x) => x === 0)).toBe(true);
  });

  it('terminates on a numerically rank-deficient matrix whose null column shrinks without end (found by B.descent)', () => {
    // Column 4 is parallel to the others up to rounding: each rotation shrinks it by ~u, which once drove the
    // product αβ to underflow (threshold 0) and ζ² to overflow (a rotation that changes nothing): 100 sweeps, then
    // an error. In decimal it never underflows at all. Columns below (u²‖A‖_F)² now count as converged.
    const d = [0, 0, 2.220446049250313e-16, -5.551115123125783e-17, 0, 0, 0, 0, 0, 0, 0, 2.220446049250313e-16, 0, 8.881784197001252e-16, 0, 1.3877787807814457e-17, 2.220446049250313e-16, 0, -2.220446049250313e-16, -2.220446049250313e-16, 8.881784197001252e-16, 0, 0, -1.7763568394002505e-15, 0];
    const A = mat(5, 5, d);
    const r = svd(float64, A);
    expect(r.sweeps).toBeLessThan(20);
    const E = exactField(40);
    const e = svd(E, convert(float64, E, A));
    expect(e.sweeps).toBeLessThan(20);
    // the four resolvable singular values agree; the fifth is below u²·‖A‖ in both
    for (let i = 0; i < 4; i++) expect(Math.abs(r.s[i]! - e.s[i]!.toNumber())).toBeLessThan(1e-14 * r.s[0]!);
    expect(r.s[4]!).toBeLessThan(1e-30 * r.s[0]!);
  });

  it('rejects non-finite entries', () => {
    expect(() => svd(F, fmat([[1, NaN]]))).toThrow(RangeError);
    expect(() => svd(F, fmat([[Infinity, 1]]))).toThrow(RangeError);
  });

  it('is scale-equivariant far outside [1e-150, 1e150]: no overflow or underflow of the sums of squares', () => {
    const A = fmat([[1, 2], [3, 4], [5, 6.5]]);
    const s = svd(F, A).s;
    for (const c of [1e200, 1e-200, 2 ** 600, 2 ** -600, 1e300, 1e-300]) {
      const sc = svd(F, scale(F, c, A)).s;
      // Scaling by c rounds each entry once (relative u) unless c is a power of two: a few ulps.
      sc.forEach((x, i) => expect(relErr(x / c, s[i]), `c = ${c}`).toBeLessThan(1e-14));
    }
  });
});

describe('svd (decimal)', () => {
  it('50 digits agree with float64 to the float tolerance (random 5×4 and 3×5)', () => {
    const E = exactField(50);
    fc.assert(
      fc.property(fc.oneof(rowsArb(5, 4), rowsArb(3, 5)), (rows) => {
        const A = fmat(rows);
        const sf = svd(F, A).s;
        const Ae = convert(F, E, A);
        const r = svd(E, Ae);
        const nf = frobenius(F, A);
        // The float result errs by ≤ c·N·u·‖A‖_F (see above); the decimal one by ~1e-48.
        r.s.forEach((x, i) => expect(Math.abs(x.toNumber() - sf[i])).toBeLessThanOrEqual(20 * 5 * u * nf));
        // The decimal factorisation itself reconstructs A to ~N·10^-49·‖A‖.
        const R = matmul(E, matmul(E, r.U, diag(E, r.s)), transpose(r.V));
        expect(maxAbsDiff(E, R, Ae)).toBeLessThan(1e-45);
      }),
      { seed: 403, numRuns: 12 },
    );
  });

  it('U·diag(3, 2, 0.5, 1e-20)·Vᵀ (decimal Givens factors) gives those σ to an absolute 1e-45', () => {
    const E = exactField(50);
    const d = ['3', '2', '0.5', '1e-20'];
    const A = fromSvd(E, 5, 4, d.map((x) => E.of(x)));
    const s = svd(E, A).s;
    // A's entries are rounded at 50 digits while being formed (~1e-50 each) and Jacobi's backward error is about
    // N·10^-49·‖A‖_F ≈ 2e-48: an absolute bound. (A is not column-graded, so 1e-20 gets no relative guarantee.)
    s.forEach((x, i) => expect(x.minus(d[i]).abs().toNumber()).toBeLessThan(1e-45));
    // …which still resolves 1e-20 to 25 digits, far beyond float64's ~1e-16 absolute.
    expect(s[3].minus(d[3]).div(d[3]).abs().toNumber()).toBeLessThan(1e-25);
  });

  it('exact zero columns give exactly zero singular values in decimal too', () => {
    const E = exactField(30);
    const r = svd(E, fromRows(E, [['0.1', '0'], ['0.3', '0'], ['-0.7', '0']]));
    expect(r.s[1].isZero()).toBe(true);
    expect(r.s[0].gt(0)).toBe(true);
  });
});

describe('svd keeps diagonal inputs exact in decimal', () => {
  it('msign-relevant norms of one-entry columns are |x|, not √(x²) rounded: k/7 at 30 digits', () => {
    const E = exactField(30);
    for (let k = 1; k < 200; k++) {
      const x = E.div(E.of(k), E.of(7));
      const r = svd(E, mat(1, 1, [x]));
      expect(E.eq(r.s[0]!, x), `k = ${k}`).toBe(true);
      expect(E.eq(r.U.data[0]!, E.one) || E.eq(r.U.data[0]!, E.neg(E.one)), `k = ${k}`).toBe(true);
    }
  });
});

describe('svd terminates where a too tight orthogonality test cycled (deep profile)', () => {
  it('a 2×2 whose last rotation flips the sign of a noise-level inner product (A.T1a): converges in a few sweeps', () => {
    const A = mat(2, 2, [-0.0033848379368495163, -0.009814283694659476, -0.009814283694659476, -0.0026069434495198385]);
    const r = svd(float64, A);
    expect(r.sweeps).toBeLessThan(5);
    expect(Math.abs(r.s[0]! * r.s[1]! - Math.abs(-0.0033848379368495163 * -0.0026069434495198385 - 0.009814283694659476 ** 2))).toBeLessThan(1e-18);
  });
  it('at 480 digits, where the unit roundoff 5e-480 is no double (A.T3): the tolerance is formed in the field', () => {
    const E = exactField(480);
    const A = fromRows(E, [['-3.122403530874437632', '-1.638706970315390976'], ['-1.638706970315390976', '-0.940096469125562368']]);
    const r = svd(E, A);
    expect(r.sweeps).toBeLessThan(8);
    // det A = ±σ₁σ₂ to 470 digits
    const det = E.sub(E.mul(A.data[0]!, A.data[3]!), E.mul(A.data[1]!, A.data[2]!));
    expect(E.abs(E.sub(E.abs(det), E.mul(r.s[0]!, r.s[1]!))).lt(E.of('1e-470'))).toBe(true);
  });
});
