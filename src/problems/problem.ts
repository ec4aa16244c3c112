import type { LinAlg } from '../linalg/backend.ts';
import type { Mat } from '../linalg/mat.ts';

export type ProblemId = 'P.scalar' | 'P.mf' | 'P.icl' | 'P.quad2' | 'P.quadB';

/** A smooth objective f over matrices of one shape, written once over a LinAlg backend. */
export interface Problem<T> {
  readonly id: ProblemId;
  readonly la: LinAlg<T>;
  /** Shape of the iterate X. */
  readonly rows: number;
  readonly cols: number;
  /** f(X). */
  loss(X: Mat<T>): T;
  /** ∇f(X). */
  grad(X: Mat<T>): Mat<T>;
  /**
   * The matrix whose norm the theorems bound: UUᵀ − M* (MF), W − Σ⁻¹ (ICL), σ² − λ (scalar), x (quad2), W − W* (quadB).
   */
  residual(X: Mat<T>): Mat<T>;
  /** One minimiser X* (for MF one of many: V*Λ*^{1/2} padded with zero columns). */
  minimizer(): Mat<T>;
  /** f* = min f. */
  readonly optimalValue: T;
  /** Condition numbers and other constants that the claims refer to, as plain numbers. */
  readonly info: Readonly<Record<string, number>>;
}

export function checkShape(p: { rows: number; cols: number; id: string }, X: Mat<unknown>, what = 'X'): void {
  if (X.rows !== p.rows || X.cols !== p.cols) {
    throw new RangeError(`${p.id}: ${what} must be ${p.rows}×${p.cols}, got ${X.rows}×${X.cols}`);
  }
}
