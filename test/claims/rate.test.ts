import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clopperPearson, doubleDoubleField, quantileInterval, rateProbe } from '../../src/claims/kit/rate.ts';
import { float64Field, type Ctx } from '../../src/claims/kit/index.ts';
import { reference } from '../../src/impl/impl.ts';

describe('clopperPearson', () => {
  it('matches the closed forms at the ends and the tabulated interval inside; symmetric in k ↔ n − k', () => {
    // k = 0: hi = 1 − tail^{1/n}; k = n: lo = tail^{1/n}.
    expect(clopperPearson(0, 10)).toEqual({ lo: 0, hi: expect.closeTo(1 - 0.025 ** 0.1, 12) });
    expect(clopperPearson(10, 10)).toEqual({ lo: expect.closeTo(0.025 ** 0.1, 12), hi: 1 });
    // 5 of 10: [0.1871, 0.8129] (exact binomial interval, the usual tables).
    const mid = clopperPearson(5, 10);
    expect(mid.lo).toBeCloseTo(0.18709, 4);
    expect(mid.hi).toBeCloseTo(0.81291, 4);
    const a = clopperPearson(3, 40, 1e-3);
    const b = clopperPearson(37, 40, 1e-3);
    expect(a.lo).toBeCloseTo(1 - b.hi, 12);
    expect(a.hi).toBeCloseTo(1 - b.lo, 12);
  });

  it('refuses k outside 0 … n and tails outside (0, ½)', () => {
    expect(() => clopperPearson(3, 2)).toThrow(RangeError);
    expect(() => clopperPearson(-1, 2)).toThrow(RangeError);
    expect(() => clopperPearson(1, 0)).toThrow(RangeError);
    expect(() => clopperPearson(1, 2, 0.5)).toThrow(RangeError);
  });
});

describe('quantileInterval', () => {
  it('brackets the median of 1 … 100 by order statistics, and opens an end the sample cannot give', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    const m = quantileInterval(xs, 0.5);
    // Bin(100, ½): P[X ≥ 40] ≥ 0.975 > P[X ≥ 41]; P[X ≥ 61] ≤ 0.025 < P[X ≥ 60].
    expect(m).toEqual({ lo: 40, hi: 61 });
    expect(quantileInterval(xs, 0.005).lo).toBe(-Infinity);
    expect(quantileInterval(xs, 0.995).hi).toBe(Infinity);
    expect(() => quantileInterval([], 0.5)).toThrow(RangeError);
    expect(() => quantileInterval(xs, 1)).toThrow(RangeError);
  });
});

describe('rateProbe', () => {
  // A toy rate claim: a case x ∈ [0, 1) fails when x < 0.01 (rate 1 %); the probe draws x from [0, 0.5): rate 2 %.
  const check = <T>(x: number, k: Ctx<T>): void => {
    k.bound('x ≥ 0.01', 0.01, x);
  };
  const probe = (lo: number, hi: number) =>
    rateProbe<number>({ id: 'toy', drops: 'toy', cases: fc.double({ min: lo, max: hi, noNaN: true, maxExcluded: true }), runs: { quick: 400, default: 400, deep: 400 }, rate: { maxFailureRate: 0.01, alpha: 1e-6 }, check, field: float64Field, confirm: doubleDoubleField, show: (x) => ({ x }) });

  it('rejects the rate when the drawn cases fail far more often, and re-decides the first failure in the confirm field', () => {
    const out = probe(0, 0.02).run({ seed: 1, profile: 'default', impl: reference });
    expect(out.found).toBe(true);
    expect(out.broke).toBeGreaterThan(150);
    expect(out.exact).toBe(true);
    expect(out.summary).toMatch(/rejected .* confirmed in double-double/);
    expect(out.witness).toHaveProperty('x');
  });

  it('does not reject a rate within the claim', () => {
    const out = probe(0.01, 1).run({ seed: 1, profile: 'quick', impl: reference });
    expect(out).toMatchObject({ found: false, broke: 0, exact: false });
    expect(out.summary).toMatch(/not rejected/);
  });
});
