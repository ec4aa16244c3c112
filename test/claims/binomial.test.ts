import { describe, expect, it } from 'vitest';
import { binomialTest, binomialUpperTail } from '../../src/claims/binomial.ts';

function direct(n: number, k: number, p: number): number {
  let s = 0;
  for (let j = k; j <= n; j++) {
    let c = 1;
    for (let i = 1; i <= j; i++) c = (c * (n - j + i)) / i;
    s += c * p ** j * (1 - p) ** (n - j);
  }
  return s;
}

describe('binomial upper tail', () => {
  it('matches the direct sum on small n', () => {
    for (const [n, k, p] of [[1, 1, 0.01], [10, 0, 0.3], [10, 3, 0.3], [40, 5, 0.01], [60, 60, 0.5]] as const) {
      expect(binomialUpperTail(n, k, p)).toBeCloseTo(direct(n, k, p), 14);
    }
  });

  it('keeps tiny tails: P(X ≥ 30 | n = 1000, p = 0.01) is about 4e-6', () => {
    const t = binomialUpperTail(1000, 30, 0.01);
    expect(t).toBeGreaterThan(1e-7);
    expect(t).toBeLessThan(1e-4);
    expect(binomialUpperTail(1000, 1000, 0.01)).toBeCloseTo(0, 300);
  });

  it('rejects "rate ≤ p0" exactly from the critical count on', () => {
    const t = binomialTest(1000, 0, 0.01, 1e-6);
    expect(t.rejected).toBe(false);
    const k = t.criticalFailures;
    expect(binomialUpperTail(1000, k, 0.01)).toBeLessThan(1e-6);
    expect(binomialUpperTail(1000, k - 1, 0.01)).toBeGreaterThanOrEqual(1e-6);
    expect(binomialTest(1000, k, 0.01, 1e-6).rejected).toBe(true);
    expect(binomialTest(10, 10, 0.5, 1e-6).criticalFailures).toBe(Infinity);
  });

  it('names the parameter on bad input', () => {
    expect(() => binomialUpperTail(-1, 0, 0.1)).toThrow(/n must/);
    expect(() => binomialUpperTail(5, 1, 1.5)).toThrow(/p must/);
    expect(() => binomialTest(5, 1, 0.1, 0)).toThrow(/α must/);
  });
});
