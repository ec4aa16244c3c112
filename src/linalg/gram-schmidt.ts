import type { Field } from '../arith/field.ts';
import { mat, type Mat } from './mat.ts';

/**
 * Orthonormal columns (tall or square A) or rows (wide A) by modified Gram–Schmidt, run twice ("twice is enough",
 * Giraud et al. 2005). Meant for inputs already orthonormal to ~1e-16 that must be orthonormal at a higher decimal
 * precision (a float Haar O or eigenbasis V read exactly); not a rank-revealing factorisation.
 */
export function orthonormalize<T>(F: Field<T>, A: Mat<T>): Mat<T> {
  const wide = A.cols > A.rows;
  const n = wide ? A.rows : A.cols; // number of vectors
  const len = wide ? A.cols : A.rows;
  const vecs: T[][] = [];
  for (let v = 0; v < n; v++) vecs.push(Array.from({ length: len }, (_, t) => (wide ? A.data[v * A.cols + t] : A.data[t * A.cols + v])));
  for (let pass = 0; pass < 2; pass++) {
    for (let v = 0; v < n; v++) {
      const x = vecs[v];
      for (let u = 0; u < v; u++) {
        const y = vecs[u];
        let dot = F.zero;
        for (let t = 0; t < len; t++) dot = F.add(dot, F.mul(x[t], y[t]));
        for (let t = 0; t < len; t++) x[t] = F.sub(x[t], F.mul(dot, y[t]));
      }
      let nn = F.zero;
      for (let t = 0; t < len; t++) nn = F.add(nn, F.mul(x[t], x[t]));
      const norm = F.sqrt(nn);
      for (let t = 0; t < len; t++) x[t] = F.div(x[t], norm);
    }
  }
  const data = new Array<T>(A.rows * A.cols);
  for (let v = 0; v < n; v++) for (let t = 0; t < len; t++) data[wide ? v * A.cols + t : t * A.cols + v] = vecs[v][t];
  return mat(A.rows, A.cols, data);
}
