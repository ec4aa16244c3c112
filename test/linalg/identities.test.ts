/**
 * Identities of the small kernels the algorithms are built from: Gauss–Jordan inversion (AA⁻¹ = I exactly in
 * decimal, partial pivoting), the Jacobi rotation (it diagonalises the 2×2 it is built from, with the smaller
 * angle, also when ζ² would overflow), the power-of-two scaling of svd/eigh, msign's projector and cut-off
 * semantics (σ ≤ cutoff·σ_max is dropped), and the parameter named by each validation message.
 */
import { describe, expect, it } from 'vitest';
import { exactField } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { eigh } from '../../src/linalg/eigh.ts';
import {
  add,
  axpy,
  binaryScaleExponent,
  columns,
  convert,
  diag,
  fromRows,
  get,
  hadamard,
  identity,
  inner,
  map,
  mat,
  matmul,
  sub,
  symmetrize,
  trace,
  transpose,
  zeros,
} from '../../src/linalg/mat.ts';
import { msign, msignFromSvd } from '../../src/linalg/msign.ts';
import { nuclear, singularValues, spectral } from '../../src/linalg/norms.ts';
import { jacobiRotation, rotateColumns, rotateRows } from '../../src/linalg/rotation.ts';
import { inverse } from '../../src/linalg/solve.ts';
import { svd } from '../../src/linalg/svd.ts';

const F = float64;
const D = exactField(40);
const str = (xs: { toString(): string }[]): string[] => xs.map((x) => x.toString());
const maxAbs = (A: { data: number[] }): number => Math.max(0, ...A.data.map(Math.abs));

describe('inverse (Gauss–Jordan with partial pivoting)', () => {
  it('AA⁻¹ = A⁻¹A = I exactly in decimal, for a matrix that needs a row exchange (zero leading entry)', () => {
    const A = fromRows(D, [['0', '2', '1'], ['1', '0', '0'], ['4', '0', '2']]);
    const Ai = inverse(D, A);
    const I = str(identity(D, 3).data);
    expect(str(matmul(D, A, Ai).data)).toEqual(I);
    expect(str(matmul(D, Ai, A).data)).toEqual(I);
    expect(str(inverse(D, Ai).data)).toEqual(str(A.data)); // (A⁻¹)⁻¹ = A
  });
  it('a zero below the diagonal is never chosen as pivot while a nonzero candidate remains', () => {
    // column 0 is (1, 0, 2): the pivot is 2 (largest); a pivot search that took the smallest would stop on the 0
    const A = fromRows(D, [['1', '0', '0'], ['0', '1', '1'], ['2', '0', '1']]);
    expect(str(matmul(D, A, inverse(D, A)).data)).toEqual(str(identity(D, 3).data));
  });
  it('pivots on the largest entry: [[1e-20, 1], [1, 1]] is inverted to full float accuracy (no pivoting loses it all)', () => {
    const A = fromRows(F, [[1e-20, 1], [1, 1]]);
    const Ai = inverse(F, A);
    // A⁻¹ = 1/(1e-20 − 1)·[[1, −1], [−1, 1e-20]] ≈ [[−1, 1], [1, −1e-20]]
    expect(Ai.data[0]).toBeCloseTo(-1, 15);
    expect(Ai.data[1]).toBeCloseTo(1, 15);
    expect(Ai.data[2]).toBeCloseTo(1, 15);
    expect(maxAbs(sub(F, matmul(F, A, Ai), identity(F, 2)))).toBeLessThan(1e-15);
  });
  it('a 1×1 and an empty matrix; singular and non-square input are refused with a message', () => {
    expect(str(inverse(D, fromRows(D, [['4']])).data)).toEqual(['0.25']);
    expect(inverse(F, mat(0, 0, [])).data).toEqual([]);
    expect(() => inverse(F, fromRows(F, [[1, 2], [2, 4]]))).toThrow(/^inverse: matrix is singular$/);
    expect(() => inverse(F, fromRows(F, [[0, 0], [0, 1]]))).toThrow(/singular/);
    expect(() => inverse(F, fromRows(F, [[1, 2, 3]]))).toThrow(/^inverse: matrix must be square, got 1×3$/);
  });
});

