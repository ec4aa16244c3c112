import { exactDecimalString } from './exact.ts';
import type { Field, Scalarish } from './field.ts';

/*
 * Q, the rationals, as a third arithmetic backend (bigint fractions): +, −, ×, ÷ and sign are exact by construction,
 * √ is exact on squares of rationals and otherwise falls back to the double √, counted in `inexact` — so a run is
 * proven exact when the count is 0, with no precision to choose. Used where the decimal route cannot be exact or
 * is too slow: Muon on P.scalar takes msign of a 1×1 gradient g as g/√(g²), which a rational field keeps exact.
 */

/** A rational n/d in lowest terms, d > 0. */
export interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const isPow2 = (d: bigint): boolean => (d & (d - 1n)) === 0n;

export function bitLength(x: bigint): number {
  return x === 0n ? 0 : abs(x).toString(2).length;
}

function make(n: bigint, d: bigint): Rat {
  if (d === 0n) throw new RangeError('rational: division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return { n: 0n, d: 1n };
  if (d === 1n) return { n, d };
  if (isPow2(d)) {
    // Dyadic fast path (every value of (27) with dyadic inputs): strip the common powers of two.
    const low = abs(n) & -abs(n);
    const k = low >= d ? d : low;
    return k === 1n ? { n, d } : { n: n / k, d: d / k };
  }
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  // Newton from above (it decreases monotonically to ⌊√x⌋): the float guess is above √x only while x < 2^52 is exact,
  // so larger x start from a power of two ≥ √x.
  let r = x < 2n ** 52n ? BigInt(Math.ceil(Math.sqrt(Number(x)))) + 1n : 1n << BigInt(Math.ceil(bitLength(x) / 2) + 1);
  for (;;) {
    const next = (r + x / r) >> 1n;
    if (next >= r) break;
    r = next;
  }
  while (r * r > x) r--;
  while ((r + 1n) * (r + 1n) <= x) r++;
  return r;
}

function parse(text: string): Rat {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash >= 0) return make(BigInt(t.slice(0, slash)), BigInt(t.slice(slash + 1)));
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new TypeError(`rational.of: "${text}" is not a decimal number`);
  const frac = m[3] ?? '';
  let n = BigInt((m[2] || '0') + frac);
  if (m[1] === '-') n = -n;
  const e = Number(m[4] ?? '0') - frac.length;
  return e >= 0 ? make(n * 10n ** BigInt(e), 1n) : make(n, 10n ** BigInt(-e));
}

/** Nearest double of n/d, also for huge n and d (scaled to 64 bits first). */
function toNumber(a: Rat): number {
  const bn = bitLength(a.n);
  const bd = bitLength(a.d);
  const sn = Math.max(0, bn - 64);
  const sd = Math.max(0, bd - 64);
  return (Number(a.n >> BigInt(sn)) / Number(a.d >> BigInt(sd))) * 2 ** (sn - sd);
}

export interface RationalField extends Field<Rat> {
  /** √ of a non-square: the only operation of Q that rounds. 0 after a run means the run was exact. */
  inexact: number;
}

/**
 * Q as a Field: exact +, −, ×, ÷ and sign; √ exact on squares of rationals, otherwise the double √ (counted in
 * `inexact`). kind 'exact' so that impl.over(Q) builds the generic backend over it. A fresh field per run.
 */
export function rationalField(): RationalField {
  const zero = make(0n, 1n);
  const one = make(1n, 1n);
  const cmp = (a: Rat, b: Rat): number => {
    const x = a.n * b.d;
    const y = b.n * a.d;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const F: RationalField = {
    kind: 'exact',
    precision: Infinity,
    unitRoundoff: 0,
    zero,
    one,
    inexact: 0,
    of(x: Scalarish | Rat): Rat {
      if (typeof x === 'object') return x;
      if (typeof x === 'bigint') return make(x, 1n);
      if (typeof x === 'number') {
        if (!Number.isFinite(x)) throw new RangeError(`rational.of: ${x} is not finite`);
        return parse(exactDecimalString(x));
      }
      return parse(x);
    },
    toNumber,
    toString: (a) => (a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`),
    add: (a, b) => (a.d === b.d ? make(a.n + b.n, a.d) : make(a.n * b.d + b.n * a.d, a.d * b.d)),
    sub: (a, b) => (a.d === b.d ? make(a.n - b.n, a.d) : make(a.n * b.d - b.n * a.d, a.d * b.d)),
    mul: (a, b) => make(a.n * b.n, a.d * b.d),
    div: (a, b) => make(a.n * b.d, a.d * b.n),
    neg: (a) => ({ n: -a.n, d: a.d }),
    abs: (a) => (a.n < 0n ? { n: -a.n, d: a.d } : a),
    sqrt(a: Rat): Rat {
      if (a.n < 0n) throw new RangeError('rational.sqrt: negative argument');
      const rn = isqrt(a.n);
      const rd = isqrt(a.d);
      if (rn * rn === a.n && rd * rd === a.d) return { n: rn, d: rd };
      F.inexact++;
      return F.of(Math.sqrt(toNumber(a)));
    },
    sign: (a) => (a.n === 0n ? zero : a.n < 0n ? { n: -1n, d: 1n } : one),
    cmp,
    lt: (a, b) => cmp(a, b) < 0,
    le: (a, b) => cmp(a, b) <= 0,
    eq: (a, b) => a.n === b.n && a.d === b.d,
    isZero: (a) => a.n === 0n,
    isFinite: () => true,
    max: (a, b) => (cmp(a, b) >= 0 ? a : b),
    min: (a, b) => (cmp(a, b) <= 0 ? a : b),
  };
  return F;
}
