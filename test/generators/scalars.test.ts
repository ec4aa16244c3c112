import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alpha, dyadicIn, epsilon, kappa, logUniform, prefactor, real, rho } from '../../src/generators/index.ts';
import { nextUp } from '../../src/random/ulp.ts';

// Fixed seeds throughout: a failure is reproducible, and the statistical checks below cannot flake.
const SEED = 42;
const sample = <T>(arb: fc.Arbitrary<T>, numRuns = 3000): T[] => fc.sample(arb, { seed: SEED, numRuns });

describe('real', () => {
  it('stays in [lo, hi] and reaches both ends exactly', () => {
    fc.assert(fc.property(real(-2, 3), (x) => x >= -2 && x <= 3), { seed: SEED, numRuns: 3000 });
    const xs = sample(real(-2, 3));
    expect(xs).toContain(-2);
    expect(xs).toContain(3);
  });

  it('never returns an open end, even where rounding would land on it', () => {
    const xs = sample(real(0.5, 1, { closed: 'left' }));
    expect(xs).toContain(0.5);
    expect(xs.every((x) => x >= 0.5 && x < 1)).toBe(true);
    const ys = sample(real(0.5, 1, { closed: 'right' }));
    expect(ys).toContain(1);
    expect(ys.every((x) => x > 0.5 && x <= 1)).toBe(true);
    // Only three doubles lie strictly inside (1, 1 + 4·2^-52): every interior grid point rounds onto an end or them.
    const hi = 1 + 4 * 2 ** -52;
    const zs = sample(real(1, hi, { closed: 'neither' }));
    expect(zs.every((x) => x > 1 && x < hi)).toBe(true);
    expect(zs).toContain(nextUp(1));
  });

  it('is spread over the interval, unlike fc.double (numerics.md: ~90% of its draws in [-1,1] are below 1e-10)', () => {
    const xs = sample(real(-1, 1), 5000);
    expect(xs.filter((x) => Math.abs(x) < 1e-10).length).toBe(0);
    // fast-check biases integers toward the ends of their range, so the outer quarters get more; each quarter ≥ 15%.
    const quarters = [0, 0, 0, 0];
    for (const x of xs) quarters[Math.min(3, Math.floor((x + 1) * 2))]++;
    for (const c of quarters) expect(c).toBeGreaterThan(750);
  });

  it('returns the ends exactly where lo + (hi − lo) would round off them (−0.7 + 0.8 = 0.09999999999999998)', () => {
    const xs = sample(real(-0.7, 0.1));
    expect(xs).toContain(0.1);
    expect(xs).toContain(-0.7);
    const ys = sample(logUniform(1e-7, 3.3e5)); // exp(log(3.3e5)) = 330000.0000000001, exp(log(1e-7)) < 1e-7
    expect(ys).toContain(1e-7);
    expect(ys).toContain(3.3e5);
    expect(ys.every((y) => y >= 1e-7 && y <= 3.3e5)).toBe(true);
  });

  it('shrinks toward lo, to the exact boundary of a failing property', () => {
    const out = fc.check(fc.property(real(0, 1), (x) => x < 0.5), { seed: SEED });
    expect(out.failed).toBe(true);
    expect(out.counterexample).toEqual([0.5]);
  });

  it('validates its range', () => {
    expect(() => real(1, 0)).toThrow(/need lo ≤ hi/);
    expect(() => real(1, 1, { closed: 'left' })).toThrow(/need lo < hi/);
    expect(() => real(0, Infinity)).toThrow(/finite/);
    expect(sample(real(2, 2), 50).every((x) => x === 2)).toBe(true);
  });
});

describe('logUniform', () => {
  it('covers the decades evenly, with both ends', () => {
    const xs = sample(logUniform(1e-6, 1), 5000);
    expect(xs.every((x) => x >= 1e-6 && x <= 1)).toBe(true);
    expect(xs).toContain(1e-6);
    expect(xs).toContain(1);
    // Half of the log range lies below 1e-3 (a uniform draw would put 0.1% there); allow 35%–65% for the end bias.
    const below = xs.filter((x) => x < 1e-3).length / xs.length;
    expect(below).toBeGreaterThan(0.35);
    expect(below).toBeLessThan(0.65);
    expect(() => logUniform(0, 1)).toThrow(/lo must be > 0/);
  });
});

