import { Decimal } from 'decimal.js';
import { exactDecimalString } from './exact.ts';
import type { Field, Scalarish } from './field.ts';

/*
 * Double-double arithmetic: a value is an unevaluated sum hi + lo of two doubles with |lo| ≤ ulp(hi)/2 (normalised),
 * about 106 significant bits (≈ 32 decimal digits) at a few times the cost of a double — the middle rung of the
 * confirmation ladder (ladder.ts), between float64 and decimal.
 *
 * Algorithms (Dekker 1971; Hida, Li & Bailey's QD library; error bounds from Joldes, Muller & Popescu, "Tight and
 * rigorous error bounds for basic building blocks of double-word arithmetic", ACM TOMS 44, 2017), with u = 2^-53:
 *  - add/sub: the accurate double-word sum (two TwoSums, two renormalisations): relative error ≤ 3u² + 13u³;
 *  - mul: TwoProd of the high parts (Dekker's split, JavaScript has no fused multiply-add) plus the cross products:
 *    relative error ≤ 7u² (their DWTimesDW1 bound is 7u²; no lo·lo term is needed for it);
 *  - div: three-quotient long division (QD's accurate division): relative error ≤ 15u² + 56u³;
 *  - sqrt: one Newton step from the double square root (Karp's trick, as QD): relative error ≤ 25u² (bounded
 *    here, not correctly rounded — test/arith/double-double.test.ts checks it against 60-digit decimals).
 * `unitRoundoff` is 32u² = 2^-101 ≈ 3.9e-31, above every per-operation bound: an error analysis written as
 * "γ_n = n·u/(1 − n·u) per n operations" stays valid with it.
 *
 * Range: like float64's, but the relative accuracy above holds only while lo is a normal double, i.e. for
 * |x| ≥ 2^-969 ≈ 1e-292 (below that lo loses bits to gradual underflow); Dekker's split overflows for |x| > 2^996
 * ≈ 6.7e299, so products of such numbers are formed after an exact scaling by 2^-28. Values outside (and NaN, ±∞)
 * keep float64 semantics in hi. Comparison is exact (lexicographic on normalised pairs).
 */

/** A double-double value hi + lo (normalised: hi = fl(hi + lo)). Immutable. */
export interface DD {
  readonly hi: number;
  readonly lo: number;
}

const u = 2 ** -53;
/** 2^27 + 1: Dekker's splitter for 53-bit doubles. */
const SPLITTER = 134217729;
const SPLIT_MAX = 2 ** 996;

const dd = (hi: number, lo: number): DD => ({ hi, lo });

/** s + e = a + b exactly (Knuth's TwoSum, any a, b). */
function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  const e = a - (s - bb) + (b - bb);
  return dd(s, e);
}

/** s + e = a + b exactly when |a| ≥ |b| or a = 0 (Dekker's FastTwoSum). */
function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return dd(s, b - (s - a));
}

/** hi + lo = a with hi holding the upper 26 bits (Dekker's split; exact unless |a| > 2^996, handled by the caller). */
function split(a: number): [number, number] {
  const t = SPLITTER * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}

/** p + e = a·b exactly (Dekker's TwoProd), barring underflow of e. */
function twoProd(a: number, b: number): DD {
  const p = a * b;
  if (!Number.isFinite(p)) return dd(p, 0);
  if (Math.abs(a) > SPLIT_MAX || Math.abs(b) > SPLIT_MAX) {
    // the split of a huge factor overflows: split the factors scaled by 2^-28 (exact), rescale the error term
    const r = twoProd(Math.abs(a) > SPLIT_MAX ? a * 2 ** -28 : a, Math.abs(b) > SPLIT_MAX ? b * 2 ** -28 : b);
    const scale = (Math.abs(a) > SPLIT_MAX ? 2 ** 28 : 1) * (Math.abs(b) > SPLIT_MAX ? 2 ** 28 : 1);
    return dd(p, r.lo * scale);
  }
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  return dd(p, e);
}

export function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  if (!Number.isFinite(s.hi)) return dd(s.hi, 0);
  const t = twoSum(a.lo, b.lo);
  let e = s.lo + t.hi;
  const r = quickTwoSum(s.hi, e);
  e = t.lo + r.lo;
  return quickTwoSum(r.hi, e);
}

export function ddNeg(a: DD): DD {
  return dd(-a.hi, -a.lo);
}

export function ddSub(a: DD, b: DD): DD {
  return ddAdd(a, ddNeg(b));
}

export function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  if (!Number.isFinite(p.hi)) return dd(p.hi, 0);
  const e = p.lo + (a.hi * b.lo + a.lo * b.hi);
  return quickTwoSum(p.hi, e);
}