describe('the Jacobi rotation', () => {
  /** JᵀSJ for S = [[α, γ], [γ, β]] and J = [[c, s], [−s, c]]. */
  const rotated = (alpha: number, beta: number, gamma: number) => {
    const { c, s } = jacobiRotation(F, alpha, beta, gamma);
    const a = [alpha, gamma, gamma, beta];
    rotateColumns(F, a, 2, 2, 0, 1, c, s);
    rotateRows(F, a, 2, 0, 1, c, s);
    return { c, s, a };
  };
  it('diagonalises the 2×2 it is built from, with c² + s² = 1 and the smaller angle (|t| = |s/c| ≤ 1)', () => {
    for (const [alpha, beta, gamma] of [[2, 1, 0.5], [1, 2, 0.5], [1, 1, 0.3], [3, -1, -2], [0, 5, 1e-3], [1e-3, 0, 7]]) {
      const { c, s, a } = rotated(alpha, beta, gamma);
      const scale = Math.hypot(alpha, beta, gamma);
      expect(Math.abs(a[1])).toBeLessThanOrEqual(4 * F.unitRoundoff * scale);
      expect(Math.abs(a[2])).toBeLessThanOrEqual(4 * F.unitRoundoff * scale);
      expect(c * c + s * s).toBeCloseTo(1, 15);
      expect(Math.abs(s)).toBeLessThanOrEqual(Math.abs(c)); // the smaller of the two angles that diagonalise
      expect(a[0] + a[3]).toBeCloseTo(alpha + beta, 13); // the trace is kept
    }
  });
  it('when ζ² overflows (|ζ| > 2^500) the rotation still annihilates γ: t = sign(ζ)/(2|ζ|)', () => {
    for (const gamma of [1e-160, -1e-160]) {
      const { c, s, a } = rotated(0, 1, gamma);
      expect(s).not.toBe(0); // a rotation that changes nothing would leave γ in place
      // ζ = (β − α)/(2γ) = 1/(2γ), so t = sign(ζ)/(2|ζ|) = γ
      expect(Math.abs(s / c - gamma)).toBeLessThanOrEqual(4 * F.unitRoundoff * Math.abs(gamma));
      expect(Math.abs(a[1])).toBeLessThan(1e-175);
    }
    // |ζ| = 1e150 is past 2^500 too (ζ² = 1e300 would still be finite, the branch is taken anyway): t = 1/(2ζ) = 5e-151
    const big = rotated(0, 1, 5e-151);
    expect(big.s / big.c).toBeCloseTo(5e-151, 160);
    expect(Math.abs(big.a[1])).toBeLessThan(1e-165);
  });
  it('rotateColumns is A ← A·J and rotateRows is A ← Jᵀ·A', () => {
    const c = '0.6';
    const s = '0.8';
    const J = fromRows(D, [['0.6', '0', '0.8'], ['0', '1', '0'], ['-0.8', '0', '0.6']]); // rotation in the (0, 2) plane
    const A = fromRows(D, [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '10']]);
    const cols = A.data.slice();
    rotateColumns(D, cols, 3, 3, 0, 2, D.of(c), D.of(s));
    expect(str(cols)).toEqual(str(matmul(D, A, J).data));
    const rows = A.data.slice();
    rotateRows(D, rows, 3, 0, 2, D.of(c), D.of(s));
    expect(str(rows)).toEqual(str(matmul(D, transpose(J), A).data));
  });
});

