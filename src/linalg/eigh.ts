import { unitRoundoffOf, type Field } from '../arith/field.ts';
import { jacobiRotation, rotateColumns, rotateRows } from './rotation.ts';
import { binaryScaleExponent, identity, mat, scale, type Mat } from './mat.ts';

/** A = V diag(values) Vᵀ with values in descending order and V's columns the eigenvectors. */
export interface Eigh<T> {
  readonly values: T[];
  readonly vectors: Mat<T>;
  /** Jacobi sweeps used (a cost figure; quadratic convergence makes it grow like log P in exact mode). */
  readonly sweeps: number;
}

const MAX_SWEEPS = 100;

/**
 * Symmetric eigen-decomposition by the cyclic Jacobi method, written once for every backend. Jacobi is chosen over
 * tridiagonal QR because it needs only +, −, ×, ÷ and √ (so it runs in decimal at any precision) and because it
 * computes small eigenvalues to high relative accuracy. The input must be symmetric (symmetrize products first).
 */
export function eigh<T>(F: Field<T>, S: Mat<T>): Eigh<T> {
  const n = S.rows;
  if (S.cols !== n) throw new RangeError(`eigh: matrix must be square, got ${S.rows}×${S.cols}`);
  // Stryker disable next-line EqualityOperator: for i = n the inner loop over j ∈ (i, n) is empty
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!F.eq(S.data[i * n + j], S.data[j * n + i])) {
        throw new RangeError(`eigh: matrix must be symmetric; entry (${i},${j}) differs from (${j},${i}) (symmetrize it first)`);
      }
    }
  }
  for (const x of S.data) if (!F.isFinite(x)) throw new RangeError('eigh: matrix has a non-finite entry (NaN or ±Infinity)');
  // Entries beyond ~1e±154 would overflow/underflow ‖S‖_F² and a_pp·a_qq: scale by an exact power of two.
  const k = binaryScaleExponent(F, S);
  if (k !== 0) {
    const r = eigh(F, scale(F, F.of(2 ** -k), S));
    const back = F.of(2 ** k);
    return { ...r, values: r.values.map((x) => F.mul(back, x)) };
  }
  const a = S.data.slice();
  const v = identity(F, n).data;
  // n·u: rotations leave fill-in of about n·u times the coupled entries; a tighter test could rotate noise forever.
  const eps = F.mul(F.of(n), unitRoundoffOf(F));
  let normF = F.zero;
  for (const x of a) normF = F.add(normF, F.mul(x, x));
  const floor = F.mul(F.mul(eps, eps), F.sqrt(normF));
  let sweeps = 0;
  // Stryker disable next-line EqualityOperator: the sweep cap is a guard against non-termination; Jacobi converges in a few sweeps on every input
  for (; sweeps < MAX_SWEEPS; sweeps++) {
    let rotated = false;
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: for p ≥ n − 1 the inner loop over q ∈ (p, n) is empty
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        // Stryker disable next-line ConditionalExpression: a speed-up; a zero a_pq is skipped by the threshold test below as well
        if (F.isZero(apq)) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        // Skip when a_pq is below rounding relative to the diagonal it couples (the relative-accuracy criterion),
        // or below u²‖S‖_F where that diagonal is (near) zero, so that rounding fill-in cannot keep Jacobi busy.
        const absApq = F.abs(apq);
        if (F.le(absApq, F.mul(eps, F.sqrt(F.abs(F.mul(app, aqq))))) || F.le(absApq, floor)) continue;
        rotated = true;
        const { c, s } = jacobiRotation(F, app, aqq, apq);
        rotateColumns(F, a, n, n, p, q, c, s); // A ← Jᵀ A J
        rotateRows(F, a, n, p, q, c, s);
        a[p * n + q] = F.zero;
        a[q * n + p] = F.zero;
        rotateColumns(F, v, n, n, p, q, c, s); // V ← V J
      }
    }
    if (!rotated) break;
  }
  // Stryker disable next-line all: unreachable (see the sweep cap above)
  if (sweeps === MAX_SWEEPS) throw new Error(`eigh: Jacobi did not converge in ${MAX_SWEEPS} sweeps`);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => F.cmp(a[j * n + j], a[i * n + i]));
  const values = order.map((i) => a[i * n + i]);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below; a JS array grows on assignment, so its initial length is unobservable
  const vec = new Array<T>(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vec[r * n + c] = v[r * n + order[c]];
  return { values, vectors: mat(n, n, vec), sweeps };
}
