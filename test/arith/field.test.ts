/**
 * The Field<T> contract, checked in both backends (float64 and exactField(P)): conversions (Field.of), the papers'
 * sign(0) = 0, powInt, and the rounding behaviour that the exactness proofs rely on.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { exactField, MAX_PRECISION } from '../../src/arith/exact.ts';
import { float64 } from '../../src/arith/float64.ts';
import { powInt, sum, type Field } from '../../src/arith/field.ts';

/** The tests every backend must pass. */
function fieldContract<T>(name: string, F: Field<T>): void {
  describe(`Field contract: ${name}`, () => {
    const n = (x: T): number => F.toNumber(x);

    it('sign(0) = sign(−0) = +0, sign(±x) = ±1 even for the smallest subnormal', () => {
      // Object.is distinguishes −0 from +0: the papers' sign(0) is 0, and a −0 leaking out would flip later signs.
      expect(Object.is(n(F.sign(F.of(0))), 0)).toBe(true);
      expect(Object.is(n(F.sign(F.of(-0))), 0)).toBe(true);
      expect(Object.is(n(F.sign(F.of('-0'))), 0)).toBe(true);
      expect(n(F.sign(F.of('-2.5')))).toBe(-1);
      expect(n(F.sign(F.of(3)))).toBe(1);
      // A sign with a tolerance ("|x| < eps ⇒ 0") would wrongly freeze tiny iterates.
      expect(n(F.sign(F.of(5e-324)))).toBe(1);
      expect(n(F.sign(F.of(-5e-324)))).toBe(-1);
      expect(F.isZero(F.sign(F.zero))).toBe(true);
    });

    it('sign is −1, 0 or 1 and agrees with cmp against 0 (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), fc.integer({ min: 0, max: 40 }), (k, e) => {
          const x = F.of(k / 2 ** e);
          const s = n(F.sign(x));
          expect([-1, 0, 1]).toContain(s);
          expect(s).toBe(F.cmp(x, F.zero));
          expect(F.eq(F.mul(F.sign(x), F.abs(x)), x)).toBe(true);
        }),
        { seed: 101, numRuns: 200 },
      );
    });

    it('of parses decimal strings (trimmed) and bigints; rejects non-numbers and the empty string', () => {
      expect(n(F.of(' 2.5 '))).toBe(2.5);
      expect(n(F.of('-1e3'))).toBe(-1000);
      expect(n(F.of(10n ** 20n))).toBe(1e20);
      expect(() => F.of('abc')).toThrow(TypeError);
      expect(() => F.of('1.2.3')).toThrow(TypeError);
      // Number('') is 0: a blank input must not silently become 0.
      expect(() => F.of('')).toThrow(TypeError);
      expect(() => F.of('   ')).toThrow(TypeError);
      expect(F.isFinite(F.of(Infinity))).toBe(false);
      expect(F.isFinite(F.of('1'))).toBe(true);
    });

    it('exact arithmetic on small dyadic values, and the order predicates', () => {
      const a = F.of('0.75');
      const b = F.of('-0.5');
      expect(n(F.add(a, b))).toBe(0.25);
      expect(n(F.sub(a, b))).toBe(1.25);
      expect(n(F.mul(a, b))).toBe(-0.375);
      expect(n(F.div(a, b))).toBe(-1.5);
      expect(n(F.neg(b))).toBe(0.5);
      expect(n(F.abs(b))).toBe(0.5);
      expect(n(F.sqrt(F.of('2.25')))).toBe(1.5);
      expect(F.cmp(a, b)).toBe(1);
      expect(F.cmp(b, a)).toBe(-1);
      expect(F.cmp(a, F.of('0.75'))).toBe(0);
      expect(F.lt(b, a) && !F.lt(a, b) && !F.lt(a, a)).toBe(true);
      expect(F.le(a, a) && F.le(b, a) && !F.le(a, b)).toBe(true);
      expect(n(F.max(a, b))).toBe(0.75);
      expect(n(F.min(a, b))).toBe(-0.5);
      expect(F.isZero(F.sub(a, a))).toBe(true);
      expect(Number.isNaN(F.cmp(F.of(NaN), F.one))).toBe(true);
    });

    it('sqrt is correctly rounded: |fl(√2)² − 2| ≤ 3u', () => {
      const r = F.sqrt(F.of(2));
      // fl(√2) = √2(1+δ), |δ| ≤ u, so fl(√2)² = 2(1+2δ+δ²); the check itself is done at the field's precision too.
      expect(Math.abs(n(F.sub(F.mul(r, r), F.of(2))))).toBeLessThanOrEqual(2 * 3 * F.unitRoundoff);
    });

    it('powInt: x⁰ = 1 (also 0⁰), small cases, and equality with the naive product where both are exact', () => {
      expect(n(powInt(F, F.of(0), 0))).toBe(1);
      expect(n(powInt(F, F.of(7), 0))).toBe(1);
      expect(n(powInt(F, F.of(0), 5))).toBe(0);
      expect(n(powInt(F, F.of('0.5'), 10))).toBe(1 / 1024);
      expect(n(powInt(F, F.of(-2), 7))).toBe(-128);
      expect(n(powInt(F, F.of(3), 1))).toBe(3);
      // Integer powers up to 3^33 < 2^53 are exact in both backends (exactField(40) holds 40 digits), so repeated
      // squaring must agree bit for bit with the naive product: a wrong bit loop (e.g. k >>= 2) would not.
      fc.assert(
        fc.property(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 33 }), (b, e) => {
          let naive = F.one;
          for (let i = 0; i < e; i++) naive = F.mul(naive, F.of(b));
          expect(F.eq(powInt(F, F.of(b), e), naive)).toBe(true);
        }),
        { seed: 102, numRuns: 150 },
      );
    });

    it('powInt rejects negative, fractional and NaN exponents with a RangeError', () => {
      expect(() => powInt(F, F.of(2), -1)).toThrow(RangeError);
      expect(() => powInt(F, F.of(2), 1.5)).toThrow(RangeError);
      expect(() => powInt(F, F.of(2), NaN)).toThrow(RangeError);
    });

    it('sum adds left to right and sum([]) = 0', () => {
      expect(F.isZero(sum(F, []))).toBe(true);
      expect(n(sum(F, [F.of(1), F.of('0.5'), F.of('-0.25')]))).toBe(1.25);
    });
  });
}

