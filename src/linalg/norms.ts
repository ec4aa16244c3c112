import type { Field } from '../arith/field.ts';
import { maxAbs, type Mat } from './mat.ts';
import { svd } from './svd.ts';

/**
 * ‖A‖_F computed as s·√Σ(aᵢⱼ/s)² with s = max|aᵢⱼ|, so that 1e200 entries do not overflow and 1e-200 entries do
 * not underflow to 0 (the naive sum of squares does both in float64; numerics.md).
 */
export function frobenius<T>(F: Field<T>, A: Mat<T>): T {
  const s = maxAbs(F, A);
  if (F.isZero(s) || !F.isFinite(s)) return s;
  let acc = F.zero;
  for (const x of A.data) {
    const y = F.div(x, s);
    acc = F.add(acc, F.mul(y, y));
  }
  return F.mul(s, F.sqrt(acc));
}

/** Singular values, descending (one-sided Jacobi, svd.ts). */
export function singularValues<T>(F: Field<T>, A: Mat<T>): T[] {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; svd of an empty matrix gives s = [] as well
  if (A.rows === 0 || A.cols === 0) return [];
  return svd(F, A).s;
}

/** ‖A‖ = σ_max(A), the spectral norm of the theorems. */
export function spectral<T>(F: Field<T>, A: Mat<T>): T {
  const s = singularValues(F, A);
  return s.length === 0 ? F.zero : s[0];
}

/** ‖A‖_* = Σσᵢ, the nuclear norm (dual of the spectral norm; ⟨G, msign G⟩ = ‖G‖_*). */
export function nuclear<T>(F: Field<T>, A: Mat<T>): T {
  let acc = F.zero;
  for (const s of singularValues(F, A)) acc = F.add(acc, s);
  return acc;
}
