import type { Decimal } from '../arith/exact.ts';
import { exactField } from '../arith/exact.ts';
import type { Field } from '../arith/field.ts';
import { mat, transpose, type Mat } from '../linalg/mat.ts';
import { positiveInt } from './matrices.ts';
import type { Rng } from './rng.ts';

/**
 * Rational points (c, s) on the unit circle with finite decimal expansions (from the Pythagorean triples 3-4-5,
 * 7-24-25 and 44-117-125): a rotation by them has exact decimal entries, and so has any product of such rotations.
 */
export const DECIMAL_CIRCLE_POINTS: readonly (readonly [string, string])[] = [
  ['0.6', '0.8'],
  ['0.8', '0.6'],
  ['0.28', '0.96'],
  ['0.96', '0.28'],
  ['0.936', '0.352'],
  ['0.352', '0.936'],
];

/** Rows i and j become (c·row_i − s·row_j, s·row_i + c·row_j). */
export interface GivensRotation {
  readonly i: number;
  readonly j: number;
  readonly c: string;
  readonly s: string;
}

/** A matrix with orthonormal columns (rows when cols > rows) and finite-decimal entries. Plain data (JSON-safe). */
export interface GivensMatrix {
  readonly rows: number;
  readonly cols: number;
  /** The orthogonal factor's size: the Givens rotations act in ℝ^n, n = max(rows, cols). */
  readonly n: number;
  readonly rotations: GivensRotation[];
  /** Row permutation applied after the rotations (row t of the result is row permutation[t]). */
  readonly permutation: number[];
  /** Row signs applied last. */
  readonly signs: (1 | -1)[];
  /** Decimal digits at which the product was computed; ≥ 3·rotations + 1, so nothing rounded (see the check). */
  readonly precision: number;
  /** Exact entries as decimal strings, row-major. */
  readonly entries: Mat<string>;
  /** Nearest doubles of the entries: orthonormal only up to about u. */
  readonly Q: Mat<number>;
}

/** The most rotations: keeps the exact check's precision (≈ 6 digits per rotation) under the backend's 1000. */
export const MAX_ROTATIONS = 150;

export interface GivensOptions {
  /** Number of rotations (default min(2n, 150), 0 for n = 1); each adds at most 3 decimal places to the entries. */
  readonly rotations?: number;
  /** Random row permutation (default true). */
  readonly permute?: boolean;
  /** Random row sign flips (default true; the determinant may then be −1). */
  readonly flipSigns?: boolean;
}

/** Decimal-string entries in a field: exact in the decimal backend (at precision ≥ the entries' digits). */
export function decimalsInField<T>(F: Field<T>, entries: Mat<string>): Mat<T> {
  return mat(entries.rows, entries.cols, entries.data.map((x) => F.of(x)));
}

/** A GivensMatrix's entries in a field (exact at precision ≥ g.precision; float64 rounds to nearest). */
export function givensInField<T>(F: Field<T>, g: GivensMatrix): Mat<T> {
  return decimalsInField(F, g.entries);
}

/**
 * True when QᵀQ = I (tall or square Q) or QQᵀ = I (wide Q) holds exactly in decimal. Entries with p decimal places
 * and |entry| ≤ 1 give products with ≤ 2p places and sums below n, so at 2p + digits(n) + 2 digits nothing rounds in
 * the check itself: equality is exact orthonormality, not agreement to some tolerance.
 */
export function isExactlyOrthonormal(entries: Mat<string>): boolean {
  let places = 0;
  let big = 1;
  for (const x of entries.data) {
    const dot = x.indexOf('.');
    if (/e/i.test(x)) throw new RangeError(`isExactlyOrthonormal: entries must be in plain decimal notation, got ${x}`);
    places = Math.max(places, dot < 0 ? 0 : x.length - dot - 1);
    big = Math.max(big, Math.abs(Number(x)));
  }
  const n = Math.max(entries.rows, entries.cols);
  const precision = 2 * places + String(Math.ceil(big * big * n)).length + 2;
  const F = exactField(precision);
  const A = decimalsInField(F, entries);
  const wide = A.cols > A.rows;
  const m = wide ? A.rows : A.cols;
  const len = wide ? A.cols : A.rows;
  const at = (v: number, t: number): Decimal => (wide ? A.data[v * A.cols + t] : A.data[t * A.cols + v]);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      let s = F.zero;
      for (let t = 0; t < len; t++) s = F.add(s, F.mul(at(a, t), at(b, t)));
      if (!F.eq(s, a === b ? F.one : F.zero)) return false;
    }
  }
  return true;
}

