import { unitRoundoffOf, type Field } from '../arith/field.ts';
import { jacobiRotation, rotateColumns } from './rotation.ts';
import { binaryScaleExponent, identity, mat, scale, transpose, type Mat } from './mat.ts';

/** Thin SVD A = U diag(s) Vᵀ, s descending, U m×n', V n×n' with n' = min(m, n). */
export interface Svd<T> {
  readonly U: Mat<T>;
  readonly s: T[];
  readonly V: Mat<T>;
  readonly sweeps: number;
}

const MAX_SWEEPS = 100;

/**
 * One-sided (Hestenes) Jacobi SVD, written once for every backend. It orthogonalises the columns of A by plane
 * rotations; it needs only field operations and √ (so it runs in decimal at any precision), computes small singular
 * values to high relative accuracy (the tiny-but-real singular values of a rank-deficient M*, numerics.md), and
 * leaves an exactly zero column exactly zero, so that msign maps exact zeros to 0.
 */
export function svd<T>(F: Field<T>, A: Mat<T>): Svd<T> {
  for (const x of A.data) if (!F.isFinite(x)) throw new RangeError('svd: matrix has a non-finite entry (NaN or ±Infinity)');
  // Entries beyond ~1e±154 would overflow/underflow the column sums of squares: scale by an exact power of two.
  const k = binaryScaleExponent(F, A);
  if (k !== 0) {
    const r = svd(F, scale(F, F.of(2 ** -k), A));
    const back = F.of(2 ** k);
    return { ...r, s: r.s.map((x) => F.mul(back, x)) };
  }
  if (A.rows < A.cols) {
    const t = svdTall(F, transpose(A));
    return { U: t.V, s: t.s, V: t.U, sweeps: t.sweeps };
  }
  return svdTall(F, A);
}

function svdTall<T>(F: Field<T>, A: Mat<T>): Svd<T> {
  const m = A.rows;
  const n = A.cols;
  const w = A.data.slice(); // columns of W are rotated in place; row-major m×n
  const v = identity(F, n).data;
  // 2(m + 2)·u: a computed inner product of two orthogonal columns carries rounding of up to about m·u‖w_p‖‖w_q‖,
  // and the rotation that made them orthogonal left ~u relative rounding in each column (2u more in the product).
  // A test at m·u alone let a 2×2 flip its sign at that noise level for ever (found by the deep profile, A.T1a);
  // the factor 2 keeps a margin over the first-order bound.
  const uT = unitRoundoffOf(F);
  const eps = F.mul(F.of(2 * (m + 2)), uT);
  // A column whose squared norm is below (u²‖A‖_F)² is zero to beyond working precision (its singular value lies
  // far under msign's rank cut-off, max(m, n)·2u·σ_max). Rotating it against a column it is numerically parallel to
  // only shrinks it by a factor ~u per sweep without end (a decimal never underflows), so it counts as converged.
  let normA2 = F.zero;
  for (const x of w) normA2 = F.add(normA2, F.mul(x, x));
  const u2 = F.mul(uT, uT);
  const negligible = F.mul(F.mul(u2, u2), normA2);
  let sweeps = 0;
  // Stryker disable next-line EqualityOperator,UpdateOperator: the sweep cap is a guard against non-termination; Jacobi converges in a few sweeps on every input
  for (; sweeps < MAX_SWEEPS; sweeps++) {
    let rotated = false;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: for p ≥ n − 1 the inner loop over q ∈ (p, n) is empty
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = F.zero;
        let beta = F.zero;
        let gamma = F.zero;
        for (let i = 0; i < m; i++) {
          const wp = w[i * n + p];
          const wq = w[i * n + q];
          alpha = F.add(alpha, F.mul(wp, wp));
          beta = F.add(beta, F.mul(wq, wq));
          gamma = F.add(gamma, F.mul(wp, wq));
        }
        // Columns already orthogonal to working precision (relative test: keeps tiny columns accurate).
        if (F.isZero(gamma) || F.le(F.abs(gamma), F.mul(eps, F.mul(F.sqrt(alpha), F.sqrt(beta))))) continue;
        if (F.le(alpha, negligible) || F.le(beta, negligible)) continue;
        rotated = true;
        const { c, s } = jacobiRotation(F, alpha, beta, gamma);
        rotateColumns(F, w, m, n, p, q, c, s); // W ← W J
        rotateColumns(F, v, n, n, p, q, c, s); // V ← V J
      }
    }
    if (!rotated) break;
  }
  // Stryker disable next-line all: unreachable (see the sweep cap above)
  if (sweeps === MAX_SWEEPS) throw new Error(`svd: one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps`);
  const norms: T[] = [];
  for (let j = 0; j < n; j++) {
    let s2 = F.zero;
    let nonzero = 0;
    let last = F.zero;
    for (let i = 0; i < m; i++) {
      const x = w[i * n + j];
      if (!F.isZero(x)) {
        nonzero++;
        last = x;
      }
      s2 = F.add(s2, F.mul(x, x));
    }
    // A column with one nonzero entry x has norm |x| exactly; √(x²) would round x² first at P decimal digits, so a
    // 1×1 or diagonal msign would not be exactly ±1 in decimal. (In binary floating point √(fl(x²)) = |x| anyway.)
    norms.push(nonzero === 1 ? F.abs(last) : F.sqrt(s2));
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((i, j) => F.cmp(norms[j], norms[i]));
  const s = order.map((j) => norms[j]);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below; a JS array grows on assignment, so its initial length is unobservable
  const U = new Array<T>(m * n);
  // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: every index is assigned below; a JS array grows on assignment, so its initial length is unobservable
  const V = new Array<T>(n * n);
  for (let c = 0; c < n; c++) {
    const j = order[c];
    const sj = norms[j];
    for (let i = 0; i < m; i++) U[i * n + c] = F.isZero(sj) ? F.zero : F.div(w[i * n + j], sj);
    for (let i = 0; i < n; i++) V[i * n + c] = v[i * n + j];
  }
  return { U: mat(m, n, U), s, V: mat(n, n, V), sweeps };
}
