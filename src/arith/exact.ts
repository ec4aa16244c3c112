import { Decimal } from 'decimal.js';
import type { Field, Scalarish } from './field.ts';

export type { Decimal };

/** The largest precision at which decimal.js still evaluates sqrt reliably and fast enough for our matrices. */
export const MAX_PRECISION = 1_000;

/**
 * Exact binary value of a double as a decimal string: m·2^e = m·5^(−e)/10^(−e) for e < 0.
 * `new Decimal(0.1)` would give "0.1", which is not the double 0.1 (numerics.md).
 */
export function exactDecimalString(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Object.is(x, -0) || x === 0) return '0';
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074; // subnormal
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  if (exp >= 0) return sign + (mant << BigInt(exp)).toString();
  const digits = (mant * 5n ** BigInt(-exp)).toString();
  return `${sign}${digits}e-${-exp}`;
}

/**
 * Decimal arithmetic at `precision` significant digits (round half to even). With finite-decimal inputs and only
 * +, −, × and sign, results are exact as long as no result needs more than `precision` digits — which
 * `proveExact` (exactness.ts) checks by re-running at twice the precision.
 */
export function exactField(precision: number): Field<Decimal> {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw new RangeError(`exactField: precision must be an integer in [1, ${MAX_PRECISION}] digits, got ${precision}`);
  }
  const D = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 30, maxE: 9e15, minE: -9e15 });
  const zero = new D(0);
  const one = new D(1);
  const F: Field<Decimal> = {
    kind: 'exact',
    precision,
    unitRoundoff: 0.5 * 10 ** (1 - precision),
    zero,
    one,
    // The Decimal constructor does not round (decimal.js rounds only the results of operations), so every
    // conversion is rounded to the precision explicitly with toSD(): values of this field never carry more digits.
    of(x: Scalarish | Decimal): Decimal {
      if (typeof x === 'number') return new D(exactDecimalString(x)).toSD();
      if (typeof x === 'bigint') return new D(x.toString()).toSD();
      if (typeof x === 'string') {
        let d: Decimal;
        try {
          d = new D(x.trim());
        } catch {
          throw new TypeError(`exactField.of: "${x}" is not a decimal number`);
        }
        return d.toSD();
      }
      // A Decimal from another precision: re-round it to this one (a no-op when it fits).
      return new D(x).toSD();
    },
    toNumber: (a) => a.toNumber(),
    toString: (a) => a.toString(),
    add: (a, b) => a.plus(b),
    sub: (a, b) => a.minus(b),
    mul: (a, b) => a.times(b),
    div: (a, b) => a.div(b),
    neg: (a) => a.neg(),
    abs: (a) => a.abs(),
    sqrt: (a) => a.sqrt(),
    sign: (a) => (a.isNaN() ? a : a.isZero() ? zero : a.isNeg() ? one.neg() : one),
    cmp: (a, b) => (a.isNaN() || b.isNaN() ? NaN : a.cmp(b)),
    lt: (a, b) => a.lt(b),
    le: (a, b) => a.lte(b),
    eq: (a, b) => a.eq(b),
    isZero: (a) => a.isZero(),
    isFinite: (a) => a.isFinite(),
    max: (a, b) => (a.gte(b) ? a : b),
    min: (a, b) => (a.lte(b) ? a : b),
  };
  return F;
}
