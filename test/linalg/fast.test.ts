/**
 * linalg/fast: the Float64 route (WebAssembly SIMD kernels and their plain-JS twins) against the generic code on
 * float64 (`floatPlain`, the reference) and against ml-matrix.
 *
 * Tolerances. Products are not compared with a tolerance: the fast products sum every entry in the generic loop's
 * order (kernels.ts, nn), so they must be bit-identical. msign is compared through its perturbation theory: both
 * routes are one-sided Jacobi SVDs stopped by the same test, i.e. backward stable, each returning msign(G + E) with
 * ‖E‖_F ≲ c·N·u·‖G‖_F (N = max(m, n); `bwd` below takes c = 20, as msign.test.ts), and msign is Lipschitz with
 * constant about 2/σ_r across a gap σ_r to the dropped directions (Li's polar-factor bound; 1/σ_r more for a
 * non-square G), so the two results may differ by 2·3·bwd/σ_r. For a column-scaled G = X·D (the case where one-sided
 * Jacobi is accurate for tiny singular values too) the same holds with κ(X) in place of σ_max/σ_r, however small D's
 * entries — that is the "relative accuracy" the fast route must keep.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatBenchTable, NUMPY_MS, runBench, writeBenchJson, type MfStepRow } from '../../src/bench/bench.ts';
import { float64 } from '../../src/arith/float64.ts';
import { floatPlain } from '../../src/linalg/backend.ts';
import { eigh } from '../../src/linalg/eigh.ts';
import {
  eighFast,
  fastFloat,
  jsEngine,
  lastFastSvdInfo,
  matmulNTWith,
  matmulTNWith,
  mfGradWith,
  matmulWith,
  msignFast,
  msignMlMatrix,
  msignWith,
  svdMlMatrix,
  svdWith,
  wasmEngine,
  type Engine,
} from '../../src/linalg/fast/index.ts';
import { columns, diag, fromRows, mat, matmul, symmetrize, transpose, type Mat } from '../../src/linalg/mat.ts';
import { defaultRankCutoff, msign } from '../../src/linalg/msign.ts';
import { frobenius, nuclear } from '../../src/linalg/norms.ts';
import { svd } from '../../src/linalg/svd.ts';
import { matrixFactorization } from '../../src/problems/mf.ts';
import { anyRowsArb, entry, fmat, fromSvd, givensOrthogonal, maxAbsDiff, orthoDefect, rowsArb } from './helpers.ts';

const F = float64;
const u = F.unitRoundoff;
const engines: Engine[] = wasmEngine === null ? [jsEngine] : [wasmEngine, jsEngine];

/** Backward-error scale of a float SVD of A: 20·N·u·‖A‖_F. */
const bwd = (A: Mat<number>): number => 20 * Math.max(A.rows, A.cols) * u * frobenius(F, A);
/** The r-th singular value (generic SVD), r = rank to be resolved. */
const sigma = (A: Mat<number>, r: number): number => svd(F, A).s[r - 1];
/** How far msignFast and the generic msign may be apart for a full-rank A (see the header). */
const agreeTol = (A: Mat<number>, r = Math.min(A.rows, A.cols)): number => (6 * bwd(A)) / sigma(A, r);

/** A matrix with scaled-integer entries from a seeded stream (for fixed larger shapes outside fast-check). */
function seeded(rows: number, cols: number, seed: number): Mat<number> {
  let s = seed >>> 0;
  const next = (): number => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return mat(rows, cols, Array.from({ length: rows * cols }, () => Math.round((2 * next() - 1) * 2 ** 20) / 2 ** 20));
}

/** +0 for −0, so that toEqual compares values. */
const plus0 = (xs: readonly number[]): number[] => xs.map((x) => x + 0);

describe('fastFloat: the LinAlg of the fast route', () => {
  it('is a float64 backend named float64, and its kernels are the fast ones', () => {
    expect(fastFloat.F).toBe(float64);
    expect(fastFloat.name).toBe('float64');
    const G = seeded(7, 3, 1);
    expect(fastFloat.msign(G).data).toEqual(msignFast(G).data);
  });

  it('uses WebAssembly SIMD where available (Node 20 has it)', () => {
    expect(wasmEngine).not.toBeNull();
    expect(wasmEngine?.name).toBe('wasm-simd');
  });
});