describe('binaryScaleExponent: the power of two svd and eigh divide by', () => {
  it('0 inside [2^-200, 2^200], for zero, non-finite and decimal input; ⌊log₂ max|a|⌋ outside; clamped to ±1000', () => {
    expect(binaryScaleExponent(F, fromRows(F, [[2 ** -200, 0]]))).toBe(0);
    expect(binaryScaleExponent(F, fromRows(F, [[-(2 ** 200)]]))).toBe(0);
    expect(binaryScaleExponent(F, fromRows(F, [[2 ** -201]]))).toBe(-201);
    expect(binaryScaleExponent(F, fromRows(F, [[0, -(2 ** 201) * 1.5]]))).toBe(201);
    expect(binaryScaleExponent(F, fromRows(F, [[1e-300, 3e-300]]))).toBe(Math.floor(Math.log2(3e-300)));
    expect(binaryScaleExponent(F, fromRows(F, [[5e-324]]))).toBe(-1000);
    expect(binaryScaleExponent(F, fromRows(F, [[0, 0]]))).toBe(0);
    expect(binaryScaleExponent(F, fromRows(F, [[1e300, Infinity]]))).toBe(0);
    expect(binaryScaleExponent(D, fromRows(D, [['1e-300']]))).toBe(0);
  });
  it('svd and eigh of a subnormal-scaled matrix: singular values and eigenvalues scale exactly with it', () => {
    const A = fromRows(F, [[3, 0], [0, 2]]);
    const tiny = 2 ** -1060;
    const s = svd(F, mat(2, 2, A.data.map((x) => x * tiny))).s;
    expect(s).toEqual([3 * tiny, 2 * tiny]);
    expect(spectral(F, mat(2, 2, A.data.map((x) => x * 2 ** 1000)))).toBe(3 * 2 ** 1000);
  });
});

describe('mat.ts helpers', () => {
  it('shape validation names the shape; fromRows names the ragged row', () => {
    expect(() => mat(2, -1, [])).toThrow(/^mat: shape must be non-negative integers, got 2×-1$/);
    expect(() => mat(1.5, 2, [])).toThrow(/^mat: shape must be non-negative integers, got 1\.5×2$/);
    expect(() => mat(2, 2, [1, 2, 3])).toThrow(/^mat: 2×2 needs 4 entries, got 3$/);
    expect(() => fromRows(F, [[1, 2], [3]])).toThrow(/^fromRows: row 1 has 1 entries, expected 2$/);
    expect(fromRows(F, [])).toEqual({ rows: 0, cols: 0, data: [] });
    expect(() => symmetrize(F, zeros(F, 2, 3))).toThrow(/^symmetrize: matrix must be square, got 2×3$/);
    expect(() => matmul(F, zeros(F, 2, 3), zeros(F, 2, 3))).toThrow(/^matmul: inner sizes differ, 2×3 · 2×3$/);
    expect(() => sub(F, zeros(F, 2, 3), zeros(F, 3, 2))).toThrow(/^sub: shapes differ, 2×3 vs 3×2$/);
  });
  it('trace of a rectangular matrix sums its min(m, n) diagonal entries; diag of a rectangular shape; get; columns', () => {
    const A = fromRows(F, [[1, 2, 3], [4, 5, 6]]);
    expect(trace(F, A)).toBe(6);
    expect(trace(F, transpose(A))).toBe(6);
    expect(diag(F, [7, 8], 3, 2).data).toEqual([7, 0, 0, 8, 0, 0]);
    expect(diag(F, [7, 8, 9], 2, 4).data).toEqual([7, 0, 0, 0, 0, 8, 0, 0]);
    expect(get(A, 1, 2)).toBe(6);
    expect(columns(A, 1, 3)).toEqual({ rows: 2, cols: 2, data: [2, 3, 5, 6] });
    expect(columns(A, 2, 2)).toEqual({ rows: 2, cols: 0, data: [] });
  });
  it('symmetrize averages each off-diagonal pair, exactly in decimal; convert exact → float rounds to nearest', () => {
    const A = fromRows(D, [['1', '0.3', '0'], ['0.1', '2', '5'], ['1', '4', '3']]);
    const S = symmetrize(D, A);
    expect(str(S.data)).toEqual(['1', '0.2', '0.5', '0.2', '2', '4.5', '0.5', '4.5', '3']);
    expect(str(A.data)).toEqual(['1', '0.3', '0', '0.1', '2', '5', '1', '4', '3']); // matrices are immutable: A is untouched
    expect(convert(D, F, fromRows(D, [['0.1', '-2.5']])).data).toEqual([0.1, -2.5]);
    expect(str(convert(F, D, fromRows(F, [[0.5, -3]])).data)).toEqual(['0.5', '-3']);
  });
});

