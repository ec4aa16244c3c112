import type { Field, Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { identity, mat, sub, type Mat } from '../linalg/mat.ts';
import { frobenius } from '../linalg/norms.ts';
import { checkShape, type Problem } from './problem.ts';
import { finiteOrThrow, psdMatrix } from './validate.ts';

/** M* given by its eigen-factors (V with orthonormal columns, λ ≥ 0) or as a dense PSD matrix. */
export type MfTarget<T> = { readonly V: Mat<T>; readonly lambdas: readonly (Scalarish | T)[] } | { readonly M: Mat<T> };

export interface MfProblem<T> extends Problem<T> {
  readonly id: 'P.mf';
  /** M* = V diag(λ) Vᵀ (dense, exactly symmetric). */
  readonly target: Mat<T>;
  /** Eigen-factors of M* (given, or computed from the dense target); λ descending, zeros kept. */
  readonly V: Mat<T>;
  readonly lambdas: readonly T[];
}

/**
 * P.mf, matrix factorisation (A (5)): f(U) = ¼‖UUᵀ − M*‖_F², ∇f(U) = (UUᵀ − M*)U, U ∈ ℝ^{d×k}.
 *
 * The gradient is evaluated as U(UᵀU) − (VΛ)(VᵀU): the same matrix as (UUᵀ − M*)U, but O(dk² + dkr) instead of
 * O(d²k) (the factors are how P.mf is defined and generated; a dense target is factored once by eigh). The loss uses
 * the dense residual, since the expanded form ‖UᵀU‖² − 2tr(UᵀM*U) + ‖M*‖² cancels catastrophically near f* = 0.
 */
export function matrixFactorization<T>(la: LinAlg<T>, target: MfTarget<T>, k: number): MfProblem<T> {
  const F = la.F;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`P.mf: search rank k must be a positive integer, got ${k}`);
  let V: Mat<T>;
  let lambdas: T[];
  let M: Mat<T>;
  if ('M' in target) {
    const psd = psdMatrix(la, target.M, 'P.mf: target M*');
    M = psd.M;
    V = psd.vectors;
    lambdas = psd.values;
  } else {
    V = target.V;
    lambdas = target.lambdas.map((l) => F.of(l));
    const d = V.rows;
    const r = V.cols;
    if (lambdas.length !== r) throw new RangeError(`P.mf: V is ${d}×${r}, so lambdas needs ${r} entries, got ${lambdas.length}`);
    finiteOrThrow(F, V, 'P.mf: V');
    for (const [i, l] of lambdas.entries()) {
      if (!F.isFinite(l) || F.lt(l, F.zero)) {
        throw new RangeError(`P.mf: lambdas[${i}] = ${F.toString(l)}; eigenvalues of M* must be finite and ≥ 0 (M* ⪰ 0)`);
      }
    }
    // VᵀV = I up to the orthogonality defect of a V computed in float (Householder QR: a small multiple of d·u per
    // entry, so ‖·‖_F ≲ r·d·u; measured up to 3·r·d·u on Haar samples) plus the rounding of forming VᵀV: 16·r·d·u
    // covers both with margin and still rejects any V that is not orthonormal to ~10 digits.
    const defect = frobenius(F, sub(F, la.matmulTN(V, V), identity(F, r)));
    if (F.lt(F.of(16 * r * d * F.unitRoundoff), defect)) {
      throw new RangeError(`P.mf: V must have orthonormal columns (‖VᵀV − I‖_F = ${F.toString(defect)})`);
    }
    M = la.matmulNT(scaleColumns(F, V, lambdas), V);
    // exact symmetry (rounding of the two triangles can differ in float)
    // Stryker disable next-line MethodExpression: M is a fresh product that nothing else holds, and it is replaced by the symmetrised copy
    const data = M.data.slice();
    // Stryker disable next-line EqualityOperator: j = i copies a diagonal entry onto itself
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) data[i * d + j] = data[j * d + i];
    M = mat(d, d, data);
  }
  const d = M.rows;
  const r = lambdas.length;
  const positive = lambdas.map((l) => F.toNumber(l)).filter((l) => l > 0);
  const lambdaMax = positive.length ? Math.max(...positive) : 0;
  const lambdaMin = positive.length ? Math.min(...positive) : 0;
  const quarter = F.div(F.one, F.of(4));
  const VL = scaleColumns(F, V, lambdas); // VΛ, formed once

  const residual = (U: Mat<T>): Mat<T> => {
    checkShape(problem, U, 'U');
    return sub(F, la.matmulNT(U, U), M);
  };
  const problem: MfProblem<T> = {
    id: 'P.mf',
    la,
    rows: d,
    cols: k,
    target: M,
    V,
    lambdas,
    optimalValue: F.zero,
    info: { d, k, r: positive.length, lambdaMax, lambdaMin, kappa: lambdaMin > 0 ? lambdaMax / lambdaMin : Infinity },
    loss(U) {
      const R = residual(U);
      let s = F.zero;
      for (const x of R.data) s = F.add(s, F.mul(x, x));
      return F.mul(quarter, s);
    },
    grad(U) {
      checkShape(problem, U, 'U');
      // U(UᵀU) − (VΛ)(UᵀV)ᵀ. UᵀU is exactly symmetric (its (i,j) and (j,i) entries sum the same products), so
      // U(UᵀU) = U(UᵀU)ᵀ: both products take the "times a transpose" form, which the fast kernels run without
      // transposing anything (measured: a quarter of the MF step at 100×20).
      if (la.mfGrad) return la.mfGrad(U, V, VL); // the fused fast kernel: the same products, bit for bit
      const UtU = la.matmulTN(U, U); // k×k
      const UtV = la.matmulTN(U, V); // k×r
      return sub(F, la.matmulNT(U, UtU), la.matmulNT(VL, UtV));
    },
    residual,
    minimizer() {
      // the best rank-k fit: the k largest eigenpairs, V_j √λ_j (f* = 0 when k ≥ rank M*)
      const order = lambdas.map((_, j) => j).sort((a, b) => F.cmp(lambdas[b], lambdas[a]));
      const out = new Array<T>(d * k).fill(F.zero);
      for (let c = 0; c < Math.min(k, r); c++) {
        const j = order[c];
        const s = F.sqrt(lambdas[j]);
        for (let i = 0; i < d; i++) out[i * k + c] = F.mul(V.data[i * r + j], s);
      }
      return mat(d, k, out);
    },
  };
  return problem;
}

/** A·diag(s): column j of A times s_j. */
function scaleColumns<T>(F: Field<T>, A: Mat<T>, s: readonly T[]): Mat<T> {
  return mat(A.rows, A.cols, A.data.map((x, idx) => F.mul(x, s[idx % A.cols])));
}