describe('kappa', () => {
  it('gives κ ∈ [1, max], with 1 and max drawn on purpose and every decade in between', () => {
    fc.assert(fc.property(kappa({ max: 1e8 }), (k) => k >= 1 && k <= 1e8), { seed: SEED, numRuns: 2000 });
    const ks = sample(kappa({ max: 1e8 }), 2000);
    expect(ks.filter((k) => k === 1).length).toBeGreaterThan(100); // weight 1/10, expected ~200
    expect(ks.filter((k) => k === 1e8).length).toBeGreaterThan(100);
    for (let dec = 0; dec < 8; dec++) expect(ks.some((k) => k >= 10 ** dec && k < 10 ** (dec + 1) && k !== 1)).toBe(true);
    expect(sample(kappa({ min: 10, max: 100 }), 500).every((k) => k >= 10 && k <= 100)).toBe(true);
    expect(() => kappa({ min: 0.5 })).toThrow(/1 ≤ min ≤ max/);
  });
});

describe('rho, prefactor, alpha, epsilon', () => {
  it('rho is in [lo, hi): lo drawn, 1 never', () => {
    for (const lo of [0.5, 2 / 3]) {
      fc.assert(fc.property(rho(lo), (r) => r >= lo && r < 1), { seed: SEED, numRuns: 3000 });
      const rs = sample(rho(lo));
      expect(rs).toContain(lo);
      expect(Math.max(...rs)).toBeGreaterThan(0.9999);
    }
    expect(() => rho(0, 1)).toThrow(/0 < lo < hi ≤ 1/);
    expect(() => rho(0.5, 1.5)).toThrow(RangeError);
  });

  it('prefactor is in [1, 2] with both ends; alpha and epsilon stay in their log ranges', () => {
    const cs = sample(prefactor());
    expect(cs.every((c) => c >= 1 && c <= 2)).toBe(true);
    expect(cs).toContain(1);
    expect(cs).toContain(2);
    expect(sample(prefactor(1, 2, { closed: 'neither' })).every((c) => c > 1 && c < 2)).toBe(true);
    expect(sample(alpha(1e-8, 1e-2)).every((a) => a >= 1e-8 && a <= 1e-2)).toBe(true);
    const es = sample(epsilon());
    expect(es.every((e) => e >= 1e-6 && e <= 1)).toBe(true);
    expect(es).toContain(1e-6);
  });
});

describe('dyadicIn', () => {
  it('draws exact grid points lo + (hi − lo)·k/2^bits, ends included', () => {
    const xs = sample(dyadicIn(1, 2, 10));
    expect(xs.every((x) => Number.isInteger((x - 1) * 1024) && x >= 1 && x <= 2)).toBe(true);
    expect(xs).toContain(1);
    expect(xs).toContain(2);
    // More bits than fc.integer can hold (2^31): still exact.
    const ys = sample(dyadicIn(0, 1, 40), 500);
    expect(ys.every((y) => Number.isInteger(y * 2 ** 40) && y >= 0 && y <= 1)).toBe(true);
    expect(() => dyadicIn(0.1, 0.2)).toThrow(RangeError);
  });
});

