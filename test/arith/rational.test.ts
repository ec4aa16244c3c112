import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rationalField } from '../../src/arith/rational.ts';

/** rational.ts: Q as a Field — exact field operations, √ exact on squares and counted otherwise. */
describe('rational field', () => {
  const Q = rationalField();
  const int = fc.integer({ min: -10_000, max: 10_000 });
  const nonzero = int.filter((x) => x !== 0);

  it('field axioms hold exactly on random fractions (no rounding anywhere)', () => {
    fc.assert(
      fc.property(int, nonzero, int, nonzero, (a, b, c, d) => {
        const x = Q.div(Q.of(BigInt(a)), Q.of(BigInt(b)));
        const y = Q.div(Q.of(BigInt(c)), Q.of(BigInt(d)));
        expect(Q.eq(Q.sub(Q.add(x, y), y), x)).toBe(true);
        if (!Q.isZero(y)) expect(Q.eq(Q.mul(Q.div(x, y), y), x)).toBe(true);
        expect(Q.cmp(x, y)).toBe(Math.sign(a / b - c / d));
      }),
    );
  });

  it('reads decimals, fractions and doubles exactly, and prints lowest terms', () => {
    expect(Q.toString(Q.of('0.1'))).toBe('1/10');
    expect(Q.toString(Q.of('-2.5e-3'))).toBe('-1/400');
    expect(Q.toString(Q.of('6/4'))).toBe('3/2');
    expect(Q.toString(Q.of(0.1))).toBe('3602879701896397/36028797018963968');
    expect(Q.toNumber(Q.of('1/3'))).toBe(1 / 3);
    expect(() => Q.of(Number.NaN)).toThrow(/not finite/);
    expect(() => Q.div(Q.one, Q.zero)).toThrow(/division by zero/);
  });

  it('√ is exact on squares (and then not counted), inexact otherwise (and counted)', () => {
    const F = rationalField();
    expect(F.toString(F.sqrt(F.of('9/16')))).toBe('3/4');
    expect(F.inexact).toBe(0);
    const g = F.of('-7/3');
    expect(F.eq(F.sqrt(F.mul(g, g)), F.abs(g))).toBe(true); // |g| = √(g²): msign of a 1×1 stays exactly ±1
    F.sqrt(F.of(2));
    expect(F.inexact).toBe(1);
    expect(() => F.sqrt(F.of(-1))).toThrow(/negative/);
  });
});