describe.each(engines.map((E) => [E.name, E] as const))('products on the %s engine', (_name, E) => {
  it('matmul, matmulTN = AᵀB, matmulNT = ABᵀ are bit-identical to floatPlain (same summation order), also with zeros', () => {
    const sparse = fc.oneof(entry, entry, fc.constant(0), fc.constant(-0));
    const dims = fc.record({ n: fc.integer({ min: 1, max: 13 }), m: fc.integer({ min: 1, max: 13 }), p: fc.integer({ min: 1, max: 13 }) });
    const arb = dims.chain(({ n, m, p }) =>
      fc.record({
        A: fc.array(sparse, { minLength: n * m, maxLength: n * m }).map((d) => mat(n, m, d)),
        B: fc.array(sparse, { minLength: m * p, maxLength: m * p }).map((d) => mat(m, p, d)),
        T: fc.array(sparse, { minLength: m * n, maxLength: m * n }).map((d) => mat(m, n, d)),
        R: fc.array(sparse, { minLength: p * m, maxLength: p * m }).map((d) => mat(p, m, d)),
      }),
    );
    fc.assert(
      fc.property(arb, ({ A, B, T, R }) => {
        expect(plus0(matmulWith(E, A, B).data)).toEqual(plus0(floatPlain.matmul(A, B).data));
        expect(plus0(matmulTNWith(E, T, B).data)).toEqual(plus0(floatPlain.matmulTN(T, B).data));
        expect(plus0(matmulNTWith(E, A, R).data)).toEqual(plus0(floatPlain.matmulNT(A, R).data));
        // Gram products take the symmetric path (upper triangle, mirrored): still bit-identical
        expect(plus0(matmulTNWith(E, A, A).data)).toEqual(plus0(floatPlain.matmulTN(A, A).data));
        expect(plus0(matmulNTWith(E, A, A).data)).toEqual(plus0(floatPlain.matmulNT(A, A).data));
      }),
      { seed: 4101, numRuns: 150 },
    );
  });

  it('bit-identical at the benchmark sizes too (100×100 products, 200×10 Gram)', () => {
    const A = seeded(100, 100, 2);
    const B = seeded(100, 20, 3);
    const U = seeded(200, 10, 4);
    expect(matmulWith(E, A, B).data).toEqual(floatPlain.matmul(A, B).data);
    expect(matmulTNWith(E, A, A).data).toEqual(floatPlain.matmulTN(A, A).data);
    expect(matmulTNWith(E, U, U).data).toEqual(floatPlain.matmulTN(U, U).data);
    expect(matmulNTWith(E, B, B).data).toEqual(floatPlain.matmulNT(B, B).data);
  });

  it('rejects mismatched shapes with the generic RangeError', () => {
    const A = seeded(3, 4, 5);
    const B = seeded(3, 2, 6);
    expect(() => matmulWith(E, A, B)).toThrow(RangeError);
    expect(() => matmulTNWith(E, A, seeded(4, 2, 7))).toThrow(RangeError);
    expect(() => matmulNTWith(E, A, B)).toThrow(RangeError);
    expect(() => matmulWith(E, A, B)).toThrow(/inner sizes differ/);
  });
});

describe('the matrix-factorisation gradient through fastFloat', () => {
  it('equals floatPlain’s bit for bit (same formula, bit-identical products)', () => {
    const d = 30;
    const k = 6;
    const V = columns(givensOrthogonal(F, d, 11), 0, 4);
    const lambdas = [1, 0.75, 0.5, 0];
    const U = seeded(d, k, 8);
    const fast = matrixFactorization(fastFloat, { V, lambdas }, k).grad(U);
    const plain = matrixFactorization(floatPlain, { V, lambdas }, k).grad(U);
    expect(fast.data).toEqual(plain.data);
  });

  it('mfGradWith (the fused gradient, both engines) is bit-identical to the problem’s grad, and checks shapes', () => {
    for (const [d, k, r] of [[30, 6, 4], [7, 7, 3], [100, 20, 5], [1, 1, 1]] as const) {
      const V = columns(givensOrthogonal(F, d, 11), 0, r);
      const lambdas = Array.from({ length: r }, (_, j) => 1 - j / (r + 1));
      const VL = mat(d, r, V.data.map((x, i) => x * lambdas[i % r]));
      const U = seeded(d, k, 8 + d);
      const want = matrixFactorization(floatPlain, { V, lambdas }, k).grad(U).data;
      for (const E of engines) expect(mfGradWith(E, U, V, VL).data).toEqual(want);
    }
    expect(() => mfGradWith(engines[0], seeded(5, 2, 1), seeded(4, 2, 2), seeded(4, 2, 3))).toThrow(RangeError);
  });
});

