import type { Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { mat, type Mat } from '../linalg/mat.ts';
import { checkShape, type Problem } from './problem.ts';

export interface Quad2Problem<T> extends Problem<T> {
  readonly id: 'P.quad2';
  readonly A: Mat<T>;
  readonly lambda1: T;
  readonly lambda2: T;
}

/**
 * P.quad2 (A (131)): f(x) = ½xᵀAx on ℝ² (x a 2×1 matrix), A = Q diag(λ₁, λ₂) Q, Q = (1/√2)[[1,1],[1,−1]].
 * A is formed as ½[[λ₁+λ₂, λ₁−λ₂], [λ₁−λ₂, λ₁+λ₂]], the same matrix without √2, so it is exact in decimal.
 */
export function quadratic2<T>(la: LinAlg<T>, lambda1: Scalarish | T, lambda2: Scalarish | T): Quad2Problem<T> {
  const F = la.F;
  const l1 = F.of(lambda1);
  const l2 = F.of(lambda2);
  for (const [name, l] of [['λ₁', l1], ['λ₂', l2]] as const) {
    if (!F.isFinite(l) || F.lt(l, F.zero)) throw new RangeError(`P.quad2: ${name} must be finite and ≥ 0, got ${F.toString(l)}`);
  }
  const half = F.div(F.one, F.of(2));
  const p = F.mul(half, F.add(l1, l2));
  const m = F.mul(half, F.sub(l1, l2));
  const A = mat(2, 2, [p, m, m, p]);
  const hi = Math.max(F.toNumber(l1), F.toNumber(l2));
  const lo = Math.min(F.toNumber(l1), F.toNumber(l2));
  const problem: Quad2Problem<T> = {
    id: 'P.quad2',
    la,
    rows: 2,
    cols: 1,
    A,
    lambda1: l1,
    lambda2: l2,
    optimalValue: F.zero,
    info: { lambda1: F.toNumber(l1), lambda2: F.toNumber(l2), kappa: lo > 0 ? hi / lo : Infinity },
    loss(x) {
      checkShape(problem, x, 'x');
      const Ax = la.matmul(A, x);
      return F.mul(half, F.add(F.mul(x.data[0], Ax.data[0]), F.mul(x.data[1], Ax.data[1])));
    },
    grad(x) {
      checkShape(problem, x, 'x');
      return la.matmul(A, x);
    },
    residual(x) {
      checkShape(problem, x, 'x');
      return x;
    },
    minimizer: () => mat(2, 1, [F.zero, F.zero]),
  };
  return problem;
}
