import type { LinAlg } from '../linalg/backend.ts';
import { sub, type Mat } from '../linalg/mat.ts';
import { finiteOrThrow } from './validate.ts';

/*
 * P.linear, paper B's linear model (§4.1, (3) in v2): a batch of B samples, features X ∈ ℝ^{d×B} (one sample per
 * column), targets Y ∈ ℝ^{c×B}, W ∈ ℝ^{c×d},
 *   f(W) = (1/2B)‖WX − Y‖_F²,   ∇f(W) = (WX − Y)Xᵀ/B,   Λ = XXᵀ/B (d×d, ⪰ 0).
 * f is quadratic: f(W + E) = f(W) + ⟨∇f(W), E⟩ + ½tr(EΛEᵀ) exactly (Assumption 4.5 with equality), so its Hessian
 * is E ↦ EΛ (I_c ⊗ Λ in row-stacking vec). Frobenius smoothness L = ‖Λ‖_op; Muon's constant is ‖Λ‖_* = tr Λ.
 * Only +, −, × and one ÷ by B: in Q every quantity is exact.
 */

export interface LinearProblem<T> {
  readonly id: 'P.linear';
  readonly la: LinAlg<T>;
  readonly rows: number;
  readonly cols: number;
  readonly X: Mat<T>;
  readonly Y: Mat<T>;
  /** Λ = XXᵀ/B, exactly symmetric. */
  readonly Lambda: Mat<T>;
  /** The batch size B. */
  readonly batch: number;
  loss(W: Mat<T>): T;
  grad(W: Mat<T>): Mat<T>;
  /** WX − Y. */
  residual(W: Mat<T>): Mat<T>;
  /** ½tr(EΛEᵀ) = (1/2B)‖EX‖_F²: the exact second-order term of f. */
  curvature(E: Mat<T>): T;
}

export function linearModel<T>(la: LinAlg<T>, X: Mat<T>, Y: Mat<T>): LinearProblem<T> {
  const F = la.F;
  finiteOrThrow(F, X, 'P.linear: X');
  finiteOrThrow(F, Y, 'P.linear: Y');
  const B = X.cols;
  if (B < 1) throw new RangeError('P.linear: X needs at least one sample (column)');
  if (Y.cols !== B) throw new RangeError(`P.linear: Y must have ${B} columns (one per sample), got ${Y.cols}`);
  const c = Y.rows;
  const d = X.rows;
  const invB = F.div(F.one, F.of(B));
  const half = F.div(F.one, F.of(2 * B));
  const XXt = la.matmulNT(X, X);
  const Ldata = XXt.data.map((x) => F.mul(x, invB));
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) Ldata[i * d + j] = Ldata[j * d + i];
  const Lambda: Mat<T> = { rows: d, cols: d, data: Ldata };
  const shape = (W: Mat<T>): void => {
    if (W.rows !== c || W.cols !== d) throw new RangeError(`P.linear: W must be ${c}×${d}, got ${W.rows}×${W.cols}`);
  };
  const sq = (A: Mat<T>): T => {
    let s = F.zero;
    for (const x of A.data) s = F.add(s, F.mul(x, x));
    return s;
  };
  const residual = (W: Mat<T>): Mat<T> => {
    shape(W);
    return sub(F, la.matmul(W, X), Y);
  };
  return {
    id: 'P.linear',
    la,
    rows: c,
    cols: d,
    X,
    Y,
    Lambda,
    batch: B,
    loss: (W) => F.mul(half, sq(residual(W))),
    grad(W) {
      const G = la.matmulNT(residual(W), X);
      return { rows: G.rows, cols: G.cols, data: G.data.map((x) => F.mul(x, invB)) };
    },
    residual,
    curvature(E) {
      shape(E);
      return F.mul(half, sq(la.matmul(E, X)));
    },
  };
}
