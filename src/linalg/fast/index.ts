import { float64 } from '../../arith/float64.ts';
import type { LinAlg } from '../backend.ts';
import type { Eigh } from '../eigh.ts';
import { binaryScaleExponent, mat, type Mat } from '../mat.ts';
import { jacobiEig } from './eigen.ts';
import { defaultEngine, type Engine } from './engine.ts';
import { copyIn, copyOut, newArray } from './kernels.ts';
import { msignFast, svdFast } from './msign.ts';

export { msignFast, svdFast, msignWith, svdWith, JACOBI_MAX_K, lastFastSvdInfo } from './msign.ts';
export { defaultEngine, jsEngine, wasmEngine, type Engine } from './engine.ts';
export { newArray } from './kernels.ts';
export { msignMlMatrix, svdMlMatrix } from './mlmatrix.ts';

function inner(n: number, m: number, m2: number, p: number): void {
  if (m !== m2) throw new RangeError(`matmul: inner sizes differ, ${n}×${m} · ${m2}×${p}`);
}

/**
 * The three products of LinAlg, through the nn kernel: every entry is summed in the generic triple loop's order
 * (mat.ts matmul, and plain()'s matmul(Aᵀ, B), matmul(A, Bᵀ)), so for finite inputs the results are bit-identical
 * to floatPlain's — only faster. Aᵀ or Bᵀ are formed in the heap first (O(size)).
 */
export function matmulWith(E: Engine, A: Mat<number>, B: Mat<number>): Mat<number> {
  const n = A.rows;
  const m = A.cols;
  const p = B.cols;
  inner(n, m, B.rows, p);
  const h = E.heap;
  h.reset();
  const a = h.alloc(n * m);
  const b = h.alloc(m * p);
  const c = h.alloc(n * p);
  const F = h.f64;
  copyIn(A.data, F, a, n * m);
  copyIn(B.data, F, b, m * p);
  E.K.nn(a * 8, b * 8, c * 8, n, m, p, 0);
  return mat(n, p, copyOut(F, c, n * p));
}

/** AᵀB (as the generic matmul(Aᵀ, B)); when B is A (UᵀU) half the work, and exactly symmetric. */
export function matmulTNWith(E: Engine, A: Mat<number>, B: Mat<number>): Mat<number> {
  const r = A.rows;
  const n = A.cols;
  const p = B.cols;
  // the generic route is matmul(Aᵀ, B): report the shapes as it would
  inner(n, r, B.rows, p);
  const same = A === B || A.data === B.data;
  const h = E.heap;
  h.reset();
  const a = h.alloc(r * n);
  const at = h.alloc(n * r);
  const b = same ? a : h.alloc(r * p);
  const c = h.alloc(n * p);
  const F = h.f64;
  copyIn(A.data, F, a, r * n);
  E.K.tr(a * 8, r, n, at * 8);
  if (!same) copyIn(B.data, F, b, r * p);
  E.K.nn(at * 8, b * 8, c * 8, n, r, p, same ? 1 : 0);
  return mat(n, p, copyOut(F, c, n * p));
}

/** ABᵀ (as the generic matmul(A, Bᵀ)); when B is A (UUᵀ) half the work, and exactly symmetric. */
export function matmulNTWith(E: Engine, A: Mat<number>, B: Mat<number>): Mat<number> {
  const n = A.rows;
  const m = A.cols;
  const p = B.rows;
  inner(n, m, B.cols, p);
  const same = A === B || A.data === B.data;
  const h = E.heap;
  h.reset();
  const a = h.alloc(n * m);
  const b = h.alloc(p * m);
  const bt = h.alloc(m * p);
  const c = h.alloc(n * p);
  const F = h.f64;
  copyIn(A.data, F, a, n * m);
  copyIn(B.data, F, b, p * m);
  E.K.tr(b * 8, p, m, bt * 8);
  E.K.nn(a * 8, bt * 8, c * 8, n, m, p, same ? 1 : 0);
  return mat(n, p, copyOut(F, c, n * p));
}

/**
 * The factored matrix-factorisation gradient U(UᵀU) − (VΛ)(UᵀV)ᵀ of mf.ts in one pass over the heap: the same four
 * products in the same summation order as matmulTN/matmulNT, and the same subtraction, so the result is
 * bit-identical to `matrixFactorization(fastFloat, {V, lambdas}, k).grad(U)` (and to floatPlain's) — without three of
 * the four copies of U into the heap, the intermediate number[] arrays and the generic entrywise subtraction
 * (measured at 100×20: 0.016 ms against 0.028 ms). Not yet called by mf.ts: it needs an optional
 * `LinAlg.mfGrad(U, V, VL)` hook there (see the performance notes of the fast route).
 */
