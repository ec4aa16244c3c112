import type { LinAlg } from '../linalg/backend.ts';
import { mat, type Mat } from '../linalg/mat.ts';
import type { Scalarish } from '../arith/field.ts';
import { checkShape, type Problem } from './problem.ts';

export interface ScalarProblem<T> extends Problem<T> {
  readonly id: 'P.scalar';
  readonly lambda: T;
}

/**
 * P.scalar (A (26)): f(σ) = ¼(σ² − λ)², λ ≥ 0, as a 1×1 matrix so that every optimizer runs on it unchanged:
 * msign of a 1×1 matrix is the sign of its entry, so Muon on P.scalar is exactly recursion (27)
 * σ_{t+1} = σ_t − η_t sign(σ_t³ − λσ_t).
 */
export function scalarProblem<T>(la: LinAlg<T>, lambda: Scalarish | T): ScalarProblem<T> {
  const F = la.F;
  const l = F.of(lambda);
  if (!F.isFinite(l) || F.lt(l, F.zero)) throw new RangeError(`P.scalar: λ must be finite and ≥ 0, got ${F.toString(l)}`);
  const quarter = F.div(F.one, F.of(4));
  const gap = (X: Mat<T>): T => {
    checkShape(problem, X, 'σ');
    const s = X.data[0];
    return F.sub(F.mul(s, s), l);
  };
  const problem: ScalarProblem<T> = {
    id: 'P.scalar',
    la,
    rows: 1,
    cols: 1,
    lambda: l,
    optimalValue: F.zero,
    info: { lambda: F.toNumber(l) },
    loss: (X) => {
      const g = gap(X);
      return F.mul(quarter, F.mul(g, g));
    },
    grad: (X) => mat(1, 1, [F.mul(gap(X), X.data[0])]),
    residual: (X) => mat(1, 1, [gap(X)]),
    minimizer: () => mat(1, 1, [F.sqrt(l)]),
  };
  return problem;
}