describe.each(engines.map((E) => [E.name, E] as const))('msignFast on the %s engine vs the generic msign', (_name, E) => {
  it('random tall, wide and square matrices agree within 6·bwd/σ_min', () => {
    fc.assert(
      fc.property(anyRowsArb(9), (rows) => {
        const G = fmat(rows);
        const Q = msignWith(E, G);
        const P = msign(F, G);
        expect([Q.rows, Q.cols]).toEqual([G.rows, G.cols]);
        // a draw may be numerically rank-deficient: then both drop the same directions (checked separately below)
        // and the bound uses the smallest kept σ
        const s = svd(F, G).s;
        const cutoff = defaultRankCutoff(F, G.rows, G.cols) * s[0];
        const r = s.filter((x) => x > cutoff).length;
        if (r === 0) return;
        expect(maxAbsDiff(F, Q, P)).toBeLessThanOrEqual(agreeTol(G, r));
      }),
      { seed: 4201, numRuns: 120 },
    );
  });

  it('the benchmark shapes (20×4, 100×5, 100×20, 200×10, 50×50 and their transposes) agree within 6·bwd/σ_min', () => {
    for (const [m, n] of [
      [20, 4],
      [100, 5],
      [100, 20],
      [200, 10],
      [50, 50],
      [5, 100],
    ]) {
      const G = seeded(m, n, 100 + m + n);
      const tol = agreeTol(G);
      const Q = msignWith(E, G);
      const gap = maxAbsDiff(F, Q, msign(F, G));
      expect(gap, `${m}×${n}`).toBeLessThanOrEqual(tol);
      expect(orthoDefect(F, m >= n ? Q : transpose(Q))).toBeLessThanOrEqual(40 * Math.max(m, n) * u);
    }
  });

  it('rank-deficient G = ABᵀ: the same rank (‖Q‖_F² = r) and agreement within 6·bwd/σ_r', () => {
    const arb = fc.record({ m: fc.integer({ min: 3, max: 10 }), n: fc.integer({ min: 3, max: 10 }), r: fc.integer({ min: 1, max: 3 }) }).chain(({ m, n, r }) =>
      fc.tuple(rowsArb(m, r), rowsArb(n, r)).map(([a, b]) => matmul(F, fmat(a), transpose(fmat(b)))),
    );
    fc.assert(
      fc.property(arb, (G) => {
        const Q = msignWith(E, G);
        const P = msign(F, G);
        const rankP = Math.round(frobenius(F, P) ** 2);
        const rankQ = Math.round(frobenius(F, Q) ** 2);
        // ‖msign‖_F² is the number of kept directions (orthonormal factors); noise directions (~u‖G‖) are dropped
        expect(rankQ).toBe(rankP);
        expect(Math.abs(frobenius(F, Q) ** 2 - rankQ)).toBeLessThanOrEqual(1e-10);
        if (rankP > 0) expect(maxAbsDiff(F, Q, P)).toBeLessThanOrEqual(agreeTol(G, rankP));
      }),
      { seed: 4202, numRuns: 80 },
    );
  });

  it('column-scaled, singular values spanning 1 … 1e-12: agreement to κ(X)·N·u, independent of κ(G)', () => {
    for (const [m, n, seed] of [
      [12, 6, 21],
      [8, 8, 22],
      [40, 10, 23],
      [30, 30, 24],
      [6, 12, 25],
    ]) {
      const X = seeded(m, n, seed);
      const sx = svd(F, X).s;
      const kappaX = sx[0] / sx[sx.length - 1];
      const scale = Array.from({ length: n }, (_, j) => 10 ** ((-12 * j) / (n - 1)));
      const G = mat(m, n, X.data.map((x, idx) => x * scale[idx % n]));
      const Q = msignWith(E, G);
      const P = msign(F, G);
      const tol = 6 * 20 * Math.max(m, n) * u * kappaX;
      expect(maxAbsDiff(F, Q, P), `${m}×${n}`).toBeLessThanOrEqual(tol);
      // every direction is kept, down to the 1e-12 one. Here and below, ‖msign G‖_F² counts the kept directions: one
      // dropped or injected moves it by 1, while the orthogonality defect of Q (≤ ~1e-13 at these sizes) moves it far
      // less than the 1e-8…1e-12 that toBeCloseTo allows.
      expect(frobenius(F, Q) ** 2).toBeCloseTo(Math.min(m, n), 9);
    }
  });

  it('badly conditioned, mixed (G = U·diag(1 … 1e-12)·Vᵀ): full rank kept, ⟨Q, G⟩ = ‖G‖_*, QᵀQ = I, QᵀG symmetric', () => {
    // Here no entrywise agreement is promised (the tiny directions are only determined to u·σ_max/σ_min ≈ 1e-4 in
    // either route); the well-conditioned functionals are.
    for (const [m, n] of [
      [10, 7],
      [7, 10],
      [9, 9],
    ]) {
      const r = Math.min(m, n);
      const s = Array.from({ length: r }, (_, j) => 10 ** ((-12 * j) / (r - 1)));
      const G = fromSvd(F, m, n, s, 5, 9);
      const Q = msignWith(E, G);
      const P = msign(F, G);
      expect(frobenius(F, Q) ** 2).toBeCloseTo(r, 9);
      expect(frobenius(F, P) ** 2).toBeCloseTo(r, 9);
      const ip = Q.data.reduce((acc, q, i) => acc + q * G.data[i], 0);
      expect(Math.abs(ip - nuclear(F, G)) / nuclear(F, G)).toBeLessThanOrEqual(40 * Math.max(m, n) * u);
      expect(orthoDefect(F, m >= n ? Q : transpose(Q))).toBeLessThanOrEqual(40 * Math.max(m, n) * u);
      const H = matmul(F, transpose(Q), G);
      expect(maxAbsDiff(F, H, transpose(H))).toBeLessThanOrEqual(2 * bwd(G));
      // the well-determined part agrees: the top singular direction
      expect(maxAbsDiff(F, matmul(F, Q, transpose(Q)), matmul(F, P, transpose(P)))).toBeLessThanOrEqual(1e-2);
    }
  });

  it('exact zeros map to exact zeros: the zero matrix, and zero rows/columns (Jacobi path k ≤ 2 and QL path k ≥ 3)', () => {
    for (const [m, n] of [
      [1, 1],
      [5, 2],
      [2, 5],
      [9, 4],
      [4, 9],
      [30, 30],
    ]) {
      expect(msignWith(E, mat(m, n, new Array<number>(m * n).fill(0))).data.every((x) => Object.is(x, 0))).toBe(true);
    }
    for (const [m, n, zeroCol] of [
      [6, 2, 1],
      [8, 5, 2],
      [8, 5, 0],
      [20, 12, 7],
    ]) {
      const G0 = seeded(m, n, 30 + m);
      const G = mat(m, n, G0.data.map((x, idx) => (idx % n === zeroCol ? 0 : x)));
      const Q = msignWith(E, G);
      for (let i = 0; i < m; i++) expect(Q.data[i * n + zeroCol]).toBe(0);
      expect(frobenius(F, Q) ** 2).toBeCloseTo(n - 1, 10);
      expect(maxAbsDiff(F, Q, msign(F, G))).toBeLessThanOrEqual(agreeTol(G, n - 1));
      // and the transpose: a zero row
      const Qt = msignWith(E, transpose(G));
      for (let j = 0; j < m; j++) expect(Qt.data[zeroCol * m + j]).toBe(0);
    }
  });

  it('keeps the tiny-but-real σ³ direction of an MF gradient with a zero eigenvalue (σ ≈ 1e-10·σ_max)', () => {
    // M* = V diag(1, 0.5, 0) Vᵀ, U = V diag(0.9, 0.6, s) aligned (Lemma 3): ∇f = (UUᵀ − M*)U = V diag(s_j³ − λ_j s_j),
    // whose third singular value s³ is real but 1e-10 of the first: a cut-off of 1e-9 (or even 1e-12 relative to
    // σ_max on a noisier route) would freeze it. msign must be V·diag(sign(s_j³ − λ_j s_j)) = V·diag(−1, −1, 1).
    const d = 12;
    const V = columns(givensOrthogonal(F, d, 13), 0, 3);
    const s3 = Math.cbrt(0.171e-10); // s³ = 1e-10 × |0.9³ − 0.9|
    const U = matmul(F, V, diag(F, [0.9, 0.6, s3]));
    const problem = matrixFactorization(fastFloat, { V, lambdas: [1, 0.5, 0] }, 3);
    const G = problem.grad(U);
    const sv = svd(F, G).s;
    expect(sv[2] / sv[0]).toBeGreaterThan(0.5e-10);
    expect(sv[2] / sv[0]).toBeLessThan(2e-10);
    const expected = matmul(F, V, diag(F, [-1, -1, 1]));
    const Q = msignWith(E, G);
    expect(frobenius(F, Q) ** 2).toBeCloseTo(3, 10);
    // G is column-aligned (G = V·D): one-sided Jacobi resolves the 1e-10 column to relative accuracy
    expect(maxAbsDiff(F, Q, expected)).toBeLessThanOrEqual(1e-12);
    expect(maxAbsDiff(F, Q, msign(F, G))).toBeLessThanOrEqual(1e-12);
    // ml-matrix keeps it too, with absolute (not relative) accuracy: about u·σ_max/σ_3 ≈ 1e-6 on that direction
    expect(maxAbsDiff(F, msignMlMatrix(G), expected)).toBeLessThanOrEqual(1e-5);
  });

  it('terminates on a numerically rank-1 gradient whose null columns shrink without end (found by B.T411, deep profile)', () => {
    // A 3×4 gradient of P.quadB at convergence (rank-1 Q): rounding noise only. Its null columns, parallel to the
    // others up to rounding, shrank by ~u per pass for ever; columns below (u²‖B‖_F)² now count as converged.
    const G = mat(3, 4, [-1.1102230246251565e-16, 0, 1.3877787807814457e-16, 0, 8.881784197001252e-16, 0, -4.440892098500626e-16, 0, 2.220446049250313e-16, 0, -9.992007221626409e-16, 0]);
    const Q = msignWith(E, G);
    const P = msign(float64, G);
    expect(maxAbsDiff(float64, Q, P)).toBeLessThan(1e-12);
  });

  it('QᵀG is symmetric positive semidefinite (up to the backward error)', () => {
    fc.assert(
      fc.property(anyRowsArb(8), (rows) => {
        const G = fmat(rows);
        const Q = msignWith(E, G);
        const H = matmul(F, transpose(Q), G);
        expect(maxAbsDiff(F, H, transpose(H))).toBeLessThanOrEqual(2 * bwd(G));
        const lambdaMin = Math.min(...eigh(F, symmetrize(F, H)).values);
        expect(lambdaMin).toBeGreaterThanOrEqual(-2 * bwd(G));
      }),
      { seed: 4203, numRuns: 100 },
    );
  });

  it('is invariant under scaling by powers of two (bit for bit, also 2^±600) and close for 1e±200', () => {
    const G = seeded(9, 5, 40);
    const Q = msignWith(E, G);
    for (const e of [-600, -80, 80, 600]) {
      const c = 2 ** e;
      expect(msignWith(E, mat(9, 5, G.data.map((x) => x * c))).data).toEqual(Q.data);
    }
    for (const c of [1e200, 1e-200]) {
      expect(maxAbsDiff(F, msignWith(E, mat(9, 5, G.data.map((x) => x * c))), Q)).toBeLessThanOrEqual(agreeTol(G));
    }
  });

  it('honours options.cutoff (1e-9 drops a 1e-11 direction the default keeps) and validates it', () => {
    const G = fromSvd(F, 6, 4, [1, 0.5, 1e-11, 0], 2, 6);
    expect(frobenius(F, msignWith(E, G)) ** 2).toBeCloseTo(3, 8);
    expect(frobenius(F, msignWith(E, G, { cutoff: 1e-9 })) ** 2).toBeCloseTo(2, 8);
    expect(maxAbsDiff(F, msignWith(E, G, { cutoff: 1e-9 }), msign(F, G, { cutoff: 1e-9 }))).toBeLessThanOrEqual(1e-10);
    expect(() => msignWith(E, G, { cutoff: 1 })).toThrow(RangeError);
    expect(() => msignWith(E, G, { cutoff: -1 })).toThrow(RangeError);
  });

  it('rejects NaN and ±Infinity, and returns empty shapes unchanged', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const G = seeded(4, 3, 50);
      const data = G.data.slice();
      data[5] = bad;
      expect(() => msignWith(E, mat(4, 3, data))).toThrow(RangeError);
    }
    expect(msignWith(E, mat(0, 3, []))).toEqual(mat(0, 3, []));
    expect(msignWith(E, mat(3, 0, []))).toEqual(mat(3, 0, []));
  });
});

