import type { Field, Scalarish } from '../arith/field.ts';

/** A dense row-major matrix over a field's scalars. Vectors are n×1 matrices. Treated as immutable by convention. */
export interface Mat<T> {
  readonly rows: number;
  readonly cols: number;
  readonly data: T[];
}

export function mat<T>(rows: number, cols: number, data: T[]): Mat<T> {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`mat: shape must be non-negative integers, got ${rows}×${cols}`);
  }
  if (data.length !== rows * cols) throw new RangeError(`mat: ${rows}×${cols} needs ${rows * cols} entries, got ${data.length}`);
  return { rows, cols, data };
}

export function zeros<T>(F: Field<T>, rows: number, cols: number): Mat<T> {
  return mat(rows, cols, new Array<T>(rows * cols).fill(F.zero));
}

export function identity<T>(F: Field<T>, n: number): Mat<T> {
  const out = zeros(F, n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = F.one;
  return out;
}

/** Builds a matrix from nested rows of numbers or decimal strings (converted exactly, see Field.of). */
export function fromRows<T>(F: Field<T>, rows: readonly (readonly (Scalarish | T)[])[]): Mat<T> {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const data: T[] = [];
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new RangeError(`fromRows: row ${i} has ${rows[i].length} entries, expected ${c}`);
    for (const x of rows[i]) data.push(F.of(x));
  }
  return mat(r, c, data);
}

export function toRows<T>(A: Mat<T>): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < A.rows; i++) out.push(A.data.slice(i * A.cols, (i + 1) * A.cols));
  return out;
}

export function column<T>(F: Field<T>, xs: readonly (Scalarish | T)[]): Mat<T> {
  return mat(xs.length, 1, xs.map((x) => F.of(x)));
}

export function diag<T>(F: Field<T>, d: readonly T[], rows = d.length, cols = d.length): Mat<T> {
  const out = zeros(F, rows, cols);
  for (let i = 0; i < Math.min(d.length, rows, cols); i++) out.data[i * cols + i] = d[i];
  return out;
}

export function diagonal<T>(A: Mat<T>): T[] {
  const n = Math.min(A.rows, A.cols);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(A.data[i * A.cols + i]);
  return out;
}

export function get<T>(A: Mat<T>, i: number, j: number): T {
  return A.data[i * A.cols + j];
}

/** Converts between backends: float → exact is lossless (Field.of), exact → float rounds to nearest. */
export function convert<S, T>(from: Field<S>, to: Field<T>, A: Mat<S>): Mat<T> {
  return mat(A.rows, A.cols, A.data.map((x) => to.of(from.kind === 'exact' ? from.toString(x) : from.toNumber(x))));
}

export function toNumbers<T>(F: Field<T>, A: Mat<T>): Mat<number> {
  return mat(A.rows, A.cols, A.data.map((x) => F.toNumber(x)));
}

export function sameShape(A: Mat<unknown>, B: Mat<unknown>, what: string): void {
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new RangeError(`${what}: shapes differ, ${A.rows}×${A.cols} vs ${B.rows}×${B.cols}`);
  }
}

export function transpose<T>(A: Mat<T>): Mat<T> {
  const { rows, cols, data } = A;
  // Stryker disable next-line ArrayDeclaration: every index is assigned below; a JS array grows on assignment, so its initial length is unobservable
  const out = new Array<T>(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return mat(cols, rows, out);
}

export function map<T>(A: Mat<T>, f: (x: T, i: number) => T): Mat<T> {
  return mat(A.rows, A.cols, A.data.map(f));
}

export function add<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): Mat<T> {
  sameShape(A, B, 'add');
  return mat(A.rows, A.cols, A.data.map((x, i) => F.add(x, B.data[i])));
}

export function sub<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): Mat<T> {
  sameShape(A, B, 'sub');
  return mat(A.rows, A.cols, A.data.map((x, i) => F.sub(x, B.data[i])));
}

export function scale<T>(F: Field<T>, s: T, A: Mat<T>): Mat<T> {
  return mat(A.rows, A.cols, A.data.map((x) => F.mul(s, x)));
}

/** A + s·B, the update of every optimizer (X ← X − η D is axpy(X, −η, D)). */
export function axpy<T>(F: Field<T>, A: Mat<T>, s: T, B: Mat<T>): Mat<T> {
  sameShape(A, B, 'axpy');
  return mat(A.rows, A.cols, A.data.map((x, i) => F.add(x, F.mul(s, B.data[i]))));
}

export function hadamard<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): Mat<T> {
  sameShape(A, B, 'hadamard');
  return mat(A.rows, A.cols, A.data.map((x, i) => F.mul(x, B.data[i])));
}

