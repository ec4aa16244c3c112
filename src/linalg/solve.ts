import type { Field } from '../arith/field.ts';
import { mat, type Mat } from './mat.ts';

/**
 * A⁻¹ by Gauss–Jordan elimination with partial pivoting, over any field (no square roots: in decimal it is exact
 * whenever the quotients are finite decimals). Throws on a singular matrix.
 */
export function inverse<T>(F: Field<T>, A: Mat<T>): Mat<T> {
  const n = A.rows;
  if (A.cols !== n) throw new RangeError(`inverse: matrix must be square, got ${A.rows}×${A.cols}`);
  const w = 2 * n;
  // Stryker disable next-line ArrayDeclaration: every index is assigned below; a JS array grows on assignment, so its initial length is unobservable
  const a: T[] = new Array(n * w);
  // Stryker disable next-line EqualityOperator: one extra row i = n writes past the end of the work array, which is never read
  for (let i = 0; i < n; i++) {
    // Stryker disable next-line EqualityOperator: the extra j = n entry lands in the identity block and is overwritten on the next line
    for (let j = 0; j < n; j++) a[i * w + j] = A.data[i * n + j];
    // Stryker disable next-line EqualityOperator: the extra j = n entry is the next row's first entry, overwritten when that row is filled (or past the end)
    for (let j = 0; j < n; j++) a[i * w + n + j] = i === j ? F.one : F.zero;
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (F.lt(F.abs(a[p * w + c]), F.abs(a[i * w + c]))) p = i;
    if (F.isZero(a[p * w + c])) throw new RangeError('inverse: matrix is singular');
    // Stryker disable next-line ConditionalExpression: swapping a row with itself changes nothing
    if (p !== c) for (let j = 0; j < w; j++) [a[p * w + j], a[c * w + j]] = [a[c * w + j], a[p * w + j]];
    const piv = a[c * w + c];
    for (let j = 0; j < w; j++) a[c * w + j] = F.div(a[c * w + j], piv);
    for (let i = 0; i < n; i++) {
      if (i === c || F.isZero(a[i * w + c])) continue;
      const f = a[i * w + c];
      for (let j = 0; j < w; j++) a[i * w + j] = F.sub(a[i * w + j], F.mul(f, a[c * w + j]));
    }
  }
  const out: T[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.push(a[i * w + n + j]);
  return mat(n, n, out);
}