describe('scalars: the rules behind the ranges', () => {
  const unbiased = <T>(arb: fc.Arbitrary<T>, n = 4000): T[] => fc.sample(fc.noBias(arb), { seed: 9, numRuns: n });

  it('the range checks name the function, the closure and the values', () => {
    expect(() => real(1, 0)).toThrow("real: need lo ≤ hi for closed = 'both', got lo = 1, hi = 0");
    expect(() => real(1, 1, { closed: 'neither' })).toThrow("real: need lo < hi for closed = 'neither', got lo = 1, hi = 1");
    expect(() => real(1, 1, { closed: 'right' })).toThrow(/need lo < hi/);
    expect(() => real(NaN, 1)).toThrow('real: lo and hi must be finite, got [NaN, 1]');
    expect(() => real(-Infinity, 1)).toThrow(/finite/);
    expect(() => logUniform(2, 1)).toThrow("logUniform: need lo ≤ hi for closed = 'both', got lo = 2, hi = 1");
    expect(() => logUniform(-1, 1)).toThrow('logUniform: lo must be > 0, got -1');
    expect(() => kappa({ max: Infinity })).toThrow('kappa: need 1 ≤ min ≤ max < ∞, got min = 1, max = Infinity');
    expect(() => kappa({ min: 5, max: 4 })).toThrow(/got min = 5, max = 4/);
    expect(() => kappa({ min: NaN })).toThrow(RangeError);
    expect(() => rho(0.5, 0.5)).toThrow('rho: need 0 < lo < hi ≤ 1 (ρ ∈ (0, 1)), got lo = 0.5, hi = 0.5');
    expect(() => rho(-0.1, 0.5)).toThrow(RangeError);
    expect(() => prefactor(0)).toThrow('prefactor: lo must be > 0, got 0');
    expect(sample(kappa({ min: 3, max: 3 }), 20).every((k) => k === 3)).toBe(true);
    expect(sample(rho(0.5, 0.6), 200).every((r) => r >= 0.5 && r < 0.6)).toBe(true);
  });

  it('open ends stay open and closed ends are drawn, for real and logUniform alike', () => {
    const r = sample(real(0, 1, { closed: 'right' }));
    expect(r.every((x) => x > 0 && x <= 1)).toBe(true);
    expect(r).toContain(1);
    expect(Math.min(...r)).toBeLessThan(1e-6);
    const n = sample(real(0, 1, { closed: 'neither' }));
    expect(n.every((x) => x > 0 && x < 1)).toBe(true);
    expect(Math.max(...n)).toBeGreaterThan(1 - 1e-6);
    const l = sample(logUniform(1, 10, { closed: 'left' }));
    expect(l.every((x) => x >= 1 && x < 10)).toBe(true);
    expect(l).toContain(1);
    // just above an open left end, rounding lands on lo: the next double up is returned instead
    const tight = sample(real(1, 1 + 2 ** -52, { closed: 'right' }), 300);
    expect(tight.every((x) => x === 1 + 2 ** -52)).toBe(true);
  });

  it('linear for real, logarithmic for logUniform, over the whole 2^30 grid', () => {
    const xs = unbiased(real(0, 1));
    expect(Math.abs(xs.filter((x) => x < 0.25).length / xs.length - 0.25)).toBeLessThan(0.03);
    expect(xs.some((x) => !Number.isInteger(x * 2 ** 20))).toBe(true);
    const ys = unbiased(logUniform(1, 1e4));
    for (let d = 0; d < 4; d++) expect(Math.abs(ys.filter((y) => y >= 10 ** d && y < 10 ** (d + 1)).length / ys.length - 0.25)).toBeLessThan(0.03);
  });

  it('kappa: min and max each about one draw in ten, the rest log-uniform between', () => {
    const ks = unbiased(kappa({ min: 2, max: 2e6 }), 5000);
    const at = (v: number) => ks.filter((k) => k === v).length / ks.length;
    expect(Math.abs(at(2) - 0.1)).toBeLessThan(0.02);
    expect(Math.abs(at(2e6) - 0.1)).toBeLessThan(0.02);
    const inner = ks.filter((k) => k !== 2 && k !== 2e6);
    expect(Math.abs(inner.filter((k) => k < 2e3).length / inner.length - 0.5)).toBeLessThan(0.04);
    expect(sample(kappa(), 2000)).toContain(1e8);
  });

  it('the defaults: rho on [1/2, 1), prefactor on [1, 2], alpha and epsilon on [1e-6, 1], log-uniform', () => {
    const rs = unbiased(rho(), 2000);
    expect(rs.every((r) => r >= 0.5 && r < 1)).toBe(true);
    expect(Math.abs(rs.filter((r) => r < 0.75).length / rs.length - 0.5)).toBeLessThan(0.04);
    const as = sample(alpha(), 2000);
    expect(as.every((a) => a >= 1e-6 && a <= 1)).toBe(true);
    expect(as).toContain(1e-6);
    expect(as).toContain(1);
    const au = unbiased(alpha(), 2000);
    expect(Math.abs(au.filter((a) => a < 1e-3).length / au.length - 0.5)).toBeLessThan(0.04);
    const es = sample(epsilon(), 2000);
    expect(es).toContain(1);
    const eu = unbiased(epsilon(1e-4, 1), 2000);
    expect(Math.abs(eu.filter((e) => e < 1e-2).length / eu.length - 0.5)).toBeLessThan(0.04);
    expect(sample(prefactor(3, 5), 500).every((c) => c >= 3 && c <= 5)).toBe(true);
  });

  it('dyadicIn: 20 bits by default, validated when made', () => {
    const xs = sample(dyadicIn(0, 1), 2000);
    expect(xs.every((x) => Number.isInteger(x * 2 ** 20))).toBe(true);
    expect(xs.some((x) => !Number.isInteger(x * 2 ** 16))).toBe(true);
    expect(xs).toContain(1);
  });
});
