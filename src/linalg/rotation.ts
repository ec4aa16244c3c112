import type { Field } from '../arith/field.ts';

/**
 * The Jacobi plane rotation (c, s) that annihilates the coupling γ between two "diagonal" values α and β
 * (a_pp, a_qq for eigh; ‖w_p‖², ‖w_q‖² for the one-sided SVD): ζ = (β − α)/(2γ), t = sign(ζ)/(|ζ| + √(1 + ζ²))
 * (the smaller angle, for stability), c = 1/√(1 + t²), s = c·t. Golub & Van Loan, Alg. 8.4.1.
 */
const HUGE = <T>(F: Field<T>): T => F.of(2 ** 500);

export function jacobiRotation<T>(F: Field<T>, alpha: T, beta: T, gamma: T): { c: T; s: T } {
  const zeta = F.div(F.sub(beta, alpha), F.mul(F.of(2), gamma));
  const sgn = F.lt(zeta, F.zero) ? F.neg(F.one) : F.one;
  // For |ζ| > 2^500, √(1 + ζ²) = |ζ| to working precision in every field we use, and ζ² would overflow float64
  // (giving t = 0 and a rotation that changes nothing): t = sign(ζ)/(2|ζ|) is then the same number, computed safely.
  const t = F.lt(F.abs(zeta), HUGE(F)) ? F.div(sgn, F.add(F.abs(zeta), F.sqrt(F.add(F.one, F.mul(zeta, zeta))))) : F.div(sgn, F.mul(F.of(2), F.abs(zeta)));
  const c = F.div(F.one, F.sqrt(F.add(F.one, F.mul(t, t))));
  return { c, s: F.mul(c, t) };
}

/** Columns p, q of the row-major `rows`×`stride` array a ← [c·a_p − s·a_q, s·a_p + c·a_q] (A ← A·J). */
export function rotateColumns<T>(F: Field<T>, a: T[], rows: number, stride: number, p: number, q: number, c: T, s: T): void {
  for (let i = 0; i < rows; i++) {
    const x = a[i * stride + p];
    const y = a[i * stride + q];
    a[i * stride + p] = F.sub(F.mul(c, x), F.mul(s, y));
    a[i * stride + q] = F.add(F.mul(s, x), F.mul(c, y));
  }
}

/** Rows p, q of the row-major array a (row length `cols`) ← the same rotation (A ← Jᵀ·A). */
export function rotateRows<T>(F: Field<T>, a: T[], cols: number, p: number, q: number, c: T, s: T): void {
  for (let k = 0; k < cols; k++) {
    const x = a[p * cols + k];
    const y = a[q * cols + k];
    a[p * cols + k] = F.sub(F.mul(c, x), F.mul(s, y));
    a[q * cols + k] = F.add(F.mul(s, x), F.mul(c, y));
  }
}
