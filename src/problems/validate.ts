import type { Field } from '../arith/field.ts';
import type { LinAlg } from '../linalg/backend.ts';
import { isFiniteMat, symmetrize, type Mat } from '../linalg/mat.ts';
import { frobenius } from '../linalg/norms.ts';

/**
 * Checks that `M` (named `name` in errors) is a finite symmetric positive semi-definite matrix and returns it exactly
 * symmetric, with its eigen-decomposition.
 *
 * Tolerances (float64 only; exact mode demands exact symmetry and non-negative eigenvalues up to rounding of the
 * eigen-solver): an asymmetry up to 8n·u·‖M‖_F is rounding from forming M (e.g. V Λ Vᵀ: each entry is a sum of n
 * products, error ≤ n·u·‖M‖) and is symmetrised away; an eigenvalue down to −8n·u·‖M‖_F is the eigen-solver's
 * backward error (Jacobi: O(n·u·‖M‖)) around a true 0, and is reported as 0.
 */
export function psdMatrix<T>(la: LinAlg<T>, M: Mat<T>, name: string): { M: Mat<T>; values: T[]; vectors: Mat<T> } {
  const F: Field<T> = la.F;
  const n = M.rows;
  if (M.cols !== n) throw new RangeError(`${name} must be square, got ${M.rows}×${M.cols}`);
  if (!isFiniteMat(F, M)) throw new RangeError(`${name} has a non-finite entry (NaN or ±Infinity); all entries must be finite`);
  const norm = frobenius(F, M);
  const tol = F.mul(F.of(8 * n * F.unitRoundoff), norm);
  // Stryker disable next-line EqualityOperator: for i = n the inner loop over j ∈ (i, n) is empty
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = F.abs(F.sub(M.data[i * n + j], M.data[j * n + i]));
      if (F.lt(tol, gap)) {
        throw new RangeError(`${name} must be symmetric: entries (${i},${j}) and (${j},${i}) differ by ${F.toString(gap)}`);
      }
    }
  }
  const S = symmetrize(F, M);
  const { values, vectors } = la.eigh(S);
  const smallest = values[values.length - 1];
  if (n > 0 && F.lt(smallest, F.neg(tol))) {
    throw new RangeError(`${name} must be positive semi-definite (eigenvalues ≥ 0); its smallest eigenvalue is ${F.toString(smallest)}`);
  }
  return { M: S, values: values.map((v) => (F.lt(v, F.zero) ? F.zero : v)), vectors };
}

export function finiteOrThrow<T>(F: Field<T>, X: Mat<T>, name: string): void {
  if (!isFiniteMat(F, X)) throw new RangeError(`${name} has a non-finite entry (NaN or ±Infinity); all entries must be finite`);
}
