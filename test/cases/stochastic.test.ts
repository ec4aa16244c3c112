import { describe, expect, it } from 'vitest';
import { betaFor, identityCase, instanceOf, logRatioCI, logSlopeCI, meanCI, monteCarlo, studentCdf, studentQuantile } from '../../src/cases/stochastic.ts';
import { buildQuadB } from '../../src/generators/quadB.ts';
import { reference } from '../../src/impl/impl.ts';
import { rng } from '../../src/random/rng.ts';

describe('Student t', () => {
  it('matches tabulated quantiles', () => {
    // Tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2): t_{0.975, 10} = 2.228, t_{0.995, 7} = 3.499, t_{0.999, 15} = 3.733.
    expect(studentQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(studentQuantile(0.995, 7)).toBeCloseTo(3.499483, 5);
    expect(studentQuantile(0.999, 15)).toBeCloseTo(3.732834, 5);
    expect(studentQuantile(0.999, 1)).toBeCloseTo(318.3088, 2);
    expect(studentQuantile(0.025, 10)).toBeCloseTo(-2.228139, 5);
    expect(studentCdf(0, 5)).toBeCloseTo(0.5, 14);
    expect(studentQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 4);
  });
});

describe('intervals cover at their level (synthetic data)', () => {
  // 1000 repetitions of a known truth; a one-sided 95 % limit misses with probability 5 %: the count of misses is
  // Bin(1000, 0.05) (mean 50, sd 6.9); 78 is 4 sd above it (an interval too narrow by 30 % misses ~10 %, 100 times).
  const R = rng('coverage');
  it('meanCI: lognormal samples, n = 16', () => {
    let missLo = 0;
    let missHi = 0;
    const mu = Math.exp(0.5 * 0.2 ** 2);
    for (let rep = 0; rep < 1000; rep++) {
      const xs = Array.from({ length: 16 }, () => Math.exp(0.2 * R.normal()));
      const ci = meanCI(xs, 0.05);
      if (ci.lo > mu) missLo++;
      if (ci.hi < mu) missHi++;
    }
    expect(missLo).toBeLessThan(78);
    expect(missHi).toBeLessThan(78);
  });
  it('logSlopeCI: power law with multiplicative noise, 4 groups of 16', () => {
    let miss = 0;
    const xs = [32, 128, 512, 2048];
    for (let rep = 0; rep < 1000; rep++) {
      // E X = x^{-1/4}·E e^{0.1Z}: the slope of log E X in log x is exactly −1/4.
      const groups = xs.map((x) => Array.from({ length: 16 }, () => x ** -0.25 * Math.exp(0.1 * R.normal())));
      if (logSlopeCI(xs, groups, 0.05).hi < -0.25) miss++;
    }
    expect(miss).toBeLessThan(78);
  });
  it('logRatioCI: two groups with a known ratio', () => {
    let miss = 0;
    for (let rep = 0; rep < 1000; rep++) {
      const a = Array.from({ length: 16 }, () => 2 * Math.exp(0.15 * R.normal()));
      const b = Array.from({ length: 16 }, () => Math.exp(0.15 * R.normal()));
      if (logRatioCI(a, b, 0.05).lo > Math.log(2)) miss++;
    }
    expect(miss).toBeLessThan(78);
  });
  it('degenerate groups: no spread gives the point itself', () => {
    const ci = meanCI([1, 1, 1], 1e-3);
    expect([ci.lo, ci.hi]).toEqual([1, 1]);
    const s = logSlopeCI([1, 10], [[1], [0.1]], 1e-3);
    expect(s.slope).toBeCloseTo(-1, 14);
    expect([s.lo, s.hi]).toEqual([s.slope, s.slope]);
    expect(() => logSlopeCI([1], [[1]], 1e-3)).toThrow(RangeError);
  });
});

describe('stochastic Muon runs', () => {
  const k = { impl: reference, la: reference.float };
  it('β rules and σ = 0: one run per T, deterministic, within the pathwise and expected bounds', () => {
    expect(betaFor('momentum', 16)).toBe(0.75);
    expect(betaFor('none', 16)).toBe(0);
    const c = buildQuadB(3, 2, 2, 10, 'uniform', 1, 1, 3);
    const pts = monteCarlo(k, c, { Ts: [16, 64], seeds: 5, rule: 'momentum', noise: { kind: 'gaussian', sigma: 0, batch: 1 }, base: 'd', alpha: 1e-3 });
    for (const p of pts) {
      expect(p.runs).toHaveLength(1);
      expect(p.runs[0].avgGrad).toBeLessThanOrEqual(p.runs[0].pathwise);
      expect(p.ci.mean).toBeLessThanOrEqual(p.expected);
      expect(p.expected).toBeLessThanOrEqual(p.expectedFrobenius);
    }
  });
  it('is reproducible from its seeds', () => {
    const c = buildQuadB(2, 2, 2, 10, 'uniform', 1, 1, 4);
    const spec = { Ts: [32], seeds: 3, rule: 'momentum' as const, noise: { kind: 'skewed' as const, sigma: 1, batch: 2 }, base: 'r', alpha: 1e-3 };
    expect(monteCarlo(k, c, spec)[0].samples).toEqual(monteCarlo(k, c, spec)[0].samples);
  });
  it('identityCase: Q = I_r, Δ = 1, ‖∇f(W_0)‖_F = 2', () => {
    const I = instanceOf(k, identityCase(3, 9));
    expect(I.delta).toBeCloseTo(1, 12);
    expect(I.grad0F).toBeCloseTo(2, 12);
    expect([I.L, I.Lstar, I.r]).toEqual([2, 6, 3]);
  });
});