describe('msignMlMatrix (the benchmark baseline): an independent cross-check', () => {
  it('agrees with msignFast and the generic msign within 6·bwd/σ_r on random matrices', () => {
    fc.assert(
      fc.property(anyRowsArb(9), (rows) => {
        const G = fmat(rows);
        const s = svd(F, G).s;
        const r = s.filter((x) => x > defaultRankCutoff(F, G.rows, G.cols) * s[0]).length;
        if (r === 0) return;
        const M = msignMlMatrix(G);
        expect(maxAbsDiff(F, M, msign(F, G))).toBeLessThanOrEqual(agreeTol(G, r));
        expect(maxAbsDiff(F, M, msignFast(G))).toBeLessThanOrEqual(agreeTol(G, r));
      }),
      { seed: 4204, numRuns: 80 },
    );
  });

  it('maps zero to zero and drops ml-matrix’s ~1e-17 noise singular values of a rank-1 matrix', () => {
    expect(msignMlMatrix(mat(4, 3, new Array<number>(12).fill(0))).data.every((x) => x === 0)).toBe(true);
    const G = matmul(F, fmat([[1], [2], [3], [4]]), fmat([[1, -1, 0.5]]));
    expect(frobenius(F, msignMlMatrix(G)) ** 2).toBeCloseTo(1, 12);
    const sv = svdMlMatrix(G);
    expect(sv.s.length).toBe(3);
    expect(sv.s[1]).toBeLessThan(1e-14 * sv.s[0]);
  });
});

