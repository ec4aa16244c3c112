/**
 * The arithmetic backend: every algorithm and problem of muon-claims is written once against this interface and
 * runs unchanged in float64 (`float64`) or in decimal arithmetic at a chosen precision (`exactField(P)`).
 */
export type Scalarish = number | string | bigint;

export interface Field<T> {
  /**
   * 'float64', 'exact' (decimal or rational), 'double-double' (double-double.ts: ~32 digits, each operation with a
   * relative error ≤ unitRoundoff; algorithms treat it like any inexact non-float64 field) or 'bf16' (bf16.ts:
   * bfloat16, 8-bit significand, each operation rounded to nearest even; the practical-Muon variants' Newton–Schulz).
   */
  readonly kind: 'float64' | 'exact' | 'double-double' | 'bf16';
  /** Significant decimal digits of each rounded operation (float64: 15.95, reported as 16). */
  readonly precision: number;
  /** Unit roundoff as a plain number: 2^-53 in float64, 2^-8 in bf16, ½·10^(1−P) in decimal at precision P. */
  readonly unitRoundoff: number;
  readonly zero: T;
  readonly one: T;
  /**
   * Converts without loss where the target can hold the value: a double becomes the decimal of its exact binary
   * value (rounded only to the precision), a decimal string is parsed as a decimal (not through a double).
   */
  of(x: Scalarish | T): T;
  toNumber(a: T): number;
  toString(a: T): string;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  abs(a: T): T;
  /**
   * Square root, correctly rounded in float64 and decimal (the only non-exact operation an algorithm may need); in
   * double-double within unitRoundoff (relative).
   */
  sqrt(a: T): T;
  /** −1, 0 or 1, with sign(0) = 0 (also for −0). NaN gives NaN in float64. */
  sign(a: T): T;
  /** −1, 0, 1; NaN compares as NaN. */
  cmp(a: T, b: T): number;
  lt(a: T, b: T): boolean;
  le(a: T, b: T): boolean;
  eq(a: T, b: T): boolean;
  isZero(a: T): boolean;
  isFinite(a: T): boolean;
  max(a: T, b: T): T;
  min(a: T, b: T): T;
}

/** a^n for a non-negative integer n by repeated squaring: only products, so exact wherever the products are. */
export function powInt<T>(F: Field<T>, a: T, n: number): T {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`powInt: exponent n must be a non-negative integer, got ${n}`);
  let result = F.one;
  let base = a;
  let k = n;
  while (k > 0) {
    if (k & 1) result = F.mul(result, base);
    k = Math.floor(k / 2); // not k >>>= 1: that truncates exponents ≥ 2^32
    if (k > 0) base = F.mul(base, base);
  }
  return result;
}

/** Sum of a list, left to right. */
export function sum<T>(F: Field<T>, xs: readonly T[]): T {
  let s = F.zero;
  for (const x of xs) s = F.add(s, x);
  return s;
}

/**
 * The unit roundoff as a value of the field itself. `F.unitRoundoff` is a double, which underflows to 0 beyond about
 * 323 decimal digits (5·10^-480 is not a double): tolerances built from it would silently become 0 — a Jacobi sweep
 * that never ends, a rank cut-off that keeps rounding noise. Exact fields give 5·10^-P directly.
 */
export function unitRoundoffOf<T>(F: Field<T>): T {
  if (F.kind === 'exact' && Number.isFinite(F.precision) && F.precision > 0) return F.of(`5e-${F.precision}`);
  return F.of(F.unitRoundoff);
}