/** Entrywise sign with sign(0) = 0: SignGD's direction (11). */
export function signEntrywise<T>(F: Field<T>, A: Mat<T>): Mat<T> {
  return mat(A.rows, A.cols, A.data.map((x) => F.sign(x)));
}

/** A·B, the plain triple loop (i-k-j order). */
export function matmul<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): Mat<T> {
  if (A.cols !== B.rows) throw new RangeError(`matmul: inner sizes differ, ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  const n = A.rows;
  const m = A.cols;
  const p = B.cols;
  const out = new Array<T>(n * p).fill(F.zero);
  // Skipping zero entries of A saves most of the work on the sparse aligned cases of exact mode, but 0·NaN must stay
  // NaN: skip only when B is finite.
  const skipZeros = isFiniteMat(F, B);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const a = A.data[i * m + k];
      // Stryker disable next-line ConditionalExpression: a speed-up; adding 0·b (b finite) leaves every sum unchanged
      if (skipZeros && F.isZero(a)) continue;
      for (let j = 0; j < p; j++) out[i * p + j] = F.add(out[i * p + j], F.mul(a, B.data[k * p + j]));
    }
  }
  return mat(n, p, out);
}

/** Frobenius inner product ⟨A, B⟩ = tr(AᵀB). */
export function inner<T>(F: Field<T>, A: Mat<T>, B: Mat<T>): T {
  sameShape(A, B, 'inner');
  let s = F.zero;
  for (let i = 0; i < A.data.length; i++) s = F.add(s, F.mul(A.data[i], B.data[i]));
  return s;
}

export function trace<T>(F: Field<T>, A: Mat<T>): T {
  let s = F.zero;
  for (let i = 0; i < Math.min(A.rows, A.cols); i++) s = F.add(s, A.data[i * A.cols + i]);
  return s;
}

/** (A + Aᵀ)/2: removes the rounding asymmetry of products like UUᵀ before a symmetric eigen-solver. */
export function symmetrize<T>(F: Field<T>, A: Mat<T>): Mat<T> {
  if (A.rows !== A.cols) throw new RangeError(`symmetrize: matrix must be square, got ${A.rows}×${A.cols}`);
  const half = F.div(F.one, F.of(2));
  const n = A.rows;
  const out = A.data.slice();
  // Stryker disable next-line EqualityOperator: for i = n the inner loop over j ∈ (i, n) is empty
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = F.mul(half, F.add(A.data[i * n + j], A.data[j * n + i]));
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return mat(n, n, out);
}

export function isFiniteMat<T>(F: Field<T>, A: Mat<T>): boolean {
  for (const x of A.data) if (!F.isFinite(x)) return false;
  return true;
}

/** max |a_ij|; NaN if any entry is NaN (as Math.max), so that a NaN matrix never looks like a zero one. */
export function maxAbs<T>(F: Field<T>, A: Mat<T>): T {
  let m = F.zero;
  for (const x of A.data) {
    const a = F.abs(x);
    if (!F.eq(a, a)) return a; // NaN (NaN < m and m < NaN are both false, so it would be skipped)
    if (F.lt(m, a)) m = a;
  }
  return m;
}

/**
 * float64 only: the exponent k of a power of two 2^k by which A should be divided so that sums of squares and
 * products of them (Jacobi's column norms and tests) neither overflow nor underflow; 0 (no scaling) when max|a_ij|
 * is within [2^-200, 2^200], when A is zero or non-finite, and for decimal fields (whose exponent range is huge).
 * Dividing by 2^k is exact in binary floating point.
 */
export function binaryScaleExponent<T>(F: Field<T>, A: Mat<T>): number {
  if (F.kind !== 'float64') return 0;
  let m = 0;
  for (const x of A.data) m = Math.max(m, Math.abs(F.toNumber(x)));
  if (m === 0 || !Number.isFinite(m) || (m >= 2 ** -200 && m <= 2 ** 200)) return 0;
  return Math.max(-1000, Math.min(1000, Math.floor(Math.log2(m))));
}

/** Columns j0..j1−1 of A. */
export function columns<T>(A: Mat<T>, j0: number, j1: number): Mat<T> {
  const c = j1 - j0;
  // Stryker disable next-line ArrayDeclaration: every index is assigned below; a JS array grows on assignment, so its initial length is unobservable
  const out = new Array<T>(A.rows * c);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < c; j++) out[i * c + j] = A.data[i * A.cols + j0 + j];
  return mat(A.rows, c, out);
}