/** a·b for a double b (cheaper, same bound). */
function ddMulD(a: DD, b: number): DD {
  const p = twoProd(a.hi, b);
  if (!Number.isFinite(p.hi)) return dd(p.hi, 0);
  return quickTwoSum(p.hi, p.lo + a.lo * b);
}

export function ddDiv(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  if (!Number.isFinite(q1) || q1 === 0) return dd(q1, 0);
  let r = ddSub(a, ddMulD(b, q1));
  const q2 = r.hi / b.hi;
  r = ddSub(r, ddMulD(b, q2));
  const q3 = r.hi / b.hi;
  const q = quickTwoSum(q1, q2);
  return ddAdd(q, dd(q3, 0));
}

export function ddSqrt(a: DD): DD {
  if (a.hi === 0) return dd(0, 0);
  if (a.hi < 0) return dd(NaN, 0);
  if (!Number.isFinite(a.hi)) return dd(a.hi, 0);
  // x ≈ 1/√a; √a ≈ a·x + (a − (a·x)²)·x/2, the correction formed in double (it is ~u relative to the result)
  const x = 1 / Math.sqrt(a.hi);
  const ax = a.hi * x;
  const axdd = dd(ax, 0);
  const diff = ddSub(a, ddMul(axdd, axdd));
  return ddAdd(axdd, dd(diff.hi * (x * 0.5), 0));
}

export function ddCmp(a: DD, b: DD): number {
  if (Number.isNaN(a.hi) || Number.isNaN(b.hi)) return NaN;
  if (a.hi !== b.hi) return a.hi < b.hi ? -1 : 1;
  return a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0;
}

/** Working precision for conversions: 40 digits hold hi + lo exactly enough (|error| ≤ 1e-40·|x| ≪ u²|x|). */
const D40 = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -50, toExpPos: 50 });

/** The double-double nearest (to within u²·|x|) the decimal string s. */
function parseDecimal(s: string): DD {
  let x: Decimal;
  try {
    x = new D40(s.trim());
  } catch {
    throw new TypeError(`doubleDouble.of: "${s}" is not a decimal number`);
  }
  if (x.isNaN()) return dd(NaN, 0);
  const hi = x.toNumber();
  if (!Number.isFinite(hi) || hi === 0) return dd(hi, 0);
  const lo = x.minus(new D40(exactDecimalString(hi))).toNumber();
  return quickTwoSum(hi, lo);
}

/** 36 significant digits: enough to carry hi + lo through a decimal string (of(toString(x)) is within u²|x| of x). */
function format(a: DD): string {
  if (!Number.isFinite(a.hi)) return String(a.hi);
  if (a.lo === 0) return String(a.hi) === '0' ? '0' : new D40(exactDecimalString(a.hi)).toSignificantDigits(36).toString();
  return new D40(exactDecimalString(a.hi)).plus(new D40(exactDecimalString(a.lo))).toSignificantDigits(36).toString();
}

const ZERO = dd(0, 0);
const ONE = dd(1, 0);
const MINUS_ONE = dd(-1, 0);

/** The double-double field (≈ 32 digits). Stateless: one shared instance. */
export const doubleDouble: Field<DD> = {
  kind: 'double-double',
  precision: 31,
  unitRoundoff: 32 * u * u,
  zero: ZERO,
  one: ONE,
  of(x: Scalarish | DD): DD {
    if (typeof x === 'number') return dd(x + 0, 0);
    if (typeof x === 'bigint') return parseDecimal(x.toString());
    if (typeof x === 'string') {
      if (x.trim() === '') throw new TypeError('doubleDouble.of: "" is not a decimal number');
      return parseDecimal(x);
    }
    return x;
  },
  toNumber: (a) => a.hi + a.lo,
  toString: format,
  add: ddAdd,
  sub: ddSub,
  mul: ddMul,
  div: ddDiv,
  neg: ddNeg,
  abs: (a) => (a.hi < 0 || (a.hi === 0 && a.lo < 0) ? ddNeg(a) : a),
  sqrt: ddSqrt,
  sign: (a) => (Number.isNaN(a.hi) ? dd(NaN, 0) : a.hi > 0 ? ONE : a.hi < 0 ? MINUS_ONE : ZERO),
  cmp: ddCmp,
  lt: (a, b) => ddCmp(a, b) < 0,
  le: (a, b) => ddCmp(a, b) <= 0,
  eq: (a, b) => ddCmp(a, b) === 0,
  isZero: (a) => a.hi === 0,
  isFinite: (a) => Number.isFinite(a.hi),
  max: (a, b) => (ddCmp(a, b) >= 0 ? a : b),
  min: (a, b) => (ddCmp(a, b) <= 0 ? a : b),
};