fieldContract('float64', float64);
fieldContract('exactField(40)', exactField(40));

describe('float64 specifics', () => {
  it('is IEEE double: kind, u = 2^-53, 0.1 + 0.2 ≠ 0.3, of(string) = Number(string)', () => {
    expect(float64.kind).toBe('float64');
    expect(float64.unitRoundoff).toBe(2 ** -53);
    expect(float64.add(0.1, 0.2)).not.toBe(0.3);
    expect(float64.of('0.1')).toBe(0.1);
    expect(float64.of(0.1)).toBe(0.1);
    expect(Number.isNaN(float64.of('NaN'))).toBe(true);
    expect(Number.isNaN(float64.sign(NaN))).toBe(true);
  });
});

describe('exactField specifics', () => {
  const high = Decimal.clone({ precision: 200 });
  const binary01 = '0.1000000000000000055511151231257827021181583404541015625';

  it('rejects precisions outside [1, MAX_PRECISION] and non-integers', () => {
    expect(() => exactField(0)).toThrow(RangeError);
    expect(() => exactField(1.5)).toThrow(RangeError);
    expect(() => exactField(MAX_PRECISION + 1)).toThrow(RangeError);
    expect(exactField(MAX_PRECISION).precision).toBe(MAX_PRECISION);
  });

  it('reports kind, precision and u = ½·10^(1−P)', () => {
    const E = exactField(30);
    expect(E.kind).toBe('exact');
    expect(E.precision).toBe(30);
    expect(E.unitRoundoff).toBeCloseTo(0.5e-29, 40);
  });

  it('of(string) is the decimal itself, of(number) the double’s exact binary value (not the same thing)', () => {
    const E = exactField(60);
    expect(E.of('0.1').eq(new high('0.1'))).toBe(true);
    expect(E.of(0.1).eq(new high(binary01))).toBe(true);
    expect(E.eq(E.of(0.1), E.of('0.1'))).toBe(false);
    // Ten times 0.1 is exactly 1 in decimal (from the string), not in binary.
    const tenths = sum(E, Array.from({ length: 10 }, () => E.of('0.1')));
    expect(E.eq(tenths, E.one)).toBe(true);
    expect(sum(float64, Array.from({ length: 10 }, () => 0.1))).not.toBe(1);
  });

  it('of rounds every conversion to the precision (half to even), like every operation does', () => {
    const E = exactField(20);
    // 0.1 as a double, rounded to 20 significant digits: 0.10000000000000000555|11… → …0555 (round down).
    expect(E.of(0.1).eq(new high('0.10000000000000000555'))).toBe(true);
    const E3 = exactField(3);
    expect(E3.of('1.005').eq(new high('1.00'))).toBe(true); // tie → even
    expect(E3.of('1.015').eq(new high('1.02'))).toBe(true); // tie → even
    expect(E3.of('1.0051').eq(new high('1.01'))).toBe(true);
    expect(E3.of(123456n).eq(new high('123000'))).toBe(true);
    // A value from a more precise field is re-rounded.
    expect(E3.of(exactField(40).of('2.71828')).eq(new high('2.72'))).toBe(true);
    // Consistency: x + 0 = x for every value the field hands out (fails if of() keeps extra digits).
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 52 }), fc.integer({ min: 1, max: 60 }), (m, e) => {
        const x = E.of(m / 2 ** e);
        expect(E.eq(E.add(x, E.zero), x)).toBe(true);
        expect(x.precision(true)).toBeLessThanOrEqual(20);
      }),
      { seed: 103, numRuns: 200 },
    );
  });

  it('operations round to P digits, half to even', () => {
    const E5 = exactField(5);
    expect(E5.div(E5.one, E5.of(3)).eq(new high('0.33333'))).toBe(true);
    const E3 = exactField(3);
    expect(E3.add(E3.of('1'), E3.of('0.005')).eq(new high('1'))).toBe(true); // 1.005 → 1.00 (tie → even)
    expect(E3.add(E3.of('1.01'), E3.of('0.005')).eq(new high('1.02'))).toBe(true); // 1.015 → 1.02 (tie → even)
  });

  it('keeps 0.67^60 exact at 200 digits: powInt equals the BigInt value 67^60·10^-120', () => {
    const E = exactField(200);
    const p = powInt(E, E.of('0.67'), 60);
    expect(p.eq(new high(`${(67n ** 60n).toString()}e-120`))).toBe(true);
    // …and at 50 digits it is rounded (67^60 has 110 digits), so it differs.
    const E50 = exactField(50);
    expect(powInt(E50, E50.of('0.67'), 60).eq(new high(`${(67n ** 60n).toString()}e-120`))).toBe(false);
  });

  it('sign of NaN is NaN; cmp with NaN is NaN', () => {
    const E = exactField(10);
    expect(E.sign(E.of(NaN)).isNaN()).toBe(true);
    expect(Number.isNaN(E.cmp(E.of('NaN'), E.one))).toBe(true);
  });
});
