import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { exactDecimalString } from '../../src/arith/exact.ts';
import { dyadicPoint } from '../../src/random/dyadic.ts';
import { nextDown, nextUp, ulpStep } from '../../src/random/ulp.ts';

describe('nextUp / nextDown', () => {
  it('step by one ulp, across zero, the binade edges and to infinity', () => {
    expect(nextUp(1)).toBe(1 + 2 ** -52);
    expect(nextDown(1)).toBe(1 - 2 ** -53);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextUp(-1)).toBe(-1 + 2 ** -53);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextUp(Infinity)).toBe(Infinity);
    expect(nextUp(NaN)).toBeNaN();
    expect(nextDown(2 ** -1022)).toBe(2 ** -1022 - Number.MIN_VALUE);
    expect(ulpStep(1, 3)).toBe(1 + 3 * 2 ** -52);
    expect(ulpStep(1, -2)).toBe(1 - 2 * 2 ** -53);
    for (const x of [0.1, 3.7, 1e300, 1e-300, -42.5]) {
      expect(nextUp(x)).toBeGreaterThan(x);
      expect(nextDown(x)).toBeLessThan(x);
      expect((x + nextUp(x)) / 2 === x || (x + nextUp(x)) / 2 === nextUp(x)).toBe(true); // nothing in between
    }
  });
});

describe('dyadicPoint', () => {
  it('gives lo + (hi − lo)·k/2^bits exactly, with few decimal places', () => {
    expect(dyadicPoint(1, 2, 20, 0)).toBe(1);
    expect(dyadicPoint(1, 2, 20, 2 ** 20)).toBe(2);
    expect(dyadicPoint(1, 2, 20, 3)).toBe(1 + 3 / 2 ** 20);
    expect(dyadicPoint(-0.5, 0.75, 2, 1)).toBe(-0.1875);
    expect(dyadicPoint(0.5, 1, 52, 2 ** 52 - 1)).toBe(1 - 2 ** -53);
    // k/2^20 has at most 20 decimal places: the exact decimal of the double is short.
    const x = dyadicPoint(0, 1, 20, 123457);
    expect(new Decimal(exactDecimalString(x)).toFixed()).toBe('0.11773777008056640625');
  });

  it('refuses ranges whose grid points are not doubles, and bad arguments', () => {
    expect(() => dyadicPoint(0.1, 1, 20, 1)).toThrow(/too many binary digits/);
    expect(() => dyadicPoint(1, 2, 53, 1)).toThrow(/bits/);
    expect(() => dyadicPoint(2, 1, 4, 1)).toThrow(/lo ≤ hi/);
    expect(() => dyadicPoint(0, 1, 4, 17)).toThrow(/k must be/);
    expect(() => dyadicPoint(0, 1, 4, 0.5)).toThrow(/k must be/);
  });
});
