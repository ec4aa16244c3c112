import { mat, transpose, type Mat } from '../linalg/mat.ts';
import type { Rng } from './rng.ts';

/** Throws a RangeError naming `name` unless n is an integer ≥ 1. */
export function positiveInt(fn: string, name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: ${name} must be a positive integer (≥ 1), got ${n}`);
}

/** rows×cols matrix of iid standard Gaussians. */
export function gaussian(rng: Rng, rows: number, cols: number): Mat<number> {
  positiveInt('gaussian', 'rows', rows);
  positiveInt('gaussian', 'cols', cols);
  const data = new Array<number>(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return mat(rows, cols, data);
}

/**
 * A Haar-distributed d×k matrix: orthonormal columns (QᵀQ = I_k) when k ≤ d, orthonormal rows (QQᵀ = I_d) when k > d.
 *
 * Householder QR of a Gaussian d×k, then column j multiplied by sign(R_jj) (Mezzadri 2007), which makes R's diagonal
 * positive and the factorisation unique: without it Q inherits QR's sign convention (here R_jj = −sign(x₀)‖x‖, so Q₀₀
 * would always be ≤ 0) and is not Haar. Householder rather than Gram–Schmidt: ‖QᵀQ − I‖ = O(d·u) whatever the
 * conditioning of the Gaussian.
 */
export function haar(rng: Rng, d: number, k: number): Mat<number> {
  positiveInt('haar', 'd', d);
  positiveInt('haar', 'k', k);
  if (k > d) return transpose(haar(rng, k, d));
  const a = gaussian(rng, d, k).data; // row-major d×k, overwritten by R above the diagonal
  const vs: Float64Array[] = [];
  const rSign: number[] = [];
  for (let j = 0; j < k; j++) {
    const m = d - j;
    const v = new Float64Array(m);
    let norm2 = 0;
    for (let i = 0; i < m; i++) {
      v[i] = a[(j + i) * k + j];
      norm2 += v[i] * v[i];
    }
    const norm = Math.sqrt(norm2);
    // alpha = −sign(x₀)‖x‖ avoids cancellation in v₀ = x₀ − alpha; R_jj = alpha.
    const alpha = v[0] >= 0 ? -norm : norm;
    rSign.push(alpha >= 0 ? 1 : -1);
    v[0] -= alpha;
    let vv = 0;
    for (let i = 0; i < m; i++) vv += v[i] * v[i];
    if (vv > 0) {
      const s = Math.sqrt(2 / vv); // scale so that H = I − v vᵀ
      for (let i = 0; i < m; i++) v[i] *= s;
    }
    vs.push(v);
    for (let c = j; c < k; c++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += v[i] * a[(j + i) * k + c];
      for (let i = 0; i < m; i++) a[(j + i) * k + c] -= dot * v[i];
    }
  }
  // Q = H₀ ⋯ H_{k−1} [I_k; 0], applied from the last reflector back.
  const q = new Array<number>(d * k).fill(0);
  for (let j = 0; j < k; j++) q[j * k + j] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const v = vs[j];
    const m = d - j;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += v[i] * q[(j + i) * k + c];
      if (dot === 0) continue;
      for (let i = 0; i < m; i++) q[(j + i) * k + c] -= dot * v[i];
    }
  }
  for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) q[i * k + c] *= rSign[c];
  return mat(d, k, q);
}

/**
 * max |(QᵀQ − I)ᵢⱼ| for a tall or square Q, max |(QQᵀ − I)ᵢⱼ| for a wide one: how far Q is from O^{d×k}.
 */
export function orthonormalityError(Q: Mat<number>): number {
  const wide = Q.cols > Q.rows;
  const n = wide ? Q.rows : Q.cols;
  const len = wide ? Q.cols : Q.rows;
  const at = (vec: number, t: number): number => (wide ? Q.data[vec * Q.cols + t] : Q.data[t * Q.cols + vec]);
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let t = 0; t < len; t++) s += at(a, t) * at(b, t);
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}