describe('msign: projector identities and the cut-off', () => {
  it('msign(G)ᵀmsign(G) is the orthogonal projector onto the row space of G: P = Pᵀ = P², tr P = rank G', () => {
    // rank-2 G (4×3): third column = first + second
    const G = fromRows(F, [[1, 2, 3], [0, 1, 1], [2, -1, 1], [1, 0, 1]]);
    const Q = msign(F, G);
    const P = matmul(F, transpose(Q), Q);
    expect(maxAbs(sub(F, P, transpose(P)))).toBeLessThan(1e-14);
    expect(maxAbs(sub(F, matmul(F, P, P), P))).toBeLessThan(1e-14);
    expect(trace(F, P)).toBeCloseTo(2, 13);
    expect(maxAbs(sub(F, matmul(F, G, P), G))).toBeLessThan(1e-13); // G's rows lie in the range of P
    // ⟨G, msign G⟩ = ‖G‖_* (B.msign)
    let ip = 0;
    for (let i = 0; i < G.data.length; i++) ip += G.data[i] * Q.data[i];
    expect(ip).toBeCloseTo(nuclear(F, G), 12);
  });
  it('σ ≤ cutoff·σ_max is dropped, σ > cutoff·σ_max kept (exact decimal boundary); msign(0) = 0; empty shapes', () => {
    const G = diag(D, [D.of('2'), D.of('1')]);
    expect(str(msign(D, G, { cutoff: 0.5 }).data)).toEqual(['1', '0', '0', '0']); // 1 = 0.5·2: dropped
    expect(str(msign(D, G, { cutoff: 0.4999 }).data)).toEqual(['1', '0', '0', '1']);
    expect(str(msign(D, G, { cutoff: 0 }).data)).toEqual(['1', '0', '0', '1']);
    expect(str(msign(D, zeros(D, 2, 3)).data)).toEqual(['0', '0', '0', '0', '0', '0']);
    expect(msign(F, mat(0, 3, []))).toEqual({ rows: 0, cols: 3, data: [] });
    expect(msign(F, mat(2, 0, []))).toEqual({ rows: 2, cols: 0, data: [] });
    expect(msignFromSvd(F, { U: mat(2, 0, []), s: [], V: mat(2, 0, []), sweeps: 0 }, 2, 2).data).toEqual([0, 0, 0, 0]);
    // a sign on a 1×1 and on a diagonal is exact: msign(diag(−3, 0.5)) = diag(−1, 1)
    expect(str(msign(D, diag(D, [D.of('-3'), D.of('0.5')])).data)).toEqual(['-1', '0', '0', '1']);
  });
  it('the cut-off must lie in [0, 1); the message gives the value', () => {
    const G = fromRows(F, [[1, 0], [0, 1]]);
    expect(() => msign(F, G, { cutoff: 1 })).toThrow(/^msign: cutoff must be in \[0, 1\), got 1$/);
    expect(() => msign(F, G, { cutoff: -1e-3 })).toThrow(/^msign: cutoff must be in \[0, 1\), got -0\.001$/);
    expect(() => msign(F, G, { cutoff: NaN })).toThrow(/cutoff must be in \[0, 1\), got NaN/);
  });
  it('singularValues: descending, empty for an empty matrix; spectral norm of an empty matrix is 0', () => {
    expect(singularValues(F, fromRows(F, [[0, 3], [4, 0]]))).toEqual([4, 3]);
    expect(singularValues(F, mat(0, 2, []))).toEqual([]);
    expect(singularValues(F, mat(2, 0, []))).toEqual([]);
    expect(spectral(F, mat(3, 0, []))).toBe(0);
  });
});

