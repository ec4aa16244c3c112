import { describe, expect, it } from 'vitest';
import { rng } from '../../src/random/rng.ts';

const draw = (seed: number | string, n: number, f: (r: ReturnType<typeof rng>) => number): number[] => {
  const r = rng(seed);
  return Array.from({ length: n }, () => f(r));
};

describe('rng', () => {
  it('is deterministic for a seed, and numbers and strings name the same stream', () => {
    expect(draw(42, 50, (r) => r.uniform())).toEqual(draw(42, 50, (r) => r.uniform()));
    expect(draw(42, 50, (r) => r.normal())).toEqual(draw('42', 50, (r) => r.normal()));
    expect(draw(42, 50, (r) => r.uniform())).not.toEqual(draw(43, 50, (r) => r.uniform()));
  });

  it('rejects non-finite seeds', () => {
    expect(() => rng(NaN)).toThrow(RangeError);
    expect(() => rng(Infinity)).toThrow(/seed/);
  });

  it('uniform() stays in [0, 1) and has mean ½ within 6 standard errors', () => {
    const n = 100_000;
    const xs = draw(1, n, (r) => r.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Var(U) = 1/12, so the standard error of the mean is √(1/(12n)); 6 SE makes a false alarm ~1e-9 likely.
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(6 * Math.sqrt(1 / (12 * n)));
  });

  it('normal() has mean 0, variance 1 and P(|Z| < 1) = 0.6827 within 6 standard errors', () => {
    // n = 10^6: 6·SE of the variance is then 0.0085, enough to see a 1% scale error.
    const n = 1_000_000;
    const xs = draw(7, n, (r) => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    // SE(mean) = 1/√n; SE(sample variance) = √(2/n) for a Gaussian (fourth moment 3).
    expect(Math.abs(mean)).toBeLessThan(6 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(6 * Math.sqrt(2 / n));
    // The moments alone would pass a scaled uniform; the mass within one σ pins the shape (binomial SE √(p(1−p)/n)).
    const p = 0.6826894921370859;
    const within = xs.filter((x) => Math.abs(x) < 1).length / n;
    expect(Math.abs(within - p)).toBeLessThan(6 * Math.sqrt((p * (1 - p)) / n));
    const tail = xs.filter((x) => Math.abs(x) > 3).length / n;
    const q = 0.0026997960632601866;
    expect(Math.abs(tail - q)).toBeLessThan(6 * Math.sqrt((q * (1 - q)) / n));
    // The polar method yields pairs (u·f, v·f): both halves must be standard and uncorrelated (SE √(2/m), 1/√m).
    const m = n / 2;
    let even = 0;
    let odd = 0;
    let cross = 0;
    for (let i = 0; i < n; i += 2) {
      even += xs[i] ** 2;
      odd += xs[i + 1] ** 2;
      cross += xs[i] * xs[i + 1];
    }
    expect(Math.abs(even / m - 1)).toBeLessThan(6 * Math.sqrt(2 / m));
    expect(Math.abs(odd / m - 1)).toBeLessThan(6 * Math.sqrt(2 / m));
    expect(Math.abs(cross / m)).toBeLessThan(6 / Math.sqrt(m));
  });

  it('int(lo, hi) includes both ends and is uniform within 6 standard errors per cell', () => {
    const n = 100_000;
    const counts = new Array<number>(10).fill(0);
    const r = rng('int');
    for (let i = 0; i < n; i++) counts[r.int(-3, 6) + 3]++;
    // Each count is Binomial(n, 1/10): SE = √(n·0.1·0.9).
    for (const c of counts) expect(Math.abs(c - n / 10)).toBeLessThan(6 * Math.sqrt(n * 0.09));
    // No modulo bias for a range that does not divide 2^53: with n = 3·2^51, a plain x mod n of a 53-bit x would put
    // half the draws below 2^51 instead of a third.
    const big = 3 * 2 ** 51;
    let low = 0;
    const m = 20_000;
    for (let i = 0; i < m; i++) if (r.int(0, big - 1) < 2 ** 51) low++;
    expect(Math.abs(low / m - 1 / 3)).toBeLessThan(6 * Math.sqrt(2 / 9 / m));
    expect(r.int(5, 5)).toBe(5);
    expect(() => r.int(2, 1)).toThrow(RangeError);
    expect(() => r.int(0.5, 2)).toThrow(/safe integers/);
  });

  it('dyadic() returns exact grid points, both ends reachable', () => {
    const r = rng('dy');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.dyadic(1, 2, 3);
      expect(Number.isInteger((x - 1) * 8)).toBe(true);
      seen.add(x);
    }
    expect([...seen].sort()).toEqual([1, 1.125, 1.25, 1.375, 1.5, 1.625, 1.75, 1.875, 2]);
    const y = r.dyadic(0.5, 1);
    expect(Number.isInteger(y * 2 ** 21)).toBe(true);
    expect(() => r.dyadic(0.1, 0.2)).toThrow(RangeError);
  });

  it('fork(label) is deterministic, independent of the parent position, and differs between labels', () => {
    const a = rng(5);
    const b = rng(5);
    b.uniform();
    b.normal();
    const fa = a.fork('x');
    const fb = b.fork('x');
    const xs = Array.from({ length: 20 }, () => fa.uniform());
    expect(Array.from({ length: 20 }, () => fb.uniform())).toEqual(xs);
    const other = rng(5).fork('y');
    expect(Array.from({ length: 20 }, () => other.uniform())).not.toEqual(xs);
    const parent = rng(5);
    expect(Array.from({ length: 20 }, () => parent.uniform())).not.toEqual(xs);
    // Fork of a fork: a further independent stream (compare the sample correlation with 6/√n).
    const n = 20_000;
    const u = rng(9).fork('a');
    const v = rng(9).fork('a').fork('b');
    let s = 0;
    for (let i = 0; i < n; i++) s += u.normal() * v.normal();
    expect(Math.abs(s / n)).toBeLessThan(6 / Math.sqrt(n));
  });

  it('permutation() is a permutation and pick() covers the list', () => {
    const r = rng(3);
    const p = r.permutation(50);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const picks = new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'])));
    expect(picks.size).toBe(3);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});
