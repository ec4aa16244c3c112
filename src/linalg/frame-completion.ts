import type { Field } from '../arith/field.ts';
import type { LinAlg } from './backend.ts';
import { columns as cols, mat, matmul, transpose, type Mat } from './mat.ts';
import { defaultRankCutoff } from './msign.ts';

/*
 * Completing orthonormal frames to square orthogonal matrices (paper A, Lemma 22 and its proof, App. F.1).
 *
 *  - orthonormalComplement(F, Q): for Q ∈ O^{d×k} (orthonormal columns), a d×(d−k) matrix Q⊥ with orthonormal
 *    columns orthogonal to Q's, so that [Q, Q⊥] is square orthogonal. Pivoted Gram–Schmidt of the coordinate vectors:
 *    r_i = (I − QQᵀ)e_i, then repeatedly the residual of largest norm is normalised (after one more pass against
 *    the basis, "twice is enough") and removed from the others. Any field; O(d²(d − k)) operations.
 *  - alignedCompletion(la, O₁, O₂): the completion of the proof of Lemma 22. Step 2 (200) takes any orthonormal bases
 *    C₁, C₂ of the complements and rotates C₂ by the orthogonal polar factor W of C₂ᵀC₁ (the Procrustes solution
 *    argmin_W ‖C₁ − C₂W‖_F), so that ‖O₁⊥ − O₂⊥‖ ≤ √2‖sin Θ‖. When C₂ᵀC₁ is singular (a principal angle of π/2
 *    between the complements), its polar factor is only a partial isometry U_ρV_ρᵀ; it is completed to an orthogonal
 *    matrix by U_ρV_ρᵀ + Y Xᵀ with X, Y orthonormal complements of V_ρ, U_ρ (any such W is a Procrustes minimiser).
 *    The SVD is the backend's (la.svd), so that a planted SVD reaches the check.
 */

/** [A, B] (same number of rows). */
export function hcat<T>(A: Mat<T>, B: Mat<T>): Mat<T> {
  if (A.rows !== B.rows) throw new RangeError(`hcat: ${A.rows} vs ${B.rows} rows`);
  const c = A.cols + B.cols;
  const out = new Array<T>(A.rows * c);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) out[i * c + j] = A.data[i * A.cols + j];
    for (let j = 0; j < B.cols; j++) out[i * c + A.cols + j] = B.data[i * B.cols + j];
  }
  return mat(A.rows, c, out);
}

/** An orthonormal basis of the orthogonal complement of the columns of Q (Q ∈ O^{d×k}, k ≤ d): d×(d − k). */
export function orthonormalComplement<T>(F: Field<T>, Q: Mat<T>): Mat<T> {
  const d = Q.rows;
  const k = Q.cols;
  if (k > d) throw new RangeError(`orthonormalComplement: Q is ${d}×${k}, wide`);
  const basis: T[][] = [];
  for (let j = 0; j < k; j++) basis.push(Array.from({ length: d }, (_, i) => Q.data[i * k + j]));
  const dot = (x: T[], y: T[]): T => {
    let s = F.zero;
    for (let i = 0; i < d; i++) s = F.add(s, F.mul(x[i], y[i]));
    return s;
  };
  const remove = (x: T[], b: T[]): void => {
    const c = dot(x, b);
    for (let i = 0; i < d; i++) x[i] = F.sub(x[i], F.mul(c, b[i]));
  };
  // Residuals of the coordinate vectors against Q (two passes).
  const residual: (T[] | undefined)[] = [];
  for (let e = 0; e < d; e++) {
    const x = Array.from({ length: d }, (_, i) => (i === e ? F.one : F.zero));
    for (let pass = 0; pass < 2; pass++) for (const b of basis) remove(x, b);
    residual.push(x);
  }
  const out: T[][] = [];
  for (let j = 0; j < d - k; j++) {
    let best = -1;
    let bestNorm = F.zero;
    for (let e = 0; e < d; e++) {
      const x = residual[e];
      if (!x) continue;
      const n2 = dot(x, x);
      if (best < 0 || F.lt(bestNorm, n2)) {
        best = e;
        bestNorm = n2;
      }
    }
    const x = residual[best]!;
    residual[best] = undefined;
    for (const b of [...basis, ...out]) remove(x, b); // the second pass
    const norm = F.sqrt(dot(x, x));
    for (let i = 0; i < d; i++) x[i] = F.div(x[i], norm);
    out.push(x);
    for (const r of residual) if (r) remove(r, x);
  }
  const data = new Array<T>(d * (d - k));
  for (let j = 0; j < d - k; j++) for (let i = 0; i < d; i++) data[i * (d - k) + j] = out[j][i];
  return mat(d, d - k, data);
}