describe.each(engines.map((E) => [E.name, E] as const))('svdFast on the %s engine vs the generic svd', (_name, E) => {
  it('same singular values (relative to σ_max), U diag(s) Vᵀ = A, orthonormal factors, descending', () => {
    fc.assert(
      fc.property(anyRowsArb(9), (rows) => {
        const A = fmat(rows);
        const f = svdWith(E, A);
        const g = svd(F, A);
        const r = Math.min(A.rows, A.cols);
        expect([f.U.rows, f.U.cols, f.V.rows, f.V.cols, f.s.length]).toEqual([A.rows, r, A.cols, r, r]);
        for (let i = 0; i < r; i++) expect(Math.abs(f.s[i] - g.s[i])).toBeLessThanOrEqual(bwd(A));
        for (let i = 1; i < r; i++) expect(f.s[i]).toBeLessThanOrEqual(f.s[i - 1]);
        const R = matmul(F, matmul(F, f.U, diag(F, f.s)), transpose(f.V));
        expect(maxAbsDiff(F, R, A)).toBeLessThanOrEqual(bwd(A));
        expect(orthoDefect(F, f.V)).toBeLessThanOrEqual(40 * Math.max(A.rows, A.cols) * u);
        // U's columns are unit except for (numerically) zero singular values
        const kept = f.s.filter((x) => x > 1e-10 * f.s[0]).length;
        expect(orthoDefect(F, columns(f.U, 0, kept))).toBeLessThanOrEqual(40 * Math.max(A.rows, A.cols) * u * (f.s[0] / (f.s[kept - 1] || 1)));
      }),
      { seed: 4301, numRuns: 80 },
    );
  });

  it('the zero matrix: s = 0, U = 0, V = I (as svd.ts), and scaling by 2^600 scales s exactly', () => {
    const z = svdWith(E, mat(4, 3, new Array<number>(12).fill(0)));
    expect(z.s).toEqual([0, 0, 0]);
    expect(z.U.data.every((x) => x === 0)).toBe(true);
    expect(z.V.data).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const A = seeded(6, 4, 60);
    const big = svdWith(E, mat(6, 4, A.data.map((x) => x * 2 ** 600)));
    expect(big.s).toEqual(svdWith(E, A).s.map((x) => x * 2 ** 600));
  });

  it('column-scaled A (σ from 1 to 1e-12): small singular values to relative accuracy, as svd.ts', () => {
    const X = seeded(15, 6, 61);
    const sx = svd(F, X).s;
    const kappaX = sx[0] / sx[sx.length - 1];
    const A = mat(15, 6, X.data.map((x, idx) => x * 10 ** (-12 * (idx % 6) / 5)));
    const f = svdWith(E, A).s;
    const g = svd(F, A).s;
    for (let i = 0; i < 6; i++) expect(Math.abs(f[i] - g[i]) / g[i]).toBeLessThanOrEqual(120 * 15 * u * kappaX);
  });
});

