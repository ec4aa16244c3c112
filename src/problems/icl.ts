import type { Scalarish } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { identity, mat, scale, sub, symmetrize, type Mat } from '../linalg/mat.ts';
import { inverse } from '../linalg/solve.ts';
import { checkShape, type Problem } from './problem.ts';
import { psdMatrix } from './validate.ts';

/** Σ given as a dense matrix, by eigen-factors, or as the sample covariance of the rows xᵢ of an N×d matrix. */
export type IclCovariance<T> = { readonly Sigma: Mat<T> } | { readonly V: Mat<T>; readonly lambdas: readonly (Scalarish | T)[] } | { readonly samples: Mat<T> };

export interface IclProblem<T> extends Problem<T> {
  readonly id: 'P.icl';
  readonly Sigma: Mat<T>;
  /** Eigenvalues of Σ, descending. */
  readonly lambdas: readonly T[];
}

/**
 * P.icl, in-context learning of linear regression (A (20), reconstructed up to a positive factor):
 * Σ = (1/N)Σᵢ xᵢxᵢᵀ ≻ 0, f(W) = ½ tr((WΣ − I)ᵀ Σ (WΣ − I)), ∇f(W) = Σ(WΣ − I)Σ, minimiser W* = Σ⁻¹, f* = 0.
 * The Hessian W ↦ ΣWΣ² has eigenvalues λᵢλⱼ², so its condition number is κ(Σ)³ (the κ³ of GD in Table 1).
 */
export function inContextLearning<T>(la: LinAlg<T>, cov: IclCovariance<T>): IclProblem<T> {
  const F = la.F;
  let S: Mat<T>;
  if ('Sigma' in cov) S = cov.Sigma;
  else if ('samples' in cov) {
    const X = cov.samples;
    if (X.rows < 1) throw new RangeError('P.icl: samples must have at least one row xᵢ');
    S = symmetrize(F, scale(F, F.div(F.one, F.of(X.rows)), la.matmulTN(X, X)));
  } else {
    const { V } = cov;
    const l = cov.lambdas.map((x) => F.of(x));
    if (l.length !== V.cols) throw new RangeError(`P.icl: V is ${V.rows}×${V.cols}, so lambdas needs ${V.cols} entries, got ${l.length}`);
    const VL = mat(V.rows, V.cols, V.data.map((x, idx) => F.mul(x, l[idx % V.cols])));
    S = symmetrize(F, la.matmulNT(VL, V));
  }
  const { M: Sigma, values } = psdMatrix(la, S, 'P.icl: Σ');
  const d = Sigma.rows;
  // Stryker disable next-line MethodExpression,ArrowFunction,LogicalOperator,ConditionalExpression: psdMatrix clamps eigenvalues to ≥ 0, so some λ is 0 exactly when the smallest is, and the second test covers the first (its `<= 0` boundary is tested with a positive decimal λ_min below the double range)
  if (values.some((v) => F.isZero(v)) || F.toNumber(values[d - 1]) <= 0) {
    throw new RangeError('P.icl: Σ must be positive definite (Σ ≻ 0); it is singular');
  }
  const I = identity(F, d);
  const half = F.div(F.one, F.of(2));
  const lambdaMax = F.toNumber(values[0]);
  const lambdaMin = F.toNumber(values[d - 1]);
  const kappa = lambdaMax / lambdaMin;
  let Winv: Mat<T> | undefined;
  const problem: IclProblem<T> = {
    id: 'P.icl',
    la,
    rows: d,
    cols: d,
    Sigma,
    lambdas: values,
    optimalValue: F.zero,
    info: { d, lambdaMax, lambdaMin, kappa, hessianKappa: kappa ** 3 },
    loss(W) {
      checkShape(problem, W, 'W');
      const E = sub(F, la.matmul(W, Sigma), I); // WΣ − I
      const SE = la.matmul(Sigma, E);
      let s = F.zero;
      for (let i = 0; i < E.data.length; i++) s = F.add(s, F.mul(E.data[i], SE.data[i])); // tr(Eᵀ Σ E)
      return F.mul(half, s);
    },
    grad(W) {
      checkShape(problem, W, 'W');
      return la.matmul(la.matmul(Sigma, sub(F, la.matmul(W, Sigma), I)), Sigma);
    },
    residual(W) {
      checkShape(problem, W, 'W');
      return sub(F, W, problem.minimizer());
    },
    minimizer() {
      Winv ??= inverse(F, Sigma);
      return Winv;
    },
  };
  return problem;
}