/**
 * The orthogonal polar factor of a square M: U Vᵀ from M = UΣVᵀ, with the singular values at msign's cut-off or
 * below completed by orthonormal complements (an orthogonal matrix even when M is singular).
 */
export function orthogonalPolar<T>(la: LinAlg<T>, M: Mat<T>): Mat<T> {
  const { F } = la;
  const n = M.rows;
  if (M.cols !== n) throw new RangeError(`orthogonalPolar: M is ${M.rows}×${M.cols}, not square`);
  if (n === 0) return mat(0, 0, []);
  const { U, s, V } = la.svd(M);
  const threshold = F.mul(s[0], F.of(defaultRankCutoff(F, n, n)));
  let rho = 0;
  while (rho < n && !F.isZero(s[rho]) && F.lt(threshold, s[rho])) rho++;
  const Ur = cols(U, 0, rho);
  const Vr = cols(V, 0, rho);
  let W = matmul(F, Ur, transpose(Vr));
  if (rho < n) {
    const Y = orthonormalComplement(F, Ur);
    const X = orthonormalComplement(F, Vr);
    const YX = matmul(F, Y, transpose(X));
    W = mat(n, n, W.data.map((w, i) => F.add(w, YX.data[i])));
  }
  return W;
}

export interface FrameCompletion<T> {
  /** O₁⊥, O₂⊥: d×(d − k), so that [O₁, O₁⊥] and [O₂, O₂⊥] are square orthogonal. */
  readonly P1: Mat<T>;
  readonly P2: Mat<T>;
  /** The rotation W of (200): O₂⊥ = C₂W for the plain complement C₂ (identity when aligned is false). */
  readonly W: Mat<T>;
  /** σ_min(C₂ᵀC₁) = cos of the largest principal angle between the complements (1 when k = d). */
  readonly cosMax: T;
}

/**
 * Lemma 22's completion: O₁⊥ = C₁ (any orthonormal complement basis), O₂⊥ = C₂·polar(C₂ᵀC₁). With aligned = false
 * Step 2 is skipped and O₂⊥ is another basis Step 1 allows (C₂ with its first column negated): the construction
 * without (200), for the probe that shows Step 2 is needed.
 */
export function alignedCompletion<T>(la: LinAlg<T>, O1: Mat<T>, O2: Mat<T>, aligned = true): FrameCompletion<T> {
  const { F } = la;
  const d = O1.rows;
  const k = O1.cols;
  if (O2.rows !== d || O2.cols !== k) throw new RangeError(`alignedCompletion: O₁ is ${d}×${k}, O₂ is ${O2.rows}×${O2.cols}`);
  const C1 = orthonormalComplement(F, O1);
  const C2 = orthonormalComplement(F, O2);
  if (d === k) return { P1: C1, P2: C2, W: mat(0, 0, []), cosMax: F.one };
  const M = la.matmulTN(C2, C1);
  const sv = la.svd(M);
  const cosMax = sv.s[sv.s.length - 1];
  if (!aligned) {
    // Step 1 allows any orthonormal basis of the complement: take C₂ with its first column negated (W = diag(−1, 1, …)).
    const W = mat(d - k, d - k, Array.from({ length: (d - k) ** 2 }, (_, i) => (i === 0 ? F.neg(F.one) : i % (d - k + 1) === 0 ? F.one : F.zero)));
    return { P1: C1, P2: la.matmul(C2, W), W, cosMax };
  }
  const W = orthogonalPolar(la, M);
  return { P1: C1, P2: la.matmul(C2, W), W, cosMax };
}