describe('eighFast: the generic Jacobi eigh on a flat array', () => {
  it('is bit-identical to eigh(float64, ·) (same rotations in the same order)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) => rowsArb(n, n)),
        fc.constantFrom(1, 2 ** 300, 2 ** -300),
        (rows, c) => {
          const S = symmetrize(F, mat(rows.length, rows.length, rows.flat().map((x) => x * c)));
          expect(eighFast(S)).toEqual(eigh(F, S));
        },
      ),
      { seed: 4401, numRuns: 100 },
    );
  });

  it('is fastFloat.eigh, and rejects non-square, asymmetric and non-finite input like eigh', () => {
    const S = symmetrize(F, seeded(5, 5, 70));
    expect(fastFloat.eigh(S)).toEqual(eigh(F, S));
    expect(() => eighFast(seeded(2, 3, 71))).toThrow(RangeError);
    expect(() => eighFast(fromRows(F, [[1, 2], [3, 4]]))).toThrow(/symmetric/);
    expect(() => eighFast(fromRows(F, [[1, 0], [0, NaN]]))).toThrow(/non-finite/);
  });
});

describe('diagnostics', () => {
  it('a well-conditioned G needs no rotation after the Gram preconditioning; a graded one does', () => {
    msignFast(seeded(100, 20, 80));
    expect(lastFastSvdInfo.passes).toBe(0);
    const X = seeded(30, 10, 81);
    msignFast(mat(30, 10, X.data.map((x, idx) => x * 10 ** (-(idx % 10)))));
    expect(lastFastSvdInfo.rotations).toBeGreaterThan(0);
  });
});

