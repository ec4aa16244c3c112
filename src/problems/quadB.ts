import type { LinAlg } from '../linalg/backend.ts';
import { sub, type Mat } from '../linalg/mat.ts';
import { checkShape, type Problem } from './problem.ts';
import { finiteOrThrow, psdMatrix } from './validate.ts';

export interface QuadBProblem<T> extends Problem<T> {
  readonly id: 'P.quadB';
  readonly Q: Mat<T>;
  readonly Wstar: Mat<T>;
  /** Eigenvalues of Q, descending. */
  readonly qEigenvalues: readonly T[];
}

/**
 * P.quadB, paper B's quadratic: f(W) = tr((W − W*)ᵀ Q (W − W*)), Q ⪰ 0 (m×m), W ∈ ℝ^{m×n}; ∇f(W) = 2Q(W − W*).
 * Smoothness (B.smooth): L = 2λ_max(Q) in Frobenius norm; L_* = 2·(sum of the top min(m,n) eigenvalues of Q) for the
 * spectral/nuclear pair (tr(ΔᵀQΔ) ≤ (L_{*}/2)‖Δ‖² with equality for Δ's singular vectors on Q's top eigenvectors).
 */
export function quadraticB<T>(la: LinAlg<T>, Q: Mat<T>, Wstar: Mat<T>): QuadBProblem<T> {
  const F = la.F;
  const psd = psdMatrix(la, Q, 'P.quadB: Q');
  finiteOrThrow(F, Wstar, 'P.quadB: W*');
  const m = psd.M.rows;
  if (Wstar.rows !== m) throw new RangeError(`P.quadB: W* must have ${m} rows (Q is ${m}×${m}), got ${Wstar.rows}`);
  const n = Wstar.cols;
  const r = Math.min(m, n);
  const ev = psd.values.map((v) => F.toNumber(v));
  const L = 2 * ev[0];
  const Lstar = 2 * ev.slice(0, r).reduce((a, b) => a + b, 0);
  const two = F.of(2);
  const problem: QuadBProblem<T> = {
    id: 'P.quadB',
    la,
    rows: m,
    cols: n,
    Q: psd.M,
    Wstar,
    qEigenvalues: psd.values,
    optimalValue: F.zero,
    info: { m, n, r, L, Lstar, rankQ: ev.filter((v) => v > 0).length },
    loss(W) {
      checkShape(problem, W, 'W');
      const D = sub(F, W, Wstar);
      const QD = la.matmul(psd.M, D);
      let s = F.zero;
      for (let i = 0; i < D.data.length; i++) s = F.add(s, F.mul(D.data[i], QD.data[i]));
      return s;
    },
    grad(W) {
      checkShape(problem, W, 'W');
      const QD = la.matmul(psd.M, sub(F, W, Wstar));
      return { rows: QD.rows, cols: QD.cols, data: QD.data.map((x) => F.mul(two, x)) };
    },
    residual(W) {
      checkShape(problem, W, 'W');
      return sub(F, W, Wstar);
    },
    minimizer: () => Wstar,
  };
  return problem;
}
