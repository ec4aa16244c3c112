/**
 * The problems against their definitions, by hand, in exact decimal arithmetic where the numbers allow it: loss
 * values, the constants in `info`, the three ways of giving Σ and M*, the minimiser, and the parameter named by each
 * validation message. (Gradients against finite differences are in gradients.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Field } from '../../src/arith/field.ts';
import { exact, floatPlain } from '../../src/linalg/backend.ts';
import { fromRows, mat, matmul, sub, transpose } from '../../src/linalg/mat.ts';
import { inContextLearning, matrixFactorization, quadratic2, quadraticB, scalarProblem } from '../../src/problems/index.ts';
import { checkShape } from '../../src/problems/problem.ts';
import { psdMatrix } from '../../src/problems/validate.ts';

const la = floatPlain;
const F = la.F;
const E = exact(40);
const str = (xs: readonly { toString(): string }[]): string[] => xs.map((x) => x.toString());

describe('P.scalar (26): f(σ) = ¼(σ² − λ)²', () => {
  it('loss, gradient (σ² − λ)σ, residual σ² − λ, minimiser √λ, f* = 0, info.lambda — exact in decimal', () => {
    const p = scalarProblem(E, '2.25');
    const s = mat(1, 1, [E.F.of('0.5')]);
    // σ² − λ = 0.25 − 2.25 = −2: f = ¼·4 = 1, ∇f = −2·0.5 = −1
    expect(p.loss(s).toString()).toBe('1');
    expect(str(p.grad(s).data)).toEqual(['-1']);
    expect(str(p.residual(s).data)).toEqual(['-2']);
    expect(str(p.minimizer().data)).toEqual(['1.5']);
    expect(p.optimalValue.toString()).toBe('0');
    expect(p.info).toEqual({ lambda: 2.25 });
    expect([p.id, p.rows, p.cols]).toEqual(['P.scalar', 1, 1]);
    expect(scalarProblem(la, 0).loss(mat(1, 1, [2]))).toBe(4); // λ = 0 is allowed (boundary of λ ≥ 0)
    expect(() => scalarProblem(la, Number.NaN)).toThrow(/P\.scalar: λ must be finite and ≥ 0, got NaN/);
    expect(() => p.loss(mat(1, 2, [E.F.one, E.F.one]))).toThrow(/P\.scalar: σ must be 1×1, got 1×2/);
  });
});

describe('P.mf (5): f(U) = ¼‖UUᵀ − M*‖_F²', () => {
  // V = [[0.6, 0], [0.8, 0], [0, 1]], λ = (0.5, 3): the eigenvalues are given out of order on purpose.
  const V = <T>(f: Field<T>) => fromRows(f, [['0.6', '0'], ['0.8', '0'], ['0', '1']]);
  it('M* = VΛVᵀ exactly symmetric; loss by hand; info (d, k, r, λ_max, λ_min, κ)', () => {
    const p = matrixFactorization(E, { V: V(E.F), lambdas: ['0.5', '3'] }, 2);
    expect(str(p.target.data)).toEqual(['0.18', '0.24', '0', '0.24', '0.32', '0', '0', '0', '3']);
    const U = fromRows(E.F, [['1', '0'], ['0', '0'], ['0', '0']]);
    // UUᵀ − M* = e₁e₁ᵀ − M*: entries 0.82, −0.24 (twice), −0.32, −3 → Σ² = 0.6724 + 2·0.0576 + 0.1024 + 9 = 9.89
    expect(p.loss(U).toString()).toBe('2.4725');
    expect(str(p.residual(U).data)).toEqual(['0.82', '-0.24', '0', '-0.24', '-0.32', '0', '0', '0', '-3']);
    expect(p.info).toEqual({ d: 3, k: 2, r: 2, lambdaMax: 3, lambdaMin: 0.5, kappa: 6 });
    expect([p.id, p.rows, p.cols, p.optimalValue.toString()]).toEqual(['P.mf', 3, 2, '0']);
  });
  it('the minimiser takes the k largest eigenpairs V_j√λ_j, whatever order λ is given in, padded with zero columns', () => {
    const p1 = matrixFactorization(E, { V: V(E.F), lambdas: ['0.25', '4'] }, 1);
    expect(str(p1.minimizer().data)).toEqual(['0', '0', '2']); // only λ = 4, on e₃
    const p3 = matrixFactorization(E, { V: V(E.F), lambdas: ['0.25', '4'] }, 3);
    expect(str(p3.minimizer().data)).toEqual(['0', '0.3', '0', '0', '0.4', '0', '2', '0', '0']);
    expect(p3.loss(p3.minimizer()).toString()).toBe('0');
  });
  it('zero eigenvalues: r counts only positive λ, κ = ∞ without any, and a zero target has λ_max = λ_min = 0', () => {
    const p = matrixFactorization(la, { V: V(F), lambdas: [2, 0] }, 2);
    expect(p.info).toMatchObject({ r: 1, lambdaMax: 2, lambdaMin: 2, kappa: 1 });
    const z = matrixFactorization(la, { V: V(F), lambdas: [0, 0] }, 2);
    expect(z.info).toMatchObject({ r: 0, lambdaMax: 0, lambdaMin: 0, kappa: Infinity });
  });
  it('a dense target gives the same problem as its eigen-factors (eigenvalues descending, zeros kept)', () => {
    const dense = matrixFactorization(la, { M: fromRows(F, [[2, 1, 0], [1, 2, 0], [0, 0, 0]]) }, 2);
    expect(dense.lambdas.map((l) => Math.round(l * 1e12) / 1e12)).toEqual([3, 1, 0]);
    expect(dense.info).toMatchObject({ d: 3, k: 2, r: 2 });
    expect(dense.info.lambdaMax).toBeCloseTo(3, 14);
    expect(dense.info.lambdaMin).toBeCloseTo(1, 14);
  });
  it('V must have orthonormal columns to about 10 digits; its λ list must match its columns; names the parameter', () => {
    const ok = (e: number) => fromRows(F, [[1 + e, 0], [0, 1], [0, 0]]);
    expect(() => matrixFactorization(la, { V: ok(1e-15), lambdas: [1, 1] }, 1)).not.toThrow();
    expect(() => matrixFactorization(la, { V: ok(1e-9), lambdas: [1, 1] }, 1)).toThrow(/P\.mf: V must have orthonormal columns \(‖VᵀV − I‖_F = /);
    expect(() => matrixFactorization(la, { V: ok(0), lambdas: [1] }, 1)).toThrow(/P\.mf: V is 3×2, so lambdas needs 2 entries, got 1/);
    expect(() => matrixFactorization(la, { V: ok(0), lambdas: [1, Infinity] }, 1)).toThrow(/lambdas\[1\] = Infinity; eigenvalues of M\* must be finite and ≥ 0/);
    expect(() => matrixFactorization(la, { V: fromRows(F, [[NaN], [0]]), lambdas: [1] }, 1)).toThrow(/P\.mf: V has a non-finite entry/);
    expect(() => matrixFactorization(la, { V: ok(0), lambdas: [1, 1] }, 1.5)).toThrow(/P\.mf: search rank k must be a positive integer, got 1\.5/);
    expect(() => matrixFactorization(la, { M: fromRows(F, [[1, 0, 0], [0, 1, 0]]) }, 1)).toThrow(/P\.mf: target M\* must be square, got 2×3/);
  });
});

describe('P.icl (20): f(W) = ½tr((WΣ − I)ᵀΣ(WΣ − I)), W* = Σ⁻¹', () => {
  it('loss by hand; Σ from samples (1/N)XᵀX, from eigen-factors and dense agree; info', () => {
    const Sigma = fromRows(E.F, [['2', '0'], ['0', '0.5']]);
    const p = inContextLearning(E, { Sigma });
    // W = 0: WΣ − I = −I, tr(Σ) / 2 = 1.25
    expect(p.loss(fromRows(E.F, [['0', '0'], ['0', '0']])).toString()).toBe('1.25');
    // W = I: E = Σ − I = diag(1, −0.5): ½(2·1 + 0.5·0.25) = 1.0625
    expect(p.loss(fromRows(E.F, [['1', '0'], ['0', '1']])).toString()).toBe('1.0625');
    expect(str(p.minimizer().data)).toEqual(['0.5', '0', '0', '2']);
    expect(str(p.residual(fromRows(E.F, [['1', '0'], ['0', '1']])).data)).toEqual(['0.5', '0', '0', '-1']);
    expect(p.info).toEqual({ d: 2, lambdaMax: 2, lambdaMin: 0.5, kappa: 4, hessianKappa: 64 });
    expect(str(p.lambdas)).toEqual(['2', '0.5']);
    // samples x₁ = (2, 0), x₂ = (0, 1): (1/2)XᵀX = diag(2, 0.5)
    const fromSamples = inContextLearning(E, { samples: fromRows(E.F, [['2', '0'], ['0', '1']]) });
    expect(str(fromSamples.Sigma.data)).toEqual(str(Sigma.data));
    const fromFactors = inContextLearning(E, { V: fromRows(E.F, [['0', '1'], ['1', '0']]), lambdas: ['0.5', '2'] });
    expect(str(fromFactors.Sigma.data)).toEqual(str(Sigma.data));
  });
  it('rejects no samples, a λ list of the wrong length, and singular Σ, naming the parameter', () => {
    expect(() => inContextLearning(la, { samples: mat(0, 2, []) })).toThrow(/P\.icl: samples must have at least one row/);
    expect(() => inContextLearning(la, { V: fromRows(F, [[1, 0], [0, 1]]), lambdas: [1] })).toThrow(/P\.icl: V is 2×2, so lambdas needs 2 entries, got 1/);
    expect(() => inContextLearning(la, { samples: fromRows(F, [[1, 1], [2, 2]]) })).toThrow(/P\.icl: Σ must be positive definite/);
    const p = inContextLearning(la, { Sigma: fromRows(F, [[1, 0], [0, 1]]) });
    expect(() => p.grad(mat(2, 1, [0, 0]))).toThrow(/P\.icl: W must be 2×2, got 2×1/);
    expect(() => p.loss(mat(1, 2, [0, 0]))).toThrow(/P\.icl: W must be 2×2/);
    expect(() => p.residual(mat(1, 2, [0, 0]))).toThrow(/P\.icl: W must be 2×2/);
  });
});

describe('P.quad2 (131): f(x) = ½xᵀAx, A = Q diag(λ₁, λ₂) Q', () => {
  it('A = ½[[λ₁+λ₂, λ₁−λ₂], [λ₁−λ₂, λ₁+λ₂]] exactly; Q’s columns are eigenvectors; loss by hand; info', () => {
    const p = quadratic2(E, '5', '0.5');
    expect(str(p.A.data)).toEqual(['2.75', '2.25', '2.25', '2.75']);
    // A(1, 1)ᵀ = 5(1, 1)ᵀ and A(1, −1)ᵀ = 0.5(1, −1)ᵀ
    expect(str(p.grad(fromRows(E.F, [['1'], ['1']])).data)).toEqual(['5', '5']);
    expect(str(p.grad(fromRows(E.F, [['1'], ['-1']])).data)).toEqual(['0.5', '-0.5']);
    expect(p.loss(fromRows(E.F, [['1'], ['-1']])).toString()).toBe('0.5'); // ½·0.5·‖(1, −1)‖²
    expect(p.loss(fromRows(E.F, [['1'], ['0']])).toString()).toBe('1.375');
    expect(str(p.residual(fromRows(E.F, [['3'], ['4']])).data)).toEqual(['3', '4']);
    expect(str(p.minimizer().data)).toEqual(['0', '0']);
    expect(p.info).toEqual({ lambda1: 5, lambda2: 0.5, kappa: 10 });
    expect(quadratic2(la, 0.5, 5).info.kappa).toBe(10);
    expect(quadratic2(la, 1, 0).info.kappa).toBe(Infinity);
    expect(() => quadratic2(la, -1, 1)).toThrow(/P\.quad2: λ₁ must be finite and ≥ 0, got -1/);
    expect(() => quadratic2(la, 1, Number.POSITIVE_INFINITY)).toThrow(/P\.quad2: λ₂ must be finite and ≥ 0/);
    expect(() => p.loss(mat(1, 2, [E.F.one, E.F.one]))).toThrow(/P\.quad2: x must be 2×1, got 1×2/);
    expect(() => p.grad(mat(1, 2, [E.F.one, E.F.one]))).toThrow(/P\.quad2: x must be 2×1/);
    expect(() => p.residual(mat(1, 2, [E.F.one, E.F.one]))).toThrow(/P\.quad2: x must be 2×1/);
  });
});

describe('P.quadB: f(W) = tr((W − W*)ᵀQ(W − W*))', () => {
  it('loss and gradient 2Q(W − W*) by hand; L, L_*, r, rank Q; minimiser W*', () => {
    const Q = fromRows(E.F, [['2', '0', '0'], ['0', '1', '0'], ['0', '0', '0']]);
    const Wstar = fromRows(E.F, [['1', '0'], ['0', '1'], ['0', '0']]);
    const p = quadraticB(E, Q, Wstar);
    const W = fromRows(E.F, [['2', '0'], ['0', '3'], ['5', '0']]);
    // D = W − W* = [[1,0],[0,2],[5,0]]: tr(DᵀQD) = 2·1 + 1·4 + 0·25 = 6
    expect(p.loss(W).toString()).toBe('6');
    expect(str(p.grad(W).data)).toEqual(['4', '0', '0', '4', '0', '0']);
    expect(str(p.residual(W).data)).toEqual(['1', '0', '0', '2', '5', '0']);
    expect(p.minimizer()).toBe(Wstar);
    expect(p.info).toEqual({ m: 3, n: 2, r: 2, L: 4, Lstar: 6, rankQ: 2 });
    expect([p.id, p.rows, p.cols]).toEqual(['P.quadB', 3, 2]);
    expect(() => quadraticB(la, fromRows(F, [[1, 0], [0, 1]]), fromRows(F, [[1, 2]]))).toThrow(/P\.quadB: W\* must have 2 rows \(Q is 2×2\), got 1/);
    expect(() => quadraticB(la, fromRows(F, [[1]]), fromRows(F, [[NaN]]))).toThrow(/P\.quadB: W\* has a non-finite entry/);
    expect(() => quadraticB(la, fromRows(F, [[1, 2], [3, 1]]), fromRows(F, [[0], [0]]))).toThrow(/P\.quadB: Q must be symmetric/);
    expect(() => p.grad(fromRows(E.F, [['1']]))).toThrow(/P\.quadB: W must be 3×2, got 1×1/);
    expect(() => p.loss(fromRows(E.F, [['1']]))).toThrow(/P\.quadB: W must be 3×2/);
    expect(() => p.residual(fromRows(E.F, [['1']]))).toThrow(/P\.quadB: W must be 3×2/);
  });
});

describe('psdMatrix: symmetric positive semidefinite up to the rounding of forming M', () => {
  it('an asymmetry or a negative eigenvalue within 8n·u·‖M‖_F is rounding (symmetrised, clamped to 0); beyond it, an error', () => {
    const u = F.unitRoundoff;
    const n = 2;
    const norm = Math.SQRT2; // ‖I‖_F
    const within = 4 * n * u * norm;
    const beyond = 16 * n * u * norm;
    const near = psdMatrix(la, fromRows(F, [[1, within], [0, 1]]), 'M');
    expect(near.M.data[1]).toBe(near.M.data[2]); // exactly symmetric after
    expect(() => psdMatrix(la, fromRows(F, [[1, beyond], [0, 1]]), 'M')).toThrow(/M must be symmetric: entries \(0,1\) and \(1,0\) differ by/);
    const neg = psdMatrix(la, fromRows(F, [[1, 0], [0, -within]]), 'M');
    expect(neg.values).toEqual([1, 0]);
    expect(() => psdMatrix(la, fromRows(F, [[1, 0], [0, -beyond]]), 'M')).toThrow(/M must be positive semi-definite \(eigenvalues ≥ 0\); its smallest eigenvalue is/);
    // exact mode: no rounding to excuse — a one-digit asymmetry is refused, and the eigen-factors reproduce M
    expect(() => psdMatrix(E, fromRows(E.F, [['1', '0.1'], ['0.1000001', '1']]), 'M')).toThrow(/must be symmetric/);
    const ok = psdMatrix(la, fromRows(F, [[2, 1], [1, 2]]), 'M');
    const VL = fromRows(F, [[ok.vectors.data[0] * ok.values[0], ok.vectors.data[1] * ok.values[1]], [ok.vectors.data[2] * ok.values[0], ok.vectors.data[3] * ok.values[1]]]);
    const back = matmul(F, VL, transpose(ok.vectors));
    expect(Math.max(...sub(F, back, ok.M).data.map(Math.abs))).toBeLessThan(1e-15);
    expect(psdMatrix(la, mat(0, 0, []), 'M').values).toEqual([]);
    expect(() => psdMatrix(la, fromRows(F, [[1, Infinity], [Infinity, 1]]), 'Q')).toThrow(/Q has a non-finite entry \(NaN or ±Infinity\); all entries must be finite/);
  });
});

describe('definitions: boundary cases', () => {
  it('P.mf: M* = VΛVᵀ is exactly symmetric in float, though the two triangles of the product round differently', () => {
    let asymmetricProducts = 0;
    for (let k = 1; k <= 20; k++) {
      const t = 0.37 * k;
      const [c, s] = [Math.cos(t), Math.sin(t)];
      const V = fromRows(F, [[c, -s], [s, c], [0, 0]]);
      const lambdas = [0.7 + k / 10, 0.3];
      const raw = la.matmulNT(mat(3, 2, V.data.map((x, i) => x * lambdas[i % 2])), V);
      if (raw.data[1] !== raw.data[3]) asymmetricProducts++;
      const M = matrixFactorization(la, { V, lambdas }, 2).target;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(M.data[i * 3 + j]).toBe(M.data[j * 3 + i]);
    }
    expect(asymmetricProducts).toBeGreaterThan(0); // so the check above has something to catch
  });
  it('P.mf: loss and residual name U on a wrong shape', () => {
    const p = matrixFactorization(la, { V: fromRows(F, [[1], [0]]), lambdas: [1] }, 1);
    expect(() => p.loss(mat(1, 1, [1]))).toThrow(/^P\.mf: U must be 2×1, got 1×1$/);
    expect(() => p.residual(mat(1, 1, [1]))).toThrow(/^P\.mf: U must be 2×1, got 1×1$/);
  });
  it('P.icl: one sample suffices when d = 1 (Σ = x₁²); a non-symmetric Σ is named; λ_min must be a positive double', () => {
    expect(str(inContextLearning(E, { samples: fromRows(E.F, [['3']]) }).Sigma.data)).toEqual(['9']);
    expect(() => inContextLearning(la, { Sigma: fromRows(F, [[1, 0.5], [0, 1]]) })).toThrow(/^P\.icl: Σ must be symmetric/);
    expect(() => inContextLearning(E, { Sigma: fromRows(E.F, [['1', '0'], ['0', '1e-400']]) })).toThrow(/P\.icl: Σ must be positive definite/);
  });
  it('P.quad2: the zero quadratic has κ = ∞ (not 0/0)', () => {
    expect(quadratic2(la, 0, 0).info.kappa).toBe(Infinity);
  });
  it('checkShape names the problem and, by default, X', () => {
    expect(() => checkShape({ rows: 1, cols: 2, id: 'P.x' }, mat(2, 1, [0, 0]))).toThrow(/^P\.x: X must be 1×2, got 2×1$/);
  });
  it('psdMatrix of an empty matrix in decimal: no eigenvalue to test', () => {
    expect(psdMatrix(E, mat(0, 0, []), 'M').values).toEqual([]);
  });
});