function checkRotations(n: number, rotations: number | undefined): number {
  const count = rotations ?? (n === 1 ? 0 : Math.min(2 * n, MAX_ROTATIONS));
  if (!Number.isInteger(count) || count < 0 || count > MAX_ROTATIONS) {
    throw new RangeError(`givens: rotations must be an integer in [0, ${MAX_ROTATIONS}], got ${rotations}`);
  }
  if (n === 1 && count > 0) throw new RangeError('givens: rotations must be 0 when d = 1 (no plane to rotate in)');
  return count;
}

/** An n×n orthogonal matrix with finite-decimal entries: random Givens rotations, then a row permutation and signs. */
export function givensOrthogonal(rng: Rng, d: number, options: GivensOptions = {}): GivensMatrix {
  positiveInt('givensOrthogonal', 'd', d);
  const count = checkRotations(d, options.rotations);
  const precision = 3 * count + 10; // entries have ≤ 3·count decimal places and |entry| ≤ 1
  const F = exactField(precision);
  const q = Array.from({ length: d * d }, (_, t) => (t % (d + 1) === 0 ? F.one : F.zero));
  const rotations: GivensRotation[] = [];
  for (let t = 0; t < count; t++) {
    const i = rng.int(0, d - 1);
    let j = rng.int(0, d - 2);
    if (j >= i) j++; // a uniform plane i ≠ j
    const [c0, s0] = rng.pick(DECIMAL_CIRCLE_POINTS);
    const c = rng.sign() < 0 ? `-${c0}` : c0;
    const s = rng.sign() < 0 ? `-${s0}` : s0;
    rotations.push({ i, j, c, s });
    const cf = F.of(c);
    const sf = F.of(s);
    for (let col = 0; col < d; col++) {
      const a = q[i * d + col];
      const b = q[j * d + col];
      q[i * d + col] = F.sub(F.mul(cf, a), F.mul(sf, b));
      q[j * d + col] = F.add(F.mul(sf, a), F.mul(cf, b));
    }
  }
  const permutation = options.permute === false ? Array.from({ length: d }, (_, t) => t) : rng.permutation(d);
  const signs = Array.from({ length: d }, () => (options.flipSigns === false ? 1 : rng.sign()));
  const data: string[] = [];
  for (let row = 0; row < d; row++) {
    for (let col = 0; col < d; col++) {
      const x = q[permutation[row] * d + col];
      data.push((signs[row] < 0 ? F.neg(x) : x).toFixed());
    }
  }
  const entries = mat(d, d, data);
  // The run-time proof asked of exact inputs: had any product rounded, QᵀQ would miss I.
  if (!isExactlyOrthonormal(entries)) throw new Error(`givensOrthogonal: product is not exactly orthogonal at ${precision} digits (internal error)`);
  return { rows: d, cols: d, n: d, rotations, permutation, signs, precision, entries, Q: mat(d, d, data.map(Number)) };
}

/**
 * The first k columns of givensOrthogonal(rng, d): orthonormal columns for k ≤ d. For k > d, the transpose of
 * givensOrthonormalColumns(rng, k, d): a d×k matrix with orthonormal rows (OOᵀ = I_d, Theorem 1(a)'s start).
 */
export function givensOrthonormalColumns(rng: Rng, d: number, k: number, options: GivensOptions = {}): GivensMatrix {
  positiveInt('givensOrthonormalColumns', 'd', d);
  positiveInt('givensOrthonormalColumns', 'k', k);
  if (k > d) {
    const t = givensOrthonormalColumns(rng, k, d, options);
    return { ...t, rows: d, cols: k, entries: transpose(t.entries), Q: transpose(t.Q) };
  }
  const full = givensOrthogonal(rng, d, options);
  const pick = <T>(A: Mat<T>): Mat<T> => mat(d, k, A.data.filter((_, t) => t % d < k));
  return { ...full, cols: k, entries: pick(full.entries), Q: pick(full.Q) };
}
