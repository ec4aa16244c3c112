/**
 * exactDecimalString: the exact binary value of a double as a decimal (numerics.md: `new Decimal(0.1)` is "0.1",
 * not the double). Every float input that enters the exact backend goes through it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { exactDecimalString, exactField } from '../../src/arith/exact.ts';

/** Decimal.js does not round in its constructor, so this compares exact values of any length. */
const Big = Decimal.clone({ precision: 1000 });
const same = (s: string, expected: string): boolean => new Big(s).eq(new Big(expected));

/** m·2^e as an exact decimal string, computed independently with BigInt. */
function oracle(m: bigint, e: number): string {
  return e >= 0 ? (m * 2n ** BigInt(e)).toString() : `${m * 5n ** BigInt(-e)}e-${-e}`;
}

describe('exactDecimalString', () => {
  it('0.1 → its exact binary expansion 0.1000000000000000055511151231257827021181583404541015625', () => {
    expect(same(exactDecimalString(0.1), '0.1000000000000000055511151231257827021181583404541015625')).toBe(true);
    expect(same(exactDecimalString(0.1), '0.1')).toBe(false);
  });

  it('negatives carry the sign: −0.1, −3', () => {
    expect(same(exactDecimalString(-0.1), '-0.1000000000000000055511151231257827021181583404541015625')).toBe(true);
    expect(same(exactDecimalString(-3), '-3')).toBe(true);
  });

  it('integers and dyadic fractions are exact: 3, 2^60, 0.5, 0.375, 1e22', () => {
    // Only the value is specified, not the notation (3 comes out as 3000…0e-51).
    expect(same(exactDecimalString(3), '3')).toBe(true);
    expect(same(exactDecimalString(2 ** 60), '1152921504606846976')).toBe(true);
    expect(same(exactDecimalString(0.5), '0.5')).toBe(true);
    expect(same(exactDecimalString(0.375), '0.375')).toBe(true);
    expect(same(exactDecimalString(1e22), '10000000000000000000000')).toBe(true);
    // 1e23 is not a double: the nearest one is 99999999999999991611392.
    expect(same(exactDecimalString(1e23), '99999999999999991611392')).toBe(true);
  });

  it('±0 → "0"; ±Infinity and NaN pass through', () => {
    expect(exactDecimalString(0)).toBe('0');
    expect(exactDecimalString(-0)).toBe('0');
    expect(exactDecimalString(Infinity)).toBe('Infinity');
    expect(exactDecimalString(-Infinity)).toBe('-Infinity');
    expect(exactDecimalString(NaN)).toBe('NaN');
  });

  it('subnormals: 5e-324 = 2^-1074, the largest subnormal, the smallest normal 2^-1022, negative subnormals', () => {
    expect(same(exactDecimalString(5e-324), oracle(1n, -1074))).toBe(true);
    expect(same(exactDecimalString(-5e-324), `-${oracle(1n, -1074)}`)).toBe(true);
    const largestSub = 2 ** -1022 - 2 ** -1074;
    expect(same(exactDecimalString(largestSub), oracle(2n ** 52n - 1n, -1074))).toBe(true);
    expect(same(exactDecimalString(2 ** -1022), oracle(1n, -1022))).toBe(true);
    expect(same(exactDecimalString(Number.MAX_VALUE), oracle(2n ** 53n - 1n, 971))).toBe(true);
  });

  it('equals m·2^e for every mantissa m < 2^53 and exponent e ∈ [−1074, 970] (BigInt oracle)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
        fc.integer({ min: -1074, max: 970 }),
        fc.boolean(),
        (m, e, neg) => {
          // m·2^e is a multiple of 2^-1074 below 2^1024 with ≤ 53 significant bits: exactly a double, and the product
          // by a power of two is exact (2^e itself is exact down to 2^-1074).
          const x = (neg ? -1 : 1) * Number(m) * 2 ** e;
          const expected = m === 0n ? '0' : `${neg ? '-' : ''}${oracle(m, e)}`;
          expect(same(exactDecimalString(x), expected)).toBe(true);
        },
      ),
      { seed: 201, numRuns: 300 },
    );
  });

  it('round-trips: Number(exactDecimalString(x)) === x for any finite double', () => {
    // Here fc.double is the right generator: its bit-pattern-uniform draws hit subnormals and extreme exponents,
    // which is exactly where a conversion breaks (numerics.md warns against it only for "typical" matrix entries).
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = exactDecimalString(x);
        expect(Object.is(Number(s), x === 0 ? 0 : x)).toBe(true);
        // An exact decimal of a binary fraction has at most 1074 places; the value is a multiple of 2^-1074.
        expect(new Big(s).times(new Big(2).pow(1074)).isInteger()).toBe(true);
      }),
      { seed: 202, numRuns: 300 },
    );
  });

  it('exactField(P).of(x) is the exact binary value rounded to P digits; exact when P ≥ its length', () => {
    const E = exactField(800);
    for (const x of [0.1, -0.3, 5e-324, 1 / 3, 2 ** -1000, 1e300]) {
      expect(E.of(x).eq(new Big(exactDecimalString(x)))).toBe(true);
      expect(E.toNumber(E.of(x))).toBe(x);
    }
  });
});