export function mfGradWith(E: Engine, U: Mat<number>, V: Mat<number>, VL: Mat<number>): Mat<number> {
  const d = U.rows;
  const k = U.cols;
  const r = V.cols;
  if (V.rows !== d || VL.rows !== d || VL.cols !== r) throw new RangeError(`mfGrad: U is ${d}×${k}, V ${V.rows}×${r}, VΛ ${VL.rows}×${VL.cols}`);
  const h = E.heap;
  h.reset();
  const u = h.alloc(d * k);
  const ut = h.alloc(k * d);
  const v = h.alloc(d * r);
  const vl = h.alloc(d * r);
  const utu = h.alloc(k * k);
  const utv = h.alloc(k * r);
  const utvt = h.alloc(r * k);
  const a = h.alloc(d * k);
  const b = h.alloc(d * k);
  const F = h.f64;
  copyIn(U.data, F, u, d * k);
  copyIn(V.data, F, v, d * r);
  copyIn(VL.data, F, vl, d * r);
  E.K.tr(u * 8, d, k, ut * 8);
  E.K.nn(ut * 8, u * 8, utu * 8, k, d, k, 1); // UᵀU (matmulTN(U, U)), exactly symmetric: its transpose is itself
  E.K.nn(ut * 8, v * 8, utv * 8, k, d, r, 0); // UᵀV (matmulTN(U, V))
  E.K.tr(utv * 8, k, r, utvt * 8);
  E.K.nn(u * 8, utu * 8, a * 8, d, k, k, 0); // U(UᵀU)ᵀ (matmulNT(U, UᵀU))
  E.K.nn(vl * 8, utvt * 8, b * 8, d, r, k, 0); // (VΛ)(UᵀV)ᵀ (matmulNT(VΛ, UᵀV))
  const out = newArray(d * k);
  for (let i = 0; i < d * k; i++) out[i] = F[a + i] - F[b + i];
  return mat(d, k, out);
}

export const mfGradFast = (U: Mat<number>, V: Mat<number>, VL: Mat<number>): Mat<number> => mfGradWith(defaultEngine, U, V, VL);

export const matmulFast = (A: Mat<number>, B: Mat<number>): Mat<number> => matmulWith(defaultEngine, A, B);
export const matmulTNFast = (A: Mat<number>, B: Mat<number>): Mat<number> => matmulTNWith(defaultEngine, A, B);
export const matmulNTFast = (A: Mat<number>, B: Mat<number>): Mat<number> => matmulNTWith(defaultEngine, A, B);

/**
 * Symmetric eigen-decomposition with the generic eigh's contract and algorithm (cyclic Jacobi, same skip tests, same
 * operation order, same stable descending sort), on a flat Float64Array: the results are bit-identical to
 * `eigh(float64, S)`, only without the per-operation closures.
 */
export function eighFast(S: Mat<number>): Eigh<number> {
  const n = S.rows;
  if (S.cols !== n) throw new RangeError(`eigh: matrix must be square, got ${S.rows}×${S.cols}`);
  const data = S.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (data[i * n + j] !== data[j * n + i]) {
        throw new RangeError(`eigh: matrix must be symmetric; entry (${i},${j}) differs from (${j},${i}) (symmetrize it first)`);
      }
    }
  }
  for (const x of data) if (!Number.isFinite(x)) throw new RangeError('eigh: matrix has a non-finite entry (NaN or ±Infinity)');
  // as eigh.ts: entries beyond ~1e±60 (2^±200) are scaled by an exact power of two first
  const e = binaryScaleExponent(float64, S);
  if (e !== 0) {
    const f = 2 ** -e;
    const r = eighFast(mat(n, n, data.map((x) => f * x)));
    const back = 2 ** e;
    return { ...r, values: r.values.map((x) => back * x) };
  }
  const a = new Float64Array(2 * n * n);
  copyIn(data, a, 0, n * n);
  const sweeps = jacobiEig(a, 0, n * n, n, n * float64.unitRoundoff);
  const W = a.subarray(n * n);
  const cmp = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => cmp(a[j * n + j], a[i * n + i]));
  const values = order.map((i) => a[i * n + i]);
  const vec = new Array<number>(n * n).fill(0);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vec[r * n + c] = W[order[c] * n + r];
  return { values, vectors: mat(n, n, vec), sweeps };
}

/**
 * The fast float64 backend: Float64 kernels for the products, the Gram-preconditioned Jacobi msign/SVD (msign.ts)
 * and a flat Jacobi eigh. Every kernel is checked against `floatPlain` (the generic code on float64) and ml-matrix in
 * test/linalg/fast.test.ts.
 */
export const fastFloat: LinAlg<number> = {
  F: float64,
  name: 'float64',
  matmul: matmulFast,
  matmulTN: matmulTNFast,
  matmulNT: matmulNTFast,
  msign: (G) => msignFast(G),
  svd: svdFast,
  eigh: eighFast,
  mfGrad: (U, V, VL) => mfGradFast(U, V, VL),
};