describe('the benchmark module (structure only: performance is measured by npm run bench, never by a timed test)', () => {
  it('runBench gives one row per route with consistent ratios, plus the exact-mode rows; table and JSON come out', async () => {
    // the NumPy, confirmation, throughput and wall-time suites are left out here (test/bench covers their structure)
    const rows = await runBench({ shapes: [[20, 4]], minBlockMs: 2, repeats: 1, suites: ['steps', 'exact'] });
    const mf = rows.filter((r): r is MfStepRow => r.case === 'muon-mf-step');
    expect(mf.map((r) => r.route)).toEqual(['fast', 'fast-fused-grad', 'fast-dense', 'ml-matrix-svd']);
    const svdRoute = mf[3].msPerStep;
    for (const r of mf) {
      expect([r.d, r.k, r.r, r.numpyMs, r.numpySource]).toEqual([20, 4, 5, NUMPY_MS['20x4'], 'numerics.md']); // r = min(5, d)
      expect(r.msPerStep).toBeGreaterThan(0);
      expect(r.ratioToNumpy).toBeCloseTo(r.msPerStep / 0.042, 10);
      expect(r.ratioToSvdRoute).toBeCloseTo(r.msPerStep / svdRoute, 10);
    }
    expect(rows.map((r) => r.case)).toEqual(['muon-mf-step', 'muon-mf-step', 'muon-mf-step', 'muon-mf-step', 'exact-scalar-step', 'exact-msign', 'exact-confirmation']);
    const table = formatBenchTable(rows);
    expect(table).toContain('20×4');
    expect(table).toContain('ml-matrix-svd');
    expect(table).toContain('200 digits');
    const dir = mkdtempSync(join(tmpdir(), 'muon-bench-'));
    try {
      const path = writeBenchJson(rows, join(dir, 'sub', 'bench.json'));
      // the format: a bare array of { case, d, k, route, msPerStep, … }
      const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown[];
      expect(doc).toEqual(JSON.parse(JSON.stringify(rows)));
      expect(readdirSync(join(dir, 'sub'))).toEqual(['bench.json']); // the temp file was renamed away
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
