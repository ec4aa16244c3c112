import { Matrix, SVD } from 'ml-matrix';
import { float64 } from '../../arith/float64.ts';
import { mat, type Mat } from '../mat.ts';
import { defaultRankCutoff, type MsignOptions } from '../msign.ts';
import type { Svd } from '../svd.ts';

/** Mat<number> → ml-matrix Matrix. */
export function toMlMatrix(A: Mat<number>): Matrix {
  const rows: number[][] = [];
  for (let i = 0; i < A.rows; i++) rows.push(A.data.slice(i * A.cols, (i + 1) * A.cols));
  return new Matrix(rows);
}

/** ml-matrix Matrix → Mat<number>. */
export function fromMlMatrix(M: Matrix): Mat<number> {
  const out = new Array<number>(M.rows * M.columns).fill(0);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.columns; j++) out[i * M.columns + j] = M.get(i, j);
  return mat(M.rows, M.columns, out);
}

/**
 * Thin SVD through ml-matrix (JAMA's Golub–Kahan, `autoTranspose` for wide inputs), in the generic svd's shape:
 * U m×n', s descending, V n×n', n' = min(m, n). An independent cross-check of the Jacobi routes; its small singular
 * values are accurate only to about u·σ_max absolutely (no relative accuracy).
 */
export function svdMlMatrix(A: Mat<number>): Svd<number> {
  const m = A.rows;
  const n = A.cols;
  const r = Math.min(m, n);
  const sv = new SVD(toMlMatrix(A), { autoTranspose: true });
  const U = sv.leftSingularVectors;
  const V = sv.rightSingularVectors;
  const s = sv.diagonal.slice(0, r);
  const Ud = new Array<number>(m * r).fill(0);
  const Vd = new Array<number>(n * r).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) Ud[i * r + j] = U.get(i, j);
  for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) Vd[i * r + j] = V.get(i, j);
  return { U: mat(m, r, Ud), s, V: mat(n, r, Vd), sweeps: 0 };
}

/**
 * msign through ml-matrix's SVD: the plain route (the benchmark's baseline and a cross-check). Same relative cut-off
 * as the generic msign (defaultRankCutoff, max(m, n)·2u; exact zeros dropped). Note that ml-matrix leaves rounding
 * noise of about u·σ_max on the singular values of a rank-deficient input, which this cut-off removes.
 */
export function msignMlMatrix(G: Mat<number>, options: MsignOptions = {}): Mat<number> {
  const m = G.rows;
  const n = G.cols;
  if (m === 0 || n === 0) return mat(m, n, []);
  for (const x of G.data) if (!Number.isFinite(x)) throw new RangeError('msignMlMatrix: matrix has a non-finite entry (NaN or ±Infinity)');
  const cutoff = options.cutoff ?? defaultRankCutoff(float64, m, n);
  const sv = new SVD(toMlMatrix(G), { autoTranspose: true });
  return msignFromMl(sv, m, n, cutoff);
}

/** U_r V_rᵀ from an ml-matrix SVD object (r = number of σ > cutoff·σ_max, σ ≠ 0). */
export function msignFromMl(sv: SVD, m: number, n: number, cutoff: number): Mat<number> {
  const U = sv.leftSingularVectors.to2DArray();
  const V = sv.rightSingularVectors.to2DArray();
  const s = sv.diagonal;
  const k = Math.min(m, n);
  let smax = 0;
  for (let j = 0; j < k; j++) if (s[j] > smax) smax = s[j];
  const thr = cutoff * smax;
  const keep: number[] = [];
  for (let j = 0; j < k; j++) if (s[j] > thr && s[j] > 0) keep.push(j);
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) {
    const ui = U[i];
    for (let l = 0; l < n; l++) {
      const vl = V[l];
      let acc = 0;
      for (const j of keep) acc += ui[j] * vl[j];
      out[i * n + l] = acc;
    }
  }
  return mat(m, n, out);
}
