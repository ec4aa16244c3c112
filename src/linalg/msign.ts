import { unitRoundoffOf, type Field } from '../arith/field.ts';
import { mat, type Mat } from './mat.ts';
import { svd, type Svd } from './svd.ts';

/**
 * The relative rank cut-off of msign: singular values σ ≤ cutoff·σ_max count as zero.
 *
 * Default: max(m, n)·ε with ε = 2u the machine epsilon of the backend (2.2e-16 in float64; 10^(1−P) at precision P),
 * the tolerance of LAPACK/NumPy's matrix_rank. It has to sit between two failure modes (numerics.md):
 *  - too high (1e-9, even 1e-12) drops legitimately tiny singular values: with a zero eigenvalue in M* the gradient of
 *    the matrix factorisation has singular values ~σ³, far below σ_max, yet real — dropping them freezes σ;
 *  - too low keeps rounding noise (~ε‖G‖ for a rank-deficient G) and injects random directions of norm 1.
 * Jacobi computes singular values with relative accuracy, so real values down to about this level are resolved.
 * Exact zeros are always dropped (sign(0) = 0).
 */
export function defaultRankCutoff<T>(F: Field<T>, rows: number, cols: number): number {
  return Math.max(rows, cols) * 2 * F.unitRoundoff;
}

export interface MsignOptions {
  /** Relative rank cut-off; see defaultRankCutoff. */
  readonly cutoff?: number;
}

/** msign(G) = U_r V_rᵀ from a thin SVD, with the singular values at or below the cut-off dropped. */
export function msignFromSvd<T>(F: Field<T>, sv: Svd<T>, rows: number, cols: number, options: MsignOptions = {}): Mat<T> {
  const cutoff = options.cutoff ?? defaultRankCutoff(F, rows, cols);
  if (!(cutoff >= 0 && cutoff < 1)) throw new RangeError(`msign: cutoff must be in [0, 1), got ${cutoff}`);
  const { U, s, V } = sv;
  const k = s.length;
  // The default cut-off is formed in the field (max(m, n)·2·u): as a double it would underflow to 0 beyond ~323 digits.
  const relative = options.cutoff !== undefined ? F.of(cutoff) : F.mul(F.of(2 * Math.max(rows, cols)), unitRoundoffOf(F));
  const threshold = k === 0 ? F.zero : F.mul(s[0], relative);
  let r = 0;
  while (r < k && !F.isZero(s[r]) && F.lt(threshold, s[r])) r++;
  // Stryker disable next-line ArrayDeclaration: .fill on an empty array is a no-op and every entry is assigned below
  const out = new Array<T>(rows * cols).fill(F.zero);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let acc = F.zero;
      for (let l = 0; l < r; l++) acc = F.add(acc, F.mul(U.data[i * k + l], V.data[j * k + l]));
      out[i * cols + j] = acc;
    }
  }
  return mat(rows, cols, out);
}

/**
 * msign(G) = U Vᵀ for the compact SVD G = U Σ Vᵀ, zero singular values dropped, so msign(0) = 0 — the direction of
 * Muon (4). Plain route: one-sided Jacobi SVD over any backend. In exact mode it is high-precision, not exact (it
 * needs square roots); wrap it in proveExact (arith/exactness.ts) to get its error estimate.
 */
export function msign<T>(F: Field<T>, G: Mat<T>, options: MsignOptions = {}): Mat<T> {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; msignFromSvd of the empty SVD gives the same empty matrix
  if (G.rows === 0 || G.cols === 0) return mat(G.rows, G.cols, []);
  return msignFromSvd(F, svd(F, G), G.rows, G.cols, options);
}
