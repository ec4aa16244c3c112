import type { Field } from '../arith/field.ts';
import { mat, matmul, transpose, type Mat } from './mat.ts';

/**
 * A·diag(s)·Bᵀ for A n×m, B p×m, s of length m: the columns of A scaled, then one product. The aligned forms of the
 * claims (V Σ Rᵀ, V Λ Vᵀ, R diag(σ²) Rᵀ) are built with it.
 */
export function adbt<T>(F: Field<T>, A: Mat<T>, s: readonly T[], B: Mat<T>): Mat<T> {
  const AS = mat(A.rows, A.cols, A.data.map((x, i) => F.mul(x, s[i % A.cols]!)));
  return matmul(F, AS, transpose(B));
}
