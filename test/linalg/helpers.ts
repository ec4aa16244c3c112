/**
 * Shared generators and measurements for the linear-algebra unit tests (not a test file itself).
 * Matrix entries are drawn as scaled integers, never with fc.double (numerics.md: fc.double is uniform over bit
 * patterns, so most draws would be tiny or subnormal).
 */
import { givensInField, givensOrthogonal as givensFrom } from '../../src/random/givens.ts';
import { rng } from '../../src/random/rng.ts';
import fc from 'fast-check';
import type { Field } from '../../src/arith/field.ts';
import { float64 } from '../../src/arith/float64.ts';
import { columns, fromRows, identity, mat, matmul, transpose, type Mat } from '../../src/linalg/mat.ts';

/** An entry k/2^20 with |k| ≤ 2^20: uniform-ish on [−1, 1], exactly representable in both backends. */
export const entry = fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((k) => k / 2 ** 20);

/** A rows×cols array of entries. */
export function rowsArb(rows: number, cols: number): fc.Arbitrary<number[][]> {
  return fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}

/** A matrix with random shape in [1, maxDim]² and scaled-integer entries. */
export function anyRowsArb(maxDim: number, minDim = 1): fc.Arbitrary<number[][]> {
  return fc
    .record({ r: fc.integer({ min: minDim, max: maxDim }), c: fc.integer({ min: minDim, max: maxDim }) })
    .chain(({ r, c }) => rowsArb(r, c));
}

/**
 * An n×n orthogonal matrix with finite-decimal entries (src/random/givens.ts; `shift` picks the seed): exactly
 * orthogonal in decimal arithmetic, orthogonal to ~n·u in float64.
 */
export function givensOrthogonal<T>(F: Field<T>, n: number, shift = 0): Mat<T> {
  return givensInField(F, givensFrom(rng(`linalg-test-${shift}`), n));
}

/** U diag(d) Vᵀ with U = first min(m,n) columns of an m×m Givens product (likewise V), d given as Field values. */
export function fromSvd<T>(F: Field<T>, m: number, n: number, d: readonly T[], shiftU = 0, shiftV = 3): Mat<T> {
  const k = d.length;
  const U = columns(givensOrthogonal(F, m, shiftU), 0, k);
  const V = columns(givensOrthogonal(F, n, shiftV), 0, k);
  const D = mat(k, k, new Array<T>(k * k).fill(F.zero));
  for (let i = 0; i < k; i++) D.data[i * k + i] = d[i];
  return matmul(F, matmul(F, U, D), transpose(V));
}

/** max |a_ij − b_ij| as a number. */
export function maxAbsDiff<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): number {
  if (A.rows !== B.rows || A.cols !== B.cols) throw new RangeError(`maxAbsDiff: shapes differ`);
  let m = 0;
  for (let i = 0; i < A.data.length; i++) m = Math.max(m, Math.abs(F.toNumber(F.sub(A.data[i], B.data[i]))));
  return m;
}

/** ‖QᵀQ − I‖_max: how far the columns of Q are from orthonormal. */
export function orthoDefect<T>(F: Field<T>, Q: Mat<T>): number {
  return maxAbsDiff(F, matmul(F, transpose(Q), Q), identity(F, Q.cols));
}

/** Float64 matrix from nested rows. */
export function fmat(rows: readonly (readonly number[])[]): Mat<number> {
  return fromRows(float64, rows);
}

/** Largest |x| of a matrix, as a number. */
export function maxAbsNum<T>(F: Field<T>, A: Mat<T>): number {
  let m = 0;
  for (const x of A.data) m = Math.max(m, Math.abs(F.toNumber(x)));
  return m;
}

/** Relative error |a − b|/|b| of two numbers (b ≠ 0). */
export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** A plain float64 rows array of a matrix, for ml-matrix. */
export function toRowsNum<T>(F: Field<T>, A: Mat<T>): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < A.rows; i++) {
    const r: number[] = [];
    for (let j = 0; j < A.cols; j++) r.push(F.toNumber(A.data[i * A.cols + j]));
    out.push(r);
  }
  return out;
}
