import { describe, expect, it } from 'vitest';
import type { Field } from '../../src/arith/field.ts';
import { exact, floatPlain, type LinAlg } from '../../src/linalg/backend.ts';
import { axpy, fromRows, inner, mat, type Mat } from '../../src/linalg/mat.ts';
import { inContextLearning, matrixFactorization, quadratic2, quadraticB, scalarProblem, type Problem } from '../../src/problems/index.ts';

// A small deterministic pseudo-random stream (the tests must not depend on the generators under test elsewhere).
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function randomMat<T>(F: Field<T>, rows: number, cols: number, next: () => number): Mat<T> {
  // entries with 6 decimals, so float and exact backends see the same numbers
  return mat(rows, cols, Array.from({ length: rows * cols }, () => F.of((Math.round(next() * 2e6) / 1e6).toFixed(6))));
}

/** Central difference of f along E against ⟨∇f(X), E⟩. Returns the relative discrepancy. */
function directional<T>(p: Problem<T>, X: Mat<T>, E: Mat<T>, h: string): number {
  const F = p.la.F;
  const hh = F.of(h);
  const fd = F.div(F.sub(p.loss(axpy(F, X, hh, E)), p.loss(axpy(F, X, F.neg(hh), E))), F.mul(F.of(2), hh));
  const an = inner(F, p.grad(X), E);
  const scale = Math.max(Math.abs(F.toNumber(an)), 1e-300);
  return Math.abs(F.toNumber(F.sub(fd, an))) / scale;
}

type Builder = <T>(la: LinAlg<T>, next: () => number) => Problem<T>;

const problems: [string, Builder][] = [
  ['P.scalar', (la) => scalarProblem(la, '2.25')],
  [
    'P.mf (factored M*)',
    (la) => matrixFactorization(la, { V: fromRows(la.F, [['0.6', '0'], ['0.8', '0'], ['0', '1']]), lambdas: ['3', '0.5'] }, 2),
  ],
  ['P.mf (dense M*)', (la) => matrixFactorization(la, { M: fromRows(la.F, [['2', '1', '0'], ['1', '2', '0'], ['0', '0', '0']]) }, 4)],
  ['P.icl', (la) => inContextLearning(la, { Sigma: fromRows(la.F, [['2', '0.5', '0'], ['0.5', '1', '0.25'], ['0', '0.25', '0.75']]) })],
  ['P.quad2', (la) => quadratic2(la, '5', '0.5')],
  ['P.quadB', (la, next) => quadraticB(la, fromRows(la.F, [['1', '0.5'], ['0.5', '1']]), randomMat(la.F, 2, 3, next))],
];

/** Five (float) or three (exact) random points and directions, each central difference within `tol` of ⟨∇f, E⟩. */
function checkGradient<T>(la: LinAlg<T>, build: Builder, trials: number, h: string, tol: number): void {
  const next = lcg(7);
  const p = build(la, next);
  for (let trial = 0; trial < trials; trial++) {
    const X = randomMat(la.F, p.rows, p.cols, next);
    const E = randomMat(la.F, p.rows, p.cols, next);
    expect(directional(p, X, E, h)).toBeLessThan(tol);
  }
}

describe('gradients against central differences', () => {
  for (const [name, build] of problems) {
    // h = 1e-5 ≈ u^{1/3}: truncation h²·f'''/6 ~ 1e-10 and cancellation u·|f|/h ~ 1e-11, relative to ⟨∇f,E⟩ = O(1).
    it(`${name}: float64`, () => checkGradient(floatPlain, build, 5, '1e-5', 1e-6));
    // The objectives are polynomials of degree ≤ 4: the central difference errs by exactly h²·f'''/6 (= 0 for a
    // quadratic), i.e. ~1e-40 at h = 1e-20, and rounding adds 1e-60/h = 1e-40. A wrong factor shows at O(1).
    it(`${name}: exact (60 digits)`, () => checkGradient(exact(60), build, 3, '1e-20', 1e-30));
  }
});

describe('problem facts', () => {
  it('P.mf: the factored gradient equals (UUᵀ − M*)U and the minimiser has zero loss', () => {
    const la = exact(40);
    const F = la.F;
    const p = matrixFactorization(la, { V: fromRows(F, [['0.6', '0.8'], ['0.8', '-0.6']]), lambdas: ['4', '1'] }, 2);
    const U = fromRows(F, [['0.1', '0.2'], ['-0.3', '0.5']]);
    const dense = la.matmul(p.residual(U), U);
    expect(p.grad(U).data.map(String)).toEqual(dense.data.map(String));
    expect(p.info.kappa).toBe(4);
    expect(F.toNumber(p.loss(p.minimizer()))).toBeLessThan(1e-70);
  });
  it('P.icl: W* = Σ⁻¹ zeroes the gradient; Hessian κ = κ(Σ)³', () => {
    const la = exact(50);
    const p = inContextLearning(la, { Sigma: fromRows(la.F, [['4', '0'], ['0', '1']]) });
    expect(p.grad(p.minimizer()).data.every((x) => x.isZero())).toBe(true);
    expect(p.info.kappa).toBe(4);
    expect(p.info.hessianKappa).toBe(64);
  });
  it('P.quadB: L = 2λ_max(Q), L_* = 2·(top min(m,n) eigenvalues), L ≤ L_* ≤ rL', () => {
    const la = floatPlain;
    const Q = fromRows(la.F, [[3, 0, 0], [0, 2, 0], [0, 0, 1]]);
    const p = quadraticB(la, Q, fromRows(la.F, [[0, 0], [0, 0], [0, 0]]));
    // eigenvalues exact integers; Jacobi on a diagonal matrix does nothing, so === holds
    expect(p.info.L).toBe(6);
    expect(p.info.Lstar).toBe(10);
    expect(p.info.L <= p.info.Lstar && p.info.Lstar <= p.info.r * p.info.L).toBe(true);
  });
});

describe('bad input names the parameter', () => {
  const la = floatPlain;
  const F = la.F;
  it('non-symmetric, non-PSD, non-finite targets and bad shapes', () => {
    expect(() => matrixFactorization(la, { M: fromRows(F, [[1, 2], [0, 1]]) }, 1)).toThrow(/M\* must be symmetric/);
    expect(() => matrixFactorization(la, { M: fromRows(F, [[1, 0], [0, -1]]) }, 1)).toThrow(/positive semi-definite/);
    expect(() => matrixFactorization(la, { M: fromRows(F, [[NaN, 0], [0, 1]]) }, 1)).toThrow(/non-finite/);
    expect(() => matrixFactorization(la, { V: fromRows(F, [[1], [1]]), lambdas: [1] }, 1)).toThrow(/orthonormal/);
    expect(() => matrixFactorization(la, { V: fromRows(F, [[1], [0]]), lambdas: [-1] }, 1)).toThrow(/lambdas\[0\]/);
    expect(() => matrixFactorization(la, { V: fromRows(F, [[1], [0]]), lambdas: [1] }, 0)).toThrow(/search rank k/);
    const p = matrixFactorization(la, { V: fromRows(F, [[1], [0]]), lambdas: [1] }, 1);
    expect(() => p.grad(fromRows(F, [[1, 2], [3, 4]]))).toThrow(/U must be 2×1, got 2×2/);
    expect(() => scalarProblem(la, -1)).toThrow(/λ must be finite and ≥ 0/);
    expect(() => inContextLearning(la, { Sigma: fromRows(F, [[1, 0], [0, 0]]) })).toThrow(/positive definite/);
  });
});
