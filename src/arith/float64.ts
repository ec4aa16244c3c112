import type { Field, Scalarish } from './field.ts';

/** IEEE-754 double precision: the fast backend. */
export const float64: Field<number> = {
  kind: 'float64',
  precision: 16,
  unitRoundoff: 2 ** -53,
  zero: 0,
  one: 1,
  of(x: Scalarish | number): number {
    const v = typeof x === 'number' ? x : Number(x);
    // Number('') and Number('  ') are 0: an empty string is not a number (exactField.of rejects it too).
    if (typeof x === 'string' && (x.trim() === '' || (Number.isNaN(v) && x.trim() !== 'NaN'))) {
      throw new TypeError(`float64.of: "${x}" is not a number`);
    }
    return v;
  },
  toNumber: (a) => a,
  toString: (a) => String(a),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  neg: (a) => -a,
  abs: Math.abs,
  sqrt: Math.sqrt,
  // Math.sign(-0) is -0; the papers' sign(0) = 0, so normalise it (x + 0 turns −0 into +0).
  sign: (a) => Math.sign(a) + 0,
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN),
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  eq: (a, b) => a === b,
  isZero: (a) => a === 0,
  isFinite: Number.isFinite,
  max: (a, b) => (a >= b ? a : b),
  min: (a, b) => (a <= b ? a : b),
};
