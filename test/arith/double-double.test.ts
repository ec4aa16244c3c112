/**
 * The double-double field against 60-digit decimals. Tolerances: each operation's relative error is bounded by
 * doubleDouble.unitRoundoff = 32u² (u = 2^-53), above the published per-operation bounds (add 3u², mul 7u², div 15u²,
 * sqrt 25u²; see double-double.ts); the reference is rounded to 60 digits (error ≤ 1e-59 relative, negligible).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { doubleDouble as DDF, type DD } from '../../src/arith/double-double.ts';
import { exactDecimalString } from '../../src/arith/exact.ts';
import { unitRoundoffOf } from '../../src/arith/field.ts';

const D60 = Decimal.clone({ precision: 60 });
const exact = (a: DD): Decimal => new D60(exactDecimalString(a.hi)).plus(new D60(exactDecimalString(a.lo)));
const relErr = (got: DD, want: Decimal): number => (want.isZero() ? exact(got).abs().toNumber() : exact(got).minus(want).div(want).abs().toNumber());
const U = DDF.unitRoundoff;

/** A double-double with a random low part: x·(1 + small), normalised. */
const ddArb: fc.Arbitrary<DD> = fc
  .tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: -30, max: 30 }), fc.integer({ min: -(2 ** 30), max: 2 ** 30 }))
  .filter(([m]) => m !== 0)
  .map(([m, e, l]) => DDF.add(DDF.of(m * 2 ** (e - 20)), DDF.of(l * 2 ** (e - 20 - 80))));

describe('doubleDouble: a Field of about 32 digits', () => {
  it('declares its kind, precision and unit roundoff (32u²)', () => {
    expect(DDF.kind).toBe('double-double');
    expect(DDF.unitRoundoff).toBe(2 ** -101);
    expect(DDF.precision).toBe(31);
    expect(unitRoundoffOf(DDF)).toEqual({ hi: 2 ** -101, lo: 0 });
  });

  it('+, −, ×, ÷ and √ have relative error ≤ unitRoundoff against 60-digit decimals', () => {
    fc.assert(
      fc.property(ddArb, ddArb, (a, b) => {
        const A = exact(a);
        const B = exact(b);
        expect(relErr(DDF.add(a, b), A.plus(B))).toBeLessThanOrEqual(U);
        expect(relErr(DDF.sub(a, b), A.minus(B))).toBeLessThanOrEqual(U);
        expect(relErr(DDF.mul(a, b), A.times(B))).toBeLessThanOrEqual(U);
        expect(relErr(DDF.div(a, b), A.div(B))).toBeLessThanOrEqual(U);
        const s = DDF.abs(a);
        expect(relErr(DDF.sqrt(s), exact(s).sqrt())).toBeLessThanOrEqual(U);
      }),
      { seed: 7101, numRuns: 400 },
    );
  });

  it('arithmetic identities: a − a = 0, a + 0 = a, a·1 = a, a/a = 1, (−a)·b = −(a·b), √(a²) = |a| within u', () => {
    fc.assert(
      fc.property(ddArb, ddArb, (a, b) => {
        expect(DDF.sub(a, a)).toEqual(DDF.zero);
        expect(DDF.eq(DDF.add(a, DDF.zero), a)).toBe(true);
        expect(DDF.eq(DDF.mul(a, DDF.one), a)).toBe(true);
        expect(DDF.eq(DDF.div(a, a), DDF.one)).toBe(true);
        expect(DDF.eq(DDF.mul(DDF.neg(a), b), DDF.neg(DDF.mul(a, b)))).toBe(true);
        expect(DDF.eq(DDF.add(a, b), DDF.add(b, a))).toBe(true);
        expect(relErr(DDF.sqrt(DDF.mul(a, a)), exact(DDF.abs(a)))).toBeLessThanOrEqual(2 * U);
      }),
      { seed: 7102, numRuns: 300 },
    );
  });

  it('holds what a double cannot: (1 + 2^-80) − 1 = 2^-80, 0.1 as a decimal to 31 digits', () => {
    const tiny = DDF.sub(DDF.add(DDF.one, DDF.of(2 ** -80)), DDF.one);
    expect(DDF.toNumber(tiny)).toBe(2 ** -80);
    const tenth = DDF.of('0.1');
    expect(relErr(tenth, new D60('0.1'))).toBeLessThanOrEqual(2 ** -106);
    expect(new D60(DDF.toString(tenth)).toSignificantDigits(31).eq('0.1')).toBe(true); // 0.0999…9997 (36 digits)
    expect(relErr(DDF.div(DDF.one, DDF.of(3)), new D60(1).div(3))).toBeLessThanOrEqual(U);
  });

  it('decimal strings round-trip to within u² (toString has 36 significant digits)', () => {
    fc.assert(
      fc.property(ddArb, (a) => {
        const back = DDF.of(DDF.toString(a));
        expect(relErr(back, exact(a))).toBeLessThanOrEqual(2 ** -105);
      }),
      { seed: 7103, numRuns: 300 },
    );
    expect(DDF.toString(DDF.zero)).toBe('0');
    expect(DDF.toString(DDF.of(-2.5))).toBe('-2.5');
    expect(DDF.toNumber(DDF.of(12345678901234567890n))).toBe(12345678901234567890);
    expect(() => DDF.of('abc')).toThrow(TypeError);
    expect(() => DDF.of('  ')).toThrow(TypeError);
  });

  it('compares exactly: the low part decides between equal high parts; sign, min, max, abs, isZero, isFinite', () => {
    const a = DDF.add(DDF.one, DDF.of(2 ** -70));
    const b = DDF.one;
    expect(DDF.cmp(a, b)).toBe(1);
    expect(DDF.cmp(b, a)).toBe(-1);
    expect(DDF.lt(b, a) && DDF.le(b, a) && !DDF.lt(a, b) && DDF.le(a, a)).toBe(true);
    expect(DDF.max(a, b)).toBe(a);
    expect(DDF.min(a, b)).toBe(b);
    expect(DDF.sign(DDF.neg(a))).toEqual(DDF.of(-1));
    expect(DDF.sign(DDF.of(-0))).toEqual(DDF.zero);
    expect(DDF.sign(DDF.of(3))).toEqual(DDF.one);
    expect(DDF.abs(DDF.neg(a))).toEqual(a);
    expect(DDF.isZero(DDF.of(-0))).toBe(true);
    expect(DDF.isFinite(DDF.of(Infinity))).toBe(false);
    expect(DDF.cmp(DDF.of(NaN), b)).toBeNaN();
    expect(DDF.sign(DDF.of(NaN)).hi).toBeNaN();
    expect(DDF.sqrt(DDF.of(-1)).hi).toBeNaN();
    expect(DDF.sqrt(DDF.zero)).toEqual(DDF.zero);
    expect(DDF.div(DDF.one, DDF.zero).hi).toBe(Infinity);
    expect(DDF.mul(DDF.of(1e300), DDF.of(1e300)).hi).toBe(Infinity);
    expect(DDF.add(DDF.of(Infinity), DDF.one).hi).toBe(Infinity);
  });

  it('products of huge factors (beyond Dekker’s split range) keep the double-double accuracy', () => {
    const a = DDF.add(DDF.of(3e299), DDF.of(1e283));
    const b = DDF.div(DDF.one, DDF.of(7e290));
    expect(relErr(DDF.mul(a, b), exact(a).times(exact(b)))).toBeLessThanOrEqual(U);
    expect(relErr(DDF.mul(b, a), exact(a).times(exact(b)))).toBeLessThanOrEqual(U);
  });
});