describe('validation messages and exactness details of the kernels', () => {
  it('every shape check names its operation; mat refuses a negative row count even with no entries', () => {
    const a = zeros(F, 2, 3);
    const b = zeros(F, 3, 2);
    expect(() => add(F, a, b)).toThrow(/^add: shapes differ, 2×3 vs 3×2$/);
    expect(() => axpy(F, a, 1, b)).toThrow(/^axpy: shapes differ/);
    expect(() => hadamard(F, a, b)).toThrow(/^hadamard: shapes differ/);
    expect(() => inner(F, a, b)).toThrow(/^inner: shapes differ/);
    expect(() => add(F, zeros(F, 2, 3), zeros(F, 2, 2))).toThrow(/^add: shapes differ, 2×3 vs 2×2$/);
    expect(() => add(F, zeros(F, 2, 3), zeros(F, 3, 3))).toThrow(/^add: shapes differ, 2×3 vs 3×3$/);
    expect(() => mat(-1, 0, [])).toThrow(/^mat: shape must be non-negative integers, got -1×0$/);
    expect(map(fromRows(F, [[1, 2], [3, 4]]), (x, i) => x * 10 + i).data).toEqual([10, 21, 32, 43]);
  });
  it('convert between two decimal precisions is lossless (through the decimal string, not a double)', () => {
    const D60 = exactField(60);
    const x = '0.12345678901234567890123456789';
    expect(str(convert(D, D60, fromRows(D, [[x]])).data)).toEqual([x]);
  });
  it('eigh and svd name what is wrong: non-square, non-finite (also on the diagonal)', () => {
    expect(() => eigh(F, zeros(F, 2, 3))).toThrow(/^eigh: matrix must be square, got 2×3$/);
    expect(() => eigh(F, fromRows(F, [[Infinity, 0], [0, 1]]))).toThrow(/^eigh: matrix has a non-finite entry \(NaN or ±Infinity\)$/);
    expect(() => svd(F, fromRows(F, [[1, NaN]]))).toThrow(/^svd: matrix has a non-finite entry \(NaN or ±Infinity\)$/);
  });
  it('Jacobi converges in a few sweeps: none for a diagonal matrix, at least one otherwise', () => {
    expect(svd(F, fromRows(F, [[3, 0], [0, 2]])).sweeps).toBe(0);
    const s = svd(F, fromRows(F, [[1, 1], [0, 1]])).sweeps;
    expect(s).toBeGreaterThanOrEqual(1);
    expect(s).toBeLessThanOrEqual(6);
    const e = eigh(F, fromRows(F, [[2, 1], [1, 3]])).sweeps;
    expect(e).toBeGreaterThanOrEqual(1);
    expect(e).toBeLessThanOrEqual(6);
  });
  it('diagonal msign is exact in decimal: the norm of a one-entry column is |x|, not √(x²) rounded', () => {
    const D30 = exactField(30);
    // at 30 digits √(fl(x²)) ≠ x for these (e.g. 24/7 = 3.42857…857 gives 3.42857…856)
    for (const [k, den] of [[24, 7], [27, 7], [6, 13], [13, 3], [1, 7]]) {
      const x = D30.div(D30.of(k), D30.of(den));
      const G = fromRows(D30, [[x, D30.zero], [D30.zero, D30.neg(D30.mul(x, x))], [D30.zero, D30.zero]]);
      expect(str(msign(D30, G).data)).toEqual(['1', '0', '0', '-1', '0', '0']);
    }
  });
  it('the default cut-off max(m, n)·2u is formed in the field: at 20 digits a 3×2 G keeps σ₂/σ₁ > 3·10^-19, drops ≤', () => {
    const D20 = exactField(20);
    const G = (s2: string) => fromRows(D20, [['1', '0'], ['0', s2], ['0', '0']]);
    expect(str(msign(D20, G('3e-19')).data)).toEqual(['1', '0', '0', '0', '0', '0']);
    expect(str(msign(D20, G('3.1e-19')).data)).toEqual(['1', '0', '0', '1', '0', '0']);
    // beyond the double range (400 digits: 2u·3 = 6·10^-400 underflows as a double), still a relative cut-off
    const D400 = exactField(400);
    const H = (s2: string) => fromRows(D400, [['1', '0'], ['0', s2], ['0', '0']]);
    expect(str(msign(D400, H('5e-400')).data)).toEqual(['1', '0', '0', '0', '0', '0']);
    expect(str(msign(D400, H('1e-380')).data)).toEqual(['1', '0', '0', '1', '0', '0']);
  });
  it('an SVD with no singular values gives the zero matrix in decimal too', () => {
    expect(str(msignFromSvd(D, { U: mat(2, 0, []), s: [], V: mat(3, 0, []), sweeps: 0 }, 2, 3).data)).toEqual(['0', '0', '0', '0', '0', '0']);
  });
});
